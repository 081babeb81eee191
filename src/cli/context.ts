import type { Command } from 'commander';
import { type Config, type ConfigFlags, loadConfig } from '../config.js';
import { migrateToLatest } from '../store/migrate.js';
import { openStore, type Store } from '../store/open.js';

/** The settings for a command: environment variables overridden by the global flags. */
export function configOf(command: Command, extra: ConfigFlags = {}): Config {
  const globals = command.optsWithGlobals<ConfigFlags>();
  return loadConfig(process.env, { ...globals, ...extra });
}

/** Open the store, bring its schema up to date (migrations apply on every start) and run `work`; always close. */
export async function withStore<T>(config: Config, work: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(config);
  try {
    await migrateToLatest(store.db);
    return await work(store);
  } finally {
    await store.close();
  }
}

/** Print data as JSON (`--json`) or as the human text. */
export function output(json: boolean | undefined, data: unknown, human: () => string): void {
  process.stdout.write(json ? `${JSON.stringify(data, null, 2)}\n` : `${human()}\n`);
}
