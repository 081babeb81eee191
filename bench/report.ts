import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, release, totalmem, type } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/*
 * What every benchmark writes and prints: its figures (see bench/README.md), as bench/results/<name>.json with the
 * date and the machine, and as a table on the console.
 */

/** One measured figure beside its baseline, measured in the same run. */
export interface Figure {
  metric: string;
  value: number;
  unit: string;
  baseline: string;
  baseline_value: number;
  ratio: number;
  bar: string;
}

/** A number rounded to `digits` decimals (as a number, for the JSON). */
export const round = (value: number, digits = 0) => Number(value.toFixed(digits));

/** Print the figures as a table: metric, value, baseline, ratio, bar. */
export function printTable(list: readonly Figure[]): void {
  const rows = [
    ['metric', 'value', 'baseline', 'ratio', 'bar'],
    ...list.map((f) => [f.metric, String(f.value), String(f.baseline_value), String(f.ratio), f.bar]),
  ];
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length))) ?? [];
  for (const row of rows) {
    console.log(row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  '));
  }
}

/** The machine a benchmark ran on. */
export function machine() {
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: availableParallelism(),
    memoryGb: round(totalmem() / 2 ** 30, 1),
    os: `${type()} ${release()}`,
    node: process.version,
  };
}

/**
 * Write bench/results/<name>.json: the name, the date, the machine, then `body` (its runs and figures). Returns the
 * path written.
 */
export function writeResults(name: string, body: { figures: readonly Figure[]; [key: string]: unknown }): string {
  const report = { name, date: new Date().toISOString(), machine: machine(), ...body };
  const out = resultsPath(name);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  return out;
}

function resultsPath(name: string): string {
  return join(dirname(fileURLToPath(import.meta.url)), 'results', `${name}.json`);
}

/**
 * Add one script's figures to bench/results/<name>.json, for results that several scripts fill (detect.json: both
 * bench/detect.ts and bench/detect-engine.ts): the figures `source` wrote last time (listed in `runs[source].metrics`)
 * and any of the same metric are replaced, the others kept; `runs` is stored as `runs[source]` with this write's date,
 * machine and metrics. The file's date and machine are those of the last write. Returns the path written.
 */
export function mergeResults(
  name: string,
  source: string,
  figures: readonly Figure[],
  runs: Record<string, unknown>,
): string {
  const out = resultsPath(name);
  const previous = existsSync(out)
    ? (JSON.parse(readFileSync(out, 'utf8')) as { figures?: Figure[]; runs?: Record<string, { metrics?: string[] }> })
    : {};
  const metrics = figures.map((figure) => figure.metric);
  const replaced = new Set([...metrics, ...(previous.runs?.[source]?.metrics ?? [])]);
  const date = new Date().toISOString();
  return writeResults(name, {
    figures: [...(previous.figures ?? []).filter((figure) => !replaced.has(figure.metric)), ...figures],
    runs: { ...previous.runs, [source]: { date, machine: machine(), metrics, ...runs } },
  });
}
