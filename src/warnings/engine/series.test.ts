import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { categories as c, G1, shape, V1, V2 } from './engine.testing.js';
import { buildSeries, type CellCount } from './series.js';

const WEEKS = [202551, 202552, 202601];

describe('buildSeries', () => {
  it('adds a record to its category at every level and to all categories, in its village and the town', () => {
    const series = buildSeries(shape, WEEKS, [{ week: 202552, categoryId: c.axy.id, placeId: G1, records: 3 }]);
    const keys = series.map((s) => `${s.category?.code ?? '*'}@${s.villageId ?? 'town'}`).sort();
    expect(keys).toEqual(['*@101', '*@town', 'a.x.y@101', 'a.x.y@town', 'a.x@101', 'a.x@town', 'a@101', 'a@town']);
    for (const s of series) {
      expect(Array.from(s.counts)).toEqual([0, 3, 0]);
    }
  });

  it('counts records without a village in the town only, and skips weeks and categories it does not know', () => {
    const series = buildSeries(shape, WEEKS, [
      { week: 202601, categoryId: c.b.id, placeId: null, records: 2 },
      { week: 202550, categoryId: c.b.id, placeId: V1, records: 9 },
      { week: 202601, categoryId: 999, placeId: V1, records: 9 },
    ]);
    expect(series.map((s) => s.villageId)).toEqual([null, null]);
    expect(series.every((s) => s.counts[2] === 2)).toBe(true);
  });

  it('sums to the town total in every week, and no village exceeds the town', () => {
    const cell = fc.record({
      week: fc.constantFrom(...WEEKS),
      categoryId: fc.constantFrom(c.a.id, c.ax.id, c.axy.id, c.az.id, c.b.id),
      placeId: fc.constantFrom(V1, V2, G1, null),
      records: fc.integer({ min: 0, max: 50 }),
    });
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 40 }), (cells: CellCount[]) => {
        const series = buildSeries(shape, WEEKS, cells);
        const all = series.find((s) => s.category === null && s.villageId === null);
        WEEKS.forEach((week, w) => {
          const total = cells.filter((x) => x.week === week).reduce((n, x) => n + x.records, 0);
          expect(all?.counts[w] ?? 0).toBe(total);
          for (const s of series.filter((s) => s.villageId !== null)) {
            const town = series.find((t) => t.category === s.category && t.villageId === null);
            expect(s.counts[w]).toBeLessThanOrEqual(town?.counts[w] ?? 0);
          }
        });
      }),
    );
  });
});
