import { beforeAll, describe, expect, it } from 'vitest';
import { makeCaseInput, makeComplaintInput, recordDeps, seedRecordWorld, world } from '../records/record.testing.js';
import { testDatabases, useTestStore } from '../store/testing.js';
import type { StatsQuery, StatsRecordsQuery } from './stats.schema.js';
import { getStats } from './stats.service.js';
import { writeRecords } from './stats.testing.js';
import { listStatsRecords } from './stats-records.service.js';

/*
 * Six records of 苏溪镇 and one of 大陈镇:
 *   C1 complaint 2025-06-02 W23 苏华村, labour.enterprise_dispute.wage_arrears, labour dept, difficult, answered in 2 h,
 *      closed after 24 h, resolved, satisfied
 *   C2 complaint 2025-06-30 W27 第一组 (in 苏华村), labour.illegal_employment, answered after 30 h, deadline 07-01, open
 *   C3 complaint 2025-07-01 W27 place unknown, unclassified, web
 *   K1 case      2025-06-03 W23 西山下村, city_appearance.street_stall, deadline 06-04, closed 06-05 (overdue)
 *   K2 case      2024-06-10 西山下村, street_stall
 *   E1 complaint 2025-06-03 大陈村 (the other town)
 */
describe.each(testDatabases)('stats on %s', (dialect) => {
  const t = useTestStore(dialect);
  const ids: Record<string, string> = {};
  const stats = (query: StatsQuery) => getStats(recordDeps(t.db), query);
  const records = async (query: StatsRecordsQuery) => {
    const page = await listStatsRecords(recordDeps(t.db), query);
    const names = Object.fromEntries(Object.entries(ids).map(([name, no]) => [no, name]));
    return page.items.map((item) => names[item.externalNo]).join(' ');
  };

  beforeAll(async () => {
    await seedRecordWorld(t.db);
    const c1 = makeComplaintInput({
      openedAt: '2025-06-02T09:00:00+08:00',
      departmentCode: 'labour',
      difficult: true,
      firstResponseAt: '2025-06-02T11:00:00+08:00',
      closedAt: '2025-06-03T09:00:00+08:00',
      resolved: true,
      satisfaction: 'satisfied',
    });
    const c2 = makeComplaintInput({
      openedAt: '2025-06-30T09:00:00+08:00',
      placeCode: world.group,
      categoryCode: 'labour.illegal_employment',
      firstResponseAt: '2025-07-01T15:00:00+08:00',
      deadlineAt: '2025-07-01T18:00:00+08:00',
    });
    const c3 = makeComplaintInput({
      openedAt: '2025-07-01T09:00:00+08:00',
      placeCode: undefined,
      categoryCode: undefined,
      channel: 'web',
    });
    const k1 = makeCaseInput({
      openedAt: '2025-06-03T10:00:00+08:00',
      deadlineAt: '2025-06-04T18:00:00+08:00',
      closedAt: '2025-06-05T10:00:00+08:00',
    });
    const k2 = makeCaseInput({ openedAt: '2024-06-10T10:00:00+08:00' });
    const e1 = makeComplaintInput({
      openedAt: '2025-06-03T09:00:00+08:00',
      townCode: world.otherTown,
      placeCode: world.otherTownVillage,
    });
    Object.assign(ids, { C1: c1.externalNo, C2: c2.externalNo, C3: c3.externalNo });
    Object.assign(ids, { K1: k1.externalNo, K2: k2.externalNo, E1: e1.externalNo });
    await writeRecords(t.db, [
      { kind: 'complaint', input: c1 },
      { kind: 'complaint', input: c2 },
      { kind: 'complaint', input: c3 },
      { kind: 'case', input: k1 },
      { kind: 'case', input: k2 },
      { kind: 'complaint', input: e1 },
    ]);
  });

  const june = { town: world.town, from: '2025-06', to: '2025-06' };
  const byKey = (
    rows: { keys: Record<string, { code: string | null }>; values: Record<string, number | null> }[],
    m = 'records',
  ) =>
    Object.fromEntries(
      rows.map((row) => [
        Object.values(row.keys)
          .map((k) => k.code ?? '?')
          .join('/'),
        row.values[m],
      ]),
    );

  it('counts by month, week (both month parts), quarter and year, for a town or all towns', async () => {
    const months = await stats({ town: world.town, from: '2025-05', to: '2025-07' });
    expect(months.periods).toEqual(['2025-05', '2025-06', '2025-07']);
    expect(months.rows.map((row) => row.values.records)).toEqual([0, 3, 1]);
    expect(months.cuboid).toBe(1);
    expect((await stats({ from: '2025-06', to: '2025-06' })).totals[0]?.values.records).toBe(4);
    const weeks = await stats({ town: world.town, period: 'week', from: '2025W23', to: '2025W27' });
    expect(weeks.rows.map((row) => row.values.records)).toEqual([2, 0, 0, 0, 2]);
    expect(
      (await stats({ town: world.town, period: 'quarter', from: '2025Q2', to: '2025Q3' })).rows.map(
        (r) => r.values.records,
      ),
    ).toEqual([3, 1]);
    expect(
      (await stats({ town: world.town, period: 'year', from: '2024', to: '2025' })).rows.map((r) => r.values.records),
    ).toEqual([1, 4]);
  });

  it('groups by places, categories, departments, sources and kinds, naming the keys', async () => {
    expect(byKey((await stats({ ...june, by: 'village' })).rows)).toEqual({
      [world.village]: 2,
      [world.otherVillage]: 1,
    });
    expect(byKey((await stats({ ...june, by: 'group' })).rows)).toEqual({
      [world.village]: 1,
      [world.group]: 1,
      [world.otherVillage]: 1,
    });
    const july = await stats({ town: world.town, from: '2025-07', to: '2025-07', by: ['village', 'kind'] });
    expect(july.rows).toEqual([
      {
        period: '2025-07',
        keys: {
          village: { id: 0, code: null, name: '未知地点', nameEn: 'Unknown place' },
          kind: { id: null, code: 'complaint', name: '投诉举报', nameEn: 'Complaint' },
        },
        values: { records: 1 },
      },
    ]);
    expect(byKey((await stats({ ...june, by: 'category1' })).rows)).toEqual({ labour: 2, city_appearance: 1 });
    expect(byKey((await stats({ ...june, by: 'category3' })).rows)).toEqual({
      'labour.enterprise_dispute.wage_arrears': 1,
      'labour.illegal_employment': 1,
      'city_appearance.street_stall': 1,
    });
    const departments = await stats({ ...june, by: 'department' });
    expect(byKey(departments.rows)).toEqual({ labour: 1, '?': 2 });
    expect(departments.rows.at(-1)?.keys.department?.name).toBe('未指派');
    expect(byKey((await stats({ ...june, by: 'source,kind' })).rows)).toEqual({
      'hotline_12345/complaint': 2,
      'patrol/case': 1,
    });
  });

  it('filters by category subtree, place, department, source and kind', async () => {
    expect((await stats({ ...june, category: 'labour' })).totals[0]?.values.records).toBe(2);
    expect((await stats({ ...june, category: 'labour.enterprise_dispute' })).totals[0]?.values.records).toBe(1);
    expect((await stats({ ...june, place: world.group })).totals[0]?.values.records).toBe(1);
    expect((await stats({ ...june, place: world.village, by: 'group' })).rows.length).toBe(2);
    expect((await stats({ from: '2025-06', to: '2025-06', place: world.city })).totals[0]?.values.records).toBe(4);
    expect((await stats({ ...june, department: 'labour' })).totals[0]?.values.records).toBe(1);
    expect((await stats({ ...june, kind: 'case' })).totals[0]?.values.records).toBe(1);
    expect(
      (await stats({ town: world.town, from: '2025-07', to: '2025-07', source: 'web' })).totals[0]?.values.records,
    ).toBe(1);
  });

  it('gives the measures, rates and handling times', async () => {
    const all = await stats({
      ...june,
      measures:
        'records,difficult,closed,overdue,responseDue,responded,responseRate,resolutionRate,satisfactionRate,handlingMean,handlingMedian',
    });
    const values = all.totals[0]?.values ?? {};
    expect(values).toMatchObject({ records: 3, difficult: 1, closed: 2, overdue: 2, responseDue: 2, responded: 1 });
    // The closed case K1 carries no resolution: the resolution rate is of the closed complaint C1 alone.
    expect(values).toMatchObject({ responseRate: 0.5, resolutionRate: 1, satisfactionRate: 1 });
    // C1 took 24 h, K1 48 h.
    expect(values.handlingMean).toBe(36 * 3_600_000);
    expect(Math.abs((values.handlingMedian as number) / (24 * 3_600_000) - 1)).toBeLessThan(0.0443);
  });

  it('compares year over year and period over period, and gives shares and top N', async () => {
    const compared = await stats({ ...june, compare: 'yoy,pop', share: true, by: 'kind' });
    const totals = compared.totals[0];
    expect(totals?.yoy).toMatchObject({ period: '2024-06', values: { records: 1 }, change: { records: 2 } });
    expect(totals?.pop).toMatchObject({ period: '2025-05', values: { records: 0 }, change: { records: null } });
    expect(compared.rows.map((row) => row.share?.records)).toEqual([2 / 3, 1 / 3]);
    const top = await stats({ ...june, by: 'category3', top: 1 });
    expect(top.rows.map((row) => row.keys.category3?.code)).toEqual(['city_appearance.street_stall', '_others']);
    expect(top.rows.map((row) => row.values.records)).toEqual([1, 2]);
  });

  it('lists the records behind a number, newest first', async () => {
    const period = { period: 'month' as const, from: '2025-06', to: '2025-06' };
    expect(await records({ ...period, town: world.town })).toBe('C2 K1 C1');
    expect(await records({ ...period, flag: 'overdue' })).toBe('C2 K1');
    expect(await records({ ...period, flag: 'difficult' })).toBe('C1');
    expect(await records({ ...period, flag: 'responded' })).toBe('C1');
    expect(await records({ ...period, flag: 'unresponded', town: world.town })).toBe('C2');
    expect(await records({ ...period, village: world.village })).toBe('C2 C1');
    expect(await records({ ...period, group: world.village })).toBe('C1');
    expect(await records({ ...period, town: world.town, department: '_none' })).toBe('C2 K1');
    expect(await records({ ...period, category2: 'labour.illegal_employment' })).toBe('C2');
    expect(await records({ ...period, category3: 'labour.illegal_employment' })).toBe('C2');
    expect(await records({ period: 'year', from: '2025', to: '2025', village: '_unknown' })).toBe('C3');
    expect(await records({ period: 'year', from: '2024', to: '2025', kind: 'case' })).toBe('K1 K2');
    const first = await listStatsRecords(recordDeps(t.db), { ...period, limit: 2 });
    expect(first.items.map((item) => item.kind)).toEqual(['complaint', 'case']);
    const second = await listStatsRecords(recordDeps(t.db), { ...period, limit: 2, cursor: first.nextCursor ?? '' });
    expect(second.items.map((item) => item.externalNo)).toEqual([ids.E1, ids.C1]);
    expect(second.nextCursor).toBeNull();
    expect((await listStatsRecords(recordDeps(t.db), { ...period, offset: 3 })).items.length).toBe(1);
    expect(first.items[0]).toMatchObject({ complainant: { masked: true, name: '张*' } });
  });

  it('refuses bad queries, naming the parameter', async () => {
    const cases: [StatsQuery, string][] = [
      [{ from: '2025W23' }, 'from'],
      [{ from: '2025-06', to: '2025-01' }, 'to'],
      [{ measures: 'records,nothing' }, 'measures'],
      [{ by: 'village,group,kind' }, 'by'],
      [{ by: 'street' }, 'by'],
      [{ compare: 'mom' }, 'compare'],
      [{ top: 3 }, 'top'],
      [{ town: world.village }, 'town'],
      [{ category: 'no.such' }, 'category'],
      [{ place: 'nowhere' }, 'place'],
      [{ town: world.town, department: 'nosuch' }, 'department'],
      [{ period: 'day' as 'week' }, 'period'],
      [{ extra: 1 } as StatsQuery, ''],
    ];
    for (const [query, field] of cases) {
      await expect(stats(query), JSON.stringify(query)).rejects.toMatchObject({ code: 'invalid_input' });
      if (field) {
        await expect(stats(query), JSON.stringify(query)).rejects.toMatchObject({
          details: { issues: [{ path: field }] },
        });
      }
    }
    const bad: [StatsRecordsQuery, string][] = [
      [{ category2: 'labour.enterprise_dispute.wage_arrears' }, 'category2'],
      [{ village: world.group }, 'village'],
      [{ group: world.town }, 'group'],
      [{ flag: 'late' as 'overdue' }, 'flag'],
      [{ cursor: 'abc' }, 'cursor'],
    ];
    for (const [query, field] of bad) {
      await expect(records(query), JSON.stringify(query)).rejects.toMatchObject({
        details: { issues: [{ path: field }] },
      });
    }
  });
});
