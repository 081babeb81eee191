import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { systemActor } from '../../auth/index.js';
import { invalidField } from '../../core/errors.js';
import { renderDocx } from '../../reports/document/index.js';
import { buildWeeklyBulletin } from '../../reports/weekly/index.js';
import { configOf, inFlagTerms, output, withStore } from '../context.js';

interface WeeklyFlags {
  town: string;
  period: string;
  format: string;
  output: string;
  locale: string;
  json?: boolean;
}

const FORMATS = ['docx'];

/** `shanzhi report weekly`: the weekly case bulletin (案件信息通报) of a town as a file (docs/reports.md). */
export function registerReport(program: Command): void {
  const report = program.command('report').description('reports: write the recurring documents');

  report
    .command('weekly')
    .description('write the weekly case bulletin (案件信息通报) of a town for an ISO week')
    .requiredOption('--town <code>', 'the town code')
    .requiredOption('--period <week>', 'ISO week, e.g. 2025W23')
    .option('--format <format>', `file format: ${FORMATS.join(', ')}`, 'docx')
    .requiredOption('--output <file>', 'where to write the file')
    .option('--locale <locale>', 'zh-CN or en-US', 'zh-CN')
    .option('--json', 'print the result as JSON')
    .action(async (flags: WeeklyFlags, command: Command) => {
      if (!FORMATS.includes(flags.format)) {
        throw invalidField('--format', `unknown format "${flags.format}"; one of ${FORMATS.join(', ')}`);
      }
      const config = configOf(command);
      const result = await withStore(config, async (store) => {
        const doc = await inFlagTerms(
          buildWeeklyBulletin(
            { db: store.db, actor: systemActor('cli') },
            { townCode: flags.town, week: flags.period, locale: flags.locale as 'zh-CN' },
          ),
          { townCode: '--town', week: '--period', locale: '--locale' },
        );
        const file = await renderDocx(doc);
        await writeFile(flags.output, file);
        return { output: flags.output, bytes: file.length, title: doc.title, subtitle: doc.subtitle ?? null };
      });
      output(
        flags.json,
        result,
        () => `wrote ${result.output} (${result.bytes} bytes): ${result.title}${result.subtitle ?? ''}`,
      );
    });
}
