import type { Command } from 'commander';
import { openStore } from '../../store/open.js';
import { configOf, output, prepareStore } from '../context.js';

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('bring the database schema up to date and load the default taxonomy (also done on every start)')
    .option('--json', 'print the result as JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const config = configOf(command);
      const store = await openStore(config);
      try {
        const report = await prepareStore(store);
        output(options.json, { database: store.location, ...report }, () =>
          report.applied.length > 0
            ? `applied ${report.applied.join(', ')} to ${store.location}`
            : `${store.location} is up to date (${report.current ?? 'no migrations'})`,
        );
      } finally {
        await store.close();
      }
    });
}
