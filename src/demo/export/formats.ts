/*
 * How the export files write instants, money and CSV fields. The town's time zone is Asia/Shanghai (UTC+8, no DST),
 * so the wall clock is the instant plus eight hours, read with the UTC getters.
 */

/** The zone every time in the export files is written in. */
export const EXPORT_TIME_ZONE = 'Asia/Shanghai';
const OFFSET_MS = 8 * 3_600_000;

/** The Excel number format of the date cells of the XLSX export. */
export const EXCEL_DATETIME_FORMAT = 'yyyy-mm-dd hh:mm:ss';
/** The pattern (Unicode LDML) of the text dates of the CSV ledger: 2025/6/3 9:05, to the minute. */
export const LEDGER_DATETIME_PATTERN = 'yyyy/M/d H:mm';
/** The pattern of the ISO 8601 instants of the JSON files: 2025-06-03T09:05:07+08:00. */
export const ISO_DATETIME_PATTERN = "yyyy-MM-dd'T'HH:mm:ssXXX";

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/**
 * The value of an Excel date cell for an instant: Excel dates have no zone, so the cell holds the town's wall clock
 * (to the second). exceljs turns a Date into a serial day number by its UTC fields, hence the shift by eight hours;
 * a reader gets the wall clock back in the UTC fields of the Date it returns.
 */
export function excelWallClock(ms: number): Date {
  return new Date(Math.floor(ms / 1000) * 1000 + OFFSET_MS);
}

/** The instant of an Excel wall-clock Date as exceljs reads it back (the inverse of excelWallClock). */
export function fromExcelWallClock(date: Date): number {
  return date.getTime() - OFFSET_MS;
}

/** The calendar year of an instant in the town. */
export function townYear(ms: number): number {
  return new Date(ms + OFFSET_MS).getUTCFullYear();
}

/** An instant as the ledger writes it: 2025/6/3 9:05 in the town (seconds dropped, as Excel shows them). */
export function ledgerDateTime(ms: number): string {
  const d = new Date(ms + OFFSET_MS);
  return `${d.getUTCFullYear()}/${d.getUTCMonth() + 1}/${d.getUTCDate()} ${d.getUTCHours()}:${pad2(d.getUTCMinutes())}`;
}

/** An instant in ISO 8601 with the town's offset, to the second: 2025-06-03T09:05:07+08:00. */
export function isoDateTime(ms: number): string {
  return `${new Date(Math.floor(ms / 1000) * 1000 + OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}

/** An amount in fen as yuan with two decimals (180050 → 1800.50), computed on integers so it never rounds. */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.round(fen));
  return `${sign}${Math.floor(abs / 100)}.${pad2(abs % 100)}`;
}

/** Line end of the CSV files: CRLF, as RFC 4180 says and as Excel writes. */
export const CSV_LINE_END = '\r\n';

/** A CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break, inner quotes doubled. */
export function csvField(value: string | undefined): string {
  if (value === undefined) {
    return '';
  }
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** A CSV record with its line end. */
export function csvLine(values: readonly (string | undefined)[]): string {
  return values.map(csvField).join(',') + CSV_LINE_END;
}
