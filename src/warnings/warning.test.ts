import { beforeAll, describe, expect, it } from 'vitest';
import { type Actor, systemActor } from '../auth/index.js';
import { createComplaint, upsertCase } from '../records/index.js';
import {
  makeCaseInput,
  makeComplaintInput,
  recordDeps,
  seedRecordWorld,
  testActor,
  world,
} from '../records/record.testing.js';
import { testDatabases, useTestStore } from '../store/testing.js';
import type { ListWarningsQuery } from './warning.schema.js';
import { getWarning, listWarnings } from './warning.service.js';
import { insertTestWarning } from './warning.testing.js';

/*
 * Reading warnings: the list's filters, order and pages, each reader's scope (a town, a village through the
 * villages a warning concerns, a department), and one warning's detail with its samples masked and scoped.
 */

describe.each(testDatabases)('warning reads on %s', (dialect) => {
  const t = useTestStore(dialect);
  const ids: Record<string, number> = {};
  const actors: Record<string, Actor> = {};
  const records: Record<string, number> = {};
  const deps = (who: string) => ({ db: t.db, actor: actors[who] as Actor });
  const names = (items: { id: number }[]) => {
    const byId = new Map(Object.entries(ids).map(([name, id]) => [id, name]));
    return items.map((item) => byId.get(item.id) ?? `?${item.id}`);
  };
  const list = async (who: string, query: ListWarningsQuery = {}) =>
    names((await listWarnings(deps(who), { limit: 500, ...query })).items);

  beforeAll(async () => {
    await seedRecordWorld(t.db);
    const system = recordDeps(t.db);
    records.complaint = (
      await createComplaint(
        system,
        makeComplaintInput({
          content: '苏华村服饰厂拖欠工资，联系电话13812345678，请尽快处理。',
          departmentCode: 'labour',
        }),
      )
    ).id;
    records.case = (await upsertCase(system, makeCaseInput({ placeCode: world.otherVillage }))).record.id;
    ids.a = await insertTestWarning(t.db, {
      severity: 'red',
      week: 202523,
      departmentCode: 'labour',
      summary: '苏华村拖欠工资投诉激增',
      row: { summary_en: 'Wage arrears surge in Suhua' },
      samples: [
        { kind: 'complaint', id: records.complaint },
        { kind: 'case', id: records.case },
        { kind: 'bogus', id: 1 },
        { kind: 'complaint', id: 987_654 },
      ],
    });
    ids.b = await insertTestWarning(t.db, {
      placeCode: world.otherVillage,
      categoryCode: 'city_appearance.street_stall',
      departmentCode: 'market',
      severity: 'yellow',
      status: 'acknowledged',
      week: 202522,
      summary: '西山下村占道经营增多',
    });
    ids.c = await insertTestWarning(t.db, {
      placeCode: world.town,
      villageCodes: [world.village, world.otherVillage],
      categoryCode: 'labour',
      type: 'trend',
      situation: 'spread',
      severity: 'orange',
      status: 'rectifying',
      week: 202524,
      summary: '劳动保障类投诉在全镇持续上升',
    });
    ids.d = await insertTestWarning(t.db, {
      townCode: world.otherTown,
      placeCode: world.otherTownVillage,
      departmentCode: 'labour',
      severity: 'red',
      week: 202520,
      summary: '大陈村拖欠工资',
    });
    ids.e = await insertTestWarning(t.db, {
      placeCode: world.group,
      villageCodes: [world.village],
      categoryCode: null,
      severity: 'blue',
      status: 'closed',
      week: 202510,
      summary: '第一组 100% 超期积压',
      row: { facts: 'not json', methods: 'null', samples: '{"kind":"complaint"}' },
    });
    actors.system = systemActor('test');
    actors.leader = await testActor(t.db, 'leader', [{ role: 'leader', kind: 'town', code: world.town }]);
    actors.otherLeader = await testActor(t.db, 'other', [{ role: 'leader', kind: 'town', code: world.otherTown }]);
    actors.city = await testActor(t.db, 'city', [{ role: 'leader', kind: 'city', code: world.city }]);
    actors.secretary = await testActor(t.db, 'secretary', [
      { role: 'village_secretary', kind: 'village', code: world.village },
    ]);
    actors.otherSecretary = await testActor(t.db, 'secretary2', [
      { role: 'village_secretary', kind: 'village', code: world.otherVillage },
    ]);
    actors.labour = await testActor(t.db, 'labour', [
      { role: 'department_staff', kind: 'department', code: `${world.town}/labour` },
    ]);
    actors.mentor = await testActor(t.db, 'mentor', [{ role: 'mentor', kind: 'town', code: world.town }]);
  });

  it('lists what each reader reaches: red first, then the latest week', async () => {
    expect(await list('system')).toEqual(['a', 'd', 'c', 'b', 'e']);
    expect(await list('city')).toEqual(['a', 'd', 'c', 'b', 'e']);
    expect(await list('leader')).toEqual(['a', 'c', 'b', 'e']);
    expect(await list('otherLeader')).toEqual(['d']);
    // The village's users see the warnings that concern their village, also a town-wide one and a group's.
    expect(await list('secretary')).toEqual(['a', 'c', 'e']);
    expect(await list('otherSecretary')).toEqual(['c', 'b']);
    expect(await list('labour')).toEqual(['a']);
    // No warnings:read at all.
    expect(await list('mentor')).toEqual([]);
  });

  it('filters by status, severity, type, situation and words', async () => {
    expect(await list('leader', { status: 'new,acknowledged' })).toEqual(['a', 'b']);
    expect(await list('leader', { status: ['rectifying', 'closed'] as unknown as string })).toEqual(['c', 'e']);
    expect(await list('system', { severity: 'red' })).toEqual(['a', 'd']);
    expect(await list('system', { type: 'trend' })).toEqual(['c']);
    expect(await list('system', { situation: 'spread,new_term' })).toEqual(['c']);
    expect(await list('system', { q: '拖欠' })).toEqual(['a', 'd']);
    expect(await list('system', { q: 'WAGE arrears SURGE in' })).toEqual(['a']);
    expect(await list('system', { q: '100%' })).toEqual(['e']);
    expect(await list('system', { q: '_' })).toEqual([]);
  });

  it('filters by town, category subtree, place, department and weeks', async () => {
    expect(await list('system', { town: world.otherTown })).toEqual(['d']);
    expect(await list('system', { category: 'labour' })).toEqual(['a', 'd', 'c']);
    expect(await list('system', { category: 'labour.enterprise_dispute.wage_arrears' })).toEqual(['a', 'd']);
    expect(await list('system', { place: world.village })).toEqual(['a', 'c', 'e']);
    expect(await list('system', { place: world.group })).toEqual(['e']);
    expect(await list('system', { place: world.town })).toEqual(['a', 'c', 'b', 'e']);
    expect(await list('system', { place: world.city })).toEqual(['a', 'd', 'c', 'b', 'e']);
    expect(await list('system', { department: 'labour' })).toEqual(['a', 'd']);
    expect(await list('system', { town: world.town, department: 'labour' })).toEqual(['a']);
    expect(await list('system', { from: '2025W22', to: '2025-W23' })).toEqual(['a', 'b']);
    expect(await list('system', { from: 202523 })).toEqual(['a', 'c']);
    // The filters narrow the scope, never widen it.
    expect(await list('secretary', { place: world.otherVillage })).toEqual(['c']);
    expect(await list('labour', { town: world.town, department: 'market' })).toEqual([]);
  });

  it('pages by cursor and by offset in the list order', async () => {
    const first = await listWarnings(deps('system'), { limit: 2 });
    expect(names(first.items)).toEqual(['a', 'd']);
    const second = await listWarnings(deps('system'), { limit: 2, cursor: first.nextCursor as string });
    expect(names(second.items)).toEqual(['c', 'b']);
    const third = await listWarnings(deps('system'), { limit: 2, cursor: second.nextCursor as string });
    expect(names(third.items)).toEqual(['e']);
    expect(third.nextCursor).toBeNull();
    expect(names((await listWarnings(deps('system'), { limit: 2, offset: 1 })).items)).toEqual(['d', 'c']);
  });

  it('names the parameter at fault', async () => {
    const fault = (query: ListWarningsQuery) => listWarnings(deps('system'), query).catch((error: unknown) => error);
    const cases: [ListWarningsQuery, string][] = [
      [{ town: world.village }, 'town'],
      [{ town: '999999' }, 'town'],
      [{ status: 'open' }, 'status'],
      [{ severity: 'purple' }, 'severity'],
      [{ category: 'nope' }, 'category'],
      [{ place: 'nowhere' }, 'place'],
      [{ department: 'nope' }, 'department'],
      [{ town: world.town, department: 'nope' }, 'department'],
      [{ from: '2025W60' }, 'from'],
      [{ from: '2025W30', to: '2025W20' }, 'to'],
      [{ cursor: 'bm9wZQ' }, 'cursor'],
      [{ cursor: 'MC4yMDI1MjMuNQ', offset: 1 }, 'cursor'],
      [{ limit: 501 }, 'limit'],
    ];
    for (const [query, path] of cases) {
      expect(await fault(query), JSON.stringify(query)).toMatchObject({
        code: 'invalid_input',
        details: { issues: [{ path }] },
      });
    }
  });

  it('shows one warning with its findings, villages, samples and history', async () => {
    const a = await getWarning(deps('system'), ids.a as number);
    expect(a).toMatchObject({
      id: ids.a,
      status: 'new',
      severity: 'red',
      town: { code: world.town, name: '苏溪镇' },
      category: { code: 'labour.enterprise_dispute.wage_arrears' },
      place: { code: world.village, name: '苏华村' },
      department: { code: 'labour' },
      villages: [{ code: world.village, name: '苏华村' }],
      methods: [{ method: 'farrington-noufaily', observed: 12, expected: 3.1, upperBound: 7.9, alarm: true }],
      facts: {
        categoryCode: 'labour.enterprise_dispute.wage_arrears',
        weeks: 2,
        terms: [],
        slopePerWeek: null,
        series: { weeks: [202522, 202523], observed: [4, 12], expected: [3, 3.1], upperBound: [7.5, 7.9] },
      },
      events: [{ action: 'detected', fromStatus: null, toStatus: 'new', actor: { kind: 'system', name: 'engine' } }],
      monthlyProblems: [],
    });
    // Both samples resolved in order; the unknown kind and the missing record are left out; the phone masked.
    expect(a.samples.map((s) => `${s.kind}:${s.id}`)).toEqual([
      `complaint:${records.complaint}`,
      `case:${records.case}`,
    ]);
    expect(a.samples[0]?.excerpt).toContain('138****5678');
    expect(JSON.stringify(a)).not.toContain('13812345678');
    // The village secretary reads the warning but not the case of the other village.
    const seen = await getWarning(deps('secretary'), ids.a as number);
    expect(seen.samples.map((s) => s.kind)).toEqual(['complaint']);
  });

  it('reads what the engine left malformed as empty, never as an error', async () => {
    const e = await getWarning(deps('system'), ids.e as number);
    expect(e.category).toBeNull();
    expect(e.place).toEqual({ code: world.group, name: '第一组' });
    expect(e.methods).toEqual([]);
    expect(e.samples).toEqual([]);
    expect(e.facts).toEqual({
      villages: [],
      categoryCode: null,
      weeks: null,
      terms: [],
      slopePerWeek: null,
      qValue: null,
      overdue: null,
      series: null,
    });
  });

  it('answers not_found beyond the scope, as for a warning that does not exist', async () => {
    await expect(getWarning(deps('leader'), ids.d as number)).rejects.toMatchObject({ code: 'not_found' });
    await expect(getWarning(deps('otherSecretary'), ids.a as number)).rejects.toMatchObject({ code: 'not_found' });
    await expect(getWarning(deps('labour'), ids.b as number)).rejects.toMatchObject({ code: 'not_found' });
    await expect(getWarning(deps('mentor'), ids.a as number)).rejects.toMatchObject({ code: 'not_found' });
    await expect(getWarning(deps('system'), 987_654)).rejects.toMatchObject({ code: 'not_found' });
    expect((await getWarning(deps('otherSecretary'), ids.c as number)).id).toBe(ids.c);
    expect((await getWarning(deps('city'), ids.d as number)).id).toBe(ids.d);
  });
});
