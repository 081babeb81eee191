import type { IsoWeek } from '../../core/time/index.js';
import { type Demo, demoWeeks } from '../demo.js';
import { Random } from '../random.js';
import type { CaseDraft, ComplaintDraft } from '../record-draft.js';
import { csvLine, townYear } from './formats.js';
import { LEDGER_COLUMNS } from './ledger-columns.js';
import type { ExportLookups } from './lookups.js';
import { complaintPoint, OPEN311_FIELDS } from './open311-fields.js';
import { TextFileWriter } from './text-file.js';
import { WORK_ORDER_COLUMNS } from './work-order-columns.js';
import { XlsxTableWriter } from './xlsx-table.js';

/** How far the record files have got: reported after each week. */
export interface DemoFilesProgress {
  week: IsoWeek;
  weeksDone: number;
  weeksTotal: number;
  /** Records written so far. */
  records: number;
}

/** Where the record files go and how they are cut. */
export interface RecordFilePaths {
  workOrders: string;
  ledger: string;
  open311: string;
  /** Data rows per sheet of the workbook (undefined: Excel's limit). */
  maxSheetRows: number | undefined;
  /** The Open311 sample: web complaints of the weeks from this index on. */
  open311FromWeek: number;
  /** The workbook's created and modified dates. */
  exportedAt: Date;
}

/** What went into the record files. */
export interface RecordFileCounts {
  complaints: number;
  cases: number;
  requests: number;
  sheets: string[];
}

/** Rows between two waits for the XLSX compressor (a 10 M-record week has about 28,000 complaints). */
const DRAIN_EVERY_ROWS = 2048;

function open311Request(complaint: ComplaintDraft, lookups: ExportLookups, random: Random): string {
  const located = { complaint, point: complaintPoint(random, complaint, lookups) };
  return JSON.stringify(
    Object.fromEntries(OPEN311_FIELDS.map((field) => [field.header, field.value(located, lookups)])),
  );
}

const ledgerRow = (record: CaseDraft, lookups: ExportLookups) =>
  csvLine(LEDGER_COLUMNS.map((column) => column.value(record, lookups)));

/**
 * Stream the demo's records, a week at a time, into the 12345 workbook (complaints), the GB18030 ledger (cases)
 * and the Open311 sample (recent web complaints). Each writer waits for its stream, so memory holds about a week.
 */
export async function writeRecordFiles(
  demo: Demo,
  lookups: ExportLookups,
  paths: RecordFilePaths,
  onProgress?: (progress: DemoFilesProgress) => void,
): Promise<RecordFileCounts> {
  const weeksTotal = demo.calendar.weeks.length;
  const random = new Random(demo.options.seed).fork('open311');
  const workbook = new XlsxTableWriter<ComplaintDraft>(paths.workOrders, {
    columns: WORK_ORDER_COLUMNS,
    lookups,
    sheetOf: (complaint) => `${townYear(complaint.openedAt)}年`,
    maxDataRows: paths.maxSheetRows,
    date: paths.exportedAt,
    emptySheetName: `${townYear(demo.calendar.endMs - 1)}年`,
  });
  const ledger = await TextFileWriter.open(paths.ledger, 'gb18030');
  const open311 = await TextFileWriter.open(paths.open311, 'utf8');
  let cases = 0;
  let requests = 0;
  try {
    await ledger.write(csvLine(LEDGER_COLUMNS.map((column) => column.header)));
    await open311.write('[');
    let weeksDone = 0;
    for (const { week, records } of demoWeeks(demo)) {
      const ledgerRows: string[] = [];
      const requestTexts: string[] = [];
      for (const record of records) {
        if (record.kind === 'case') {
          ledgerRows.push(ledgerRow(record, lookups));
          continue;
        }
        workbook.add(record);
        if (workbook.rows % DRAIN_EVERY_ROWS === 0) {
          await workbook.drain();
        }
        if (weeksDone >= paths.open311FromWeek && record.channel === 'web') {
          requestTexts.push(open311Request(record, lookups, random));
        }
      }
      await ledger.write(ledgerRows.join(''));
      if (requestTexts.length > 0) {
        await open311.write((requests > 0 ? ',\n' : '\n') + requestTexts.join(',\n'));
      }
      cases += ledgerRows.length;
      requests += requestTexts.length;
      await workbook.drain();
      weeksDone++;
      onProgress?.({ week, weeksDone, weeksTotal, records: workbook.rows + cases });
    }
    await open311.write(requests > 0 ? '\n]\n' : ']\n');
  } catch (error) {
    ledger.destroy();
    open311.destroy();
    throw error;
  }
  await Promise.all([ledger.close(), open311.close(), workbook.close()]);
  return { complaints: workbook.rows, cases, requests, sheets: [...workbook.sheets] };
}
