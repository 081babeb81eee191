import { parseInput } from '../core/validation.js';
import { updateCube } from '../cube/index.js';
import {
  type CreateCaseInput,
  type CreateComplaintInput,
  caseRow,
  complaintRow,
  createCaseSchema,
  createComplaintSchema,
  createRefResolver,
  type RecordInsert,
  recordKey,
  upsertRecords,
} from '../records/index.js';
import { testCipher } from '../records/record.testing.js';
import type { Db } from '../store/database.js';
import { inTransaction } from '../store/transaction.js';

/*
 * Test support for stats: records written through the one write path (upsertRecords) with the cube kept in the same
 * transaction, as intake and the API write them.
 */

export type TestRecord = { kind: 'complaint'; input: CreateComplaintInput } | { kind: 'case'; input: CreateCaseInput };

/**
 * Write records in one transaction, in order, through upsertRecords with updateCube as AfterWrite: a record repeating
 * an earlier key updates it (the cube takes away what it counted before and adds what it counts now).
 */
export async function writeRecords(db: Db, records: readonly TestRecord[], now = Date.now()): Promise<void> {
  await inTransaction(db, async (tx) => {
    const resolver = createRefResolver();
    let batch: { table: 'complaint' | 'enforcement_case'; rows: RecordInsert[]; keys: Set<string> } | undefined;
    const flush = async () => {
      if (batch) {
        await upsertRecords(tx, batch.table, batch.rows, {
          cipher: testCipher,
          origin: 'test',
          batchId: null,
          now,
          afterWrite: updateCube,
        });
      }
      batch = undefined;
    };
    for (const record of records) {
      let row: RecordInsert;
      if (record.kind === 'complaint') {
        const data = parseInput(createComplaintSchema, record.input);
        row = complaintRow(data, await resolver.resolve(tx, data), testCipher, now);
      } else {
        const data = parseInput(createCaseSchema, record.input);
        row = caseRow(data, await resolver.resolve(tx, data), null, now);
      }
      const table = record.kind === 'complaint' ? 'complaint' : 'enforcement_case';
      const key = recordKey(row.source_system, row.external_no);
      if (batch && (batch.table !== table || batch.keys.has(key))) {
        await flush();
      }
      batch ??= { table, rows: [], keys: new Set() };
      batch.rows.push(row);
      batch.keys.add(key);
    }
    await flush();
  });
}
