import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Demo } from '../demo.js';
import { CSV_LINE_END, excelWallClock } from './formats.js';
import { buildLookups } from './lookups.js';
import { DEMO_FILE_NAMES, demoFileProfiles, OPEN311_SAMPLE_WEEKS } from './profiles.js';
import { demoReadme } from './readme.js';
import { type DemoFilesProgress, writeRecordFiles } from './record-files.js';
import { writeReferenceFiles } from './reference-data.js';
import { writeTextFile } from './text-file.js';
import { setZipEntryTimes } from './zip-times.js';

export interface WriteDemoFilesOptions {
  onProgress?: (progress: DemoFilesProgress) => void;
  /** Data rows a sheet of the work-order workbook holds before it continues on the next (default: Excel's limit). */
  maxSheetRows?: number;
  /** The Open311 sample's span: the web complaints of this many last weeks (default 8). */
  open311Weeks?: number;
}

/** One file written: its name in the folder, full path, rows (items; lines for README.txt) and size. */
export interface DemoFile {
  name: string;
  path: string;
  rows: number;
  bytes: number;
  /** The sheets of a workbook, in order. */
  sheets?: string[];
}

/**
 * Write the demo town as the files towns exchange (see README.txt, written beside them): the 12345 work-order
 * export (XLSX), the enforcement case ledger (CSV, GB18030), an Open311 sample (JSON), truth.json, places.json and
 * enterprises.csv. Streams week by week: memory stays flat however many records. The same demo gives the same bytes.
 */
export async function writeDemoFiles(
  demo: Demo,
  outDir: string,
  options: WriteDemoFilesOptions = {},
): Promise<{ files: DemoFile[] }> {
  await mkdir(outDir, { recursive: true });
  const path = (name: string) => join(outDir, name);
  const lookups = buildLookups(demo);

  // The export happens at the end of the data: the workbook's properties carry that instant, its zip entries (whose
  // MS-DOS times are local) the town's wall clock then.
  const counts = await writeRecordFiles(
    demo,
    lookups,
    {
      workOrders: path(DEMO_FILE_NAMES.workOrders),
      ledger: path(DEMO_FILE_NAMES.ledger),
      open311: path(DEMO_FILE_NAMES.open311),
      maxSheetRows: options.maxSheetRows,
      open311FromWeek: demo.calendar.weeks.length - (options.open311Weeks ?? OPEN311_SAMPLE_WEEKS),
      exportedAt: new Date(demo.calendar.endMs),
    },
    options.onProgress,
  );
  await setZipEntryTimes(path(DEMO_FILE_NAMES.workOrders), excelWallClock(demo.calendar.endMs));
  const places = await writeReferenceFiles(demo, lookups, {
    truth: path(DEMO_FILE_NAMES.truth),
    places: path(DEMO_FILE_NAMES.places),
    enterprises: path(DEMO_FILE_NAMES.enterprises),
  });

  const rows = new Map<string, number>([
    [DEMO_FILE_NAMES.workOrders, counts.complaints],
    [DEMO_FILE_NAMES.ledger, counts.cases],
    [DEMO_FILE_NAMES.open311, counts.requests],
    [DEMO_FILE_NAMES.truth, demo.truth.events.length],
    [DEMO_FILE_NAMES.places, places],
    [DEMO_FILE_NAMES.enterprises, demo.enterprises.length],
  ]);
  const { town } = demo.map;
  const { seed, records } = demo.options;
  const { firstWeek, lastWeek } = demo.calendar;
  const readme = demoReadme({ townName: town.name, seed, records, firstWeek, lastWeek, rows }, demoFileProfiles());
  await writeTextFile(path(DEMO_FILE_NAMES.readme), readme + CSV_LINE_END, 'utf8-bom');
  rows.set(DEMO_FILE_NAMES.readme, readme.split(CSV_LINE_END).length);

  const files: DemoFile[] = [];
  for (const [name, count] of rows) {
    const file: DemoFile = { name, path: path(name), rows: count, bytes: (await stat(path(name))).size };
    files.push(name === DEMO_FILE_NAMES.workOrders ? { ...file, sheets: counts.sheets } : file);
  }
  return { files };
}
