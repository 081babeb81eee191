import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { invalidField } from '../../core/errors.js';
import { methodNames } from '../../detect/algorithms/methods.js';
import { parseCsv } from '../../detect/csv.js';
import { runDetectCsv } from '../../detect/detect-csv.js';

interface DetectOptions {
  method: string;
  input: string;
  range?: string;
  output?: string;
  json?: boolean;
}

export function registerDetect(program: Command): void {
  program
    .command('detect')
    .description('run one early-warning detector on weekly counts (series,week_index,count) as R surveillance does')
    .requiredOption('--method <method>', `one of ${methodNames.join(', ')}`)
    .requiredOption('--input <file>', 'CSV with columns series,week_index,count (week_index 1-based)')
    .option('--range <from:to>', 'weeks to monitor, 1-based and inclusive (default: as R; see docs/detect.md)')
    .option('--output <file>', 'write the CSV here instead of standard output')
    .option('--json', 'print the rows as JSON instead of CSV')
    .action((options: DetectOptions) => {
      if (!(methodNames as readonly string[]).includes(options.method)) {
        throw invalidField('--method', `unknown method "${options.method}"; use one of ${methodNames.join(', ')}`);
      }
      const output = runDetectCsv(readInput(options.input), options.method, parseRange(options.range));
      const text = options.json ? `${JSON.stringify(csvToObjects(output), null, 2)}\n` : output;
      if (options.output) {
        writeFileSync(options.output, text);
      } else {
        process.stdout.write(text);
      }
    });
}

function readInput(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw invalidField('--input', `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
}

/** `FROM:TO`, both positive integers with FROM ≤ TO. */
export function parseRange(text: string | undefined): [number, number] | undefined {
  if (text === undefined) {
    return undefined;
  }
  const match = /^(\d{1,6}):(\d{1,6})$/.exec(text.trim());
  const from = Number(match?.[1]);
  const to = Number(match?.[2]);
  if (!match || from < 1 || to < from) {
    throw invalidField('--range', `must be FROM:TO with 1 ≤ FROM ≤ TO, e.g. 209:312 (got "${text}")`);
  }
  return [from, to];
}

/** The output CSV as objects: numbers as numbers, empty cells as null. */
function csvToObjects(csv: string): Record<string, string | number | null>[] {
  const [header, ...rows] = parseCsv(csv);
  const names = header?.fields ?? [];
  return rows.map(({ fields }) =>
    Object.fromEntries(
      names.map((name, i) => {
        const cell = fields[i] ?? '';
        return [name, name === 'series' ? cell : cell === '' ? null : Number(cell)];
      }),
    ),
  );
}
