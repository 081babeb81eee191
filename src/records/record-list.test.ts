import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabases, useTestStore } from '../store/testing.js';
import type { ListComplaintsQuery } from './complaint.schema.js';
import { createComplaint, listComplaints } from './complaint.service.js';
import { makeComplaintInput, recordDeps, seedRecordWorld, world } from './record.testing.js';

/*
 * Five complaints, newest first:
 *   D 06-11 W24 苏溪镇, place unknown, unclassified
 *   C 06-10 W24 西山下村, market_order.price, closed
 *   B 06-04 W23 第一组 (in 苏华村), labour.illegal_employment
 *   E 06-03 W23 大陈村 (the other town), labour.enterprise_dispute.wage_arrears
 *   A 06-02 W23 苏华村, labour.enterprise_dispute.wage_arrears, department labour, difficult
 */
describe.each(testDatabases)('complaint lists on %s', (dialect) => {
  const t = useTestStore(dialect);
  const ids: Record<string, number> = {};
  const list = async (query: ListComplaintsQuery) => {
    const page = await listComplaints(recordDeps(t.db), query);
    const names = Object.fromEntries(Object.entries(ids).map(([name, id]) => [id, name]));
    return page.items.map((item) => names[item.id]).join('');
  };

  beforeAll(async () => {
    await seedRecordWorld(t.db);
    const add = async (name: string, overrides: Parameters<typeof makeComplaintInput>[0]) => {
      ids[name] = (await createComplaint(recordDeps(t.db), makeComplaintInput(overrides))).id;
    };
    await add('A', { openedAt: '2025-06-02T09:00:00+08:00', departmentCode: 'labour', difficult: true });
    await add('B', {
      openedAt: '2025-06-04T09:00:00+08:00',
      placeCode: world.group,
      categoryCode: 'labour.illegal_employment',
    });
    await add('C', {
      openedAt: '2025-06-10T09:00:00+08:00',
      placeCode: world.otherVillage,
      categoryCode: 'market_order.price',
      closedAt: '2025-06-11T09:00:00+08:00',
    });
    await add('D', { openedAt: '2025-06-11T09:00:00+08:00', placeCode: undefined, categoryCode: undefined });
    await add('E', {
      openedAt: '2025-06-03T09:00:00+08:00',
      townCode: world.otherTown,
      placeCode: world.otherTownVillage,
    });
  });

  it('filters by town, week and days', async () => {
    expect(await list({})).toBe('DCBEA');
    expect(await list({ town: world.town })).toBe('DCBA');
    expect(await list({ town: world.otherTown })).toBe('E');
    expect(await list({ week: '2025W23' })).toBe('BEA');
    expect(await list({ week: 202524, town: world.town })).toBe('DC');
    expect(await list({ week: '2025-W22' })).toBe('');
    expect(await list({ from: '2025-06-04', to: '2025-06-10' })).toBe('CB');
    expect(await list({ from: '2025-06-10' })).toBe('DC');
  });

  it('takes a category with everything below it', async () => {
    expect(await list({ category: 'labour' })).toBe('BEA');
    expect(await list({ category: 'labour.enterprise_dispute' })).toBe('EA');
    expect(await list({ category: 'labour.enterprise_dispute.wage_arrears', town: world.town })).toBe('A');
    expect(await list({ category: 'other' })).toBe('D');
  });

  it('takes a place with everything within it', async () => {
    expect(await list({ place: world.village })).toBe('BA');
    expect(await list({ place: world.group })).toBe('B');
    expect(await list({ place: world.otherVillage })).toBe('C');
    expect(await list({ place: world.town })).toBe('DCBA');
    expect(await list({ place: world.city })).toBe('DCBEA');
  });

  it('filters by status, difficult and department, and combines filters', async () => {
    expect(await list({ status: 'closed' })).toBe('C');
    expect(await list({ difficult: true })).toBe('A');
    expect(await list({ difficult: false, town: world.town })).toBe('DCB');
    expect(await list({ town: world.town, department: 'labour' })).toBe('A');
    expect(await list({ channel: 'web' })).toBe('');
    expect(await list({ category: 'labour', place: world.village, week: '2025W23' })).toBe('BA');
  });

  it('pages by cursor and by offset, newest or oldest first', async () => {
    const deps = recordDeps(t.db);
    const first = await listComplaints(deps, { limit: 2 });
    expect(first.items.map((i) => i.id)).toEqual([ids.D, ids.C]);
    expect(first.nextCursor).not.toBeNull();
    const second = await listComplaints(deps, { limit: 2, cursor: first.nextCursor ?? '' });
    expect(second.items.map((i) => i.id)).toEqual([ids.B, ids.E]);
    const third = await listComplaints(deps, { limit: 2, cursor: second.nextCursor ?? '' });
    expect(third.items.map((i) => i.id)).toEqual([ids.A]);
    expect(third.nextCursor).toBeNull();
    expect((await listComplaints(deps, { limit: 2, offset: 4 })).items.map((i) => i.id)).toEqual([ids.A]);
    expect(await list({ order: 'asc', limit: 3 })).toBe('AEB');
    const asc = await listComplaints(deps, { order: 'asc', limit: 3 });
    expect(await list({ order: 'asc', cursor: asc.nextCursor ?? '' })).toBe('CD');
  });

  it('finds free text in title, description, address and external number, never in personal data', async () => {
    const deps = recordDeps(t.db);
    const add = async (name: string, overrides: Parameters<typeof makeComplaintInput>[0]) => {
      ids[name] = (
        await createComplaint(deps, makeComplaintInput({ openedAt: '2024-01-02T09:00:00+08:00', ...overrides }))
      ).id;
    };
    await add('F', { title: '夜间施工噪声扰民', externalNo: 'Q-100%_x', complainantName: '李噪声' });
    await add('G', { address: '苏溪镇工业区 Road 7', content: '油烟直排，电话13912345678' });
    await add('H', { content: '反映 NOISE 问题', complainantPhone: '13700001111' });
    const find = (q: string) => list({ q, from: '2024-01-01', to: '2024-01-31' });
    expect(await find('噪声')).toBe('F');
    expect(await find('road 7')).toBe('G');
    expect(await find('noise')).toBe('H');
    expect(await find('q-100%_')).toBe('F');
    expect(await find('%')).toBe('F');
    expect(await find('_')).toBe('F');
    expect(await find('油烟')).toBe('G');
    // The complainant's name and phone are encrypted: never found.
    expect(await find('李噪')).toBe('');
    expect(await find('13700001111')).toBe('');
    // A phone number in the description is shown masked, so a search may not confirm it.
    expect(await find('13912345678')).toBe('');
    expect(await find('139 1234 5678')).toBe('');
    expect(await find('   ')).toBe('HGF');
    expect(await list({ q: '拖欠', town: world.otherTown })).toBe('E');
  });

  it('counts the matching records when asked for the total', async () => {
    const deps = recordDeps(t.db);
    expect((await listComplaints(deps, { limit: 1 })).total).toBeUndefined();
    const all = await listComplaints(deps, { limit: 1, total: true });
    expect(all.items).toHaveLength(1);
    expect(all.total).toBe(Object.keys(ids).length);
    expect((await listComplaints(deps, { town: world.town, week: '2025W23', total: 'true' })).total).toBe(2);
    expect((await listComplaints(deps, { category: 'labour', difficult: true, total: true })).total).toBe(1);
    expect((await listComplaints(deps, { q: '噪声', total: true })).total).toBe(1);
    expect((await listComplaints(deps, { week: '2025-W22', total: true })).total).toBe(0);
  });

  it('rejects bad filters, naming the parameter', async () => {
    const deps = recordDeps(t.db);
    const cases: [ListComplaintsQuery, string][] = [
      [{ week: '2025W99' }, 'week'],
      [{ week: 'last week' }, 'week'],
      [{ from: '2025-02-30' }, 'from'],
      [{ from: '2025-06-10', to: '2025-06-01' }, 'to'],
      [{ category: 'no.such' }, 'category'],
      [{ place: 'nowhere' }, 'place'],
      [{ town: world.village }, 'town'],
      [{ department: 'labour' }, 'department'],
      [{ town: world.town, department: 'nosuch' }, 'department'],
      [{ limit: 501 }, 'limit'],
      [{ cursor: 'garbage' }, 'cursor'],
      [{ cursor: 'MTIzLjQ1', offset: 10 }, 'cursor'],
      [{ status: 'opened' as 'closed' }, 'status'],
      [{ q: 'x'.repeat(101) }, 'q'],
      [{ q: 'a\u0000b' }, 'q'],
      [{ total: 'maybe' as 'true' }, 'total'],
    ];
    for (const [query, field] of cases) {
      await expect(listComplaints(deps, query), JSON.stringify(query)).rejects.toMatchObject({
        code: 'invalid_input',
        details: { issues: [{ path: field }] },
      });
    }
  });
});
