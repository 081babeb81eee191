import { insideBoundary } from '../../places/index.js';
import type { Random } from '../random.js';
import type { ComplaintDraft } from '../record-draft.js';
import type { LngLat } from '../town.js';
import type { ExportColumn } from './columns.js';
import { EXPORT_TIME_ZONE, ISO_DATETIME_PATTERN, isoDateTime } from './formats.js';
import type { ExportLookups } from './lookups.js';
import { COMPLAINT_STATUS_ZH } from './vocabulary.js';

/** A complaint with the point it is shown at on the map (WGS84). */
export interface LocatedComplaint {
  complaint: ComplaintDraft;
  point: LngLat;
}

/** A field of an Open311 service request: the JSON key is the header. */
export type Open311Field = ExportColumn<LocatedComplaint, string | number, keyof ComplaintDraft & string>;

/** Yiwu's postal code: every address of the demo town has it. */
const ZIPCODE = '322000';
/** Jitter radius around the place's centroid, metres. */
const JITTER_M = 250;
const M_PER_DEGREE_LAT = 110_574;
const M_PER_DEGREE_LNG_AT_EQUATOR = 111_320;

const datetime = { type: 'text_datetime', pattern: ISO_DATETIME_PATTERN, timeZone: EXPORT_TIME_ZONE } as const;
const text = { type: 'text' } as const;
const at = (ms: number | undefined) => (ms === undefined ? undefined : isoDateTime(ms));

/**
 * The fields of `open311-requests.json`, in the order of Open311 GeoReport v2's GET requests response
 * (https://wiki.open311.org/GeoReport_v2/#get-service-requests). `status` is open or closed; `status_notes` carries
 * the platform's own status word; `address_id` is our place code.
 */
export const OPEN311_FIELDS: readonly Open311Field[] = [
  { header: 'service_request_id', field: 'externalNo', format: text, value: ({ complaint: c }) => c.externalNo },
  {
    header: 'status',
    field: 'openClosed',
    format: { type: 'enum', values: { open: 'open', closed: 'closed' } },
    note: '已办结、已撤销为 closed，其余为 open',
    value: ({ complaint: c }) => (c.closedAt === undefined ? 'open' : 'closed'),
  },
  {
    header: 'status_notes',
    field: 'status',
    format: { type: 'enum', values: COMPLAINT_STATUS_ZH },
    value: ({ complaint: c }) => COMPLAINT_STATUS_ZH[c.status],
  },
  {
    header: 'service_name',
    field: 'categoryCode',
    format: { type: 'category_name' },
    value: ({ complaint: c }, l) => l.categoryNames.get(c.categoryCode),
  },
  { header: 'service_code', field: 'categoryCode', format: text, value: ({ complaint: c }) => c.categoryCode },
  { header: 'description', field: 'content', format: text, value: ({ complaint: c }) => c.content },
  {
    header: 'agency_responsible',
    field: 'departmentCode',
    format: { type: 'department_name' },
    value: ({ complaint: c }, l) => (c.departmentCode ? l.departmentNames.get(c.departmentCode) : undefined),
  },
  { header: 'requested_datetime', field: 'openedAt', format: datetime, value: ({ complaint: c }) => at(c.openedAt) },
  {
    header: 'updated_datetime',
    field: 'updatedAt',
    format: datetime,
    note: '办结时间，未办结的为首次响应时间或受理时间',
    value: ({ complaint: c }) => at(c.closedAt ?? c.firstResponseAt ?? c.openedAt),
  },
  { header: 'expected_datetime', field: 'deadlineAt', format: datetime, value: ({ complaint: c }) => at(c.deadlineAt) },
  { header: 'address', field: 'address', format: text, value: ({ complaint: c }) => c.address },
  { header: 'address_id', field: 'placeCode', format: text, value: ({ complaint: c }) => c.placeCode },
  { header: 'zipcode', field: 'zipcode', format: text, note: '义乌市邮政编码', value: () => ZIPCODE },
  { header: 'lat', field: 'lat', format: { type: 'degrees' }, value: ({ point }) => point.lat },
  { header: 'long', field: 'long', format: { type: 'degrees' }, value: ({ point }) => point.lng },
];

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/**
 * Where a complaint is shown: its place's centroid (the group's, or the village's) moved by up to 250 m in a random
 * direction, staying inside the village; the centroid itself when ten tries land outside.
 */
export function complaintPoint(random: Random, complaint: ComplaintDraft, lookups: ExportLookups): LngLat {
  const centre = lookups.centroids.get(complaint.placeCode);
  const village = lookups.villages.get(complaint.placeCode);
  if (!centre || !village) {
    throw new TypeError(`complaint ${complaint.externalNo} has a place the town does not have: ${complaint.placeCode}`);
  }
  const mPerDegreeLng = M_PER_DEGREE_LNG_AT_EQUATOR * Math.cos((centre.lat * Math.PI) / 180);
  for (let attempt = 0; attempt < 10; attempt++) {
    const r = JITTER_M * Math.sqrt(random.next());
    const angle = 2 * Math.PI * random.next();
    const point = {
      lng: round6(centre.lng + (r * Math.cos(angle)) / mPerDegreeLng),
      lat: round6(centre.lat + (r * Math.sin(angle)) / M_PER_DEGREE_LAT),
    };
    if (insideBoundary(village.boundary, point)) {
      return point;
    }
  }
  return centre;
}
