import type { CaseRow } from './case.repo.js';
import type { Case } from './case.schema.js';
import { presentRecordCore } from './record.presenter.js';

/** An enforcement case as it leaves the server. */
export function presentCase(row: CaseRow, now = Date.now()): Case {
  return {
    ...presentRecordCore(row, now),
    source: row.source,
    status: row.status,
    partyName: row.party_name,
    outcome: row.outcome,
    penaltyFen: row.penalty_fen,
    complaintId: row.complaint_id,
  };
}
