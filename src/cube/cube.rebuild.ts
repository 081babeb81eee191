import { addWeeks, isoWeekOf } from '../core/time/index.js';
import type { Db } from '../store/database.js';
import { sqliteHandleOf } from '../store/open.js';
import type { RecordKind } from '../store/tables/intake.js';
import { inTransaction } from '../store/transaction.js';
import { CreditReceiver, startWorker } from '../workers/channel.js';
import { type StoredCell, writeCells } from './cube.cells.js';
import {
  deleteTownCells,
  loadLookups,
  lockState,
  openedSpan,
  RECORD_KINDS,
  selectOpenedInWeek,
  selectTownIds,
  setAsOf,
  withRebuildCache,
} from './cube.repo.js';
import { CubeDelta, storedAfter } from './delta.js';
import { type FactLookups, factOf } from './fact.js';

/*
 * Recomputing a town's cube from its records, week by week: every cell key holds its week (and kind), so the cells of
 * one week of one kind are whole once its records are read. On an SQLite file a worker thread reads and sums three weeks
 * in four on its own connection while this thread sums the fourth and writes every cell (SQLite has one writer).
 */

/**
 * The weeks this thread sums when a worker helps: one in four, since this thread also writes every cell (measured at
 * 10 M records: a third each way left this thread the slower).
 */
const mine = (index: number) => index % 4 === 0;
/** Spans shorter than this are rebuilt on this thread alone (a worker takes a second or two to start). */
const PARALLEL_MIN_WEEKS = 26;
export interface RebuildResult {
  towns: number;
  records: number;
  cells: number;
  seconds: number;
}

export interface RebuildOptions {
  now: number;
  townId?: number | undefined;
  onProgress?: ((weeks: number, total: number) => void) | undefined;
  /** Use the worker thread: by default on an SQLite file when the span is long. */
  parallel?: boolean | undefined;
}

/** One week of one kind of a town's records as new cells (overdue counted at `now`). */
export async function weekCells(
  db: Db,
  lookups: FactLookups,
  kind: RecordKind,
  townId: number,
  week: number,
  now: number,
): Promise<{ cells: StoredCell[]; records: number }> {
  const delta = new CubeDelta(lookups);
  let records = 0;
  for (const row of await selectOpenedInWeek(db, kind, townId, week)) {
    delta.add(factOf(kind, row, now, lookups), 1);
    records += 1;
  }
  return { cells: delta.changed().map((cell) => storedAfter(cell, undefined)), records };
}

/** What the rebuild worker posts: a chunk's cells, then the end (or why it failed). */
export type RebuildMessage =
  | { type: 'cells'; cells: StoredCell[]; records: number }
  | { type: 'end' }
  | { type: 'failed'; message: string };

export interface RebuildWorkerData {
  file: string;
  townId: number;
  weeks: number[];
  now: number;
}

/**
 * Recompute the cube of one town (or every town) from its records, overdue counted at `now`, in one transaction per
 * town, so readers see the old cube until the new one is whole.
 */
export async function rebuildCube(db: Db, options: RebuildOptions): Promise<RebuildResult> {
  const started = performance.now();
  const towns = options.townId === undefined ? await selectTownIds(db) : [options.townId];
  const totals = { records: 0, cells: 0 };
  await withRebuildCache(db, async () => {
    for (const townId of towns) {
      await inTransaction(db, (tx) => rebuildTown(tx, townId, options, totals));
    }
  });
  return { towns: towns.length, ...totals, seconds: (performance.now() - started) / 1000 };
}

async function rebuildTown(
  tx: Db,
  townId: number,
  options: RebuildOptions,
  totals: { records: number; cells: number },
): Promise<void> {
  await lockState(tx, townId, options.now);
  await deleteTownCells(tx, townId);
  const span = await openedSpan(tx, townId);
  const weeks: number[] = [];
  for (let week = span ? isoWeekOf(span.first) : 0; span && week <= isoWeekOf(span.last); week = addWeeks(week, 1)) {
    weeks.push(week);
  }
  const lookups = await loadLookups(tx);
  const file = sqliteFile(tx);
  const parallel = file !== null && (options.parallel ?? weeks.length >= PARALLEL_MIN_WEEKS);
  const theirs = parallel ? weeks.filter((_, i) => !mine(i)) : [];
  const receiver = parallel
    ? new CreditReceiver<RebuildMessage>(
        startWorker(new URL('./rebuild.worker.ts', import.meta.url), {
          file,
          townId,
          weeks: theirs,
          now: options.now,
        } satisfies RebuildWorkerData),
        'the cube rebuild worker',
      )
    : undefined;
  const store = async (chunk: { cells: StoredCell[]; records: number }) => {
    await writeCells(tx, chunk.cells, []);
    totals.cells += chunk.cells.length;
    totals.records += chunk.records;
  };
  try {
    for (const [i, week] of weeks.entries()) {
      for (const kind of RECORD_KINDS) {
        if (receiver && !mine(i)) {
          const message = await receiver.next();
          if (message.type !== 'cells') {
            throw new Error(`the cube rebuild worker: ${message.type === 'failed' ? message.message : 'ended early'}`);
          }
          await store(message);
        } else {
          await store(await weekCells(tx, lookups, kind, townId, week, options.now));
        }
      }
      options.onProgress?.(i + 1, weeks.length);
    }
  } finally {
    await receiver?.worker.terminate();
  }
  await setAsOf(tx, townId, options.now, options.now);
}

/** The SQLite file under a store (a worker opens its own connection to it); null on PostgreSQL or in memory. */
function sqliteFile(db: Db): string | null {
  const handle = sqliteHandleOf(db);
  return handle && !handle.memory ? handle.name : null;
}
