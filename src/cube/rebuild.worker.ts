import { parentPort, workerData } from 'node:worker_threads';
import { openStore } from '../store/open.js';
import { creditSender } from '../workers/channel.js';
import { type RebuildMessage, type RebuildWorkerData, weekCells } from './cube.rebuild.js';
import { loadLookups, RECORD_KINDS } from './cube.repo.js';

/* The rebuild worker: sums its share of the weeks on its own read connection and posts the cells (cube.rebuild.ts). */

const WINDOW = 8;

async function run(port: NonNullable<typeof parentPort>, data: RebuildWorkerData): Promise<void> {
  const channel = creditSender<RebuildMessage>(port, WINDOW);
  const store = await openStore({ databaseUrl: `sqlite:${data.file}`, dataDir: '' });
  try {
    const lookups = await loadLookups(store.db);
    for (const week of data.weeks) {
      for (const kind of RECORD_KINDS) {
        await channel.send({
          type: 'cells',
          ...(await weekCells(store.db, lookups, kind, data.townId, week, data.now)),
        });
      }
    }
    await channel.send({ type: 'end' });
  } catch (error) {
    await channel.send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  } finally {
    await store.close();
  }
}

if (parentPort) {
  await run(parentPort, workerData as RebuildWorkerData);
}
