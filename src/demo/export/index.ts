/**
 * The demo town as export files (issue "The demo town", outputs with `--out DIR`): the 12345 work-order export, the
 * enforcement case ledger, an Open311 sample, truth.json and the reference data, with the column tables and zh-CN
 * dictionaries the intake profiles of these files are built from.
 */
export { type CellFormat, type ColumnSpec, columnSpecs, type DerivedField, type ExportColumn } from './columns.js';
export {
  CSV_LINE_END,
  csvField,
  csvLine,
  EXCEL_DATETIME_FORMAT,
  EXPORT_TIME_ZONE,
  excelWallClock,
  fromExcelWallClock,
  ISO_DATETIME_PATTERN,
  isoDateTime,
  LEDGER_DATETIME_PATTERN,
  ledgerDateTime,
  yuan,
} from './formats.js';
export { LEDGER_COLUMNS, type LedgerColumn } from './ledger-columns.js';
export {
  buildLookups,
  CATEGORY_PATH_SEPARATOR,
  categoryPaths,
  departmentNames,
  type ExportLookups,
  placeLabel,
} from './lookups.js';
export { OPEN311_FIELDS, type Open311Field } from './open311-fields.js';
export {
  DEMO_FILE_NAMES,
  type DemoFileProfile,
  demoFileProfiles,
  LEDGER_SOURCE_SYSTEM,
  OPEN311_SAMPLE_WEEKS,
  WORK_ORDER_SOURCE_SYSTEM,
} from './profiles.js';
export type { DemoFilesProgress } from './record-files.js';
export { demoPlaces, ENTERPRISE_COLUMNS, type EnterpriseColumn } from './reference-data.js';
export { encodeText, type TextEncoding, writeTextFile } from './text-file.js';
export {
  CASE_OUTCOME_ZH,
  CASE_SOURCE_ZH,
  CASE_STATUS_ZH,
  CHANNEL_ZH,
  COMPLAINT_STATUS_ZH,
  ENTERPRISE_KIND_ZH,
  INDUSTRY_ZH,
  invertDictionary,
  SATISFACTION_ZH,
  YES_NO_ZH,
} from './vocabulary.js';
export { WORK_ORDER_COLUMNS, type WorkOrderColumn, type XlsxCell } from './work-order-columns.js';
export { type DemoFile, type WriteDemoFilesOptions, writeDemoFiles } from './write-demo-files.js';
export { XLSX_MAX_DATA_ROWS } from './xlsx-table.js';
