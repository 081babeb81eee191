/**
 * Agreement with R `surveillance` 1.20.3: every (dataset × algorithm) reference file in
 * test/fixtures/surveillance/ref (a copy of the project's anchors, ../shared/anchors/surveillance) is recomputed from its input series and compared week by week. Alarms and the
 * NA pattern must be identical; numbers agree within 1e-6 relative (1e-9 absolute near zero).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type DetectionRow, detectionMethods, type MethodName } from './methods.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
// Vendored so that the check runs on any clone; test/fixtures/surveillance/README.md says where it comes from.
const anchorDir = resolve(repoRoot, 'test/fixtures/surveillance');

const RELATIVE_TOLERANCE = 1e-6;
const ABSOLUTE_TOLERANCE = 1e-9;

/** Reference files are named after R's algorithm; the registry uses kebab-case names. */
const methodOfReference: Record<string, MethodName> = {
  ears_c1: 'ears-c1',
  ears_c2: 'ears-c2',
  ears_c3: 'ears-c3',
  farrington_original: 'farrington-original',
  farrington_noufaily: 'farrington-noufaily',
  farrington_noufaily_muan: 'farrington-noufaily-muan',
  glrnb: 'glrnb',
  glrpois: 'glrpois',
  glrpois_cases: 'glrpois-cases',
};

type Cell = number | null;

function parseCell(text: string): Cell {
  if (text === '' || text === 'NA' || text === 'NaN') {
    return null;
  }
  if (text === 'Inf') {
    return Number.POSITIVE_INFINITY;
  }
  if (text === '-Inf') {
    return Number.NEGATIVE_INFINITY;
  }
  const value = Number(text);
  if (Number.isNaN(value)) {
    throw new Error(`unreadable number "${text}" in a reference file`);
  }
  return value;
}

interface Table {
  header: string[];
  rows: string[][];
}

function readTable(path: string): Table {
  const lines = readFileSync(path, 'utf8').trim().split('\n');
  return { header: lines[0].split(','), rows: lines.slice(1).map((line) => line.split(',')) };
}

/** Counts of each series of a data file, in week order. */
function readSeries(path: string): Map<string, number[]> {
  const table = readTable(path);
  const seriesColumn = table.header.indexOf('series');
  const weekColumn = table.header.indexOf('week_index');
  const countColumn = table.header.indexOf('count');
  const series = new Map<string, number[]>();
  for (const row of table.rows) {
    const counts = series.get(row[seriesColumn]) ?? [];
    counts[Number(row[weekColumn]) - 1] = Number(row[countColumn]);
    series.set(row[seriesColumn], counts);
  }
  return series;
}

function sameNumber(actual: Cell, expected: Cell): boolean {
  if (actual === null || expected === null) {
    return actual === expected;
  }
  if (!Number.isFinite(expected) || !Number.isFinite(actual)) {
    return actual === expected;
  }
  return Math.abs(actual - expected) <= Math.max(RELATIVE_TOLERANCE * Math.abs(expected), ABSOLUTE_TOLERANCE);
}

function ourCell(row: DetectionRow, column: string): Cell {
  switch (column) {
    case 'observed':
      return row.observed;
    case 'expected':
      return row.expected;
    case 'upperbound':
      return row.upperbound;
    case 'alarm':
      return row.alarm;
    default:
      return column in row.extras ? row.extras[column] : null;
  }
}

interface Difference {
  series: string;
  week: number;
  column: string;
  ours: Cell;
  r: Cell;
}

/** Every cell where our output differs from R's reference file. */
function compareWithR(dataset: string, reference: string): { differences: Difference[]; weeks: number } {
  const method = methodOfReference[reference];
  const series = readSeries(join(anchorDir, 'data', `${dataset}.csv`));
  const expected = readTable(join(anchorDir, 'ref', `${dataset}__${reference}.csv`));
  const columns = expected.header.slice(2);
  const differences: Difference[] = [];
  const ours = new Map<string, Map<number, DetectionRow>>();
  for (const [name, counts] of series) {
    ours.set(name, new Map(detectionMethods[method](counts).map((row) => [row.weekIndex, row])));
  }
  for (const line of expected.rows) {
    const name = line[0];
    const week = Number(line[1]);
    const row = ours.get(name)?.get(week);
    if (row === undefined) {
      differences.push({ series: name, week, column: '(row)', ours: null, r: week });
      continue;
    }
    columns.forEach((column, i) => {
      const r = parseCell(line[i + 2]);
      const mine = ourCell(row, column);
      const same = column === 'alarm' || column === 'trend' ? mine === r : sameNumber(mine, r);
      if (!same) {
        differences.push({ series: name, week, column, ours: mine, r });
      }
    });
  }
  const ourWeeks = [...ours.values()].reduce((total, rows) => total + rows.size, 0);
  if (ourWeeks !== expected.rows.length) {
    differences.push({ series: '(all)', week: 0, column: '(row count)', ours: ourWeeks, r: expected.rows.length });
  }
  return { differences, weeks: expected.rows.length };
}

function describeDifferences(differences: Difference[]): string {
  const byColumn = new Map<string, number>();
  for (const difference of differences) {
    byColumn.set(difference.column, (byColumn.get(difference.column) ?? 0) + 1);
  }
  const summary = [...byColumn].map(([column, count]) => `${column}: ${count}`).join(', ');
  const examples = differences
    .slice(0, 15)
    .map((d) => `  ${d.series} week ${d.week} ${d.column}: ours ${d.ours}, R ${d.r}`)
    .join('\n');
  return `${differences.length} cells differ (${summary})\n${examples}`;
}

if (!existsSync(join(anchorDir, 'ref'))) {
  throw new Error(`R reference outputs not found at ${anchorDir}; they are required (see the anchors README)`);
}

const referenceFiles = readdirSync(join(anchorDir, 'ref'))
  .filter((file) => file.endsWith('.csv'))
  .map((file) => {
    const [dataset, reference] = file.replace(/\.csv$/, '').split('__');
    return { dataset, reference };
  });

describe('agreement with R surveillance 1.20.3', () => {
  it('finds all 27 reference files', () => {
    expect(referenceFiles.length).toBe(27);
    for (const { reference } of referenceFiles) {
      expect(methodOfReference[reference], reference).toBeDefined();
    }
  });

  for (const family of ['ears', 'glr', 'farrington']) {
    describe(family, () => {
      for (const { dataset, reference } of referenceFiles.filter((file) => file.reference.startsWith(family))) {
        it(`${dataset} × ${reference}`, () => {
          const { differences, weeks } = compareWithR(dataset, reference);
          expect(weeks).toBeGreaterThan(0);
          if (differences.length > 0) {
            expect.fail(describeDifferences(differences));
          }
        });
      }
    });
  }
});
