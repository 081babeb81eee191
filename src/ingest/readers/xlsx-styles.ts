import { END, type PartReader, START, TEXT, type XmlTokenizer } from './xlsx-xml.js';

/*
 * Which cell styles show a date: a number cell is a date only by its style's number format (ECMA-376 Part 1,
 * 18.8.30 numFmt and 18.8.10 cellXfs). Serial day numbers become Dates here too.
 */

/** The built-in number formats that show dates or times: 14–22, 45–47, and the East Asian ones 27–36 and 50–58. */
const BUILT_IN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56,
  57, 58,
]);

/**
 * Whether a format code shows a date or time: a d, m, y, h or s (either case) outside "quoted text", [brackets]
 * ([Red], [$-804], [DBNum1]), \escaped characters and the character after _ or *. Durations ([h]:mm:ss) count, as
 * they did with exceljs: the minutes and seconds are outside the brackets.
 */
export function isDateFormatCode(code: string): boolean {
  let i = 0;
  while (i < code.length) {
    const char = code[i] as string;
    if (char === '"') {
      const end = code.indexOf('"', i + 1);
      i = end < 0 ? code.length : end + 1;
    } else if (char === '[') {
      const end = code.indexOf(']', i + 1);
      i = end < 0 ? code.length : end + 1;
    } else if (char === '\\' || char === '_' || char === '*') {
      i += 2;
    } else if ('dmyhsDMYHS'.includes(char)) {
      return true;
    } else {
      i++;
    }
  }
  return false;
}

/** styles.xml read for what the reader needs: for each cell style (cellXfs index), whether it shows a date. */
export class StylesReader implements PartReader {
  private readonly customFormats = new Map<number, string>();
  private readonly formatIds: number[] = [];
  private inCellXfs = false;

  read(tokens: XmlTokenizer): void {
    for (;;) {
      const token = tokens.next();
      if (token === START) {
        const name = tokens.name;
        if (name === 'numFmt') {
          const id = Number(tokens.attribute('numFmtId'));
          if (Number.isInteger(id)) {
            this.customFormats.set(id, tokens.attribute('formatCode') ?? '');
          }
        } else if (name === 'cellXfs') {
          this.inCellXfs = true;
        } else if (name === 'xf' && this.inCellXfs) {
          this.formatIds.push(Number(tokens.attribute('numFmtId') ?? 0));
        }
      } else if (token === END) {
        if (tokens.name === 'cellXfs') {
          this.inCellXfs = false;
        }
      } else if (token !== TEXT) {
        return;
      }
    }
  }

  /** For each cell style, whether its number cells are dates. */
  dateStyles(): boolean[] {
    return this.formatIds.map((id) => {
      const custom = this.customFormats.get(id);
      return custom === undefined ? BUILT_IN_DATE_FORMATS.has(id) : isDateFormatCode(custom);
    });
  }
}

const DAY_MS = 86_400_000;
/** Days from 1899-12-30, day 0 of Excel's 1900 date system from 1900-03-01 on, to 1970-01-01. */
const EPOCH_1900 = 25_569;
/** Days from 1904-01-01, day 0 of the 1904 date system (old Mac workbooks), to 1970-01-01. */
const EPOCH_1904 = 24_107;

/**
 * A serial day number as a Date whose UTC fields hold the wall clock (Excel dates have no zone), to the millisecond
 * as exceljs gave it. In the 1900 system day 1 is 1900-01-01 and Excel counts a 29 February 1900 that never was
 * (day 60): days before 61 are one day later than the 1899-12-30 epoch makes them. Undefined out of Date's range.
 */
export function serialToDate(serial: number, date1904: boolean): Date | undefined {
  const epoch = date1904 ? EPOCH_1904 : serial < 61 ? EPOCH_1900 - 1 : EPOCH_1900;
  const date = new Date(Math.round((serial - epoch) * DAY_MS));
  return Number.isNaN(date.getTime()) ? undefined : date;
}
