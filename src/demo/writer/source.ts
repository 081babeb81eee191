import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CreditReceiver, startWorker } from '../../workers/channel.js';
import type { Demo } from '../demo.js';
import { demoRowChunks, type RowBuild, type RowChunk } from './rows.js';
import type { RowWorkerData } from './worker.js';

/*
 * Where the writer takes the demo's rows from, week by week: row workers (generation, row building and encryption on
 * other cores while the writer inserts), or, without the secret a worker needs, this thread.
 */

export interface RowSource {
  /** The chunks of one week, ending with its `weekEnd` chunk. Weeks must be taken in order, from the first. */
  week(index: number): AsyncGenerator<RowChunk>;
  /** Stop the workers (after the last week, or on failure). */
  close(): Promise<void>;
}

/** Rows built on this thread, as the writer asks for them. */
export function threadRowSource(demo: Demo, build: RowBuild): RowSource {
  const chunks = demoRowChunks(demo, demo.calendar.weeks.keys(), build);
  return {
    async *week(index) {
      for (;;) {
        const { value, done } = chunks.next();
        if (done || value.week !== index) {
          throw new Error(`demo rows out of order: expected week ${index}`);
        }
        yield value;
        if (value.weekEnd) {
          return;
        }
      }
    },
    async close() {
      chunks.return(undefined);
    },
  };
}

/** A row worker: worker.ts on its own thread, with the old-generation room of workerHeapMb. */
function startRowWorker(data: RowWorkerData, heapMb: number): CreditReceiver<RowChunk> {
  // With a heap limit V8 collects before the old generation grows far past what is live (the week's drafts, the
  // model): without one a worker's heap swung between 100 and 350 MB and the process passed the 500 MB bar.
  const here = import.meta.url;
  const module = new URL(`./worker${extname(fileURLToPath(here))}`, here);
  return new CreditReceiver(startWorker(module, data, { heapMb }), 'demo row worker');
}

/** Old-generation room for a row worker: the model and modules, plus about 2 KB per record of the average week. */
function workerHeapMb(demo: Demo): number {
  const perWeek = demo.options.records / demo.calendar.weeks.length;
  return 160 + Math.ceil((2 * perWeek) / 1000);
}

export interface WorkerSourceOptions {
  workers: number;
  secret: string;
  chunkRows: number;
  /** Chunks a worker may build ahead of the writer. */
  window: number;
}

/** Rows built by `workers` row workers, week i by worker i mod workers. */
export function workerRowSource(
  demo: Demo,
  snapshot: RowWorkerData['snapshot'],
  options: WorkerSourceOptions,
): RowSource {
  const weeks = [...demo.calendar.weeks.keys()];
  const lanes = Array.from({ length: options.workers }, (_, lane) => {
    const data: RowWorkerData = {
      options: demo.options,
      secret: options.secret,
      snapshot,
      weeks: weeks.filter((week) => week % options.workers === lane),
      chunkRows: options.chunkRows,
      window: options.window,
    };
    return startRowWorker(data, workerHeapMb(demo));
  });
  return {
    async *week(index) {
      const lane = lanes[index % lanes.length] as CreditReceiver<RowChunk>;
      for (;;) {
        const chunk = await lane.next();
        if (chunk.week !== index) {
          throw new Error(`demo rows out of order: expected week ${index}, got ${chunk.week}`);
        }
        yield chunk;
        if (chunk.weekEnd) {
          return;
        }
      }
    },
    async close() {
      await Promise.all(lanes.map((lane) => lane.worker.terminate()));
    },
  };
}
