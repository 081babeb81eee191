import { beforeAll, describe, expect, it } from 'vitest';
import { type Actor, systemActor } from '../auth/index.js';
import { seedRecordWorld, testActor, world } from '../records/record.testing.js';
import { testDatabases, useTestStore } from '../store/testing.js';
import { listMonthlyProblems, promoteWarning, updateMonthlyProblem } from './monthly-problem.service.js';
import { getWarning } from './warning.service.js';
import { insertTestWarning } from './warning.testing.js';
import { dismissWarning } from './warning-lifecycle.service.js';

/*
 * 每月一题: promoting a warning (whole-town writers only, once per month), listing within the readers' scope,
 * updating to done with an outcome; each change in the warning's history and the audit log.
 */

const plan = { owner: '镇综合信息指挥室 李四', plan: '联合劳动保障所开展欠薪专项整治，每周通报进度' };

describe.each(testDatabases)('problems of the month on %s', (dialect) => {
  const t = useTestStore(dialect);
  const actors: Record<string, Actor> = {};
  const deps = (who = 'leader') => ({ db: t.db, actor: actors[who] as Actor });
  let village = 0;
  let otherVillage = 0;
  let otherTown = 0;

  beforeAll(async () => {
    await seedRecordWorld(t.db);
    actors.leader = await testActor(t.db, 'leader', [{ role: 'leader', kind: 'town', code: world.town }]);
    actors.otherLeader = await testActor(t.db, 'other', [{ role: 'leader', kind: 'town', code: world.otherTown }]);
    actors.secretary = await testActor(t.db, 'secretary', [
      { role: 'village_secretary', kind: 'village', code: world.village },
    ]);
    actors.labour = await testActor(t.db, 'labour', [
      { role: 'department_staff', kind: 'department', code: `${world.town}/labour` },
    ]);
    actors.system = systemActor('test');
    village = await insertTestWarning(t.db, { departmentCode: 'labour', summary: '苏华村拖欠工资投诉激增' });
    otherVillage = await insertTestWarning(t.db, { placeCode: world.otherVillage, summary: '西山下村占道经营' });
    otherTown = await insertTestWarning(t.db, { townCode: world.otherTown, placeCode: world.otherTownVillage });
  });

  it('promotes a warning once per month, noted in its history and the audit log', async () => {
    const problem = await promoteWarning(deps(), village, { month: '2025-07', ...plan });
    expect(problem).toMatchObject({
      town: { code: world.town, name: '苏溪镇' },
      month: '2025-07',
      title: '苏华村拖欠工资投诉激增',
      ...plan,
      status: 'open',
      outcome: null,
      warning: { id: village, status: 'new', place: { code: world.village } },
    });
    await expect(promoteWarning(deps(), village, { month: '2025-07', ...plan })).rejects.toMatchObject({
      code: 'conflict',
      details: { monthlyProblemId: problem.id },
    });
    const august = await promoteWarning(deps(), village, { month: '2025-08', title: '欠薪治理（续）', ...plan });
    expect(august.title).toBe('欠薪治理（续）');

    const warning = await getWarning(deps(), village);
    expect(warning.monthlyProblems.map((p) => p.month).sort()).toEqual(['2025-07', '2025-08']);
    const promoted = warning.events.filter((e) => e.action === 'promoted');
    expect(promoted).toHaveLength(2);
    expect(promoted[0]).toMatchObject({ fromStatus: 'new', toStatus: 'new', note: '苏华村拖欠工资投诉激增' });
    expect(promoted[0]?.details).toMatchObject({ monthlyProblemId: problem.id, month: '2025-07' });

    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'after'])
      .where('entity', '=', 'monthly_problem')
      .where('entity_id', '=', String(problem.id))
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['monthly_problem.create']);
    expect(JSON.parse(audit[0]?.after as string)).toMatchObject({ month: '2025-07', warningId: village, ...plan });
  });

  it('needs warnings:write over the whole town, and the warning in sight', async () => {
    const input = { month: '2025-09', ...plan };
    await expect(promoteWarning(deps('secretary'), village, input)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(promoteWarning(deps('labour'), village, input)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(promoteWarning(deps('otherLeader'), village, input)).rejects.toMatchObject({ code: 'not_found' });
    await expect(promoteWarning(deps(), 987_654, input)).rejects.toMatchObject({ code: 'not_found' });
    expect((await promoteWarning(deps('otherLeader'), otherTown, input)).town.code).toBe(world.otherTown);
  });

  it('refuses a dismissed warning and names bad fields', async () => {
    const dismissed = await insertTestWarning(t.db);
    await dismissWarning(deps(), dismissed, { reason: '误报' });
    await expect(promoteWarning(deps(), dismissed, { month: '2025-07', ...plan })).rejects.toMatchObject({
      code: 'conflict',
      details: { status: 'dismissed' },
    });
    const path = (input: object) =>
      promoteWarning(deps(), village, input as never).catch((error: { details?: { issues?: { path: string }[] } }) =>
        error.details?.issues?.map((i) => i.path),
      );
    expect(await path({ month: '2025-13', ...plan })).toEqual(['month']);
    expect(await path({ month: '2025-07', owner: '', plan: 'x' })).toEqual(['owner']);
    expect(await path({ month: '2025-07', owner: 'x' })).toEqual(['plan']);
    expect(await path({ month: '2025-07', title: 'x'.repeat(201), ...plan })).toEqual(['title']);
  });

  it('lists the problems whose warnings the reader sees, by town, month and status', async () => {
    await promoteWarning(deps(), otherVillage, { month: '2025-07', ...plan });
    const months = async (who: string, query = {}) =>
      (await listMonthlyProblems(deps(who), query)).items.map((p) => `${p.month}:${p.warning.id}`);
    // Newest month first, then the latest promoted.
    expect(await months('leader', { month: '2025-07' })).toEqual([`2025-07:${otherVillage}`, `2025-07:${village}`]);
    expect(await months('secretary', { month: '2025-07' })).toEqual([`2025-07:${village}`]);
    expect(await months('labour', { month: '2025-07' })).toEqual([`2025-07:${village}`]);
    expect(await months('otherLeader')).toEqual([`2025-09:${otherTown}`]);
    expect(await months('system', { town: world.otherTown })).toEqual([`2025-09:${otherTown}`]);
    expect(await months('system', { status: 'done' })).toEqual([]);
    await expect(listMonthlyProblems(deps(), { town: world.village })).rejects.toMatchObject({
      details: { issues: [{ path: 'town' }] },
    });
    await expect(listMonthlyProblems(deps(), { month: '7月' })).rejects.toMatchObject({
      details: { issues: [{ path: 'month' }] },
    });
  });

  it('marks a problem done only with an outcome, noted in history and audit', async () => {
    const problem = await promoteWarning(deps(), village, { month: '2025-10', ...plan });
    await expect(updateMonthlyProblem(deps(), problem.id, { status: 'done' })).rejects.toMatchObject({
      code: 'invalid_input',
      details: { issues: [{ path: 'outcome' }] },
    });
    await expect(updateMonthlyProblem(deps(), problem.id, {})).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(updateMonthlyProblem(deps('secretary'), problem.id, { owner: 'x' })).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(updateMonthlyProblem(deps('otherLeader'), problem.id, { owner: 'x' })).rejects.toMatchObject({
      code: 'not_found',
    });
    const done = await updateMonthlyProblem(deps(), problem.id, { status: 'done', outcome: '已补发工资，投诉清零' });
    expect(done).toMatchObject({ status: 'done', outcome: '已补发工资，投诉清零', owner: plan.owner });
    // Nothing changed: nothing audited.
    await updateMonthlyProblem(deps(), problem.id, { status: 'done' });
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'before', 'after'])
      .where('entity', '=', 'monthly_problem')
      .where('entity_id', '=', String(problem.id))
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['monthly_problem.create', 'monthly_problem.update']);
    expect(JSON.parse(audit[1]?.before as string)).toEqual({ status: 'open', outcome: null });
    const events = (await getWarning(deps(), village)).events.filter((e) => e.action === 'monthly_problem_updated');
    expect(events.map((e) => e.details)).toEqual([
      { monthlyProblemId: problem.id, month: '2025-10', status: 'done', outcome: '已补发工资，投诉清零' },
    ]);
    expect((await listMonthlyProblems(deps(), { status: 'done' })).items.map((p) => p.id)).toEqual([problem.id]);
  });
});
