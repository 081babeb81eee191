import { setImmediate as nextTurn } from 'node:timers/promises';
import ExcelJS from 'exceljs';
import type { ExportColumn } from './columns.js';
import type { ExportLookups } from './lookups.js';

/** Excel's row limit: 1,048,576 rows a sheet, one of them the header. */
export const XLSX_MAX_DATA_ROWS = 1_048_575;
/** Bytes of sheet XML allowed to wait for the zip compressor before the writer pauses for it. */
const MAX_BACKLOG_BYTES = 4 * 1024 * 1024;

type Cell = string | number | Date;

/** How an XLSX table is laid out over sheets. */
export interface XlsxTableOptions<R> {
  columns: readonly ExportColumn<R, Cell>[];
  lookups: ExportLookups;
  /** The sheet a record belongs in (e.g. its year, 2025年); records must come grouped by it, in order. */
  sheetOf: (record: R) => string;
  /** Data rows a sheet holds before the next part of it starts (2025年（2）); Excel's limit by default. */
  maxDataRows?: number;
  /** The workbook's created and modified dates (fixed, so that the same data gives the same file). */
  date: Date;
  /** The one sheet of a table without records (its header row only). */
  emptySheetName: string;
}

/** A writable stream's pending bytes, by the public property or readable-stream 2's internal state. */
interface PendingWritable {
  writableLength?: number;
  _writableState?: { length?: number };
}

/**
 * A table written to XLSX a row at a time with exceljs's streaming writer: a sheet per `sheetOf` value, split into
 * parts at the row limit, a frozen bold header row, real date cells. Call drain() now and then: exceljs writes sheet
 * XML into the zip's input without waiting for the compressor, so without it a large sheet would pile up in memory.
 */
export class XlsxTableWriter<R> {
  private readonly workbook: ExcelJS.stream.xlsx.WorkbookWriter;
  private sheet: ExcelJS.Worksheet | undefined;
  private sheetKey = '';
  private part = 0;
  private sheetRows = 0;
  private readonly sheetNames: string[] = [];
  private total = 0;
  /**
   * One style object per column, shared by its cells: exceljs caches a style's id by object identity, and the fresh
   * style object it gives every cell would cost a style lookup per cell (a third of the writing time).
   */
  private readonly styles: Partial<ExcelJS.Style>[];

  constructor(
    path: string,
    private readonly options: XlsxTableOptions<R>,
  ) {
    this.workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      filename: path,
      useSharedStrings: false,
      useStyles: true,
    });
    this.workbook.creator = 'Shanzhi demo';
    this.workbook.lastModifiedBy = 'Shanzhi demo';
    this.workbook.created = options.date;
    this.workbook.modified = options.date;
    this.styles = options.columns.map((column) =>
      column.format.type === 'excel_datetime' ? { numFmt: column.format.numFmt } : {},
    );
  }

  /** Data rows written so far, over all sheets. */
  get rows(): number {
    return this.total;
  }

  /** The sheets' names so far, in order. */
  get sheets(): readonly string[] {
    return this.sheetNames;
  }

  /** Append a record's row (starting a new sheet when its sheet key changes or the sheet is full). */
  add(record: R): void {
    const key = this.options.sheetOf(record);
    if (!this.sheet || key !== this.sheetKey) {
      this.openSheet(key, 1);
    } else if (this.sheetRows >= (this.options.maxDataRows ?? XLSX_MAX_DATA_ROWS)) {
      this.openSheet(key, this.part + 1);
    }
    const { lookups, columns } = this.options;
    const row = (this.sheet as ExcelJS.Worksheet).addRow(columns.map((column) => column.value(record, lookups)));
    row.eachCell((cell, column) => {
      cell.style = this.styles[column - 1] as Partial<ExcelJS.Style>;
    });
    row.commit();
    this.sheetRows++;
    this.total++;
  }

  /** Wait until the compressor has taken in all but a few MB of the written rows. */
  async drain(): Promise<void> {
    const stream = (this.sheet as unknown as { stream?: { pipes?: unknown[] } } | undefined)?.stream;
    for (const pipe of stream?.pipes ?? []) {
      const pending = () => {
        const writable = pipe as PendingWritable;
        return writable.writableLength ?? writable._writableState?.length ?? 0;
      };
      while (pending() > MAX_BACKLOG_BYTES) {
        await nextTurn();
      }
    }
  }

  /** Finish the workbook (an empty table still gets a sheet with its header row). */
  async close(): Promise<void> {
    if (!this.sheet) {
      this.openSheet(this.options.emptySheetName, 1);
    }
    this.sheet?.commit();
    await this.workbook.commit();
  }

  private openSheet(key: string, part: number): void {
    this.sheet?.commit();
    const name = part === 1 ? key : `${key}（${part}）`;
    const sheet = this.workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = this.options.columns.map((column, i) => ({
      header: column.header,
      width: column.width ?? 16,
      style: this.styles[i] as Partial<ExcelJS.Style>,
    }));
    sheet.getRow(1).font = { bold: true, size: 11 };
    this.sheet = sheet;
    this.sheetKey = key;
    this.part = part;
    this.sheetRows = 0;
    this.sheetNames.push(name);
  }
}
