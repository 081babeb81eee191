import type { Command } from 'commander';
import { systemActor } from '../../auth/index.js';
import { loadSecret } from '../../config.js';
import { invalidField } from '../../core/errors.js';
import { createCipher } from '../../core/pii/index.js';
import { updateCube } from '../../cube/index.js';
import { detectFileProfile, type ImportIssue, type ImportResult, runImport } from '../../ingest/index.js';
import { runAfterWrites } from '../../warnings/index.js';
import { configOf, output, withStore } from '../context.js';
import { createProgress, type Progress } from '../progress.js';

interface ImportFlags {
  profile?: string;
  town?: string;
  sourceSystem?: string;
  dryRun?: boolean;
  strict?: boolean;
  detect?: boolean;
  batchSize?: string;
  json?: boolean;
  /** false with --no-warnings. */
  warnings?: boolean;
}

/** Issues printed per file in the human summary (all of them are in --json and in the store). */
const SHOWN_ISSUES = 20;

export function registerImport(program: Command): void {
  program
    .command('import')
    .description('import complaint or case files (CSV in UTF-8 or GB18030, XLSX, JSON Lines) through a mapping profile')
    .argument('<files...>', 'the files to import, one batch each')
    .option('--profile <name>', 'a built-in or saved profile name, or a profile .json file (see --detect)')
    .option('--town <code>', 'the town of every row when the file has no town column (code or name)')
    .option('--source-system <name>', "replace the profile's source system (the key's first half)")
    .option('--dry-run', 'read, validate and compare with the store, but write no records')
    .option('--strict', 'stop at the first bad row and write nothing of the file')
    .option('--detect', 'propose a profile from the header row and print it (nothing is imported)')
    .option('--batch-size <n>', 'rows per transaction (default 2000)')
    .option('--json', 'print the result as JSON (rejected rows under "rejects")')
    .option('--no-warnings', 'do not run the early-warning engine over the towns the import wrote to')
    .action(async (files: string[], flags: ImportFlags, command: Command) => {
      if (flags.detect) {
        await detect(files, flags);
        return;
      }
      if (!flags.profile) {
        throw invalidField('--profile', 'name a profile (shanzhi import --detect FILE proposes one)');
      }
      const profile = flags.profile;
      const batchSize = parseBatchSize(flags.batchSize);
      const config = configOf(command);
      const started = Date.now();
      let engine: Awaited<ReturnType<typeof runAfterWrites>> = [];
      const results = await withStore(config, async (store) => {
        const secret = loadSecret(config, store.dialect === 'sqlite');
        const cipher = createCipher({ secret });
        const done: ImportResult[] = [];
        for (const file of files) {
          let progress: Progress | undefined;
          const result = await runImport(
            {
              db: store.db,
              cipher,
              secret,
              dataDir: config.dataDir,
              afterWrite: updateCube,
              actor: systemActor('cli'),
            },
            {
              file,
              profile,
              townCode: flags.town,
              sourceSystem: flags.sourceSystem,
              dryRun: flags.dryRun,
              strict: flags.strict,
              batchSize,
              onProgress: flags.json
                ? undefined
                : (p) => {
                    progress ??= createProgress(`import ${file} (bytes)`, p.bytesTotal);
                    progress.update(p.bytesRead);
                  },
            },
          );
          progress?.finish();
          done.push(result);
        }
        if (flags.warnings !== false && done.some((r) => !r.dryRun && r.inserted + r.updated > 0)) {
          engine = await runAfterWrites({ db: store.db, dataDir: config.dataDir }, started);
        }
        return done;
      });
      const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
      const json = results.length === 1 ? { ...results[0], peakRssMb } : { imports: results, peakRssMb };
      output(flags.json, engine.length > 0 ? { ...json, warningRuns: engine } : json, () =>
        [...results.map(summary), ...engine.map(engineLine)].join('\n\n'),
      );
      const failed = results.find((r) => r.status === 'failed');
      if (failed) {
        throw new Error(`${failed.file}: ${failed.error}`);
      }
    });
}

function engineLine(run: Awaited<ReturnType<typeof runAfterWrites>>[number]): string {
  return 'error' in run
    ? `early warning: town ${run.townId} failed: ${run.error}`
    : `early warning ${run.town.name} week ${run.week}: ${run.created.length} new, ${run.updated.length} updated warning(s) (shanzhi warnings run --town ${run.town.code} to see them)`;
}

function parseBatchSize(text: string | undefined): number | undefined {
  if (text === undefined) {
    return undefined;
  }
  if (!/^\d{1,6}$/.test(text) || Number(text) < 1) {
    throw invalidField('--batch-size', `must be a whole number from 1 to 999999 (got "${text}")`);
  }
  return Number(text);
}

async function detect(files: string[], flags: ImportFlags): Promise<void> {
  const proposals = [];
  for (const file of files) {
    proposals.push(await detectFileProfile(file));
  }
  const first = proposals[0];
  output(flags.json || proposals.length === 1, proposals.length === 1 && first ? first.profile : proposals, () => '');
  for (const proposal of proposals) {
    const matched = proposal.matched.map((m) => `${m.header} → ${m.field}`).join(', ');
    process.stderr.write(
      `${proposal.file}: ${proposal.builtIn ? `looks like built-in profile "${proposal.builtIn}"; ` : ''}` +
        `matched ${matched || 'nothing'}` +
        (proposal.unmatched.length > 0 ? `; not mapped: ${proposal.unmatched.join(', ')}` : '') +
        '\nsave the profile as <data dir>/profiles/<name>.json, edit it, then import with --profile <name>\n',
    );
  }
}

const number = (n: number) => n.toLocaleString('en-US');

/** The human summary of one import: counts, speed, and the first issues. */
export function summary(result: ImportResult): string {
  const rate = result.seconds > 0 ? Math.round(result.rows / result.seconds) : result.rows;
  const lines = [
    `${result.dryRun ? '[dry run] ' : ''}${result.file}: profile ${result.profile} → ${result.kind}, source ${result.sourceSystem}, batch ${result.batchId}, ${result.status}`,
    table(
      ['rows', 'inserted', 'updated', 'unchanged', 'rejected', 'warned', 'seconds', 'rows/s'],
      [
        [
          result.rows,
          result.inserted,
          result.updated,
          result.unchanged,
          result.rejected,
          result.warned,
          result.seconds.toFixed(1),
          rate,
        ].map((v) => (typeof v === 'number' ? number(v) : v)),
      ],
    ),
  ];
  if (result.missingColumns.length > 0) {
    lines.push(`columns of the profile not in the file: ${result.missingColumns.join(', ')}`);
  }
  if (result.ignoredColumns.length > 0) {
    lines.push(`columns of the file not read: ${result.ignoredColumns.join(', ')}`);
  }
  for (const [title, issues] of [
    ['rejected', result.rejects],
    ['warnings', result.warnings],
  ] as const) {
    if (issues.length > 0) {
      lines.push(
        `${title} (first ${Math.min(SHOWN_ISSUES, issues.length)}; all with the batch: GET /api/imports/${result.batchId}/rejects.csv):`,
      );
      lines.push(issueTable(issues.slice(0, SHOWN_ISSUES)));
    }
  }
  if (result.error) {
    lines.push(`stopped: ${result.error}`);
  }
  return lines.join('\n');
}

function issueTable(issues: readonly ImportIssue[]): string {
  return table(
    ['line', 'column', 'value', 'reason'],
    issues.map((i) => [String(i.line), i.column ?? '', clip(i.value ?? '', 30), i.reason]),
  );
}

function clip(text: string, width: number): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > width ? `${flat.slice(0, width - 1)}…` : flat;
}

/** Display width: CJK and other wide characters take two columns. */
function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    width +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u.test(
        char,
      )
        ? 2
        : 1;
  }
  return width;
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c + ' '.repeat((widths[i] ?? 0) - displayWidth(c)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
