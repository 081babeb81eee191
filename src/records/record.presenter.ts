import { townIso } from '../core/time/index.js';
import { maskPersonalText } from './personal-text.js';
import type { RecordRefs } from './record.repo.js';

function townIsoOrNull(ms: number | null): string | null {
  return ms === null ? null : townIso(ms);
}

/** The core columns of either record table, with the codes and names it points at. */
export interface RecordCoreRow extends RecordRefs {
  id: number;
  source_system: string;
  external_no: string;
  title: string | null;
  content: string;
  address: string | null;
  opened_at: number;
  opened_day: string;
  opened_week: number;
  deadline_at: number | null;
  first_response_at: number | null;
  closed_at: number | null;
  difficult: number;
  handling_ms: number | null;
  handling_work_ms: number | null;
  created_at: number;
  updated_at: number;
}

/**
 * The fields complaints and cases share, as they leave the server. `now` decides whether a record still open is
 * overdue: it is from its deadline on (core/time deadlineAfter), as is a record closed at or after it. The phone and
 * ID numbers that title, content and address visibly carry are masked, like the complainant's own fields; a
 * complaint read with a reason (`reveal`) shows them.
 */
export function presentRecordCore(row: RecordCoreRow, now: number) {
  const ref = (code: string | null, name: string | null) => (code !== null && name !== null ? { code, name } : null);
  return {
    id: row.id,
    town: { code: row.town_code, name: row.town_name },
    category: { code: row.category_code, name: row.category_name },
    place: ref(row.place_code, row.place_name),
    department: ref(row.department_code, row.department_name),
    enterprise:
      row.enterprise_credit_code !== null && row.enterprise_name !== null
        ? { creditCode: row.enterprise_credit_code, name: row.enterprise_name }
        : null,
    sourceSystem: row.source_system,
    externalNo: row.external_no,
    title: row.title === null ? null : maskPersonalText(row.title),
    content: maskPersonalText(row.content),
    address: row.address === null ? null : maskPersonalText(row.address),
    openedAt: townIso(row.opened_at),
    openedAtMs: row.opened_at,
    openedDay: row.opened_day,
    openedWeek: row.opened_week,
    deadlineAt: townIsoOrNull(row.deadline_at),
    deadlineAtMs: row.deadline_at,
    firstResponseAt: townIsoOrNull(row.first_response_at),
    firstResponseAtMs: row.first_response_at,
    closedAt: townIsoOrNull(row.closed_at),
    closedAtMs: row.closed_at,
    overdue: row.deadline_at !== null && (row.closed_at ?? now) >= row.deadline_at,
    difficult: row.difficult === 1,
    handlingMs: row.handling_ms,
    handlingWorkMs: row.handling_work_ms,
    createdAt: townIso(row.created_at),
    updatedAt: townIso(row.updated_at),
  };
}
