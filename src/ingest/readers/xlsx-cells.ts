import type { Cell } from './table.js';
import { serialToDate } from './xlsx-styles.js';
import { unescapeXstring, type Workbook } from './xlsx-workbook.js';

/*
 * A worksheet cell's value from its type, style and text (ECMA-376 Part 1, 18.3.1.4 c and 18.18.11 ST_CellType).
 */

/** Excel's last column, XFD. */
export const MAX_COLUMN = 16_384;

/** The 1-based column of a cell reference (B2 → 2), or 0 when it is no reference. */
export function columnOf(reference: string): number {
  let column = 0;
  let i = 0;
  for (; i < reference.length; i++) {
    const code = reference.charCodeAt(i) | 0x20;
    if (code < 0x61 || code > 0x7a) {
      break;
    }
    column = column * 26 + (code - 0x60);
    if (column > MAX_COLUMN) {
      return 0;
    }
  }
  if (i === 0 || i === reference.length) {
    return 0;
  }
  for (let j = i; j < reference.length; j++) {
    const code = reference.charCodeAt(j);
    if (code < 0x30 || code > 0x39) {
      return 0;
    }
  }
  return column;
}

/** An ISO 8601 date cell (t="d") as a wall-clock Date: without an offset it is taken as written. */
function isoDate(text: string): Date | undefined {
  const trimmed = text.trim();
  const dated = /^\d{2}:\d{2}/.test(trimmed) ? `1899-12-30T${trimmed}` : trimmed;
  const zoned = /(Z|[+-]\d{2}:?\d{2})$/.test(dated) || !dated.includes('T') ? dated : `${dated}Z`;
  const date = /^[+-]?\d{4,6}-\d{2}/.test(zoned) ? new Date(zoned) : undefined;
  return date === undefined || Number.isNaN(date.getTime()) ? undefined : date;
}

/**
 * The value of a cell of type `type` (t, 'n' when absent) whose <v> holds `text` (undefined: no <v>); `escaped`
 * when the text may hold _xHHHH_ escapes. Empty strings are null. Undefined when the text does not fit the type:
 * cellProblem() says why.
 */
export function cellValue(
  workbook: Workbook,
  type: string,
  style: number,
  text: string | undefined,
  escaped: boolean,
): Cell | undefined {
  const empty = text === undefined || text === '';
  switch (type) {
    case 'n': {
      if (empty) {
        return null;
      }
      const number = Number(text);
      if (!Number.isFinite(number)) {
        return undefined;
      }
      if (number === 0 && text.trim() === '') {
        return null;
      }
      return workbook.dateStyles[style] === true ? (serialToDate(number, workbook.date1904) ?? number) : number;
    }
    case 's': {
      const string = empty || text.trim() === '' ? '' : workbook.sharedStrings[Number(text)];
      return string === '' ? null : string;
    }
    case 'str':
    case 'inlineStr':
      return empty ? null : escaped ? unescapeXstring(text) : text;
    case 'b':
      return empty
        ? null
        : text === '1' || text === 'true'
          ? true
          : text === '0' || text === 'false'
            ? false
            : undefined;
    case 'e':
      return empty ? null : text;
    case 'd':
      return empty ? null : isoDate(text);
    default:
      return undefined;
  }
}

/** Why cellValue() could not read a cell. */
export function cellProblem(type: string, text: string | undefined): string {
  switch (type) {
    case 'n':
      return `"${text}" is not a number`;
    case 's':
      return `shared string ${text} does not exist`;
    case 'b':
      return `"${text}" is not a boolean`;
    case 'd':
      return `"${text}" is not an ISO 8601 date`;
    default:
      return `the cell type "${type}" is unknown`;
  }
}
