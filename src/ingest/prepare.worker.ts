import { parentPort, workerData } from 'node:worker_threads';
import { creditSender } from '../workers/channel.js';
import { prepareBatches } from './prepare.js';
import {
  openRequestTable,
  serializeError,
  WINDOW,
  type WorkerData,
  type WorkerMessage,
  workerCipher,
} from './prepare-source.js';
import { providedColumns } from './provided-columns.js';
import { compileMapper } from './row-mapper.js';

/* The import worker: reads the file and posts prepared batches, a few ahead of the writer (see prepare-source.ts). */

async function run(port: NonNullable<typeof parentPort>, data: WorkerData): Promise<void> {
  const channel = creditSender<WorkerMessage>(port, WINDOW);
  try {
    const table = await openRequestTable(data);
    try {
      const mapper = compileMapper(data.profile, table.header, data.lookups, { townCode: data.townCode });
      await channel.send({
        type: 'ready',
        missing: mapper.missing.map((c) => c.header),
        ignored: [...mapper.ignored],
        columns: [...providedColumns(data.profile, mapper)],
        bytesTotal: table.bytesTotal,
      });
      const options = { ...data, mapper, cipher: workerCipher(data.secret) };
      for await (const batch of prepareBatches(table.rows, () => table.bytesRead(), options)) {
        await channel.send({ type: 'batch', batch });
      }
      await channel.send({ type: 'end' });
    } finally {
      await table.close();
    }
  } catch (error) {
    await channel.send({ type: 'failed', error: serializeError(error) });
  }
  port.close();
}

if (parentPort) {
  await run(parentPort, workerData as WorkerData);
}
