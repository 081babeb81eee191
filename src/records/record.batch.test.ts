import { beforeAll, describe, expect, it } from 'vitest';
import { expectInvalid } from '../core/testing.js';
import { parseInput } from '../core/validation.js';
import { testDatabases, useTestStore } from '../store/testing.js';
import { inTransaction } from '../store/transaction.js';
import { createCaseSchema } from './case.schema.js';
import { upsertCases } from './case.service.js';
import { createComplaintSchema } from './complaint.schema.js';
import { createComplaint, upsertComplaint, upsertComplaints } from './complaint.service.js';
import { upsertRecordBatch } from './record.batch.js';
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

/** Batches through the API: each item answered on its own, the valid ones upserted in one transaction. */
describe.each(testDatabases)('record batch upserts on %s', (dialect) => {
  const t = useTestStore(dialect);
  const deps = () => recordDeps(t.db);
  beforeAll(async () => {
    await seedRecordWorld(t.db);
  });
  const keyed = (prefix: string) =>
    t.db.selectFrom('complaint').select(['id', 'external_no', 'content']).where('external_no', 'like', `${prefix}%`);

  it('answers every item: inserted, updated, unchanged, or rejected with its fields', async () => {
    const kept = await upsertComplaint(deps(), makeComplaintInput({ externalNo: 'MIX-kept' }));
    const edited = await upsertComplaint(deps(), makeComplaintInput({ externalNo: 'MIX-edited' }));
    const items: unknown[] = [
      makeComplaintInput({ externalNo: 'MIX-new-1' }),
      makeComplaintInput({ externalNo: 'MIX-kept' }),
      makeComplaintInput({ externalNo: 'MIX-edited', content: '改过的内容' }),
      makeComplaintInput({ externalNo: 'MIX-bad-1', openedAt: 'yesterday', content: '' }),
      makeComplaintInput({ externalNo: 'MIX-bad-2', categoryCode: 'no.such' }),
      makeComplaintInput({ externalNo: 'MIX-new-1', content: '同一批里重复的编号' }),
      'not an object',
      makeComplaintInput({ externalNo: 'MIX-new-2', placeCode: world.otherTownVillage }),
      makeComplaintInput({ externalNo: 'MIX-new-3', departmentCode: 'labour' }),
    ];
    const result = await upsertComplaints(deps(), { items });
    expect(result.counts).toEqual({ inserted: 2, updated: 1, unchanged: 1, rejected: 5 });
    expect(result.results.map((r) => [r.index, r.outcome])).toEqual([
      [0, 'inserted'],
      [1, 'unchanged'],
      [2, 'updated'],
      [3, 'rejected'],
      [4, 'rejected'],
      [5, 'rejected'],
      [6, 'rejected'],
      [7, 'rejected'],
      [8, 'inserted'],
    ]);
    const paths = result.results.map((r) => r.errors?.map((e) => e.path));
    expect(paths[3]).toEqual(expect.arrayContaining(['items.3.openedAt', 'items.3.content']));
    expect(paths[4]).toEqual(['items.4.categoryCode']);
    expect(paths[5]).toEqual(['items.5.externalNo']);
    expect(result.results[5]?.errors?.[0]?.message).toMatch(/item 0/);
    expect(paths[6]).toEqual(['items.6']);
    expect(paths[7]).toEqual(['items.7.placeCode']);
    expect(result.results[1]?.id).toBe(kept.record.id);
    expect(result.results[2]?.id).toBe(edited.record.id);

    const stored = await keyed('MIX-').orderBy('external_no').execute();
    expect(stored.map((r) => [r.external_no, r.id])).toEqual([
      ['MIX-edited', edited.record.id],
      ['MIX-kept', kept.record.id],
      ['MIX-new-1', result.results[0]?.id],
      ['MIX-new-3', result.results[8]?.id],
    ]);
    expect(stored.find((r) => r.external_no === 'MIX-new-1')?.content).toBe(makeComplaintInput().content);
    const history = await t.db
      .selectFrom('record_change')
      .select(['record_id', 'origin', 'changes'])
      .where('record_kind', '=', 'complaint')
      .where('record_id', 'in', [kept.record.id, edited.record.id])
      .execute();
    expect(history.map((h) => [h.record_id, h.origin, Object.keys(JSON.parse(h.changes))])).toEqual([
      [edited.record.id, 'api', ['content']],
    ]);
  });

  it('takes a duplicate whose first copy was rejected, and refuses an empty or oversized batch naming items', async () => {
    const result = await upsertComplaints(deps(), {
      items: [
        makeComplaintInput({ externalNo: 'DUPE-1', categoryCode: 'no.such' }),
        makeComplaintInput({ externalNo: 'DUPE-1' }),
      ],
    });
    expect(result.results.map((r) => r.outcome)).toEqual(['rejected', 'inserted']);
    await expectInvalid(upsertComplaints(deps(), { items: [] }), 'items');
    await expectInvalid(upsertComplaints(deps(), { items: Array.from({ length: 1_001 }, () => ({})) }), 'items');
    await expectInvalid(upsertComplaints(deps(), { rows: [makeComplaintInput()] }), 'items');
    await expectInvalid(upsertCases(deps(), null), '(input)');
  });

  it('links cases to complaints of their town by id, once per complaint', async () => {
    const here = await upsertComplaint(deps(), makeComplaintInput());
    const there = await upsertComplaint(
      deps(),
      makeComplaintInput({ townCode: world.otherTown, placeCode: world.otherTownVillage }),
    );
    const result = await upsertCases(deps(), {
      items: [
        makeCaseInput({ externalNo: 'CB-1', complaintId: here.record.id, source: 'complaint_referral' }),
        makeCaseInput({ externalNo: 'CB-2', complaintId: here.record.id }),
        makeCaseInput({ externalNo: 'CB-3', complaintId: there.record.id }),
        makeCaseInput({ externalNo: 'CB-4', complaintId: 999_999 }),
        makeCaseInput({ externalNo: 'CB-5', status: 'closed' }),
      ],
    });
    expect(result.counts).toEqual({ inserted: 2, updated: 0, unchanged: 0, rejected: 3 });
    expect(result.results.map((r) => r.errors?.[0]?.path ?? r.outcome)).toEqual([
      'inserted',
      'inserted',
      'items.2.complaintId',
      'items.3.complaintId',
      'items.4.closedAt',
    ]);
    const links = await t.db
      .selectFrom('enforcement_case')
      .select(['external_no', 'complaint_id', 'source'])
      .where('external_no', 'in', ['CB-1', 'CB-2'])
      .orderBy('external_no')
      .execute();
    expect(links).toEqual([
      { external_no: 'CB-1', complaint_id: here.record.id, source: 'complaint_referral' },
      { external_no: 'CB-2', complaint_id: here.record.id, source: 'patrol' },
    ]);
  });

  it('writes none of a batch when the database refuses one of its rows', async () => {
    const existing = await upsertComplaint(deps(), makeComplaintInput({ externalNo: 'FAIL-0' }));
    const items = ['FAIL-0', 'FAIL-1', 'FAIL-2', 'FAIL-3'].map((externalNo) =>
      makeComplaintInput({ externalNo, content: `批次内容 ${externalNo}` }),
    );
    // A row builder that breaks a CHECK constraint for one item: a failure only the database sees.
    const failing = upsertRecordBatch(
      deps(),
      { items },
      {
        table: 'complaint',
        schema: createComplaintSchema,
        row: async (_db, data, refs, now) => ({
          ...complaintRow(data, refs, testCipher, now),
          ...(data.externalNo === 'FAIL-2' ? { difficult: 7 } : {}),
        }),
      },
    );
    await expect(failing).rejects.toThrow();
    const stored = await keyed('FAIL-').execute();
    expect(stored).toEqual([{ id: existing.record.id, external_no: 'FAIL-0', content: existing.record.content }]);
    const history = await t.db
      .selectFrom('record_change')
      .select('id')
      .where('record_kind', '=', 'complaint')
      .where('record_id', '=', existing.record.id)
      .execute();
    expect(history).toEqual([]);
  });

  it('writes a full batch of 1,000 in one go', async () => {
    const items = Array.from({ length: 1_000 }, (_, i) =>
      makeComplaintInput({ externalNo: `FULL-${i}`, placeCode: i % 2 ? world.village : world.group }),
    );
    const first = await upsertComplaints(deps(), { items });
    expect(first.counts).toEqual({ inserted: 1_000, updated: 0, unchanged: 0, rejected: 0 });
    expect(new Set(first.results.map((r) => r.id)).size).toBe(1_000);
    const again = await upsertComplaints(deps(), { items });
    expect(again.counts).toEqual({ inserted: 0, updated: 0, unchanged: 1_000, rejected: 0 });
    expect(again.results.map((r) => r.id)).toEqual(first.results.map((r) => r.id));
  });
});
