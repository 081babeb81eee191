import type { Cipher } from '../src/core/pii/index.js';
import { type Demo, demoWeeks } from '../src/demo/index.js';
import type { CaseDraft, ComplaintDraft } from '../src/demo/record-draft.js';
import { type DemoProgress, writeDemoReferenceData } from '../src/demo/store-writer.js';
import { caseRow, complaintRow, createRefResolver, insertRecordRows, type RefResolver } from '../src/records/index.js';
import type { Db } from '../src/store/database.js';
import { inTransaction } from '../src/store/transaction.js';

/*
 * The baseline of bench/demo.ts: the demo writer as it was before the fast path (commit db9f8b1's store-writer), kept
 * here to be measured in the same run. One thread; per week one transaction; rows from the records' row builders
 * with codes resolved through the async resolver; Kysely multi-row INSERTs of 500 rows (insertRecordRows), which
 * Kysely compiles and better-sqlite3 prepares anew each time; the record tables' indexes kept up row by row; the
 * ids of referred complaints looked up one by one. It shares today's row builders with the fast path.
 */

/** Write the demo town the way the writer did before the fast path. */
export async function writeDemoTownBefore(
  deps: { db: Db; cipher: Cipher },
  demo: Demo,
  onProgress: (progress: DemoProgress) => void,
): Promise<void> {
  await writeDemoReferenceData(deps.db, demo);
  const resolver = createRefResolver();
  let done = 0;
  for (const { records } of demoWeeks(demo)) {
    const complaints = records.filter((r): r is ComplaintDraft => r.kind === 'complaint');
    const cases = records.filter((r): r is CaseDraft => r.kind === 'case');
    await inTransaction(deps.db, async (db) => {
      await writeComplaints(db, deps.cipher, resolver, complaints);
      await writeCases(db, resolver, cases, complaints);
    });
    done += records.length;
    onProgress({ done, total: demo.options.records });
  }
}

async function writeComplaints(db: Db, cipher: Cipher, resolver: RefResolver, drafts: ComplaintDraft[]) {
  const now = Date.now();
  const rows = [];
  for (const draft of drafts) {
    rows.push(complaintRow(draft, await resolver.resolve(db, draft), cipher, now));
  }
  await insertRecordRows(db, 'complaint', rows);
}

async function writeCases(db: Db, resolver: RefResolver, drafts: CaseDraft[], complaints: ComplaintDraft[]) {
  const now = Date.now();
  const referred = new Set(drafts.flatMap((draft) => (draft.complaintExternalNo ? [draft.complaintExternalNo] : [])));
  const ids = new Map<string, number>();
  for (const { sourceSystem, externalNo } of complaints.filter((c) => referred.has(c.externalNo))) {
    const row = await db
      .selectFrom('complaint')
      .select('id')
      .where('source_system', '=', sourceSystem)
      .where('external_no', '=', externalNo)
      .executeTakeFirst();
    if (row) {
      ids.set(externalNo, row.id);
    }
  }
  const rows = [];
  for (const draft of drafts) {
    const complaintId = draft.complaintExternalNo ? (ids.get(draft.complaintExternalNo) ?? null) : null;
    rows.push(caseRow(draft, await resolver.resolve(db, draft), complaintId, now));
  }
  await insertRecordRows(db, 'enforcement_case', rows);
}
