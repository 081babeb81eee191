import type { Insertable } from 'kysely';
import type { Cipher } from '../core/pii/index.js';
import { dayOf, deadlineAfter, isoWeekOf, workingTimeBetween } from '../core/time/index.js';
import type { ComplaintTable, EnforcementCaseTable, RecordCoreColumns } from '../store/tables/records.js';
import type { CaseData } from './case.schema.js';
import type { ComplaintData } from './complaint.schema.js';
import type { RecordRefs } from './record.refs.js';
import type { RecordCoreData } from './record.schema.js';

/*
 * Validated record data → the rows stored, with nothing read from the store: the day and ISO week of opening in the
 * town, the deadline, the handling durations on closure, the status when the input leaves it out, and the
 * complainant's personal data encrypted. The single-record services and the batch writers (demo, intake) share it.
 */

/** The core columns of a record from its data and resolved references. */
export function recordCoreRow(data: RecordCoreData, refs: RecordRefs, now: number): Insertable<RecordCoreColumns> {
  const openedDay = dayOf(data.openedAt);
  const deadline =
    data.deadlineAt ??
    (data.deadlineWorkingDays === undefined ? null : deadlineAfter(data.openedAt, data.deadlineWorkingDays));
  const closedAt = data.closedAt ?? null;
  return {
    town_id: refs.townId,
    source_system: data.sourceSystem,
    external_no: data.externalNo,
    category_id: refs.categoryId,
    place_id: refs.placeId,
    enterprise_id: refs.enterpriseId,
    department_id: refs.departmentId,
    title: data.title ?? null,
    content: data.content,
    address: data.address ?? null,
    opened_at: data.openedAt,
    opened_day: openedDay,
    opened_week: isoWeekOf(openedDay),
    deadline_at: deadline,
    first_response_at: data.firstResponseAt ?? null,
    closed_at: closedAt,
    difficult: data.difficult ? 1 : 0,
    handling_ms: closedAt === null ? null : closedAt - data.openedAt,
    handling_work_ms: closedAt === null ? null : workingTimeBetween(data.openedAt, closedAt),
    created_at: now,
    updated_at: now,
  };
}

/** The status a complaint is in when the input does not say: how far its own fields show it got. */
function complaintStatus(data: ComplaintData): ComplaintTable['status'] {
  if (data.status !== undefined) {
    return data.status;
  }
  if (data.closedAt !== undefined) {
    return 'closed';
  }
  if (data.firstResponseAt !== undefined) {
    return 'responded';
  }
  return data.departmentCode !== undefined ? 'dispatched' : 'received';
}

/** A complaint row: the complainant's name and phone encrypted, with a blind index of the phone. */
export function complaintRow(
  data: ComplaintData,
  refs: RecordRefs,
  cipher: Cipher,
  now: number,
): Insertable<ComplaintTable> {
  return Object.assign(recordCoreRow(data, refs, now), {
    channel: data.channel,
    status: complaintStatus(data),
    complainant_name_enc: data.complainantName === undefined ? null : cipher.encrypt(data.complainantName),
    complainant_phone_enc: data.complainantPhone === undefined ? null : cipher.encrypt(data.complainantPhone),
    complainant_phone_hash: data.complainantPhone === undefined ? null : cipher.blindIndex(data.complainantPhone),
    resolved: data.resolved === undefined ? null : data.resolved ? 1 : 0,
    satisfaction: data.satisfaction ?? null,
    reopen_count: data.reopenCount,
    lat: data.lat ?? null,
    lng: data.lng ?? null,
    media_url: data.mediaUrl ?? null,
    attributes: data.attributes === undefined ? null : JSON.stringify(data.attributes),
  });
}

/** The status a case is in when the input does not say: closed with closedAt, decided with an outcome, else opened. */
function caseStatus(data: CaseData): EnforcementCaseTable['status'] {
  if (data.status !== undefined) {
    return data.status;
  }
  if (data.closedAt !== undefined) {
    return 'closed';
  }
  return data.outcome !== undefined ? 'decided' : 'opened';
}

/** An enforcement case row; `complaintId` is the (already checked) complaint it came from. */
export function caseRow(
  data: CaseData,
  refs: RecordRefs,
  complaintId: number | null,
  now: number,
): Insertable<EnforcementCaseTable> {
  return Object.assign(recordCoreRow(data, refs, now), {
    source: data.source,
    status: caseStatus(data),
    party_name: data.partyName ?? null,
    outcome: data.outcome ?? null,
    penalty_fen: data.penaltyFen ?? null,
    complaint_id: complaintId,
  });
}
