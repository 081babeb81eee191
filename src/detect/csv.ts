/**
 * The small CSV dialect of `shanzhi detect` (RFC 4180: comma separator, double-quoted fields with "" escapes, LF or
 * CRLF line ends, an optional UTF-8 byte-order mark). Parsing keeps the 1-based line number of every record so that
 * errors can name the line.
 */
import { invalidField } from '../core/errors.js';

export interface CsvRecord {
  /** 1-based line on which the record starts. */
  line: number;
  fields: string[];
}

/** Splits CSV text into records; blank lines are skipped. Throws `invalid_input` on an unterminated quote. */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  const input = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let inQuotes = false;
  let fieldWasQuoted = false;
  const endRecord = (): void => {
    fields.push(field);
    const blank = fields.length === 1 && fields[0].trim() === '' && !fieldWasQuoted;
    if (!blank) {
      records.push({ line: recordLine, fields });
    }
    fields = [];
    field = '';
    fieldWasQuoted = false;
  };
  for (let i = 0; i < input.length; i++) {
    const char = input[i];
    if (inQuotes) {
      if (char === '"') {
        if (input[i + 1] === '"') {
          field += '"';
          i += 1;
        } else {
          inQuotes = false;
        }
      } else {
        if (char === '\n') {
          line += 1;
        }
        field += char;
      }
      continue;
    }
    if (char === '"' && field === '') {
      inQuotes = true;
      fieldWasQuoted = true;
    } else if (char === ',') {
      fields.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && input[i + 1] === '\n') {
        i += 1;
      }
      endRecord();
      line += 1;
      recordLine = line;
    } else {
      field += char;
    }
  }
  if (inQuotes) {
    throw invalidField(`line ${recordLine}`, 'a quoted field is not closed before the end of the input');
  }
  if (field !== '' || fields.length > 0 || fieldWasQuoted) {
    endRecord();
  }
  return records;
}

/** One CSV field, quoted when it contains a separator, a quote or a line break. */
export function formatCsvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
