import type { Command } from 'commander';
import { readCubeStates, rebuildCube, sweepCube } from '../../cube/index.js';
import { requirePlace } from '../../places/index.js';
import { configOf, output, withStore } from '../context.js';
import { createProgress, type Progress } from '../progress.js';

interface Flags {
  town?: string;
  json?: boolean;
}

const iso = (ms: number | null) => (ms === null ? '-' : new Date(ms).toISOString());

/** `shanzhi cube rebuild|sweep|status`: the roll-ups behind every statistic (docs/stats.md). */
export function registerCube(program: Command): void {
  const cube = program.command('cube').description('the weekly cube behind every statistic: rebuild, sweep, status');

  cube
    .command('rebuild')
    .description('recompute the cube of every town (or one) from its records, in one transaction per town')
    .option('--town <code>', 'only this town')
    .option('--json', 'print the result as JSON')
    .action(async (flags: Flags, command: Command) => {
      const result = await withStore(configOf(command), async (store) => {
        const townId = flags.town === undefined ? undefined : (await requirePlace(store.db, flags.town, '--town')).id;
        let progress: Progress | undefined;
        const done = await rebuildCube(store.db, {
          now: Date.now(),
          townId,
          onProgress: flags.json
            ? undefined
            : (weeks, total) => {
                progress ??= createProgress('cube rebuild (weeks)', total);
                progress.update(weeks);
              },
        });
        progress?.finish();
        return done;
      });
      output(
        flags.json,
        result,
        () =>
          `cube rebuilt: ${result.towns} town(s), ${result.records.toLocaleString('en-US')} records in ${result.cells.toLocaleString('en-US')} cells, ${result.seconds.toFixed(1)} s`,
      );
    });

  cube
    .command('sweep')
    .description('count records whose deadline has passed since the last write as overdue (the server does it too)')
    .option('--json', 'print the result as JSON')
    .action(async (flags: Flags, command: Command) => {
      const turned = await withStore(configOf(command), (store) => sweepCube(store.db, Date.now()));
      output(flags.json, { turnedOverdue: turned }, () => `${turned} record(s) turned overdue`);
    });

  cube
    .command('status')
    .description('per town: the instant overdue is counted at and the last rebuild')
    .option('--json', 'print the result as JSON')
    .action(async (flags: Flags, command: Command) => {
      const states = await withStore(configOf(command), (store) => readCubeStates(store.db));
      output(flags.json, states, () =>
        states.length === 0
          ? 'no cube yet: shanzhi cube rebuild'
          : states.map((s) => `town ${s.townId}\tas of ${iso(s.asOf)}\trebuilt ${iso(s.rebuiltAt)}`).join('\n'),
      );
    });
}
