import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../auth/index.js';
import {
  makeCaseInput,
  makeComplaintInput,
  recordDeps,
  seedRecordWorld,
  testActor,
  world,
} from '../records/record.testing.js';
import { useTestApp } from '../server/testing.js';
import { testDatabases, useTestStore } from '../store/testing.js';
import type { StatsQuery } from './stats.schema.js';
import { getStats } from './stats.service.js';
import { writeRecords } from './stats.testing.js';
import { exportStats } from './stats-export.service.js';
import { listStatsRecords } from './stats-records.service.js';

/*
 * The numbers within the reader's stats:read: a village secretary counts their village's records (groups included),
 * department staff their department's, a town's leader the town's and nothing of another town; a filter beyond the
 * scope reads nothing. The records behind a number need records:read as well.
 */

const june = { period: 'month', from: '2025-06', to: '2025-06' } as const;

describe.each(testDatabases)('stats within scope on %s', (dialect) => {
  const t = useTestStore(dialect);
  const actors: Record<string, Actor> = {};
  const total = async (who: string, query: Partial<StatsQuery> = {}) => {
    const stats = await getStats(recordDeps(t.db, actors[who]), { ...june, ...query });
    return stats.totals[0]?.values.records;
  };
  const listed = async (who: string, query: Record<string, string> = {}) =>
    (await listStatsRecords(recordDeps(t.db, actors[who]), { ...june, ...query })).items.length;

  beforeAll(async () => {
    await seedRecordWorld(t.db);
    const opened = { openedAt: '2025-06-10T09:00:00+08:00' };
    await writeRecords(t.db, [
      {
        kind: 'complaint',
        input: makeComplaintInput({ ...opened, placeCode: world.village, departmentCode: 'labour' }),
      },
      { kind: 'complaint', input: makeComplaintInput({ ...opened, placeCode: world.group }) },
      {
        kind: 'complaint',
        input: makeComplaintInput({ ...opened, placeCode: world.otherVillage, departmentCode: 'labour' }),
      },
      { kind: 'complaint', input: makeComplaintInput({ ...opened, placeCode: undefined, departmentCode: 'market' }) },
      { kind: 'case', input: makeCaseInput({ ...opened, placeCode: world.village }) },
      {
        kind: 'complaint',
        input: makeComplaintInput({
          ...opened,
          townCode: world.otherTown,
          placeCode: world.otherTownVillage,
          departmentCode: 'labour',
        }),
      },
    ]);
    actors.secretary = await testActor(t.db, 'secretary', [
      { role: 'village_secretary', kind: 'village', code: world.village },
    ]);
    actors.labour = await testActor(t.db, 'labour', [
      { role: 'department_staff', kind: 'department', code: `${world.town}/labour` },
    ]);
    actors.leader = await testActor(t.db, 'leader', [{ role: 'leader', kind: 'town', code: world.otherTown }]);
    actors.both = await testActor(t.db, 'both', [
      { role: 'village_secretary', kind: 'village', code: world.village },
      { role: 'department_staff', kind: 'department', code: `${world.town}/labour` },
    ]);
    // Numbers, but no records:read: the records behind them stay closed.
    actors.organisation = await testActor(t.db, 'organisation', [
      { role: 'organisation', kind: 'town', code: world.town },
    ]);
    actors.nobody = await testActor(t.db, 'nobody', []);
  });

  it('counts only what each reader reaches', async () => {
    expect(await total('secretary')).toBe(3);
    expect(await total('labour')).toBe(2);
    expect(await total('leader')).toBe(1);
    expect(await total('both')).toBe(4);
    expect(await total('organisation')).toBe(5);
    expect(await total('nobody')).toBe(0);
    expect(await getStats(recordDeps(t.db), { ...june, measures: 'records' })).toMatchObject({
      totals: [{ values: { records: 6 } }],
    });
  });

  it('reads the same numbers by any dimension, keys only of the scope', async () => {
    const villages = await getStats(recordDeps(t.db, actors.secretary), { ...june, by: 'village' });
    expect(villages.rows.map((row) => [row.keys.village?.code, row.values.records])).toEqual([[world.village, 3]]);
    const departments = await getStats(recordDeps(t.db, actors.labour), { ...june, by: 'department,kind' });
    expect(departments.rows.map((row) => [row.keys.department?.code, row.keys.kind?.code, row.values.records])).toEqual(
      [['labour', 'complaint', 2]],
    );
    const categories = await getStats(recordDeps(t.db, actors.both), { ...june, by: 'category1' });
    expect(categories.totals[0]?.values.records).toBe(4);
  });

  it('gives the intersection for filters beyond the scope: nothing', async () => {
    expect(await total('leader', { town: world.town })).toBe(0);
    expect(await total('secretary', { place: world.otherVillage })).toBe(0);
    expect(await total('secretary', { place: world.group })).toBe(1);
    expect(await total('labour', { department: 'market', town: world.town })).toBe(0);
    expect(await total('labour', { place: world.otherVillage })).toBe(1);
  });

  it('lists the records behind a number within stats:read and records:read', async () => {
    expect(await listed('secretary')).toBe(3);
    expect(await listed('labour')).toBe(2);
    expect(await listed('leader', { town: world.town })).toBe(0);
    expect(await listed('organisation')).toBe(0);
    expect(await listed('nobody')).toBe(0);
  });

  it('writes the reader’s scope at the head of an export', async () => {
    const head = async (who: string) =>
      (await exportStats(recordDeps(t.db, actors[who]), june, 'csv')).body.toString('utf8').split('\r\n')[1];
    expect(await head('secretary')).toBe(`数据范围：村（社区） 苏华村（${world.village}）`);
    expect(await head('both')).toBe(
      `数据范围：村（社区） 苏华村（${world.village}）；部门 苏溪劳动保障监察中队（labour）`,
    );
    expect(await head('leader')).toBe(`数据范围：镇街 大陈镇（${world.otherTown}）`);
    expect(await head('nobody')).toBe('数据范围：无（没有可读的数据）');
    const body = (await exportStats(recordDeps(t.db, actors.secretary), june, 'csv')).body.toString('utf8');
    expect(body.split('\r\n')).toContain('2025-06,3');
  });
});

describe.each(testDatabases)('stats by role over HTTP on %s', (dialect) => {
  const t = useTestApp(dialect);
  let secretary: Record<string, string> = {};

  beforeAll(async () => {
    await seedRecordWorld(t.db);
    const opened = { openedAt: '2025-06-10T09:00:00+08:00' };
    await writeRecords(t.db, [
      { kind: 'complaint', input: makeComplaintInput({ ...opened, placeCode: world.group }) },
      { kind: 'complaint', input: makeComplaintInput({ ...opened, placeCode: world.otherVillage }) },
    ]);
    secretary = await t.signIn('secretary', [{ role: 'village_secretary', kind: 'village', code: world.village }]);
  });

  it('answers the numbers, records and files within the reader’s scope', async () => {
    const query = 'period=month&from=2025-06&to=2025-06';
    const stats = await t.app.inject({ url: `/api/stats?${query}`, headers: secretary });
    expect(stats.statusCode).toBe(200);
    expect(stats.json().totals[0].values.records).toBe(1);
    expect((await t.app.inject({ url: `/api/stats?${query}` })).json().totals[0].values.records).toBe(2);
    const records = await t.app.inject({ url: `/api/stats/records?${query}`, headers: secretary });
    expect(records.json().items.map((item: { place: { code: string } }) => item.place.code)).toEqual([world.group]);
    const csv = await t.app.inject({ url: `/api/stats.csv?${query}`, headers: secretary });
    expect(csv.body.split('\r\n')[1]).toBe(`数据范围：村（社区） 苏华村（${world.village}）`);
    expect(csv.body.split('\r\n')).toContain('2025-06,1');
    // Numbers without records:read: the records behind them are refused.
    const organisation = await t.signIn('organisation', [{ role: 'organisation', kind: 'town', code: world.town }]);
    expect((await t.app.inject({ url: `/api/stats?${query}`, headers: organisation })).statusCode).toBe(200);
    expect((await t.app.inject({ url: `/api/stats/records?${query}`, headers: organisation })).statusCode).toBe(403);
  });
});
