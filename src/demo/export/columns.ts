import type { ExportLookups } from './lookups.js';

/**
 * How a column writes its field, as data: what an intake profile needs to read the column back (the reverse of the
 * column's value function), and what the README describes. JSON-serialisable.
 */
export type CellFormat =
  | { type: 'text' }
  | { type: 'integer' }
  /** WGS84 degrees, six decimals. */
  | { type: 'degrees' }
  /** A real Excel date cell holding the wall clock in `timeZone`, shown with the Excel number format `numFmt`. */
  | { type: 'excel_datetime'; numFmt: string; timeZone: string }
  /** Text in the Unicode LDML `pattern`, wall clock in `timeZone`. */
  | { type: 'text_datetime'; pattern: string; timeZone: string }
  /** One word of `values` (our code → the word written). */
  | { type: 'enum'; values: Readonly<Record<string, string>> }
  /** `yes` or `no`; an empty cell is unknown. */
  | { type: 'boolean'; yes: string; no: string }
  /** The category's names from the level-1 area down, joined by `separator` (the field holds the code). */
  | { type: 'category_path'; separator: string }
  /** The category's own name (the field holds the code). */
  | { type: 'category_name' }
  /** The village's name, or village + group name for a group (the field holds the place code). */
  | { type: 'place_label' }
  /** The town's name (the field holds the town code). */
  | { type: 'town_name' }
  /** The department's name in the town (the field holds the department code). */
  | { type: 'department_name' }
  /** Yuan with `decimals` decimals; the field holds fen. */
  | { type: 'yuan'; decimals: 2 };

/**
 * Fields a column can carry that are not keys of the record itself: `enterpriseName` (the name beside the credit
 * code, for people), `lat` / `long` (a point in the record's place), `updatedAt` (the last of the record's instants),
 * `openClosed` (Open311's two-valued status), `zipcode` (the postal code of the address).
 */
export type DerivedField = 'enterpriseName' | 'lat' | 'long' | 'updatedAt' | 'openClosed' | 'zipcode';

/**
 * One column of an export file: its header, the field it carries, how it writes it, and the writing itself. `F` are
 * the record fields it may name (the keys of R unless R wraps the record).
 */
export interface ExportColumn<R, V, F extends string = keyof R & string> {
  /** The header (or JSON key) in the file. */
  header: string;
  /** The record field (a RecordDraft key, the name createComplaint / createCase take) or a derived field. */
  field: F | DerivedField;
  format: CellFormat;
  /** What a reader should know beyond the format, in Chinese (the README prints it). */
  note?: string;
  /** Column width in characters (XLSX only). */
  width?: number;
  /** The cell of a record; undefined is an empty cell. */
  value: (record: R, lookups: ExportLookups) => V | undefined;
}

/** A column as data: everything but its value function. */
export type ColumnSpec = Omit<ExportColumn<unknown, unknown>, 'value' | 'width' | 'field'> & { field: string };

/** The columns of a file as data (header, field, format, note), in order: the basis of an intake profile. */
export function columnSpecs<R, V, F extends string>(columns: readonly ExportColumn<R, V, F>[]): ColumnSpec[] {
  return columns.map(({ header, field, format, note }) =>
    note ? { header, field, format, note } : { header, field, format },
  );
}
