import { createReadStream, type ReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { type Cell, isBlankRow, ReaderError, type Table, type TableRow } from './table.js';

/** What exceljs's streaming reader gives for a cell's value. */
type ExcelValue = ExcelJS.CellValue | undefined;

/** A row of some worksheet. */
interface SheetRow {
  sheet: string;
  number: number;
  cells: Cell[];
}

/** exceljs's own test for a date number format: date letters outside quotes and brackets. */
function isDateFormat(format: string | undefined): boolean {
  return format !== undefined && /[ymdhMsb]/.test(format.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

/** Days from Excel's epoch (1899-12-30) to 1970-01-01. */
const EXCEL_EPOCH_DAYS = 25_569;

/**
 * The plain value of a cell: rich text joined, a formula's result, a hyperlink's text, an error as its text
 * (#N/A), a date as a Date (exceljs gives dates for date-formatted number cells; a formula's result only as a number,
 * converted here when the cell has a date format). Empty: null.
 */
export function cellValue(value: ExcelValue, numFmt?: string): Cell {
  if (value === null || value === undefined) {
    return null;
  }
  if (typeof value === 'string' || typeof value === 'boolean') {
    return value;
  }
  if (typeof value === 'number') {
    return Number.isFinite(value) ? value : null;
  }
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? null : value;
  }
  if ('richText' in value) {
    return value.richText.map((run) => run.text ?? '').join('');
  }
  if ('error' in value) {
    return String(value.error);
  }
  if ('formula' in value || 'sharedFormula' in value) {
    const result = cellValue(value.result as ExcelValue);
    if (typeof result === 'number' && isDateFormat(numFmt)) {
      return new Date(Math.round((result - EXCEL_EPOCH_DAYS) * 86_400_000));
    }
    return result;
  }
  if ('hyperlink' in value) {
    return cellValue(value.text as ExcelValue);
  }
  return null;
}

/** A header cell as text. */
const headerText = (cell: Cell) =>
  cell === null
    ? ''
    : cell instanceof Date
      ? cell.toISOString()
      : String(cell)
          .replace(/^\uFEFF/, '')
          .trim();

/** Header cells without the empty ones at the end (a sheet's used range may run wider than its header). */
function trimHeader(header: readonly string[]): string[] {
  let end = header.length;
  while (end > 0 && header[end - 1] === '') {
    end--;
  }
  return header.slice(0, end);
}

/** Every row of every worksheet, in the order the workbook stores them; rows with no value are left out. */
async function* sheetRows(reader: ExcelJS.stream.xlsx.WorkbookReader): AsyncGenerator<SheetRow> {
  for await (const worksheet of reader) {
    const sheet = (worksheet as unknown as { name: string }).name;
    for await (const row of worksheet) {
      const cells: Cell[] = [];
      row.eachCell((cell, column) => {
        while (cells.length < column - 1) {
          cells.push(null);
        }
        cells.push(cellValue(cell.value, cell.numFmt));
      });
      if (!isBlankRow(cells)) {
        yield { sheet, number: row.number, cells };
      }
    }
  }
}

/** The readable-stream state of unzipper's zip parser, as far as the workaround below needs it. */
interface ZipParser {
  emit(event: string | symbol, ...args: unknown[]): boolean;
  _readableState?: { length?: number };
}

/**
 * A file stream for exceljs's WorkbookReader that works around exceljs#3064 (open in exceljs 4.4.0): unzipper's zip
 * parser emits 'end' as soon as its input is consumed, while the last entries (xl/workbook.xml, which the writers put
 * last) may still wait in its paused output; exceljs's entry loop then stops early and throws "Cannot read
 * properties of undefined (reading 'sheets')" now and then. Here that early 'end' is dropped while entries are still
 * buffered; the parser emits 'end' again once they are read (readable-stream's own end after push(null)).
 */
function workbookStream(path: string): ReadStream {
  const stream = createReadStream(path);
  const pipe = stream.pipe.bind(stream);
  stream.pipe = <T extends NodeJS.WritableStream>(destination: T, options?: { end?: boolean }): T => {
    const parser = destination as unknown as ZipParser;
    const emit = parser.emit.bind(parser);
    parser.emit = (event, ...args) => {
      if (event === 'end' && (parser._readableState?.length ?? 0) > 0) {
        return false;
      }
      return emit(event, ...args);
    };
    return pipe(destination, options);
  };
  return stream;
}

const unreadable = (error: unknown) =>
  error instanceof ReaderError
    ? error
    : new ReaderError(0, `not a readable XLSX workbook: ${error instanceof Error ? error.message : String(error)}`);

/**
 * An XLSX workbook read with exceljs's streaming reader (shared strings and styles cached, so dates come back as
 * dates): the first non-empty row of the first worksheet is the header; every later worksheet (a sheet a year,
 * 2025年, 2025年（2）…) must start with the same header, which is skipped; a sheet with another header stops the
 * file with a ReaderError naming it. Empty sheets are passed over; hidden sheets are read like the others (a hidden
 * list of words with its own header stops the file, rather than rows being left out unseen). Row numbers are the
 * worksheets'. Where a workbook stores its shared strings or styles after the sheets (Excel and exceljs both do),
 * exceljs copies each sheet's XML to a temporary file before reading it: memory stays flat, but bytesRead reaches
 * bytesTotal before the last rows come.
 */
export async function openXlsx(path: string): Promise<Table> {
  const bytesTotal = (await stat(path)).size;
  const stream = workbookStream(path);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream, {
    sharedStrings: 'cache',
    styles: 'cache',
    worksheets: 'emit',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const source = sheetRows(reader);
  let closed = false;
  const close = async () => {
    if (!closed) {
      closed = true;
      stream.destroy();
      await source.return(undefined).catch(() => undefined);
    }
  };

  let first: IteratorResult<SheetRow>;
  try {
    first = await source.next();
  } catch (error) {
    await close();
    throw unreadable(error);
  }
  if (first.done) {
    await close();
    throw new ReaderError(0, 'the workbook has no worksheet with a header row');
  }
  const headerSheet = first.value.sheet;
  const header = trimHeader(first.value.cells.map(headerText));
  const expected = header.join('\u0000');

  let iterated = false;
  async function* iterate(): AsyncGenerator<TableRow> {
    let sheet = headerSheet;
    try {
      for (;;) {
        let next: IteratorResult<SheetRow>;
        try {
          next = await source.next();
        } catch (error) {
          throw unreadable(error);
        }
        if (next.done) {
          return;
        }
        const row = next.value;
        if (row.sheet !== sheet) {
          sheet = row.sheet;
          const found = trimHeader(row.cells.map(headerText));
          if (found.join('\u0000') !== expected) {
            const reason = `its first row is not the header of sheet "${headerSheet}" (${header.join(', ')}) but ${found.join(', ')}`;
            throw new ReaderError(row.number, reason, sheet);
          }
          continue;
        }
        yield { line: row.number, cells: row.cells };
      }
    } finally {
      await close();
    }
  }

  return {
    format: 'xlsx',
    encoding: null,
    header,
    rows: {
      [Symbol.asyncIterator]() {
        if (iterated) {
          throw new Error('the rows of a table can be read once');
        }
        iterated = true;
        return iterate();
      },
    },
    bytesRead: () => stream.bytesRead,
    bytesTotal,
    close,
  };
}
