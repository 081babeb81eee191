/**
 * The file contract of `shanzhi detect` (design.md, "Contracts other tools rely on"): read weekly counts
 * `series,week_index,count` (other columns ignored, week_index 1-based, several series, rows in any order), run one
 * detector per series, write `series,week_index,observed,expected,upperbound,alarm` for the monitored weeks.
 */
import { AppError, invalidField, isAppError } from '../core/errors.js';
import { type DetectionRow, detectionMethod } from './algorithms/methods.js';
import type { WeekRange } from './algorithms/types.js';
import { type CsvRecord, formatCsvField, parseCsv } from './csv.js';

const REQUIRED_COLUMNS = ['series', 'week_index', 'count'] as const;
const OUTPUT_HEADER = 'series,week_index,observed,expected,upperbound,alarm';
/** Counts and week indices are plain decimal integers; anything else (1.5, -2, 1e3, " ") is refused. */
const NON_NEGATIVE_INTEGER = /^\d+$/;
/** Beyond this a week index is surely a mistake (and would allocate a huge series). */
const MAX_WEEK_INDEX = 100_000;

interface SeriesInput {
  name: string;
  /** counts[w − 1] of week w, with the line it came from. */
  counts: number[];
  lines: number[];
}

function columnIndexes(header: CsvRecord): Record<(typeof REQUIRED_COLUMNS)[number], number> {
  const names = header.fields.map((name) => name.trim());
  const indexes = { series: -1, week_index: -1, count: -1 };
  for (const column of REQUIRED_COLUMNS) {
    indexes[column] = names.indexOf(column);
    if (indexes[column] < 0) {
      throw invalidField(
        `line ${header.line}`,
        `the header has no column "${column}" (needs ${REQUIRED_COLUMNS.join(', ')})`,
      );
    }
  }
  return indexes;
}

function parseInteger(record: CsvRecord, index: number, column: string, minimum: number, maximum: number): number {
  const text = (record.fields[index] ?? '').trim();
  if (!NON_NEGATIVE_INTEGER.test(text)) {
    throw invalidField(`line ${record.line}.${column}`, `must be an integer >= ${minimum}, got "${text}"`);
  }
  const value = Number(text);
  if (value < minimum || value > maximum) {
    throw invalidField(
      `line ${record.line}.${column}`,
      `must be an integer from ${minimum} to ${maximum}, got ${text}`,
    );
  }
  return value;
}

/** Series in order of first appearance, each with every week 1..N present exactly once. */
function readSeries(text: string): SeriesInput[] {
  const records = parseCsv(text);
  if (records.length === 0) {
    throw invalidField('input', `is empty; expected a header with ${REQUIRED_COLUMNS.join(', ')}`);
  }
  const columns = columnIndexes(records[0]);
  const bySeries = new Map<string, SeriesInput>();
  for (const record of records.slice(1)) {
    const name = (record.fields[columns.series] ?? '').trim();
    if (name === '') {
      throw invalidField(`line ${record.line}.series`, 'must not be empty');
    }
    const week = parseInteger(record, columns.week_index, 'week_index', 1, MAX_WEEK_INDEX);
    const count = parseInteger(record, columns.count, 'count', 0, Number.MAX_SAFE_INTEGER);
    let series = bySeries.get(name);
    if (series === undefined) {
      series = { name, counts: [], lines: [] };
      bySeries.set(name, series);
    }
    if (series.lines[week - 1] !== undefined) {
      throw invalidField(
        `line ${record.line}.week_index`,
        `week ${week} of series "${name}" already appeared on line ${series.lines[week - 1]}`,
      );
    }
    series.counts[week - 1] = count;
    series.lines[week - 1] = record.line;
  }
  for (const series of bySeries.values()) {
    checkNoGaps(series);
  }
  return [...bySeries.values()];
}

/** Weeks must run 1..N; the error names the line of the first week after the gap (which exists: N is present). */
function checkNoGaps(series: SeriesInput): void {
  for (let index = 0; index < series.counts.length; index++) {
    if (series.lines[index] !== undefined) {
      continue;
    }
    let end = index;
    while (series.lines[end] === undefined) {
      end += 1;
    }
    const missing = index === end - 1 ? `week ${index + 1}` : `weeks ${index + 1}-${end}`;
    throw invalidField(
      `line ${series.lines[end]}.week_index`,
      `series "${series.name}" has no row for ${missing}; weeks must run from 1 without gaps`,
    );
  }
}

/** Shortest text that reads back as the same double (ECMAScript Number::toString), R's Inf for infinities. */
function formatNumber(value: number | null): string {
  if (value === null || Number.isNaN(value)) {
    return '';
  }
  if (value === Number.POSITIVE_INFINITY) {
    return 'Inf';
  }
  if (value === Number.NEGATIVE_INFINITY) {
    return '-Inf';
  }
  return String(value);
}

function formatRow(series: string, row: DetectionRow): string {
  return [
    formatCsvField(series),
    String(row.weekIndex),
    formatNumber(row.observed),
    formatNumber(row.expected),
    formatNumber(row.upperbound),
    row.alarm === null ? '' : String(row.alarm),
  ].join(',');
}

/**
 * Runs detector `method` on every series of `inputCsvText` (over `range`, or the method's default range) and returns
 * the output CSV. Bad input throws `invalid_input` naming the line and column (or `method`, `range`).
 */
export function runDetectCsv(inputCsvText: string, method: string, range?: [number, number]): string {
  const detect = detectionMethod(method);
  const lines = [OUTPUT_HEADER];
  for (const series of readSeries(inputCsvText)) {
    let rows: DetectionRow[];
    try {
      rows = detect(series.counts, range as WeekRange | undefined);
    } catch (error) {
      if (isAppError(error)) {
        throw new AppError(error.code, `series "${series.name}": ${error.message}`, error.details);
      }
      throw error;
    }
    for (const row of rows) {
      lines.push(formatRow(series.name, row));
    }
  }
  return `${lines.join('\n')}\n`;
}
