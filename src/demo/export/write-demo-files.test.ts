import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insideBoundary } from '../../places/index.js';
import { createDemo, type Demo, demoWeeks } from '../demo.js';
import type { CaseDraft, ComplaintDraft } from '../record-draft.js';
import { fromExcelWallClock, townYear } from './formats.js';
import { LEDGER_COLUMNS } from './ledger-columns.js';
import { buildLookups, type ExportLookups } from './lookups.js';
import { DEMO_FILE_NAMES, demoFileProfiles, LEDGER_SOURCE_SYSTEM, WORK_ORDER_SOURCE_SYSTEM } from './profiles.js';
import { demoPlaces, ENTERPRISE_COLUMNS } from './reference-data.js';
import { parseCsv } from './testing.js';
import { COMPLAINT_STATUS_ZH, invertDictionary } from './vocabulary.js';
import { WORK_ORDER_COLUMNS } from './work-order-columns.js';
import { type DemoFile, writeDemoFiles } from './write-demo-files.js';
import { dosDateTime } from './zip-times.js';

const OPTIONS = { seed: 'export-test', records: 3000 };
/** Small sheets, so that a year's complaints (about 450) continue on a second sheet. */
const MAX_SHEET_ROWS = 300;

describe('writeDemoFiles', () => {
  let dir: string;
  let demo: Demo;
  let lookups: ExportLookups;
  let files: DemoFile[];
  const complaints: ComplaintDraft[] = [];
  const cases: CaseDraft[] = [];
  const web: ComplaintDraft[] = [];
  const file = (name: string) => join(dir, name);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'shanzhi-export-'));
    demo = createDemo(OPTIONS);
    lookups = buildLookups(demo);
    const sampleFrom = demo.calendar.weeks.length - 8;
    let week = 0;
    for (const { records } of demoWeeks(demo)) {
      for (const record of records) {
        if (record.kind === 'case') {
          cases.push(record);
        } else {
          complaints.push(record);
          if (week >= sampleFrom && record.channel === 'web') {
            web.push(record);
          }
        }
      }
      week++;
    }
    const progress: number[] = [];
    ({ files } = await writeDemoFiles(demo, join(dir, 'a'), {
      maxSheetRows: MAX_SHEET_ROWS,
      onProgress: (p) => progress.push(p.weeksDone),
    }));
    dir = join(dir, 'a');
    expect(progress.at(-1)).toBe(demo.calendar.weeks.length);
  }, 60_000);

  afterAll(async () => {
    await rm(join(dir, '..'), { recursive: true, force: true });
  });

  it('reports every file with its rows and size', async () => {
    const byName = new Map(files.map((f) => [f.name, f]));
    expect([...byName.keys()].sort()).toEqual(Object.values(DEMO_FILE_NAMES).sort());
    expect(byName.get(DEMO_FILE_NAMES.workOrders)?.rows).toBe(complaints.length);
    expect(byName.get(DEMO_FILE_NAMES.ledger)?.rows).toBe(cases.length);
    expect(byName.get(DEMO_FILE_NAMES.open311)?.rows).toBe(web.length);
    expect(complaints.length + cases.length).toBe(OPTIONS.records);
    for (const f of files) {
      expect((await readFile(f.path)).length).toBe(f.bytes);
    }
  });

  it('writes the complaints to the 12345 workbook, a sheet per year split at the row limit', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file(DEMO_FILE_NAMES.workOrders));
    const sheetNames = workbook.worksheets.map((s) => s.name);
    expect(sheetNames).toEqual(files.find((f) => f.name === DEMO_FILE_NAMES.workOrders)?.sheets);
    expect(sheetNames).toContain(`${townYear(complaints[0]?.openedAt ?? 0) + 1}年（2）`);
    const statuses = invertDictionary(COMPLAINT_STATUS_ZH);
    let next = 0;
    for (const sheet of workbook.worksheets) {
      expect(sheet.getRow(1).values).toEqual([undefined, ...WORK_ORDER_COLUMNS.map((c) => c.header)]);
      expect(sheet.rowCount - 1).toBeLessThanOrEqual(MAX_SHEET_ROWS);
      for (let r = 2; r <= sheet.rowCount; r++) {
        const draft = complaints[next++] as ComplaintDraft;
        const row = sheet.getRow(r);
        expect(sheet.name.startsWith(`${townYear(draft.openedAt)}年`)).toBe(true);
        WORK_ORDER_COLUMNS.forEach((column, i) => {
          const cell = row.getCell(i + 1);
          const expected = column.value(draft, lookups);
          if (expected instanceof Date) {
            expect(cell.type).toBe(ExcelJS.ValueType.Date);
            expect((cell.value as Date).getTime()).toBe(expected.getTime());
          } else {
            expect(cell.value ?? undefined).toBe(expected);
          }
        });
        // The cells mean what the draft says.
        expect(fromExcelWallClock(row.getCell(2).value as Date)).toBe(draft.openedAt);
        expect(row.getCell(1).value).toBe(draft.externalNo);
        expect(row.getCell(4).value).toBe(draft.complainantName);
        expect(statuses.get(row.getCell(18).value as string)).toBe(draft.status);
      }
    }
    expect(next).toBe(complaints.length);
    expect(complaints.every((c) => c.sourceSystem === WORK_ORDER_SOURCE_SYSTEM)).toBe(true);
  });

  it('has date cells a streaming reader (as intake uses) reads as dates', async () => {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(file(DEMO_FILE_NAMES.workOrders), { styles: 'cache' });
    const opened: number[] = [];
    for await (const sheet of reader) {
      for await (const row of sheet) {
        const cell = row.getCell(2).value;
        if (row.number > 1) {
          expect(cell).toBeInstanceOf(Date);
          opened.push(fromExcelWallClock(cell as Date));
        }
      }
    }
    expect(opened).toEqual(complaints.map((c) => c.openedAt));
  });

  it('writes the cases to a GB18030 ledger with CRLF lines and RFC 4180 fields', async () => {
    const bytes = await readFile(file(DEMO_FILE_NAMES.ledger));
    expect([...bytes.subarray(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('gb18030', { fatal: true }).decode(bytes);
    expect(text).toContain('案件编号');
    expect(text.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual(LEDGER_COLUMNS.map((c) => c.header));
    expect(rows).toHaveLength(cases.length);
    rows.forEach((row, i) => {
      const draft = cases[i] as CaseDraft;
      expect(row).toEqual(LEDGER_COLUMNS.map((c) => c.value(draft, lookups) ?? ''));
    });
    const fined = cases.findIndex((c) => c.penaltyFen !== undefined);
    expect(rows[fined]?.[15]).toBe((((cases[fined] as CaseDraft).penaltyFen ?? 0) / 100).toFixed(2));
    expect(cases.every((c) => c.sourceSystem === LEDGER_SOURCE_SYSTEM)).toBe(true);
  });

  it('writes the web complaints of the last 8 weeks as Open311 requests placed inside their village', async () => {
    const requests = JSON.parse(await readFile(file(DEMO_FILE_NAMES.open311), 'utf8')) as Record<string, unknown>[];
    expect(web.length).toBeGreaterThan(0);
    expect(requests.map((r) => r.service_request_id)).toEqual(web.map((c) => c.externalNo));
    requests.forEach((request, i) => {
      const draft = web[i] as ComplaintDraft;
      const point = { lng: request.long as number, lat: request.lat as number };
      expect(insideBoundary(demo.map.town.boundary, point)).toBe(true);
      expect(insideBoundary(lookups.villages.get(draft.placeCode)?.boundary ?? demo.map.town.boundary, point)).toBe(
        true,
      );
      expect(Date.parse(request.requested_datetime as string)).toBe(draft.openedAt);
      expect(request.requested_datetime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
      expect(request.status).toBe(draft.closedAt === undefined ? 'open' : 'closed');
      expect(request.service_code).toBe(draft.categoryCode);
      expect(request.address_id).toBe(draft.placeCode);
    });
  });

  it('writes the truth, the places and the enterprises', async () => {
    // Through JSON, as the file holds it (JSON has no −0, which Math.round gives the truth's small negative sizes).
    const truth = JSON.parse(await readFile(file(DEMO_FILE_NAMES.truth), 'utf8'));
    expect(truth).toEqual(JSON.parse(JSON.stringify(demo.truth)));
    expect(truth.events).toHaveLength(demo.truth.events.length);
    const places = JSON.parse(await readFile(file(DEMO_FILE_NAMES.places), 'utf8'));
    expect(places).toEqual(demoPlaces(demo));
    expect(places).toHaveLength(2 + demo.map.villages.length + demo.map.villages.flatMap((v) => v.groups).length);

    const bytes = await readFile(file(DEMO_FILE_NAMES.enterprises));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = parseCsv(bytes.subarray(3).toString('utf8'));
    expect(header).toEqual(ENTERPRISE_COLUMNS.map((c) => c.header));
    expect(rows.map((r) => r[0])).toEqual(demo.enterprises.map((e) => e.creditCode));
  });

  it('describes every file and column in the README', async () => {
    const readme = await readFile(file(DEMO_FILE_NAMES.readme), 'utf8');
    for (const profile of demoFileProfiles()) {
      expect(readme).toContain(`【${profile.name}】`);
      for (const column of profile.columns) {
        expect(readme).toContain(`${column.header}：`);
      }
    }
    expect(readme).toContain(`共 ${cases.length} 行`);
  });

  it('gives the same bytes for the same seed, the workbook included', async () => {
    const again = join(dir, '..', 'b');
    await writeDemoFiles(createDemo(OPTIONS), again, { maxSheetRows: MAX_SHEET_ROWS });
    for (const name of Object.values(DEMO_FILE_NAMES)) {
      expect((await readFile(join(again, name))).equals(await readFile(file(name))), name).toBe(true);
    }
    // The workbook's zip entries carry the export's wall clock, not the time of writing.
    const xlsx = await readFile(file(DEMO_FILE_NAMES.workOrders));
    const stamp = dosDateTime(new Date(demo.calendar.endMs + 8 * 3_600_000));
    expect(xlsx.readUInt32LE(0)).toBe(0x04034b50);
    expect([xlsx.readUInt16LE(10), xlsx.readUInt16LE(12)]).toEqual([stamp.time, stamp.date]);
  }, 60_000);

  it('writes the headers alone for a town without records', async () => {
    const empty = join(dir, '..', 'empty');
    const { files: written } = await writeDemoFiles(createDemo({ ...OPTIONS, records: 0 }), empty);
    expect(written.filter((f) => f.rows === 0).map((f) => f.name)).toEqual([
      DEMO_FILE_NAMES.workOrders,
      DEMO_FILE_NAMES.ledger,
      DEMO_FILE_NAMES.open311,
    ]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(empty, DEMO_FILE_NAMES.workOrders));
    expect(workbook.worksheets.map((s) => [s.name, s.rowCount])).toEqual([
      [`${townYear(demo.calendar.endMs - 1)}年`, 1],
    ]);
    const ledger = new TextDecoder('gb18030').decode(await readFile(join(empty, DEMO_FILE_NAMES.ledger)));
    expect(parseCsv(ledger)).toEqual([LEDGER_COLUMNS.map((c) => c.header)]);
    expect(JSON.parse(await readFile(join(empty, DEMO_FILE_NAMES.open311), 'utf8'))).toEqual([]);
  });

  it('gives other files for another seed', async () => {
    const other = join(dir, '..', 'c');
    await writeDemoFiles(createDemo({ ...OPTIONS, seed: 'another' }), other);
    const name = DEMO_FILE_NAMES.ledger;
    expect((await readFile(join(other, name))).equals(await readFile(file(name)))).toBe(false);
  }, 60_000);
});
