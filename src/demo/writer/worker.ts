import { parentPort, workerData } from 'node:worker_threads';
import { bulkCipher, createCipher } from '../../core/pii/index.js';
import { creditSender } from '../../workers/channel.js';
import { createDemo, type DemoOptions } from '../demo.js';
import { type RefSnapshot, snapshotRefs } from './refs.js';
import { demoRowChunks, type RowChunk } from './rows.js';

/*
 * The row worker: regenerates the demo from its options (deterministic, so the same town), builds the rows of its
 * share of the weeks and posts them to the writer, never more than `window` chunks ahead of what the writer has
 * taken (the writer sends a credit for each chunk it takes), so memory stays flat however fast the writer is.
 */

/** What the writer starts a row worker with. */
export interface RowWorkerData {
  options: DemoOptions;
  /** The secret of the writer's cipher: personal data is encrypted here. */
  secret: string;
  snapshot: RefSnapshot;
  /** The weeks (indexes into the demo's calendar) this worker builds, in order. */
  weeks: number[];
  chunkRows: number;
  window: number;
}

async function run(port: NonNullable<typeof parentPort>, data: RowWorkerData): Promise<void> {
  const channel = creditSender<RowChunk>(port, data.window);
  const build = {
    refs: snapshotRefs(data.snapshot),
    cipher: bulkCipher(createCipher({ secret: data.secret }), data.secret),
    chunkRows: data.chunkRows,
  };
  for (const chunk of demoRowChunks(createDemo(data.options), data.weeks, build)) {
    await channel.send(chunk);
  }
  port.close();
}

if (parentPort) {
  await run(parentPort, workerData as RowWorkerData);
}
