/**
 * The file readers of intake: CSV (UTF-8 or GB18030), XLSX and JSON (Lines, or an array of objects), each as a
 * header and a lazy stream of rows of cells, every row with its line. See openTable.
 */
export { openTable } from './open-table.js';
export {
  type Cell,
  type OpenTableOptions,
  ReaderError,
  type Table,
  type TableEncoding,
  type TableFormat,
  type TableRow,
} from './table.js';
