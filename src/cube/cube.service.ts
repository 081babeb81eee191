import type { AfterWrite, RecordWrite } from '../records/index.js';
import type { Db } from '../store/database.js';
import type { RecordKind } from '../store/tables/intake.js';
import { inTransaction } from '../store/transaction.js';
import { loadCells, type StoredCell, writeCells } from './cube.cells.js';
import {
  type CubeState,
  loadLookups,
  lockState,
  RECORD_KINDS,
  selectNewlyOverdue,
  selectStates,
  setAsOf,
} from './cube.repo.js';
import { CubeDelta, cellId, storedAfter } from './delta.js';
import { type CellKey, type FactColumns, type FactLookups, factOf } from './fact.js';

/*
 * Keeping the cube equal to the records: every record write adds what the record now contributes and takes away what
 * it contributed before, in the write's own transaction (updateCube); time moving on makes open records overdue, which
 * the sweep adds (every write sweeps its town first); and rebuildCube recomputes a town's cube from its records.
 */

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
  for (const kind of RECORD_KINDS) {
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
    const after = storedAfter(cell, before);
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

/** The cube's state of each town: the instant overdue is counted at and when it was last rebuilt. */
export async function readCubeStates(db: Db): Promise<CubeState[]> {
  return selectStates(db);
}
