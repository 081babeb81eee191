/*
 * What every file reader of intake gives: a header and a lazy stream of rows of cells. The readers know file formats
 * and encodings, never profiles or records: mapping cells to fields is the pipeline's work.
 */

/**
 * One cell. CSV cells are always strings ('' when empty: CSV cannot tell empty from absent). XLSX cells are strings,
 * numbers, booleans, null (empty) or Date: an Excel date cell, whose UTC fields hold the wall clock written in it
 * (Excel dates have no zone). JSON cells are strings, numbers, booleans or null; nested values become their JSON text.
 */
export type Cell = string | number | boolean | Date | null;

/**
 * A data row. `line` is where it starts: the 1-based physical line of the file (CSV, JSON; line breaks inside a
 * quoted CSV field count) or the worksheet's row number (XLSX). A row the reader could not read carries `error` and
 * no cells: the pipeline records a reject for it and goes on with the next row.
 */
export interface TableRow {
  line: number;
  cells: readonly Cell[];
  error?: ReaderError;
}

export type TableFormat = 'csv' | 'xlsx' | 'jsonl';
export type TableEncoding = 'utf8' | 'utf8-bom' | 'gb18030';

/**
 * An open table file. `rows` can be iterated once; it reads the file as it goes (memory holds a chunk, never the
 * file). Rows with no non-empty cell are skipped (Excel writes them for formatted blank lines). Errors that stop the
 * whole file (a sheet whose header differs, an unreadable zip) are thrown from the iteration as a ReaderError.
 */
export interface Table {
  /** 'jsonl' also stands for a .json file holding an array of objects. */
  format: TableFormat;
  /** Text formats: the encoding detected or used (ASCII-only text so far reads as 'utf8'); XLSX: null. */
  readonly encoding: TableEncoding | null;
  /**
   * The header cells, trimmed, BOM stripped. JSON: the keys of the first object; keys first seen in later objects
   * are appended as they appear (each row's cells align with the header as it was when the row was read).
   */
  header: readonly string[];
  rows: AsyncIterable<TableRow>;
  /** Bytes of the file consumed so far, for progress. */
  bytesRead(): number;
  bytesTotal: number;
  /** Release the file (safe to call twice, and before the rows are exhausted). */
  close(): Promise<void>;
}

export interface OpenTableOptions {
  /** Default: from the file name's extension, else from the file's first bytes. */
  format?: TableFormat;
  /** Text formats: 'auto' (default) takes a UTF-8 BOM or valid UTF-8 as UTF-8, anything else as GB18030. */
  encoding?: 'auto' | 'utf8' | 'gb18030';
  /** The file's original name when `path` is a temporary copy (an upload): its extension picks the format. */
  fileName?: string;
}

/**
 * A problem reading the file, naming where: `line` is the physical line (CSV, JSON) or worksheet row (XLSX, with
 * `sheet`) of the row concerned; 0 when it concerns no line (the file as a whole).
 */
export class ReaderError extends Error {
  override readonly name = 'ReaderError';

  constructor(
    readonly line: number,
    readonly reason: string,
    readonly sheet?: string,
  ) {
    super(ReaderError.describe(line, reason, sheet));
  }

  private static describe(line: number, reason: string, sheet: string | undefined): string {
    const at = line > 0 ? (sheet === undefined ? `line ${line}` : `row ${line}`) : undefined;
    const prefix = [sheet === undefined ? undefined : `sheet "${sheet}"`, at].filter((part) => part !== undefined);
    return prefix.length > 0 ? `${prefix.join(', ')}: ${reason}` : reason;
  }
}

/** Rows with no cell holding anything are no records. */
export function isBlankRow(cells: readonly Cell[]): boolean {
  for (const cell of cells) {
    if (cell !== null && cell !== '') {
      return false;
    }
  }
  return true;
}

/** Rows that can be iterated once: a second iteration is a bug, not an empty table. */
export function readOnce(iterate: () => AsyncIterator<TableRow>): AsyncIterable<TableRow> {
  let iterated = false;
  return {
    [Symbol.asyncIterator]() {
      if (iterated) {
        throw new Error('the rows of a table can be read once');
      }
      iterated = true;
      return iterate();
    },
  };
}
