import type { Command } from 'commander';
import { DEMO_PASSWORD, ensureDemoUsers } from '../../auth/index.js';
import { type Config, loadSecret } from '../../config.js';
import { invalidField } from '../../core/errors.js';
import { createCipher } from '../../core/pii/index.js';
import { parseWeek } from '../../core/time/index.js';
import { readCubeStates, rebuildCube } from '../../cube/index.js';
import { createDemo, type Demo, type DemoOptions } from '../../demo/index.js';
import { writeDemoTown } from '../../demo/store-writer.js';
import { findPlaces } from '../../places/index.js';
import type { Db } from '../../store/database.js';
import { openStore } from '../../store/open.js';
import { runWarningsEngine } from '../../warnings/index.js';
import { configOf, output, prepareStore } from '../context.js';
import { createProgress } from '../progress.js';
import { serve } from './serve.js';

interface DemoFlags {
  seed?: string;
  records?: string;
  lastWeek?: string;
  host?: string;
  port?: string;
}

interface GenerateFlags extends DemoFlags {
  out?: string;
  json?: boolean;
  /** false with --no-warnings. */
  warnings?: boolean;
}

/** Weeks the demo runs the early-warning engine over after generating, so the warnings centre has a history. */
const DEMO_WARNING_WEEKS = 8;

export function registerDemo(program: Command): void {
  const demo = program
    .command('demo')
    .description('the demo: generate the demo town into an empty database, then start the server')
    .option('--seed <text>', 'the same seed gives the same town (default "shanzhi")')
    .option('--records <n>', 'records over five years (default 150000)')
    .option('--host <host>', 'interface to listen on (HOST, default 127.0.0.1)')
    .option('--port <port>', 'port to listen on (PORT, default 8080)')
    .action(async (flags: DemoFlags, command: Command) => {
      const config = configOf(command, flags);
      await ensureDemoData(config, demoFromFlags(flags));
      // Only the demo lets the demo users (app_user.demo = 1) sign in.
      await serve(config, { demoMode: true });
    });

  demo
    .command('generate')
    .description('generate the demo town into the database, or with --out as the files towns exchange')
    .option('--seed <text>', 'the same seed gives the same town (default "shanzhi")')
    .option('--records <n>', 'records over five years (default 150000; the benchmarks use 10000000)')
    .option('--last-week <week>', 'the last ISO week of the data, e.g. 2026W47 (default: the last before 2026-11-29)')
    .option('--out <dir>', 'write export files and truth.json into this folder instead of the database')
    .option('--json', 'print the result as JSON')
    .option('--no-warnings', `do not run the early-warning engine over the last ${DEMO_WARNING_WEEKS} weeks`)
    .action(async (_options: GenerateFlags, command: Command) => {
      // `demo` declares some of the same flags; commander gives each to the command it follows, so merge them.
      const flags = command.optsWithGlobals<GenerateFlags>();
      const demoTown = demoFromFlags(flags);
      const config = configOf(command);
      const result = flags.out
        ? await generateFiles(demoTown, flags.out)
        : await generateIntoStore(config, demoTown, flags.warnings !== false);
      output(flags.json, result, () => JSON.stringify(result, null, 2));
    });
}

function demoFromFlags(flags: DemoFlags): Demo {
  const options: Partial<DemoOptions> = {};
  if (flags.seed !== undefined) {
    options.seed = flags.seed;
  }
  if (flags.records !== undefined) {
    if (!/^\d{1,9}$/.test(flags.records.replaceAll('_', ''))) {
      throw invalidField('--records', `must be a whole number (got "${flags.records}")`);
    }
    options.records = Number(flags.records.replaceAll('_', ''));
  }
  if (flags.lastWeek !== undefined) {
    options.lastWeek = parseWeek(flags.lastWeek, '--last-week');
  }
  return createDemo(options);
}

/** Generate the demo town into the store unless the store already holds places (a second run reuses its data). */
async function ensureDemoData(config: Config, demo: Demo): Promise<void> {
  const store = await openStore(config);
  try {
    await prepareStore(store);
    const towns = await findPlaces({ db: store.db }, { level: 'town' });
    if (towns.length > 0) {
      reportDemoUsers(await ensureDemoUsers(store.db));
      process.stderr.write(`using the data already in ${store.location} (${towns.map((t) => t.name).join('、')})\n`);
      if ((await readCubeStates(store.db)).length === 0) {
        // Data written before the cube existed: roll it up once.
        const cube = await rebuildCube(store.db, { now: Date.now() });
        process.stderr.write(
          `cube built: ${cube.records.toLocaleString('en-US')} records, ${cube.seconds.toFixed(1)} s\n`,
        );
      }
      return;
    }
  } finally {
    await store.close();
  }
  const result = await generateIntoStore(config, demo);
  process.stderr.write(
    `demo town ${result.town}: ${result.complaints.toLocaleString('en-US')} complaints and ${result.cases.toLocaleString('en-US')} cases written\n`,
  );
  reportDemoUsers(result.demoUsers);
}

async function generateIntoStore(config: Config, demo: Demo, warn = true) {
  const store = await openStore(config);
  try {
    const secret = loadSecret(config, store.dialect === 'sqlite');
    const cipher = createCipher({ secret });
    await prepareStore(store);
    const progress = createProgress('demo town', demo.options.records);
    const result = await writeDemoTown({ db: store.db, cipher, secret }, demo, ({ done }) => progress.update(done));
    progress.finish();
    const cube = await rebuildCube(store.db, { now: Date.now() });
    // The engine over the last weeks, when there are records to watch; quietly (no progress bar) under --json.
    const warnings =
      warn && result.complaints + result.cases > 0 ? await warnDemoWeeks(store.db, config.dataDir, demo) : undefined;
    const demoUsers = await ensureDemoUsers(store.db);
    return {
      database: store.location,
      seed: demo.options.seed,
      ...result,
      cubeSeconds: cube.seconds,
      warnings,
      demoUsers,
      // The one documented demo password (docs/user/账号与权限.md); demo users sign in only in the demo.
      demoPassword: demoUsers.length > 0 ? DEMO_PASSWORD : undefined,
    };
  } finally {
    await store.close();
  }
}

/** The engine over the demo's last weeks, oldest first, as if it had run every Monday. */
async function warnDemoWeeks(
  db: Db,
  dataDir: string,
  demo: Demo,
): Promise<{ weeks: number; warnings: number; seconds: number }> {
  const started = performance.now();
  const weeks = demo.calendar.weeks.slice(-DEMO_WARNING_WEEKS);
  const progress = createProgress('early warning (weeks)', weeks.length);
  let warnings = 0;
  for (const [i, week] of weeks.entries()) {
    const run = await runWarningsEngine({ db, dataDir }, { town: { code: demo.map.town.code }, week, trigger: 'cli' });
    warnings += run.created.length;
    progress.update(i + 1);
  }
  progress.finish();
  return { weeks: weeks.length, warnings, seconds: (performance.now() - started) / 1000 };
}

async function generateFiles(demo: Demo, outDir: string) {
  const { writeDemoFiles } = await import('../../demo/export/index.js');
  const progress = createProgress('demo files', demo.options.records);
  const result = await writeDemoFiles(demo, outDir, { onProgress: ({ records }) => progress.update(records) });
  progress.finish();
  return { seed: demo.options.seed, out: outDir, ...result };
}

/** Tell once which demo users were created and their one documented password (docs/user/账号与权限.md). */
function reportDemoUsers(created: string[]): void {
  if (created.length > 0) {
    process.stderr.write(
      `demo users ${created.join(', ')} (password ${DEMO_PASSWORD}; they sign in only in the demo)\n`,
    );
  }
}
