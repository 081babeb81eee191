import { maskPersonalText } from '../records/index.js';
import type { ComplaintStatus } from '../store/tables/records.js';
import type { ServiceRequestRow } from './request.repo.js';

/** The request text is public in Open311 and often carries a callback number: masked (see records). */
export { maskPersonalText };

/** A service request as Open311 shows it ("GET Service Requests" response), in the spec's field order. */
export type Open311Request = {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string;
  service_name: string;
  service_code: string;
  description: string;
  agency_responsible: string | null;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string | null;
  address: string | null;
  address_id: string | null;
  zipcode: string | null;
  lat: number | null;
  long: number | null;
  media_url: string | null;
};

/** Our statuses in Chinese, for status_notes; Open311 itself knows only open and closed. */
export const statusNotes: Record<ComplaintStatus, string> = {
  received: '已受理',
  dispatched: '已派单',
  in_progress: '办理中',
  responded: '已回复',
  closed: '已办结',
  cancelled: '已撤销',
};

/** The statuses Open311 calls closed; every other one is open. */
export const closedStatuses: readonly ComplaintStatus[] = ['closed', 'cancelled'];

const TOWN_OFFSET_MS = 8 * 3_600_000;

/** An instant in the w3 date-time format the spec asks for, in the town's offset: `2025-06-02T09:30:00+08:00`. */
export function w3Datetime(ms: number): string {
  return `${new Date(ms + TOWN_OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}

/**
 * A complaint as an Open311 request. Its own point when it has one, else its place's centroid; the address as given,
 * else the place and town names (most specific first). Nothing of the complainant.
 */
export function presentServiceRequest(row: ServiceRequestRow): Open311Request {
  const point =
    row.lat !== null && row.lng !== null
      ? { lat: row.lat, lng: row.lng }
      : row.place_lat !== null && row.place_lng !== null
        ? { lat: row.place_lat, lng: row.place_lng }
        : null;
  const closed = closedStatuses.includes(row.status);
  return {
    service_request_id: String(row.id),
    status: closed ? 'closed' : 'open',
    status_notes: statusNotes[row.status],
    service_name: row.category_name,
    service_code: row.category_code,
    description: maskPersonalText(row.content),
    agency_responsible: row.department_name,
    service_notice: null,
    requested_datetime: w3Datetime(row.opened_at),
    updated_datetime: w3Datetime(closed && row.closed_at !== null ? row.closed_at : row.updated_at),
    expected_datetime: row.deadline_at === null ? null : w3Datetime(row.deadline_at),
    address: row.address ?? (row.place_name === null ? null : `${row.place_name}，${row.town_name}`),
    address_id: row.place_code,
    zipcode: null,
    lat: point?.lat ?? null,
    long: point?.lng ?? null,
    media_url: row.media_url,
  };
}
