/**
 * Weekly series from cube cells: every category at every level (and all categories together) × the town and each
 * village, complaints and cases together. Pure.
 */
import type { Cell, TownShape } from './shape.js';

/** The records of one base-cuboid cell group: a week, a record's own category and place. */
export interface CellCount {
  week: number;
  categoryId: number;
  placeId: number | null;
  records: number;
}

export interface Series extends Cell {
  /** One count per week of the engine's weeks (index 0 = the first). */
  counts: Int32Array;
}

/**
 * Sums `cells` into series over `weeks` (consecutive ISO weeks, ascending). A cell outside the weeks, or of a
 * category the town's taxonomy lacks, is skipped. Series are created only where a record fell.
 */
export function buildSeries(shape: TownShape, weeks: readonly number[], cells: Iterable<CellCount>): Series[] {
  const weekIndex = new Map(weeks.map((week, i) => [week, i]));
  const villageIds = [...shape.villages.keys()];
  const villageSlot = new Map(villageIds.map((id, i) => [id, i + 1]));
  const slots = villageIds.length + 1;
  const byKey = new Map<number, Series>();
  const seriesAt = (categoryId: number, slot: number): Series => {
    const key = categoryId * slots + slot;
    let series = byKey.get(key);
    if (series === undefined) {
      series = {
        category: categoryId === 0 ? null : (shape.categories.get(categoryId) ?? null),
        villageId: slot === 0 ? null : (villageIds[slot - 1] as number),
        counts: new Int32Array(weeks.length),
      };
      byKey.set(key, series);
    }
    return series;
  };
  for (const cell of cells) {
    const w = weekIndex.get(cell.week);
    const category = shape.categories.get(cell.categoryId);
    if (w === undefined || category === undefined || cell.records === 0) {
      continue;
    }
    const village = cell.placeId === null ? undefined : shape.villageOfPlace.get(cell.placeId);
    const slot = village === undefined ? 0 : (villageSlot.get(village) ?? 0);
    for (const categoryId of [0, ...category.path]) {
      seriesAt(categoryId, 0).counts[w] += cell.records;
      if (slot !== 0) {
        seriesAt(categoryId, slot).counts[w] += cell.records;
      }
    }
  }
  return [...byKey.values()];
}
