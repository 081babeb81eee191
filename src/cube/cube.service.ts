import { addWeeks, isoWeekOf, weeksBetween } from '../core/time/index.js';
import type { AfterWrite, RecordWrite } from '../records/index.js';
import type { Db } from '../store/database.js';
import type { RecordKind } from '../store/tables/intake.js';
import { inTransaction } from '../store/transaction.js';
import { loadCells, type StoredCell, writeCells } from './cube.cells.js';
import {
  type CubeState,
  deleteTownCells,
  loadLookups,
  lockState,
  openedSpan,
  selectNewlyOverdue,
  selectOpenedInWeek,
  selectStates,
  selectTownIds,
  setAsOf,
  withRebuildCache,
} from './cube.repo.js';
import { type CellDelta, CubeDelta, cellId } from './delta.js';
import { type CellKey, type FactColumns, type FactLookups, factOf } from './fact.js';
import { mergeStored } from './histogram.js';

/*
 * Keeping the cube equal to the records: every record write adds what the record now contributes and takes away what
 * it contributed before, in the write's own transaction (updateCube); time moving on makes open records overdue, which
 * the sweep adds (every write sweeps its town first); and rebuildCube recomputes a town's cube from its records.
 */

const KINDS: readonly RecordKind[] = ['complaint', 'case'];

const kindOf = (write: RecordWrite): RecordKind => (write.table === 'complaint' ? 'complaint' : 'case');

/** The records' AfterWrite: roll a batch of writes into the cube, inside the batch's transaction. */
export const updateCube: AfterWrite = async (db, writes) => {
  const changed = writes.filter((write) => write.outcome !== 'unchanged');
  if (changed.length === 0) {
    return;
  }
  const now = Date.now();
  const towns = new Set<number>();
  for (const write of changed) {
    towns.add(Number(write.after.town_id));
    if (write.before) {
      towns.add(Number(write.before.town_id));
    }
  }
  const asOf = new Map<number, number>();
  // In town order, so two writers that lock the same towns never wait for each other in a cycle.
  for (const townId of [...towns].sort((a, b) => a - b)) {
    asOf.set(townId, await lockState(db, townId, now));
  }
  const lookups = await loadLookups(db);
  const delta = new CubeDelta(lookups);
  for (const write of changed) {
    const kind = kindOf(write);
    if (write.before) {
      const before = write.before as unknown as FactColumns;
      delta.add(factOf(kind, before, asOf.get(Number(before.town_id)) as number, lookups), -1);
    }
    const after = write.after as unknown as FactColumns;
    delta.add(factOf(kind, after, asOf.get(Number(after.town_id)) as number, lookups), 1);
  }
  for (const [townId, from] of asOf) {
    await sweepInto(db, delta, lookups, townId, from, now);
  }
  await applyDelta(db, delta);
};

/** Add to `delta` the records of a town that turn overdue between `from` and `to`, and move its as_of to `to`. */
async function sweepInto(
  db: Db,
  delta: CubeDelta,
  lookups: FactLookups,
  townId: number,
  from: number,
  to: number,
): Promise<number> {
  if (to <= from) {
    return 0;
  }
  let turned = 0;
  for (const kind of KINDS) {
    for (const row of await selectNewlyOverdue(db, kind, townId, from, to)) {
      delta.add(factOf(kind, row, from, lookups), -1);
      delta.add(factOf(kind, row, to, lookups), 1);
      turned += 1;
    }
  }
  await setAsOf(db, townId, to);
  return turned;
}

/** Count overdue as of `now` in every town's cube; returns how many records turned overdue. */
export async function sweepCube(db: Db, now: number): Promise<number> {
  let turned = 0;
  for (const state of await selectStates(db)) {
    turned += await inTransaction(db, async (tx) => {
      const from = await lockState(tx, state.townId, now);
      const lookups = await loadLookups(tx);
      const delta = new CubeDelta(lookups);
      const count = await sweepInto(tx, delta, lookups, state.townId, from, now);
      await applyDelta(tx, delta);
      return count;
    });
  }
  return turned;
}

function merged(cell: CellDelta, stored: StoredCell | undefined): StoredCell {
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

/** Read the cells a delta touches, add it, and write them back; a cell left with no records is deleted. */
async function applyDelta(db: Db, delta: CubeDelta): Promise<void> {
  const cells = delta.changed();
  if (cells.length === 0) {
    return;
  }
  const stored = await loadCells(
    db,
    cells.map((cell) => cell.key),
  );
  const kept: StoredCell[] = [];
  const removed: CellKey[] = [];
  for (const cell of cells) {
    const before = stored.get(cellId(cell.key));
    const after = merged(cell, before);
    if (after.counts[0] === 0) {
      if (after.counts.some((count) => count !== 0) || after.handlingHist !== '' || after.workHist !== '') {
        throw new Error(`cube cell ${cellId(cell.key)} has no records left but other counts: rebuild the cube`);
      }
      if (before) {
        removed.push(cell.key);
      }
    } else {
      kept.push(after);
    }
  }
  await writeCells(db, kept, removed);
}

export interface RebuildResult {
  towns: number;
  records: number;
  cells: number;
  seconds: number;
}

/**
 * Recompute the cube of one town (or every town) from its records, overdue counted at `now`: a week of records at a
 * time, in one transaction per town, so readers see the old cube until the new one is whole.
 */
export async function rebuildCube(
  db: Db,
  options: {
    now: number;
    townId?: number | undefined;
    onProgress?: ((weeks: number, total: number) => void) | undefined;
  },
): Promise<RebuildResult> {
  const started = performance.now();
  const towns = options.townId === undefined ? await selectTownIds(db) : [options.townId];
  let records = 0;
  let cells = 0;
  await withRebuildCache(db, async () => {
    for (const townId of towns) {
      await inTransaction(db, async (tx) => {
        await lockState(tx, townId, options.now);
        await deleteTownCells(tx, townId);
        const lookups = await loadLookups(tx);
        const span = await openedSpan(tx, townId);
        if (span) {
          // Week by week: every cell key holds its week, so a week's cells are whole once its records are read.
          const last = isoWeekOf(span.last);
          const total = weeksBetween(isoWeekOf(span.first), last) + 1;
          let done = 0;
          for (let week = isoWeekOf(span.first); week <= last; week = addWeeks(week, 1)) {
            // Kind is in every cell's key too: a week of one kind is whole, and half as much to hold at once.
            for (const kind of KINDS) {
              const delta = new CubeDelta(lookups);
              for (const row of await selectOpenedInWeek(tx, kind, townId, week)) {
                delta.add(factOf(kind, row, options.now, lookups), 1);
                records += 1;
              }
              const fresh = delta.changed().map((cell) => merged(cell, undefined));
              await writeCells(tx, fresh, []);
              cells += fresh.length;
            }
            done += 1;
            options.onProgress?.(done, total);
          }
        }
        await setAsOf(tx, townId, options.now, options.now);
      });
    }
  });
  return { towns: towns.length, records, cells, seconds: (performance.now() - started) / 1000 };
}

/** The cube's state of each town: the instant overdue is counted at and when it was last rebuilt. */
export async function readCubeStates(db: Db): Promise<CubeState[]> {
  return selectStates(db);
}
