import type { Command } from 'commander';
import { parseWeek } from '../../core/time/index.js';
import { runWarningsEngine, selectTownsWithRecords, selectWarningLines } from '../../warnings/index.js';
import { configOf, inFlagTerms, output, withStore } from '../context.js';

interface Flags {
  town?: string;
  week?: string;
  json?: boolean;
}

const SEVERITY_ZH: Record<string, string> = { red: '红', orange: '橙', yellow: '黄', blue: '蓝' };

/** `shanzhi warnings run`: the early-warning engine over one town or every town (docs/warnings.md). */
export function registerWarnings(program: Command): void {
  const warnings = program.command('warnings').description('early warnings: run the engine');

  warnings
    .command('run')
    .description('run the detectors over the cube for a week (default: the last complete week) and store warnings')
    .option('--town <code>', 'only this town (default: every town with records)')
    .option('--week <week>', 'ISO week, e.g. 2026W47 (default: the last complete week)')
    .option('--json', 'print the result as JSON')
    .action(async (flags: Flags, command: Command) => {
      const config = configOf(command);
      const results = await withStore(config, async (store) => {
        const week = flags.week === undefined ? undefined : parseWeek(flags.week, '--week');
        const towns =
          flags.town === undefined
            ? (await selectTownsWithRecords(store.db)).map((id) => ({ id }))
            : [{ code: flags.town }];
        const runs = [];
        for (const town of towns) {
          const result = await inFlagTerms(
            runWarningsEngine({ db: store.db, dataDir: config.dataDir }, { town, week, trigger: 'cli' }),
            {
              town: '--town',
              week: '--week',
            },
          );
          const lines = await selectWarningLines(store.db, [...result.created, ...result.updated]);
          runs.push({ ...result, warnings: lines });
        }
        return runs;
      });
      output(flags.json, results, () =>
        results.length === 0
          ? 'no town holds records yet: import some first (shanzhi import, or shanzhi demo generate)'
          : results
              .map((r) =>
                [
                  `${r.town.name} (${r.town.code}) week ${r.week}: ${r.series} series; found ${r.found.outbreak} outbreak(s), ${r.found.trend} trend(s), ${r.found.emerging} emerging, ${r.found.backlog} backlog(s); ${r.created.length} new, ${r.updated.length} updated, ${r.unchanged.length} unchanged; ${(r.ms / 1000).toFixed(1)} s`,
                  ...r.warnings.map((w) => `  [${SEVERITY_ZH[w.severity] ?? w.severity}] #${w.id} ${w.summary}`),
                ].join('\n'),
              )
              .join('\n'),
      );
    });
}
