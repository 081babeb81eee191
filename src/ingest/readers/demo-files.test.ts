import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDemo, type Demo, demoWeeks } from '../../demo/demo.js';
import {
  buildLookups,
  DEMO_FILE_NAMES,
  type DemoFile,
  type ExportLookups,
  LEDGER_COLUMNS,
  OPEN311_FIELDS,
  WORK_ORDER_COLUMNS,
  writeDemoFiles,
} from '../../demo/export/index.js';
import type { CaseDraft, ComplaintDraft } from '../../demo/record-draft.js';
import { openTable } from './open-table.js';
import type { Cell } from './table.js';
import { readAll, useTempDir } from './testing.js';

/*
 * The demo town's export files read back: every cell as the exporter wrote it, on its line or worksheet row.
 */

/** Small sheets, so that the workbook continues a year on 2025年（2） and the like. */
const MAX_SHEET_ROWS = 40;

describe('reading the demo export files', () => {
  const temp = useTempDir();
  let demo: Demo;
  let lookups: ExportLookups;
  let files: DemoFile[];
  const complaints: ComplaintDraft[] = [];
  const cases: CaseDraft[] = [];
  const path = (name: string) => join(temp.dir(), name);

  beforeAll(async () => {
    demo = createDemo({ seed: 'readers', records: 300 });
    lookups = buildLookups(demo);
    for (const { records } of demoWeeks(demo)) {
      for (const record of records) {
        if (record.kind === 'case') {
          cases.push(record);
        } else {
          complaints.push(record);
        }
      }
    }
    ({ files } = await writeDemoFiles(demo, temp.dir(), { maxSheetRows: MAX_SHEET_ROWS }));
  }, 60_000);

  const rowsOf = (name: string) => files.find((file) => file.name === name)?.rows;

  it('reads the 12345 workbook: every sheet, real dates, numbers, empty cells as null', async () => {
    const { table, header, rows } = await readAll(path(DEMO_FILE_NAMES.workOrders));
    const sheets = files.find((file) => file.name === DEMO_FILE_NAMES.workOrders)?.sheets ?? [];
    expect(sheets.some((sheet) => sheet.endsWith('（2）'))).toBe(true);
    expect(table.format).toBe('xlsx');
    expect(header).toEqual(WORK_ORDER_COLUMNS.map((column) => column.header));
    expect(rows).toHaveLength(complaints.length);
    expect(rows.length).toBe(rowsOf(DEMO_FILE_NAMES.workOrders));
    const expected = complaints.map((complaint) =>
      trimEnd(WORK_ORDER_COLUMNS.map((column): Cell => column.value(complaint, lookups) ?? null)),
    );
    expect(rows.map((row) => row.cells)).toEqual(expected);
    expect(rows.every((row) => row.error === undefined)).toBe(true);
    // Row numbers go up by one within a sheet and start again at 2 (after the header row) on each sheet.
    expect(rows.filter((row) => row.line === 2)).toHaveLength(sheets.length);
    rows.forEach((row, i) => {
      expect(row.line === 2 || row.line === (rows[i - 1]?.line ?? 0) + 1).toBe(true);
    });
    expect(table.bytesRead()).toBe(table.bytesTotal);
  });

  it('reads the GB18030 case ledger: every cell as written, on its line', async () => {
    const { table, header, rows } = await readAll(path(DEMO_FILE_NAMES.ledger));
    expect([table.format, table.encoding]).toEqual(['csv', 'gb18030']);
    expect(header).toEqual(LEDGER_COLUMNS.map((column) => column.header));
    expect(rows.length).toBe(rowsOf(DEMO_FILE_NAMES.ledger));
    expect(rows.map((row) => row.cells)).toEqual(
      cases.map((record) => LEDGER_COLUMNS.map((column) => column.value(record, lookups) ?? '')),
    );
    let line = 2;
    for (const row of rows) {
      expect(row.line).toBe(line);
      line += 1 + row.cells.join('').split(/\r\n|\r|\n/).length - 1;
    }
  });

  it('reads the Open311 sample, a JSON array, element by element', async () => {
    const { table, header, rows } = await readAll(path(DEMO_FILE_NAMES.open311));
    expect([table.format, table.encoding]).toEqual(['jsonl', 'utf8']);
    expect(header).toEqual(OPEN311_FIELDS.map((field) => field.header));
    expect(rows.length).toBe(rowsOf(DEMO_FILE_NAMES.open311));
    expect(rows.length).toBeGreaterThan(0);
    const byNo = new Map(complaints.map((complaint) => [complaint.externalNo, complaint]));
    rows.forEach((row, index) => {
      expect(row.line).toBe(index + 2);
      const complaint = byNo.get(row.cells[0] as string) as ComplaintDraft;
      const point = {
        lat: row.cells[header.indexOf('lat')] as number,
        lng: row.cells[header.indexOf('long')] as number,
      };
      expect(typeof point.lat).toBe('number');
      const written = OPEN311_FIELDS.map((field): Cell => field.value({ complaint, point }, lookups) ?? null);
      expect(row.cells).toEqual(written);
    });
  });

  it('reads the work orders lazily: a few rows without the rest', async () => {
    const table = await openTable(path(DEMO_FILE_NAMES.workOrders));
    const first: Cell[] = [];
    for await (const row of table.rows) {
      first.push(row.cells[0] ?? null);
      if (first.length === 3) {
        break;
      }
    }
    await table.close();
    expect(first).toEqual(complaints.slice(0, 3).map((complaint) => complaint.externalNo));
  });
});

/** A row's cells without the empty ones at its end (a worksheet stores no empty trailing cells). */
function trimEnd(cells: Cell[]): Cell[] {
  let end = cells.length;
  while (end > 0 && cells[end - 1] === null) {
    end--;
  }
  return cells.slice(0, end);
}
