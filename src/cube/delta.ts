import { BASE_CUBOID, CUBOIDS } from './cuboids.js';
import { type CellKey, COUNT_MEASURES, cellKeyOf, type FactDims, type FactLookups, type RecordFact } from './fact.js';

/**
 * What a batch of writes changes in one cell: counts to add and histogram buckets to add (negative: remove), the
 * buckets as a sparse array indexed by bucket.
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
      cell.handling[fact.handlingBucket] = (cell.handling[fact.handlingBucket] ?? 0) + sign;
    }
    if (fact.workBucket !== null) {
      cell.work[fact.workBucket] = (cell.work[fact.workBucket] ?? 0) + sign;
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
      const dims: FactDims = {
        ...key,
        categories: this.#lookups.categoryLevels(key.categoryId),
        village: key.placeId === 0 ? 0 : this.#lookups.villageOf(key.placeId),
        place: key.placeId,
      };
      for (const cuboid of COARSER) {
        addInto(cellIn(cells, cellKeyOf(cuboid, dims)), base);
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

function cellIn(cells: Map<string, CellDelta>, key: CellKey): CellDelta {
  const id = cellId(key);
  let cell = cells.get(id);
  if (!cell) {
    cell = { key, counts: new Array<number>(COUNT_MEASURES.length).fill(0), handling: [], work: [] };
    cells.set(id, cell);
  }
  return cell;
}

function addInto(into: CellDelta, from: CellDelta): void {
  for (let i = 0; i < COUNT_MEASURES.length; i++) {
    into.counts[i] = (into.counts[i] as number) + (from.counts[i] as number);
  }
  from.handling.forEach((count, bucket) => {
    into.handling[bucket] = (into.handling[bucket] ?? 0) + count;
  });
  from.work.forEach((count, bucket) => {
    into.work[bucket] = (into.work[bucket] ?? 0) + count;
  });
}

function hasChange(cell: CellDelta): boolean {
  return (
    cell.counts.some((count) => count !== 0) || cell.handling.some((c) => c !== 0) || cell.work.some((c) => c !== 0)
  );
}
