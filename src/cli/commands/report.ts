import { existsSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { systemActor } from '../../auth/index.js';
import { invalidField } from '../../core/errors.js';
import type { Locale } from '../../core/time/index.js';
import { generateReport, listReports, reportFile, reportFileName } from '../../reports/archive/index.js';
import { closePdfBrowser, REPORT_FORMATS, type ReportFormat, renderReport } from '../../reports/document/index.js';
import { runDueReports, selectScheduledTowns } from '../../reports/jobs/index.js';
import { reportType, reportTypeNames } from '../../reports/report-types.js';
import type { Store } from '../../store/open.js';
import { configOf, inFlagTerms, output, withStore } from '../context.js';

interface GenerateFlags {
  town?: string;
  period: string;
  format: string;
  output?: string;
  locale: string;
  json?: boolean;
  /** commander's `--no-archive`: false when given. */
  archive: boolean;
}

const DESCRIPTIONS: Record<string, string> = {
  weekly: 'the weekly case bulletin (案件信息通报) of a town for an ISO week',
  monthly: 'the monthly enforcement advice (基层执法建议) of a town for a month',
  quarterly: 'the quarterly governance portrait (基层治理综合画像) of a town for a quarter',
};

const FLAGS = { town: '--town', period: '--period', locale: '--locale', format: '--format', townCode: '--town' };

/**
 * `shanzhi report weekly|monthly|quarterly` (one subcommand per registered report type), `report list` and
 * `report run-due` (docs/reports.md). Reports are archived unless `--no-archive`.
 */
export function registerReport(program: Command): void {
  const report = program.command('report').description('reports: write, archive and schedule the recurring documents');

  for (const type of reportTypeNames()) {
    const definition = reportType(type);
    report
      .command(type)
      .description(`write ${DESCRIPTIONS[type] ?? `the ${type} report`} as a file, and archive it`)
      .requiredOption('--period <period>', `the period, e.g. ${definition?.example}`)
      .option('--format <format>', `file format: ${REPORT_FORMATS.join(', ')}`, 'docx')
      .option('--town <code>', 'the town code (default: the only town holding records)')
      .option('--output <file>', 'file or folder to write to (default: the report name in the current folder)')
      .option('--locale <locale>', 'zh-CN or en-US', 'zh-CN')
      .option('--no-archive', 'only write the file; keep no copy in the archive')
      .option('--json', 'print the result as JSON')
      .action(async (flags: GenerateFlags, command: Command) => {
        if (!(REPORT_FORMATS as readonly string[]).includes(flags.format)) {
          throw invalidField('--format', `unknown format "${flags.format}"; one of ${REPORT_FORMATS.join(', ')}`);
        }
        const format = flags.format as ReportFormat;
        const result = await withStore(configOf(command), async (store) => {
          const town = flags.town ?? (await onlyTown(store));
          // A PDF opens a shared Chromium whose pipes would keep this one-shot process alive: close it when done.
          const file = await inFlagTerms(writeReport(store, type, town, flags, format), FLAGS).finally(closePdfBrowser);
          const path = targetPath(flags.output, file.fileName);
          await writeFile(path, file.bytes);
          return {
            output: path,
            bytes: file.bytes.length,
            title: file.title,
            subtitle: file.subtitle,
            reportId: file.reportId,
            version: file.version,
          };
        });
        output(flags.json, result, () => {
          const archived =
            result.reportId === null ? 'not archived' : `archived as #${result.reportId} v${result.version}`;
          return `wrote ${result.output} (${result.bytes} bytes): ${result.title}${result.subtitle ?? ''}; ${archived}`;
        });
      });
  }

  report
    .command('list')
    .description('archived reports, newest first')
    .option('--town <code>', 'only this town')
    .option('--type <type>', `only this type: ${reportTypeNames().join(', ')}`)
    .option('--period <period>', 'only this period')
    .option('--limit <n>', 'at most this many (1–200)', '50')
    .option('--json', 'print the result as JSON')
    .action(
      async (flags: { town?: string; type?: string; period?: string; limit: string; json?: boolean }, command) => {
        const list = await withStore(configOf(command), (store) =>
          inFlagTerms(
            listReports(
              { db: store.db, actor: systemActor('cli') },
              { town: flags.town, type: flags.type, period: flags.period, limit: flags.limit },
            ),
            { town: '--town', type: '--type', period: '--period', limit: '--limit' },
          ),
        );
        output(flags.json, list, () =>
          list.items.length === 0
            ? 'no archived reports'
            : list.items
                .map(
                  (r) =>
                    `#${r.id} ${r.town.name} ${r.type} ${r.period} ${r.locale} v${r.version} ${r.trigger} ${new Date(r.createdAt).toISOString()} ${r.title}`,
                )
                .join('\n'),
        );
      },
    );

  report
    .command('run-due')
    .description('build the scheduled reports that are due (for cron; `shanzhi serve` does this by itself)')
    .option('--now <instant>', 'pretend it is this ISO 8601 instant, e.g. 2025-06-09T08:30:00+08:00')
    .option('--json', 'print the result as JSON')
    .action(async (flags: { now?: string; json?: boolean }, command: Command) => {
      const now = flags.now === undefined ? Date.now() : Date.parse(flags.now);
      if (!Number.isFinite(now)) {
        throw invalidField('--now', `"${flags.now}" is not an ISO 8601 instant such as 2025-06-09T08:30:00+08:00`);
      }
      const runs = await withStore(configOf(command), (store) => runDueReports({ db: store.db, now: () => now }));
      output(flags.json, runs, () =>
        runs.length === 0
          ? 'nothing due: no town holds records yet'
          : runs
              .map((r) => {
                const what = `${r.town} ${r.type} ${r.period}`;
                if (r.status === 'done') {
                  return `${what}: written as report #${r.reportId}`;
                }
                return r.status === 'failed'
                  ? `${what}: failed (attempt ${r.attempts}): ${r.error}`
                  : `${what}: already done or taken by another process`;
              })
              .join('\n'),
      );
      if (runs.some((r) => r.status === 'failed')) {
        process.exitCode = 1;
      }
    });
}

/** The one town holding records, when --town is left out. */
async function onlyTown(store: Store): Promise<string> {
  const towns = await selectScheduledTowns(store.db);
  if (towns.length !== 1 || !towns[0]) {
    throw invalidField('--town', `${towns.length} towns hold records; name one with --town`);
  }
  return towns[0].code;
}

async function writeReport(store: Store, type: string, town: string, flags: GenerateFlags, format: ReportFormat) {
  const deps = { db: store.db, actor: systemActor('cli') };
  const locale = flags.locale as Locale;
  if (flags.archive) {
    const archived = await generateReport(deps, { type, town, period: flags.period, locale, trigger: 'cli' });
    const file = await reportFile(deps, archived.id, format);
    return { ...file, reportId: archived.id as number | null, version: archived.version as number | null };
  }
  const definition = reportType(type);
  if (!definition) {
    throw invalidField('type', `unknown report type "${type}"`);
  }
  const period = definition.parsePeriod(flags.period, 'period');
  const doc = await definition.build(deps, { townCode: town, period, locale });
  const rendered = await renderReport(doc, format);
  return {
    ...rendered,
    fileName: reportFileName(doc, rendered.extension),
    title: doc.title,
    subtitle: doc.subtitle ?? null,
    reportId: null,
    version: null,
  };
}

/** `--output` as given; a folder gets the report's own name inside it; absent, the report's name here. */
function targetPath(outputFlag: string | undefined, fileName: string): string {
  if (outputFlag === undefined) {
    return fileName;
  }
  return existsSync(outputFlag) && statSync(outputFlag).isDirectory() ? join(outputFlag, fileName) : outputFlag;
}
