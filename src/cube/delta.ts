import type { StoredCell } from './cube.cells.js';
import { BASE_CUBOID, CUBOIDS } from './cuboids.js';
import { type CellKey, COUNT_MEASURES, cellKeyOf, type FactDims, type FactLookups, type RecordFact } from './fact.js';
import { mergeStored } from './histogram.js';

/**
 * What a batch of writes changes in one cell: counts to add, and histogram changes as flat `bucket, count` pairs (a
 * bucket may repeat; negative counts remove), summed when the cell is stored.
 */
export interface CellDelta {
  key: CellKey;
  counts: number[];
  handling: number[];
  work: number[];
}

/** A cell key as one string. */
export function cellId(key: CellKey): string {
  return `${key.cuboid}|${key.categoryId}|${key.placeId}|${key.source}|${key.departmentId}|${key.townId}|${key.month}|${key.week}|${key.kind}`;
}

const COARSER = CUBOIDS.filter((cuboid) => cuboid !== BASE_CUBOID);

/**
 * The change a batch makes to the cube, summed in memory before it touches the database. Records add to the base
 * cuboid only; the coarser cuboids are summed from the base cells (fewer than the records) when the delta is read, so
 * every cuboid is by construction a roll-up of the base.
 */
export class CubeDelta {
  readonly #base = new Map<string, CellDelta>();
  readonly #lookups: FactLookups;

  constructor(lookups: FactLookups) {
    this.#lookups = lookups;
  }

  /** Add (sign 1) or take away (sign −1) what a record contributes. */
  add(fact: RecordFact, sign: 1 | -1): void {
    const cell = cellIn(this.#base, cellKeyOf(BASE_CUBOID, fact));
    for (let i = 0; i < COUNT_MEASURES.length; i++) {
      cell.counts[i] = (cell.counts[i] as number) + sign * (fact.counts[i] as number);
    }
    if (fact.handlingBucket !== null) {
      cell.handling.push(fact.handlingBucket, sign);
    }
    if (fact.workBucket !== null) {
      cell.work.push(fact.workBucket, sign);
    }
  }

  /** Every cell of every cuboid whose sums change (a record that moved nowhere cancels out and is left alone). */
  changed(): CellDelta[] {
    const cells = new Map<string, CellDelta>();
    const changed: CellDelta[] = [];
    for (const base of this.#base.values()) {
      if (!hasChange(base)) {
        continue;
      }
      changed.push(base);
      const { key } = base;
      const categories = this.#lookups.categoryLevels(key.categoryId);
      const village = key.placeId === 0 ? 0 : this.#lookups.villageOf(key.placeId);
      // cellId's layout, built without a key object per cuboid (a rebuild rolls up millions of base cells).
      const tail = `|${key.townId}|${key.month}|${key.week}|${key.kind}`;
      for (const cuboid of COARSER) {
        const category = cuboid.category === 0 ? 0 : categories[cuboid.category - 1];
        const place = cuboid.place === 0 ? key.townId : cuboid.place === 1 ? village : key.placeId;
        const id = `${cuboid.id}|${category}|${place}|${cuboid.source ? key.source : ''}|${cuboid.department ? key.departmentId : 0}${tail}`;
        let cell = cells.get(id);
        if (!cell) {
          const dims: FactDims = { ...key, categories, village, place: key.placeId };
          cell = emptyCell(cellKeyOf(cuboid, dims));
          cells.set(id, cell);
        }
        addInto(cell, base);
      }
    }
    for (const cell of cells.values()) {
      if (hasChange(cell)) {
        changed.push(cell);
      }
    }
    return changed;
  }
}

const emptyCell = (key: CellKey): CellDelta => ({
  key,
  counts: new Array<number>(COUNT_MEASURES.length).fill(0),
  handling: [],
  work: [],
});

function cellIn(cells: Map<string, CellDelta>, key: CellKey): CellDelta {
  const id = cellId(key);
  let cell = cells.get(id);
  if (!cell) {
    cell = emptyCell(key);
    cells.set(id, cell);
  }
  return cell;
}

function addInto(into: CellDelta, from: CellDelta): void {
  for (let i = 0; i < COUNT_MEASURES.length; i++) {
    into.counts[i] = (into.counts[i] as number) + (from.counts[i] as number);
  }
  for (const value of from.handling) {
    into.handling.push(value);
  }
  for (const value of from.work) {
    into.work.push(value);
  }
}

/** Whether `bucket, count` pairs add up to any change. */
function netChange(pairs: readonly number[]): boolean {
  if (pairs.length === 0) {
    return false;
  }
  const net = new Map<number, number>();
  for (let i = 0; i < pairs.length; i += 2) {
    net.set(pairs[i] as number, (net.get(pairs[i] as number) ?? 0) + (pairs[i + 1] as number));
  }
  return [...net.values()].some((count) => count !== 0);
}

function hasChange(cell: CellDelta): boolean {
  return cell.counts.some((count) => count !== 0) || netChange(cell.handling) || netChange(cell.work);
}

/** A cell as stored after adding a delta to it (`stored` undefined: a new cell). */
export function storedAfter(cell: CellDelta, stored: StoredCell | undefined): StoredCell {
  const counts = cell.counts.map((count, i) => count + (stored?.counts[i] ?? 0));
  if (counts.some((count) => count < 0)) {
    throw new Error(`cube cell ${cellId(cell.key)} would count below zero: rebuild the cube (shanzhi cube rebuild)`);
  }
  return {
    key: cell.key,
    counts,
    handlingHist: mergeStored(stored?.handlingHist, cell.handling),
    workHist: mergeStored(stored?.workHist, cell.work),
  };
}
