import type { Command } from 'commander';
import { bootstrapAdmin, pruneAuthRecords } from '../../auth/index.js';
import { type Config, loadSecrets } from '../../config.js';
import { sweepCube } from '../../cube/index.js';
import { openStore } from '../../store/open.js';
import { runScheduledWarnings } from '../../warnings/index.js';
import { configOf, prepareStore } from '../context.js';

const SWEEP_INTERVAL_MS = 5 * 60_000;
/** How often the server asks whether an early-warning run is due (src/warnings/engine/schedule.ts). */
const WARNING_CHECK_MS = 10 * 60_000;
/** How often the server asks whether a scheduled report run is due (src/reports/jobs). */
const REPORT_CHECK_MS = 5 * 60_000;

interface ServeOptions {
  host?: string;
  port?: string;
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('start the HTTP server (API, OpenAPI docs at /api/docs)')
    .option('--host <host>', 'interface to listen on (HOST, default 127.0.0.1)')
    .option('--port <port>', 'port to listen on (PORT, default 8080)')
    .action(async (options: ServeOptions, command: Command) => {
      await serve(configOf(command, options));
    });
}

/**
 * Migrate, listen, and run until SIGTERM or SIGINT; then stop taking requests, let those in flight finish, and close
 * the database. Resolves once everything is closed.
 */
export async function serve(config: Config, mode: { demoMode?: boolean } = {}): Promise<void> {
  const store = await openStore(config);
  const { secret, previousSecrets } = loadSecrets(config, store.dialect === 'sqlite');
  await prepareStore(store);
  try {
    // The first start of a fresh installation may create its administrator from the environment.
    const admin = await bootstrapAdmin(store.db, process.env);
    if (admin) {
      process.stderr.write(`created the administrator ${admin} (SHANZHI_BOOTSTRAP_ADMIN)\n`);
    }
  } catch (error) {
    await store.close();
    throw error;
  }
  // Imported here: the app pulls in every feature (the reports with ECharts and docx among them), seconds of loading
  // that `shanzhi demo` should not pay before it checks its flags.
  const [{ buildApp }, { runDueReports }] = await Promise.all([
    import('../../server/app.js'),
    import('../../reports/jobs/index.js'),
  ]);
  const app = await buildApp({
    store,
    secret,
    previousSecrets,
    dataDir: config.dataDir,
    demoMode: mode.demoMode === true,
    trustProxy: config.trustProxy,
    webDir: config.webDir,
  });
  const address = await app.listen({ host: config.host, port: config.port });
  process.stdout.write(
    `Shanzhi is listening on ${address} (data: ${store.location}); API docs at ${address}/api/docs\n`,
  );
  // Open records turn overdue as their deadlines pass, with no write to notice: sweep the cube every few minutes.
  const sweeper = setInterval(() => {
    sweepCube(store.db, Date.now()).catch((error: unknown) => app.log.error({ err: error }, 'cube sweep failed'));
    // Ended sessions and old sign-in attempts are of no further use (the audit log keeps the sign-ins).
    pruneAuthRecords(store.db, Date.now()).catch((error: unknown) =>
      app.log.error({ err: error }, 'auth prune failed'),
    );
  }, SWEEP_INTERVAL_MS);
  sweeper.unref();
  // The early-warning engine: each town once a day for the week so far, and once for each week that ended.
  const warner = setInterval(() => {
    runScheduledWarnings({ db: store.db, dataDir: config.dataDir })
      .then((runs) => {
        for (const run of runs) {
          if ('error' in run) {
            app.log.error({ town: run.townId, err: run.error }, 'early warning failed');
          } else {
            app.log.info({ town: run.town.code, week: run.week, created: run.created.length }, 'early warning ran');
          }
        }
      })
      .catch((error: unknown) => app.log.error({ err: error }, 'early warning schedule failed'));
  }, WARNING_CHECK_MS);
  warner.unref();
  // Scheduled reports (weekly, monthly, quarterly): each run claimed by exactly one process, retried on failure.
  const reporter = setInterval(() => {
    runDueReports({ db: store.db })
      .then((runs) => {
        for (const run of runs) {
          if (run.status === 'failed') {
            app.log.error({ town: run.town, type: run.type, period: run.period, err: run.error }, 'report failed');
          } else if (run.status === 'done') {
            app.log.info({ town: run.town, type: run.type, period: run.period, id: run.reportId }, 'report written');
          }
        }
      })
      .catch((error: unknown) => app.log.error({ err: error }, 'report schedule failed'));
  }, REPORT_CHECK_MS);
  reporter.unref();

  await new Promise<void>((resolveStop) => {
    const stop = (signal: NodeJS.Signals): void => {
      app.log.info({ signal }, 'shutting down');
      resolveStop();
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
  clearInterval(sweeper);
  clearInterval(warner);
  clearInterval(reporter);
  await app.close();
  await store.close();
}
