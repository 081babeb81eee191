import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createProgress } from '../src/cli/progress.js';
import { townYear } from '../src/demo/export/formats.js';
import { buildLookups, csvLine, WORK_ORDER_COLUMNS, type XlsxCell } from '../src/demo/export/index.js';
import { TextFileWriter } from '../src/demo/export/text-file.js';
import { XlsxTableWriter } from '../src/demo/export/xlsx-table.js';
import { createDemo, type Demo, demoWeeks } from '../src/demo/index.js';
import type { ComplaintDraft } from '../src/demo/record-draft.js';

/*
 * The files bench/import.ts imports: the demo town's first N complaints as the 12345 work-order export, once as CSV
 * in GB18030 (the Excel date cells written as text, yyyy-MM-dd HH:mm:ss) and once as the demo's XLSX workbook. Made
 * once and kept in bench/.cache/ (gitignored), keyed by the row count and the seed; a file appears there only when
 * complete (written under a temporary name, then renamed).
 */

/** Where generated files are kept between runs. */
export const CACHE_DIR = join(dirname(fileURLToPath(import.meta.url)), '.cache');

/**
 * Complaints are about 73 % of the demo's records (73,408 of 100,000 at the default seed): a demo of rows / 0.7
 * records holds at least `rows` complaints, of which the file takes the first `rows` (its last weeks are cut).
 */
const COMPLAINT_SHARE_FLOOR = 0.7;
/** Rows written to the CSV in one piece. */
const CSV_CHUNK_ROWS = 2048;

/** A cached file: its path and whether this run generated it. */
export interface BenchFile {
  path: string;
  rows: number;
  generated: boolean;
}

/** A seed as part of a file name: itself when plain, else a digest. */
function seedKey(seed: string): string {
  return /^[A-Za-z0-9_-]{1,40}$/.test(seed) ? seed : createHash('sha256').update(seed).digest('hex').slice(0, 12);
}

function cachePath(rows: number, seed: string, ext: 'csv' | 'xlsx'): string {
  return join(CACHE_DIR, `12345-work-orders-${seedKey(seed)}-${rows}.${ext}`);
}

/** The demo town big enough for `rows` complaints and its first `rows` complaints, in time order. */
function firstComplaints(rows: number, seed: string): { demo: Demo; complaints: Iterable<ComplaintDraft> } {
  const demo = createDemo({ seed, records: Math.ceil(rows / COMPLAINT_SHARE_FLOOR) });
  function* complaints(): Generator<ComplaintDraft> {
    let count = 0;
    if (rows === 0) {
      return;
    }
    for (const { records } of demoWeeks(demo)) {
      for (const record of records) {
        if (record.kind === 'complaint') {
          yield record;
          if (++count === rows) {
            return;
          }
        }
      }
    }
    throw new Error(`the demo town of ${demo.options.records} records holds only ${count} complaints, not ${rows}`);
  }
  return { demo, complaints: complaints() };
}

/** A cell of the work-order export as CSV text: Excel dates as the wall clock they hold, yyyy-MM-dd HH:mm:ss. */
function csvText(cell: XlsxCell | undefined): string | undefined {
  if (cell instanceof Date) {
    return cell.toISOString().slice(0, 19).replace('T', ' ');
  }
  return typeof cell === 'number' ? String(cell) : cell;
}

/** Produce `path` with `write(temporary path)` unless it exists; a failed write leaves nothing behind. */
async function cached(path: string, rows: number, write: (temporary: string) => Promise<void>): Promise<BenchFile> {
  if (existsSync(path)) {
    return { path, rows, generated: false };
  }
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.part`;
  try {
    await write(temporary);
    renameSync(temporary, path);
  } finally {
    rmSync(temporary, { force: true });
  }
  return { path, rows, generated: true };
}

/** The first `rows` complaints of the demo town as a GB18030 CSV of the work-order columns (header row first). */
export function workOrderCsv(rows: number, seed: string): Promise<BenchFile> {
  return cached(cachePath(rows, seed, 'csv'), rows, async (path) => {
    const { demo, complaints } = firstComplaints(rows, seed);
    const lookups = buildLookups(demo);
    const progress = createProgress('CSV file', rows);
    const file = await TextFileWriter.open(path, 'gb18030');
    try {
      await file.write(csvLine(WORK_ORDER_COLUMNS.map((column) => column.header)));
      let lines: string[] = [];
      let done = 0;
      for (const complaint of complaints) {
        lines.push(csvLine(WORK_ORDER_COLUMNS.map((column) => csvText(column.value(complaint, lookups)))));
        if (lines.length === CSV_CHUNK_ROWS) {
          await file.write(lines.join(''));
          done += lines.length;
          lines = [];
          progress.update(done);
        }
      }
      await file.write(lines.join(''));
      progress.update(done + lines.length);
    } catch (error) {
      file.destroy();
      throw error;
    }
    await file.close();
    progress.finish();
  });
}

/** The first `rows` complaints of the demo town as its 12345 workbook (a sheet a year, as writeDemoFiles writes). */
export function workOrderXlsx(rows: number, seed: string): Promise<BenchFile> {
  return cached(cachePath(rows, seed, 'xlsx'), rows, async (path) => {
    const { demo, complaints } = firstComplaints(rows, seed);
    const progress = createProgress('XLSX file', rows);
    const workbook = new XlsxTableWriter<ComplaintDraft>(path, {
      columns: WORK_ORDER_COLUMNS,
      lookups: buildLookups(demo),
      sheetOf: (complaint) => `${townYear(complaint.openedAt)}年`,
      date: new Date(demo.calendar.endMs),
      emptySheetName: `${townYear(demo.calendar.endMs - 1)}年`,
    });
    for (const complaint of complaints) {
      workbook.add(complaint);
      if (workbook.rows % CSV_CHUNK_ROWS === 0) {
        await workbook.drain();
        progress.update(workbook.rows);
      }
    }
    await workbook.close();
    progress.finish();
  });
}
