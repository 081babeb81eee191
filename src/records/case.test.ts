import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabases, useTestStore } from '../store/testing.js';
import { createCase, getCase, listCases, upsertCase } from './case.service.js';
import { createComplaint } from './complaint.service.js';
import { makeCaseInput, makeComplaintInput, recordDeps, seedRecordWorld, world } from './record.testing.js';

const HOUR = 3_600_000;

describe.each(testDatabases)('enforcement cases on %s', (dialect) => {
  const t = useTestStore(dialect);
  const deps = () => recordDeps(t.db);
  beforeAll(async () => {
    await seedRecordWorld(t.db);
  });

  it('records a case from a complaint, with outcome, fine and durations, and reads it back', async () => {
    const complaint = await createComplaint(deps(), makeComplaintInput({ enterpriseCreditCode: world.enterprise }));
    const created = await createCase(
      deps(),
      makeCaseInput({
        source: 'complaint_referral',
        complaintId: complaint.id,
        categoryCode: 'labour.enterprise_dispute.wage_arrears',
        placeCode: world.village,
        enterpriseCreditCode: world.enterprise,
        departmentCode: 'enforcement',
        partyName: '义乌市苏华服饰有限公司',
        outcome: 'penalty',
        penaltyFen: 500_000,
        // Tuesday 10:00 to Thursday 16:00 of the same week: 54 hours, all on working days
        openedAt: '2025-06-03T10:00:00+08:00',
        closedAt: '2025-06-05T16:00:00+08:00',
        deadlineAt: '2025-06-30T00:00:00+08:00',
      }),
    );
    expect(created).toMatchObject({
      source: 'complaint_referral',
      status: 'closed',
      complaintId: complaint.id,
      enterprise: { creditCode: world.enterprise },
      department: { code: 'enforcement' },
      partyName: '义乌市苏华服饰有限公司',
      outcome: 'penalty',
      penaltyFen: 500_000,
      openedDay: '2025-06-03',
      openedWeek: 202523,
      handlingMs: 54 * HOUR,
      handlingWorkMs: 54 * HOUR,
      overdue: false,
    });
    expect(await getCase(deps(), created.id)).toEqual(created);
    await expect(getCase(deps(), 999_999)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('derives the status from what the case shows and keeps the summary optional', async () => {
    const opened = await createCase(deps(), makeCaseInput({ content: undefined }));
    expect(opened).toMatchObject({ status: 'opened', content: '', outcome: null, penaltyFen: null, complaintId: null });
    const decided = await createCase(deps(), makeCaseInput({ outcome: 'warning' }));
    expect(decided.status).toBe('decided');
    const investigating = await createCase(deps(), makeCaseInput({ status: 'investigating' }));
    expect(investigating.status).toBe('investigating');
  });

  it('rejects a complaint of another town or unknown, and the usual bad codes, naming the field', async () => {
    const elsewhere = await createComplaint(
      deps(),
      makeComplaintInput({ townCode: world.otherTown, placeCode: world.otherTownVillage }),
    );
    const invalid = (overrides: Parameters<typeof makeCaseInput>[0], field: string) =>
      expect(createCase(deps(), makeCaseInput(overrides))).rejects.toMatchObject({
        code: 'invalid_input',
        details: { issues: [expect.objectContaining({ path: field })] },
      });
    await invalid({ complaintId: elsewhere.id }, 'complaintId');
    await invalid({ complaintId: 999_999 }, 'complaintId');
    await invalid({ categoryCode: 'no.such' }, 'categoryCode');
    await invalid({ placeCode: 'nowhere' }, 'placeCode');
    await invalid({ penaltyFen: 12.5 }, 'penaltyFen');
    await invalid({ penaltyFen: -1 }, 'penaltyFen');
    await invalid({ outcome: 'jail' as 'penalty' }, 'outcome');
    await invalid({ status: 'cancelled' }, 'closedAt');
  });

  it('upserts a ledger number: unchanged when sent again, updated with its history when it changed', async () => {
    const input = makeCaseInput();
    const first = await upsertCase(deps(), input);
    expect(first.outcome).toBe('inserted');
    expect(await upsertCase(deps(), input)).toEqual({ outcome: 'unchanged', record: first.record });
    const investigating = await upsertCase(deps(), { ...input, status: 'investigating', partyName: '王某' });
    expect(investigating).toMatchObject({ outcome: 'updated', record: { id: first.record.id, partyName: '王某' } });
    const history = await t.db
      .selectFrom('record_change')
      .selectAll()
      .where('record_kind', '=', 'case')
      .where('record_id', '=', first.record.id)
      .execute();
    expect(history.map((h) => [h.origin, JSON.parse(h.changes)])).toEqual([
      // The party may be a person: its history says only that it changed.
      ['api', { status: { from: 'opened', to: 'investigating' }, party_name: { changed: true } }],
    ]);
  });

  it('lists cases with the record filters plus status and source', async () => {
    const townCases = await listCases(deps(), { town: world.town, limit: 500 });
    expect(townCases.items.length).toBeGreaterThanOrEqual(5);
    expect(townCases.items.every((c) => c.town.code === world.town)).toBe(true);
    const referred = await listCases(deps(), { source: 'complaint_referral' });
    expect(referred.items.map((c) => c.source)).toEqual(['complaint_referral']);
    const decided = await listCases(deps(), { status: 'decided', category: 'city_appearance' });
    expect(decided.items.map((c) => c.outcome)).toEqual(['warning']);
    const inVillage = await listCases(deps(), { place: world.village, week: '2025W23' });
    expect(inVillage.items.map((c) => c.partyName)).toEqual(['义乌市苏华服饰有限公司']);
    await expect(listCases(deps(), { week: '2025W99' })).rejects.toMatchObject({
      details: { issues: [{ path: 'week' }] },
    });
  });
});
