import type { Cell } from './table.js';
import { cellValue, MAX_COLUMN } from './xlsx-cells.js';
import type { Workbook } from './xlsx-workbook.js';
import { APOSTROPHE, EQUALS, GT, LT, QUOTE, SLASH, SPACE, TextScan } from './xlsx-xml-text.js';

/*
 * The fast path of the worksheet reader. Nearly every cell a workbook holds is `<c r="B2" s="1" t="str"><v>…</v></c>`
 * (or has no <v>, or closes itself); such cells are read here straight from the text, several times faster than
 * token by token. Anything else — a formula, an inline string, a namespace prefix, spaces around '=', a value that
 * does not fit its type, a cell cut by the end of the text so far — is left where it starts, for the tokenizer.
 */

const LETTER_C = 0x63;
const LETTER_V = 0x76;

/** Whether `input` holds `</c>` at `at`. */
const endOfCell = (input: string, at: number) =>
  input.charCodeAt(at) === LT &&
  input.charCodeAt(at + 1) === SLASH &&
  input.charCodeAt(at + 2) === LETTER_C &&
  input.charCodeAt(at + 3) === GT;

/** A cell's type attribute as one of the type names, or undefined when it is none of the common ones. */
function cellType(input: string, start: number, end: number): string | undefined {
  const first = input.charCodeAt(start);
  if (end - start === 1) {
    return first === 0x73 ? 's' : first === 0x6e ? 'n' : first === 0x62 ? 'b' : first === 0x65 ? 'e' : undefined;
  }
  return end - start === 3 && input.startsWith('str', start) ? 'str' : undefined;
}

export class FastCells {
  /** The column of the last cell read (cells without a reference follow it). */
  column = 0;
  private readonly scan = new TextScan();

  constructor(private readonly workbook: Workbook) {}

  /**
   * Read the simple cells at `pos` in `input` into `cells`; returns where reading stopped (at the first thing that
   * is not a simple cell, which the tokenizer reads next). `input.length` bounds every look: nothing cut is read.
   */
  read(input: string, pos: number, cells: Cell[]): number {
    const length = input.length;
    let at = pos;
    for (;;) {
      // <c, then attributes
      if (at + 4 >= length || input.charCodeAt(at) !== LT || input.charCodeAt(at + 1) !== LETTER_C) {
        return at;
      }
      let p = at + 2;
      let column = this.column + 1;
      let type = 'n';
      let style = 0;
      for (;;) {
        let code = input.charCodeAt(p);
        if (code !== SPACE) {
          if (code === GT || code === SLASH) {
            break;
          }
          return at;
        }
        while (code === SPACE && p + 1 < length) {
          code = input.charCodeAt(++p);
        }
        if (code === GT || code === SLASH) {
          break;
        }
        const nameStart = p;
        if (code === EQUALS) {
          return at;
        }
        while (code !== EQUALS) {
          // Spaces around '=', other whitespace, a tag's end: not for the fast path.
          if (code <= SPACE || code === GT || code === LT || ++p >= length) {
            return at;
          }
          code = input.charCodeAt(p);
        }
        if (p + 1 >= length) {
          return at;
        }
        const quote = input.charCodeAt(p + 1);
        if (quote !== QUOTE && quote !== APOSTROPHE) {
          return at;
        }
        const valueStart = p + 2;
        let valueEnd = valueStart;
        while (valueEnd < length && input.charCodeAt(valueEnd) !== quote) {
          valueEnd++;
        }
        if (valueEnd >= length) {
          return at;
        }
        if (p - nameStart === 1) {
          const name = input.charCodeAt(nameStart);
          if (name === 0x72) {
            column = referenceColumn(input, valueStart, valueEnd);
          } else if (name === 0x74) {
            const found = cellType(input, valueStart, valueEnd);
            if (found === undefined) {
              return at;
            }
            type = found;
          } else if (name === 0x73) {
            style = digits(input, valueStart, valueEnd);
          }
          if (column === 0 || style < 0) {
            return at;
          }
        }
        p = valueEnd + 1;
        if (p >= length) {
          return at;
        }
      }
      // <c …/>, <c …></c>, or <c …><v>text</v></c>
      let text: string | undefined;
      let escaped = false;
      let next: number;
      if (p + 9 > length) {
        return at;
      }
      if (input.charCodeAt(p) === SLASH) {
        if (input.charCodeAt(p + 1) !== GT) {
          return at;
        }
        next = p + 2;
      } else if (endOfCell(input, p + 1)) {
        next = p + 5;
      } else {
        const start = p + 4;
        if (input.charCodeAt(p + 1) !== LT || input.charCodeAt(p + 2) !== LETTER_V || input.charCodeAt(p + 3) !== GT) {
          return at;
        }
        const scan = this.scan;
        const lt = scan.to(input, start);
        // </v></c>
        if (
          lt + 8 > length ||
          input.charCodeAt(lt + 1) !== SLASH ||
          input.charCodeAt(lt + 2) !== LETTER_V ||
          input.charCodeAt(lt + 3) !== GT ||
          !endOfCell(input, lt + 4)
        ) {
          return at;
        }
        text = scan.text(input, start, lt);
        escaped = scan.underscore || !scan.plain;
        next = lt + 8;
      }
      if (column > MAX_COLUMN) {
        return at;
      }
      const value = cellValue(this.workbook, type, style, text, escaped);
      if (value === undefined) {
        return at;
      }
      // As the token path does: an empty cell after the row's last one adds nothing, one within the row is null.
      const index = column - 1;
      if (value !== null || index < cells.length) {
        while (cells.length < index) {
          cells.push(null);
        }
        cells[index] = value;
      }
      this.column = column;
      at = next;
    }
  }
}

/** The column of an A1 reference between start and end (upper-case letters, then digits), or 0. */
function referenceColumn(input: string, start: number, end: number): number {
  let column = 0;
  let i = start;
  for (; i < end; i++) {
    const code = input.charCodeAt(i);
    if (code < 0x41 || code > 0x5a) {
      break;
    }
    column = column * 26 + (code - 0x40);
  }
  if (i === start || i === end || column > MAX_COLUMN) {
    return 0;
  }
  for (; i < end; i++) {
    const code = input.charCodeAt(i);
    if (code < 0x30 || code > 0x39) {
      return 0;
    }
  }
  return column;
}

/** A small non-negative integer written in digits between start and end, or -1. */
function digits(input: string, start: number, end: number): number {
  if (start === end || end - start > 9) {
    return -1;
  }
  let value = 0;
  for (let i = start; i < end; i++) {
    const code = input.charCodeAt(i);
    if (code < 0x30 || code > 0x39) {
      return -1;
    }
    value = value * 10 + (code - 0x30);
  }
  return value;
}
