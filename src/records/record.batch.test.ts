import { beforeAll, describe, expect, it } from 'vitest';
import { parseInput } from '../core/validation.js';
import { testDatabases, useTestStore } from '../store/testing.js';
import { inTransaction } from '../store/transaction.js';
import { createCaseSchema } from './case.schema.js';
import { createComplaintSchema } from './complaint.schema.js';
import { createComplaint } from './complaint.service.js';
import { createRefResolver } from './record.refs.js';
import { insertRecordRows } from './record.repo.js';
import { caseRow, complaintRow } from './record.rows.js';
import { makeCaseInput, makeComplaintInput, recordDeps, seedRecordWorld, testCipher, world } from './record.testing.js';

/** The batch path the demo and intake write through: resolve codes once, build rows, insert many per statement. */
describe.each(testDatabases)('record batches on %s', (dialect) => {
  const t = useTestStore(dialect);
  beforeAll(async () => {
    await seedRecordWorld(t.db);
  });

  it('stores the same row as the single-record service', async () => {
    const input = makeComplaintInput({ closedAt: '2025-06-09T09:30:00+08:00', deadlineWorkingDays: 5 });
    const viaService = await createComplaint(recordDeps(t.db), input);
    const single = await t.db
      .selectFrom('complaint')
      .selectAll()
      .where('id', '=', viaService.id)
      .executeTakeFirstOrThrow();

    const data = parseInput(createComplaintSchema, { ...input, externalNo: `${input.externalNo}-batch` });
    const refs = await createRefResolver().resolve(t.db, data);
    await insertRecordRows(t.db, 'complaint', [complaintRow(data, refs, testCipher, single.created_at)]);
    const batch = await t.db
      .selectFrom('complaint')
      .selectAll()
      .where('external_no', '=', data.externalNo)
      .executeTakeFirstOrThrow();

    const differing = ['id', 'external_no', 'complainant_name_enc', 'complainant_phone_enc'] as const;
    for (const key of Object.keys(single) as (keyof typeof single)[]) {
      if (!(differing as readonly string[]).includes(key)) {
        expect([key, batch[key]]).toEqual([key, single[key]]);
      }
    }
    expect(testCipher.decrypt(batch.complainant_phone_enc ?? '')).toBe('13812345678');
  });

  it('writes many rows across statements, and skips ones already stored', async () => {
    const resolver = createRefResolver();
    const inputs = Array.from({ length: 1_203 }, (_, i) =>
      makeCaseInput({ externalNo: `BATCH-${i}`, placeCode: i % 2 ? world.village : world.group }),
    );
    const rows = await Promise.all(
      inputs.map(async (input) => {
        const data = parseInput(createCaseSchema, input);
        return caseRow(data, await resolver.resolve(t.db, data), null, 1);
      }),
    );
    await inTransaction(t.db, (trx) => insertRecordRows(trx, 'enforcement_case', rows));
    await inTransaction(t.db, (trx) => insertRecordRows(trx, 'enforcement_case', rows.slice(0, 600)));
    const { n } = await t.db
      .selectFrom('enforcement_case')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('external_no', 'like', 'BATCH-%')
      .executeTakeFirstOrThrow();
    expect(n).toBe(1_203);
  });

  it('names the field of an unknown code, also after a good lookup of another', async () => {
    const resolver = createRefResolver();
    const good = parseInput(createComplaintSchema, makeComplaintInput());
    await resolver.resolve(t.db, good);
    const bad = parseInput(createComplaintSchema, makeComplaintInput({ placeCode: world.otherTownVillage }));
    await expect(resolver.resolve(t.db, bad)).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/^placeCode:/),
    });
    const unknown = parseInput(createComplaintSchema, makeComplaintInput({ categoryCode: 'no.such' }));
    await expect(resolver.resolve(t.db, unknown)).rejects.toMatchObject({
      message: expect.stringMatching(/^categoryCode:/),
    });
  });
});
