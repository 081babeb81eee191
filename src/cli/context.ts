import type { Command } from 'commander';
import { type Config, type ConfigFlags, loadConfig } from '../config.js';
import { invalidFields, isAppError } from '../core/errors.js';
import { type MigrationReport, migrateToLatest } from '../store/migrate.js';
import { openStore, type Store } from '../store/open.js';
import { ensureDefaultTaxonomy } from '../taxonomy/index.js';

/** The settings for a command: environment variables overridden by the global flags. */
export function configOf(command: Command, extra: ConfigFlags = {}): Config {
  const globals = command.optsWithGlobals<ConfigFlags>();
  return loadConfig(process.env, { ...globals, ...extra });
}

/**
 * Make a store ready for use: bring the schema up to date and load the reference data every installation starts
 * with (the default taxonomy, into an empty one). Idempotent; runs on every start.
 */
export async function prepareStore(store: Store): Promise<MigrationReport> {
  const report = await migrateToLatest(store.db);
  await ensureDefaultTaxonomy({ db: store.db });
  return report;
}

/** Open and prepare the store, run `work`, and always close it. */
export async function withStore<T>(config: Config, work: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(config);
  try {
    await prepareStore(store);
    return await work(store);
  } finally {
    await store.close();
  }
}

/** Print data as JSON (`--json`) or as the human text. */
export function output(json: boolean | undefined, data: unknown, human: () => string): void {
  process.stdout.write(json ? `${JSON.stringify(data, null, 2)}\n` : `${human()}\n`);
}

/**
 * Run a service call and, when it refuses its input, name the flags the operator typed instead of the service's
 * fields (`townCode` → `--town`): `flagOf` maps a field (the first part of an issue's path) to its flag.
 */
export async function inFlagTerms<T>(work: Promise<T>, flagOf: Readonly<Record<string, string>>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    const issues = isAppError(error) && error.code === 'invalid_input' ? error.details?.issues : undefined;
    if (!issues) {
      throw error;
    }
    throw invalidFields(
      issues.map((i) => ({ path: flagOf[i.path.split('.')[0] ?? ''] ?? i.path, message: i.message })),
    );
  }
}
