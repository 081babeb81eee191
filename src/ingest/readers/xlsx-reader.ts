import { type Cell, ReaderError, readOnce, type Table, type TableRow } from './table.js';
import { type SheetRow, worksheetRows } from './xlsx-sheet.js';
import { readWorkbook, type Workbook } from './xlsx-workbook.js';
import { XmlError } from './xlsx-xml-text.js';
import { ZipArchive, ZipError } from './xlsx-zip.js';

/** Rows of one worksheet, as read from a chunk of its XML. */
interface Batch {
  sheet: string;
  rows: SheetRow[];
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

/** A damaged workbook as a ReaderError: of the file (line 0), naming the sheet when it is in one. */
function unreadable(error: unknown, sheet?: string): unknown {
  if (error instanceof ZipError || error instanceof XmlError) {
    return new ReaderError(0, `not a readable XLSX workbook: ${error.message}`, sheet);
  }
  return error;
}

/** Every non-blank row of every worksheet, in the workbook's order, a batch at a time. */
async function* workbookBatches(
  zip: ZipArchive,
  workbook: Workbook,
  consumed: (bytes: number) => void,
): AsyncGenerator<Batch> {
  for (const sheet of workbook.sheets) {
    try {
      for await (const rows of worksheetRows(zip, sheet, workbook, consumed)) {
        yield { sheet: sheet.name, rows };
      }
    } catch (error) {
      throw unreadable(error, sheet.name);
    }
  }
}

const rowError = (row: SheetRow, sheet: string) => new ReaderError(row.number, row.error ?? '', sheet);

/**
 * An XLSX workbook read straight from its zip, a worksheet at a time as its XML streams in (xlsx-zip, xlsx-xml): the
 * first non-empty row of the first worksheet is the header; every later worksheet (a sheet a year, 2025年,
 * 2025年（2）…) must start with the same header, which is skipped; a sheet with another header stops the file with a
 * ReaderError naming it. Empty sheets are passed over; hidden sheets are read like the others (a hidden list of words
 * with its own header stops the file, rather than rows being left out unseen). Row numbers are the worksheets'. Shared
 * strings and styles are read when the file is opened; bytesRead follows the compressed worksheet data read, scaled
 * to the file's size.
 */
export async function openXlsx(path: string): Promise<Table> {
  let zip: ZipArchive;
  try {
    zip = await ZipArchive.open(path);
  } catch (error) {
    throw unreadable(error);
  }
  let workbook: Workbook;
  try {
    workbook = await readWorkbook(zip);
  } catch (error) {
    await zip.close();
    throw unreadable(error);
  }
  const bytesTotal = zip.size;
  const sheetBytes = workbook.sheets.reduce((sum, sheet) => sum + sheet.entry.compressedSize, 0);
  let consumed = 0;
  let finished = false;
  const source = workbookBatches(zip, workbook, (bytes) => {
    consumed += bytes;
  });
  let closed = false;
  const close = async () => {
    if (!closed) {
      closed = true;
      await source.return(undefined).catch(() => undefined);
      await zip.close();
    }
  };

  let first: IteratorResult<Batch>;
  try {
    first = await source.next();
  } catch (error) {
    await close();
    throw error;
  }
  if (first.done) {
    await close();
    throw new ReaderError(0, 'the workbook has no worksheet with a header row');
  }
  const headerSheet = first.value.sheet;
  const headerRow = first.value.rows[0] as SheetRow;
  if (headerRow.error !== undefined) {
    // A row that cannot be read is no header.
    await close();
    throw rowError(headerRow, headerSheet);
  }
  const header = trimHeader(headerRow.cells.map(headerText));
  const expected = header.join('\u0000');

  /** Whether a later sheet's first row is the header; else the error that stops the file. */
  const checkHeader = (row: SheetRow, sheet: string) => {
    if (row.error !== undefined) {
      throw rowError(row, sheet);
    }
    const found = trimHeader(row.cells.map(headerText));
    if (found.join('\u0000') !== expected) {
      const reason = `its first row is not the header of sheet "${headerSheet}" (${header.join(', ')}) but ${found.join(', ')}`;
      throw new ReaderError(row.number, reason, sheet);
    }
  };

  async function* iterate(): AsyncGenerator<TableRow> {
    try {
      let batch = first.value as Batch;
      let from = 1;
      for (;;) {
        const { sheet, rows } = batch;
        for (let i = from; i < rows.length; i++) {
          const row = rows[i] as SheetRow;
          yield row.error === undefined
            ? { line: row.number, cells: row.cells }
            : { line: row.number, cells: [], error: rowError(row, sheet) };
        }
        const next = await source.next();
        if (next.done) {
          finished = true;
          return;
        }
        from = 0;
        if (next.value.sheet !== sheet) {
          checkHeader(next.value.rows[0] as SheetRow, next.value.sheet);
          from = 1;
        }
        batch = next.value;
      }
    } finally {
      await close();
    }
  }

  return {
    format: 'xlsx',
    encoding: null,
    header,
    rows: readOnce(iterate),
    bytesRead: () =>
      finished
        ? bytesTotal
        : sheetBytes === 0
          ? 0
          : Math.min(bytesTotal, Math.floor((consumed / sheetBytes) * bytesTotal)),
    bytesTotal,
    close,
  };
}
