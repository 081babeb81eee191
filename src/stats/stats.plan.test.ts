import { describe, expect, it } from 'vitest';
import { CUBOIDS, type Cuboid } from '../cube/index.js';
import { type KeyLookups, keyOfRow, needOf, planStats } from './stats.plan.js';

const none = { department: false, source: false };
const cuboid = (id: number): Cuboid => CUBOIDS.find((c) => c.id === id) as Cuboid;

describe('the stats planner', () => {
  it('needs what the query groups and filters by, together', () => {
    expect(needOf([], none)).toEqual({ category: 0, place: 0, source: false, department: false });
    expect(needOf(['category2', 'village'], none)).toEqual({ category: 2, place: 1, source: false, department: false });
    expect(needOf(['department'], { ...none, categoryLevel: 3 })).toMatchObject({ category: 3, department: true });
    expect(needOf(['kind'], { ...none, placeLevel: 'group', source: true })).toMatchObject({ place: 2, source: true });
  });

  it('reads the smallest cuboid that covers the query', () => {
    expect(planStats([], ['records'], none).cuboid.id).toBe(1);
    expect(planStats(['category1', 'source'], ['records'], none).cuboid.id).toBe(2);
    expect(planStats(['group'], ['records'], none).cuboid.id).toBe(3);
    expect(planStats(['category2', 'department'], ['records'], none).cuboid.id).toBe(4);
    expect(planStats(['village'], ['responseRate'], { ...none, categoryLevel: 1 }).cuboid.id).toBe(5);
    expect(planStats(['village', 'department'], ['records'], none).cuboid.id).toBe(6);
    expect(planStats(['category3'], ['records'], none).cuboid.id).toBe(0);
    expect(planStats(['group', 'source'], ['records'], none).cuboid.id).toBe(0);
    expect(planStats(['village'], ['records'], { ...none, placeLevel: 'group' }).cuboid.id).toBe(3);
  });

  it('groups by each cell column once and asks only the columns its measures read', () => {
    const plan = planStats(['category1', 'category2', 'kind'], ['responseRate', 'handlingMedian', 'records'], none);
    expect(plan.group).toEqual(['category_id', 'kind']);
    expect(plan.counts).toEqual(['records', 'response_due', 'responded']);
    expect(plan.histograms).toEqual(['handling_hist']);
    expect(planStats([], ['workHandlingMean'], none)).toMatchObject({
      counts: ['handled', 'work_ms_sum'],
      histograms: [],
    });
  });

  it('rolls finer cells up to the asked levels through ragged trees', () => {
    // Categories: 1 (level 1) > 2 (level 2) > 3 (level 3); 4 a level-1 leaf. Places: village 10 > group 11.
    const lookups: KeyLookups = {
      category: (id) =>
        ({
          1: { level: 1, levelIds: [1, null, null] as const },
          2: { level: 2, levelIds: [1, 2, null] as const },
          3: { level: 3, levelIds: [1, 2, 3] as const },
          4: { level: 1, levelIds: [4, null, null] as const },
        })[id],
      place: (id) => ({ 10: { level: 'village', parentId: 5 }, 11: { level: 'group', parentId: 10 } })[id],
    };
    const base = cuboid(0);
    const key = (row: Record<string, unknown>) =>
      keyOfRow(row, ['category1', 'category2', 'village', 'group', 'department', 'source', 'kind'], base, lookups);
    expect(key({ category_id: 3, place_id: 11, department_id: 7, source: 'web', kind: 'complaint' })).toEqual([
      1,
      2,
      10,
      11,
      7,
      'web',
      'complaint',
    ]);
    expect(key({ category_id: 4, place_id: 10, department_id: 0, source: 'patrol', kind: 'case' })).toEqual([
      4,
      4,
      10,
      10,
      0,
      'patrol',
      'case',
    ]);
    expect(key({ category_id: 2, place_id: 0, department_id: 0, source: 'web', kind: 'case' }).slice(0, 4)).toEqual([
      1, 2, 0, 0,
    ]);
    // A cuboid at the asked level is read as stored, without looking the value up.
    const noLookups: KeyLookups = { category: () => undefined, place: () => undefined };
    expect(keyOfRow({ category_id: 2 }, ['category2'], cuboid(4), noLookups)).toEqual([2]);
    expect(keyOfRow({ category_id: 1, place_id: 11 }, ['category1', 'village'], cuboid(5), noLookups)).toEqual([1, 11]);
  });
});
