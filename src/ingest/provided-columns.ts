import type { Profile } from './profile.schema.js';
import type { RowMapper } from './row-mapper.js';

/** The stored columns each input field sets, derived ones included (a day and week from openedAt …). */
const FIELD_COLUMNS: Record<string, readonly string[]> = {
  townCode: ['town_id'],
  placeCode: ['place_id'],
  categoryCode: ['category_id'],
  departmentCode: ['department_id'],
  enterpriseCreditCode: ['enterprise_id'],
  title: ['title'],
  content: ['content'],
  address: ['address'],
  openedAt: ['opened_at', 'opened_day', 'opened_week', 'handling_ms', 'handling_work_ms'],
  deadlineAt: ['deadline_at'],
  firstResponseAt: ['first_response_at', 'status'],
  closedAt: ['closed_at', 'handling_ms', 'handling_work_ms', 'status'],
  difficult: ['difficult'],
  status: ['status'],
  channel: ['channel'],
  complainantName: ['complainant_name_enc'],
  complainantPhone: ['complainant_phone_enc', 'complainant_phone_hash'],
  resolved: ['resolved'],
  satisfaction: ['satisfaction'],
  reopenCount: ['reopen_count'],
  lat: ['lat'],
  lng: ['lng'],
  mediaUrl: ['media_url'],
  source: ['source'],
  partyName: ['party_name'],
  outcome: ['outcome'],
  penaltyFen: ['penalty_fen'],
  complaintExternalNo: ['complaint_id'],
};

/**
 * The columns an import speaks for: those of the fields its file has a column for, or its profile gives a default,
 * and the town. An update from this file leaves every other column as stored (see records' UpsertContext.columns).
 */
export function providedColumns(profile: Profile, mapper: RowMapper): Set<string> {
  const fields = new Set(['townCode', ...Object.keys(profile.defaults)]);
  for (const column of profile.columns) {
    if (mapper.columnOf(column.field) !== null) {
      fields.add(column.field);
    }
  }
  return new Set([...fields].flatMap((field) => FIELD_COLUMNS[field] ?? []));
}
