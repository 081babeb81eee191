import { beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../auth/index.js';
import { expectInvalid } from '../core/testing.js';
import { makeCreditCode } from '../enterprises/index.js';
import { testDatabases, useTestStore } from '../store/testing.js';
import { updateCategory } from '../taxonomy/index.js';
import { presentComplainant } from './complaint.presenter.js';
import { createComplaint, getComplaint, upsertComplaint } from './complaint.service.js';
import { makeComplaintInput, recordDeps, seedRecordWorld, testCipher, world } from './record.testing.js';

const HOUR = 3_600_000;

describe.each(testDatabases)('complaints on %s', (dialect) => {
  const t = useTestStore(dialect);
  const deps = () => recordDeps(t.db);
  beforeAll(async () => {
    await seedRecordWorld(t.db);
  });

  it('records a complaint and reads it back with codes, names and town-time instants', async () => {
    const created = await createComplaint(deps(), makeComplaintInput({ departmentCode: 'labour', title: '欠薪' }));
    expect(created).toMatchObject({
      town: { code: world.town, name: '苏溪镇' },
      category: { code: 'labour.enterprise_dispute.wage_arrears', name: '欠薪' },
      place: { code: world.village, name: '苏华村' },
      department: { code: 'labour' },
      enterprise: null,
      channel: 'hotline_12345',
      status: 'dispatched',
      title: '欠薪',
      openedAt: '2025-06-02T09:30:00.000+08:00',
      openedAtMs: Date.parse('2025-06-02T01:30:00Z'),
      openedDay: '2025-06-02',
      openedWeek: 202523,
      closedAt: null,
      handlingMs: null,
      difficult: false,
      overdue: false,
      reopenCount: 0,
    });
    expect(await getComplaint(deps(), created.id)).toEqual(created);
    await expect(getComplaint(deps(), 999_999)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('derives the town day and ISO week, not the UTC ones', async () => {
    // 23:30 UTC on Sunday 1 June is 07:30 on Monday 2 June in the town: week 23, not 22.
    const monday = await createComplaint(deps(), makeComplaintInput({ openedAt: '2025-06-01T23:30:00Z' }));
    expect(monday).toMatchObject({ openedDay: '2025-06-02', openedWeek: 202523 });
    const sunday = await createComplaint(deps(), makeComplaintInput({ openedAt: Date.parse('2025-06-01T15:59:59Z') }));
    expect(sunday).toMatchObject({ openedDay: '2025-06-01', openedWeek: 202522 });
    const newYear = await createComplaint(deps(), makeComplaintInput({ openedAt: '2024-12-30T08:00:00+08:00' }));
    expect(newYear.openedWeek).toBe(202501);
  });

  it('derives the deadline and the calendar and working handling time on closure', async () => {
    // Friday 18:00 to Monday 09:00: 63 hours, of which 6 + 9 on working days.
    const closed = await createComplaint(
      deps(),
      makeComplaintInput({
        openedAt: '2025-06-06T18:00:00+08:00',
        closedAt: '2025-06-09T09:00:00+08:00',
        deadlineWorkingDays: 1,
        resolved: true,
        satisfaction: 'satisfied',
      }),
    );
    expect(closed).toMatchObject({
      status: 'closed',
      handlingMs: 63 * HOUR,
      handlingWorkMs: 15 * HOUR,
      deadlineAt: '2025-06-10T00:00:00.000+08:00',
      closedAt: '2025-06-09T09:00:00.000+08:00',
      overdue: false,
      resolved: true,
      satisfaction: 'satisfied',
    });
    const late = await createComplaint(
      deps(),
      makeComplaintInput({ openedAt: '2025-06-06T18:00:00+08:00', deadlineWorkingDays: 0, difficult: true }),
    );
    expect(late).toMatchObject({ overdue: true, difficult: true, status: 'received', handlingMs: null });
    expect(late.deadlineAt).toBe('2025-06-07T00:00:00.000+08:00');
  });

  it('never stores the complainant in clear, masks on the way out and finds repeat complainants', async () => {
    const first = await createComplaint(deps(), makeComplaintInput());
    expect(first.complainant).toEqual({ name: '张*', phone: '138****5678', masked: true });
    const raw = await t.db.selectFrom('complaint').selectAll().where('id', '=', first.id).executeTakeFirstOrThrow();
    for (const [column, value] of Object.entries(raw)) {
      const text = String(value);
      for (const secret of ['13812345678', '1381234', '12345678', '张三']) {
        expect(text, `column ${column}`).not.toContain(secret);
      }
    }
    expect(raw.complainant_phone_enc).toMatch(/^v1\./);
    expect(raw.complainant_phone_hash).toBe(testCipher.blindIndex('13812345678'));
    expect(presentComplainant(raw, testCipher, { reveal: true })).toEqual({
      name: '张三',
      phone: '13812345678',
      masked: false,
    });

    const again = await createComplaint(deps(), makeComplaintInput({ complainantPhone: '+86 138-1234-5678' }));
    const repeat = await t.db
      .selectFrom('complaint')
      .select('id')
      .where('complainant_phone_hash', '=', testCipher.blindIndex('138 1234 5678'))
      .execute();
    expect(repeat.map((r) => r.id)).toEqual(expect.arrayContaining([first.id, again.id]));
    const anonymous = await createComplaint(
      deps(),
      makeComplaintInput({ complainantName: undefined, complainantPhone: undefined }),
    );
    expect(anonymous.complainant).toEqual({ name: null, phone: null, masked: true });
  });

  it('files a complaint without category under the unclassified leaf and with an enterprise', async () => {
    const created = await createComplaint(
      deps(),
      makeComplaintInput({ categoryCode: undefined, placeCode: undefined, enterpriseCreditCode: world.enterprise }),
    );
    expect(created.category.code).toBe('other.unclassified');
    expect(created.place).toBeNull();
    expect(created.enterprise).toEqual({ creditCode: world.enterprise, name: '义乌市苏华服饰有限公司' });
  });

  it('rejects unknown or misplaced codes and impossible times, naming the field', async () => {
    const make = makeComplaintInput;
    await expectInvalid(createComplaint(deps(), make({ categoryCode: 'no.such' })), 'categoryCode');
    await expectInvalid(createComplaint(deps(), make({ categoryCode: 'NOT A CODE' })), 'categoryCode');
    await expectInvalid(createComplaint(deps(), make({ placeCode: 'nowhere' })), 'placeCode');
    await expectInvalid(createComplaint(deps(), make({ placeCode: world.otherTownVillage })), 'placeCode');
    await expectInvalid(createComplaint(deps(), make({ placeCode: world.town })), 'placeCode');
    await expectInvalid(createComplaint(deps(), make({ townCode: world.village })), 'townCode');
    await expectInvalid(createComplaint(deps(), make({ townCode: 'nowhere' })), 'townCode');
    await expectInvalid(
      createComplaint(deps(), make({ enterpriseCreditCode: makeCreditCode('91330782MA2EC0H68') })),
      'enterpriseCreditCode',
    );
    await expectInvalid(createComplaint(deps(), make({ departmentCode: 'nosuch' })), 'departmentCode');
    await expectInvalid(createComplaint(deps(), make({ openedAt: '2025-06-02 09:30' })), 'openedAt');
    await expectInvalid(createComplaint(deps(), make({ openedAt: '3025-06-02T09:30:00Z' })), 'openedAt');
    await expectInvalid(createComplaint(deps(), make({ closedAt: '2025-06-01T09:30:00+08:00' })), 'closedAt');
    await expectInvalid(createComplaint(deps(), make({ status: 'closed' })), 'closedAt');
    await expectInvalid(
      createComplaint(deps(), make({ status: 'in_progress', closedAt: '2025-06-03T09:30:00+08:00' })),
      'status',
    );
    await expectInvalid(
      createComplaint(deps(), make({ deadlineAt: 1, deadlineWorkingDays: 3 })),
      'deadlineWorkingDays',
    );
    await expectInvalid(createComplaint(deps(), make({ complainantPhone: 'call me' })), 'complainantPhone');
    await updateCategory({ db: t.db, actor: systemActor('test') }, 'market_order.pyramid_selling', { retired: true });
    await expectInvalid(
      createComplaint(deps(), make({ categoryCode: 'market_order.pyramid_selling' })),
      'categoryCode',
    );
    await expectInvalid(createComplaint(deps(), make({ content: 'a\u0000b' })), 'content');
    await expectInvalid(createComplaint(deps(), make({ content: 'a\uD800b' })), 'content');
  });

  it('upserts by (sourceSystem, externalNo): inserted, then unchanged, then updated with its history', async () => {
    const input = makeComplaintInput();
    const first = await upsertComplaint(deps(), input);
    expect(first.outcome).toBe('inserted');
    const historyOf = (id: number) =>
      t.db.selectFrom('record_change').selectAll().where('record_kind', '=', 'complaint').where('record_id', '=', id);

    // The same fields again (the phone written differently is the same phone): nothing written, the stored record back.
    const again = await upsertComplaint(deps(), { ...input, content: ` ${input.content} ` });
    expect(again).toEqual({ outcome: 'unchanged', record: first.record });
    expect(await historyOf(first.record.id).execute()).toEqual([]);

    const changed = await upsertComplaint(deps(), {
      ...input,
      content: '已补充材料：拖欠四个月工资。',
      complainantPhone: '13900001111',
      status: 'in_progress',
    });
    expect(changed.outcome).toBe('updated');
    expect(changed.record).toMatchObject({
      id: first.record.id,
      content: '已补充材料：拖欠四个月工资。',
      status: 'in_progress',
      complainant: { phone: '139****1111' },
      createdAt: first.record.createdAt,
    });
    const history = await historyOf(first.record.id).execute();
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ origin: 'api', batch_id: null });
    expect(JSON.parse(history[0]?.changes ?? '')).toEqual({
      content: { from: input.content, to: '已补充材料：拖欠四个月工资。' },
      status: { from: 'received', to: 'in_progress' },
      complainant_phone: { changed: true },
    });
    expect(history[0]?.changes).not.toMatch(/1381234|1390000/);
    const stored = await t.db
      .selectFrom('complaint')
      .select('content')
      .where('source_system', '=', input.sourceSystem)
      .where('external_no', '=', input.externalNo)
      .execute();
    expect(stored.map((r) => r.content)).toEqual(['已补充材料：拖欠四个月工资。']);
    // createComplaint is the same write, returning the record
    expect(
      await createComplaint(deps(), {
        ...input,
        content: '已补充材料：拖欠四个月工资。',
        complainantPhone: '13900001111',
        status: 'in_progress',
      }),
    ).toEqual(changed.record);
    // the same number from another system is another complaint
    const web = await upsertComplaint(deps(), { ...input, sourceSystem: 'web' });
    expect(web.outcome).toBe('inserted');
    expect(web.record.id).not.toBe(first.record.id);
  });

  it('finds a key another transaction inserted meanwhile, instead of losing the write', async () => {
    const input = makeComplaintInput();
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let markInserted = () => {};
    const inserted = new Promise<void>((resolve) => {
      markInserted = resolve;
    });
    const other = t.db.transaction().execute(async (trx) => {
      await upsertComplaint({ ...deps(), db: trx }, input);
      markInserted();
      await held;
    });
    await inserted;
    // PostgreSQL: this write misses the uncommitted row, then its insert waits for it; SQLite: it waits its turn.
    const late = upsertComplaint(deps(), { ...input, content: '后到的版本' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    release();
    await other;
    const result = await late;
    expect(result.outcome).toBe('updated');
    expect(result.record.content).toBe('后到的版本');
    const rows = await t.db.selectFrom('complaint').select('id').where('external_no', '=', input.externalNo).execute();
    expect(rows.map((r) => r.id)).toEqual([result.record.id]);
  });
});
