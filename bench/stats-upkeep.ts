/**
 * One import of bench/stats.ts's upkeep figure, in a process of its own: the 12345 work-order CSV into the store of
 * SHANZHI_DATA_DIR, with the cube kept (`cube`) or with a no-op roll-up hook (`no-cube`). Prints
 * `{"seconds","rows"}` — the import's own time, without process start-up.
 *
 *   npx tsx bench/stats-upkeep.ts FILE cube|no-cube
 */
import { systemActor } from '../src/auth/index.js';
import { loadConfig, loadSecret } from '../src/config.js';
import { createCipher } from '../src/core/pii/index.js';
import { updateCube } from '../src/cube/index.js';
import { runImport } from '../src/ingest/index.js';
import { openStore } from '../src/store/open.js';

const [file, mode] = process.argv.slice(2);
if (!file || (mode !== 'cube' && mode !== 'no-cube')) {
  throw new Error('usage: stats-upkeep.ts FILE cube|no-cube');
}
const config = loadConfig({ ...process.env });
const store = await openStore(config);
try {
  const secret = loadSecret(config, true);
  const started = performance.now();
  const result = await runImport(
    {
      db: store.db,
      cipher: createCipher({ secret }),
      secret,
      dataDir: config.dataDir,
      afterWrite: mode === 'cube' ? updateCube : async () => {},
      actor: systemActor('bench'),
    },
    { file, profile: '12345-work-orders', townCode: '330782199' },
  );
  if (result.status !== 'done' || result.inserted + result.rejected !== result.rows) {
    throw new Error(`import (${mode}): ${JSON.stringify(result).slice(0, 300)}`);
  }
  process.stdout.write(`${JSON.stringify({ seconds: (performance.now() - started) / 1000, rows: result.rows })}\n`);
} finally {
  await store.close();
}
