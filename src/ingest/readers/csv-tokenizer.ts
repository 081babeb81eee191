import { ReaderError, type TableRow } from './table.js';

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;
/** A record longer than this (a quote opened and never closed, most likely) is rejected rather than buffered on. */
export const MAX_RECORD_CHARS = 8 * 1024 * 1024;

/** Line breaks in text[from, to): CRLF, LF and a lone CR each end one physical line. */
function countBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) {
      count++;
    }
  }
  return count;
}

/** The index of the first CR or LF at or after `from`, or -1. */
function nextBreak(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === LF || c === CR) {
      return i;
    }
  }
  return -1;
}

/** The delimiter of a CSV text: the most frequent of comma, tab and semicolon on its first line (comma on a tie). */
export function sniffDelimiter(text: string): string {
  const end = nextBreak(text, 0);
  const line = end === -1 ? text : text.slice(0, end);
  let best = ',';
  let bestCount = line.split(',').length;
  for (const candidate of ['\t', ';']) {
    const count = line.split(candidate).length;
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

/**
 * An RFC 4180 tokenizer over decoded text that arrives in pieces: fields separated by the delimiter, records by
 * CRLF, LF or CR; a field in double quotes may hold delimiters, line breaks and doubled quotes. Each record comes
 * out with the physical line it starts on. Written for speed on large files: unquoted fields are found with
 * indexOf and sliced, so a field costs one string and nothing else.
 *
 * Malformed input becomes a row with an `error` (named by the line the record starts on), and reading goes on:
 * - a quote inside an unquoted field, or a character other than a delimiter or line break after a closing quote:
 *   the record is rejected and reading resumes at the next physical line after the one holding the fault;
 * - a quote never closed (by the end of the file, or within MAX_RECORD_CHARS): the record's first line is
 *   rejected and reading resumes on the next line, so that the lines a stray quote swallowed are read after all;
 * - text the decoder could not decode (U+FFFD): the record is rejected.
 * Records with no non-empty field (blank lines, Excel's ",,,,") are skipped.
 *
 * Not csv-parse: 7.0.3 read the demo's 1 M-row GB18030 work-order CSV at about 30k rows/s where this reads about
 * 150k; it counts a CRLF inside a quoted field as two lines; and with skip_records_with_error it cannot tell which
 * lines a dropped record spanned. The property tests hold this tokenizer to csv-parse's results on valid CSV.
 */
export class CsvTokenizer {
  private text = '';
  /** The physical line text[0] is on. */
  private line = 1;
  /** Parse again once the text is this long (a record cut by a chunk's end waits for enough text to finish it). */
  private waitFor = 0;
  /** Discarding the rest of a physical line after a fault (up to, not including, its line break). */
  private skipping = false;
  private readonly delimiterCode: number;

  constructor(
    private readonly delimiter: string,
    /** Why a record holding U+FFFD is rejected (it names the encoding the file was read in). */
    private readonly undecodable: () => string,
    private readonly maxRecordChars = MAX_RECORD_CHARS,
  ) {
    this.delimiterCode = delimiter.charCodeAt(0);
  }

  /** Take a piece of text; complete records (and rejects) are appended to `out`. */
  push(chunk: string, out: TableRow[]): void {
    this.text = this.text.length === 0 ? chunk : this.text + chunk;
    if (this.text.length >= this.waitFor) {
      this.parse(false, out);
    }
  }

  /** The text is complete: the last record (which may lack its line break) is appended to `out`. */
  end(out: TableRow[]): void {
    this.parse(true, out);
    this.text = '';
  }

  private parse(final: boolean, out: TableRow[]): void {
    const text = this.text;
    const n = text.length;
    const d = this.delimiterCode;
    const delimiter = this.delimiter;
    const suspect = text.indexOf('\uFFFD') !== -1;
    let pos = 0;
    let line = this.line;
    if (this.skipping) {
      const b = nextBreak(text, 0);
      if (b === -1) {
        this.text = '';
        return;
      }
      this.skipping = false;
      pos = b;
    }
    // The next delimiter, LF, CR and quote at or after the scan position (-1: none left; stale when below it).
    let nextDelimiter = -2;
    let nextLf = -2;
    let nextCr = -2;
    let nextQuote = -2;
    this.waitFor = 0;

    while (pos < n) {
      const start = line;
      let i = pos;
      const cells: string[] = [];
      let blank = true;
      let incomplete = false;
      let fault: string | undefined;
      /** Where the fault is (reading resumes after its line); -1: resume after the record's first line. */
      let faultAt = -1;

      for (;;) {
        if (i < n && text.charCodeAt(i) === QUOTE) {
          let j = i + 1;
          let value = '';
          let close = -1;
          for (;;) {
            const q = text.indexOf('"', j);
            if (q === -1 || (q + 1 >= n && !final)) {
              break;
            }
            if (text.charCodeAt(q + 1) === QUOTE) {
              value += text.slice(j, q + 1);
              j = q + 2;
              continue;
            }
            value += text.slice(j, q);
            close = q;
            break;
          }
          if (close === -1) {
            if (!final && n - pos <= this.maxRecordChars) {
              incomplete = true;
              break;
            }
            fault = final
              ? 'a quoted field opened on this line is never closed (a stray quote?)'
              : `a quoted field opened on this line runs on for more than ${this.maxRecordChars} characters (a stray quote?)`;
            break;
          }
          line += countBreaks(text, i + 1, close);
          i = close + 1;
          cells.push(value);
          if (value !== '') {
            blank = false;
          }
          if (i < n) {
            const c = text.charCodeAt(i);
            if (c !== d && c !== LF && c !== CR) {
              fault = `${JSON.stringify(text[i])} follows the closing quote of field ${cells.length} (a quote inside a quoted field must be doubled)`;
              faultAt = i;
              break;
            }
          }
        } else {
          if (nextDelimiter !== -1 && nextDelimiter < i) {
            nextDelimiter = text.indexOf(delimiter, i);
          }
          if (nextLf !== -1 && nextLf < i) {
            nextLf = text.indexOf('\n', i);
          }
          if (nextCr !== -1 && nextCr < i) {
            nextCr = text.indexOf('\r', i);
          }
          let end = n;
          if (nextDelimiter !== -1 && nextDelimiter < end) {
            end = nextDelimiter;
          }
          if (nextLf !== -1 && nextLf < end) {
            end = nextLf;
          }
          if (nextCr !== -1 && nextCr < end) {
            end = nextCr;
          }
          if (nextQuote !== -1 && nextQuote < i) {
            nextQuote = text.indexOf('"', i);
          }
          if (nextQuote !== -1 && nextQuote < end) {
            fault = `a quote inside field ${cells.length + 1}, which does not start with one (quote the whole field and double the quote)`;
            faultAt = nextQuote;
            break;
          }
          if (end === n && !final) {
            if (n - pos <= this.maxRecordChars) {
              incomplete = true;
              break;
            }
            fault = `the line is longer than ${this.maxRecordChars} characters`;
            faultAt = n - 1;
            break;
          }
          if (end > i) {
            cells.push(text.slice(i, end));
            blank = false;
          } else {
            cells.push('');
          }
          i = end;
        }
        if (i >= n) {
          break;
        }
        const c = text.charCodeAt(i);
        if (c === d) {
          i++;
          continue;
        }
        if (c === CR) {
          if (i + 1 >= n && !final) {
            incomplete = true;
            break;
          }
          i += text.charCodeAt(i + 1) === LF ? 2 : 1;
        } else {
          i++;
        }
        line++;
        break;
      }

      if (incomplete) {
        line = start;
        break;
      }
      if (fault !== undefined) {
        // Resume at the line break ending the faulty line; it reads as a blank line and counts itself.
        const faultLine = faultAt === -1 ? start : start + countBreaks(text, pos, faultAt);
        const where = faultLine === start ? '' : ` (on line ${faultLine})`;
        out.push({ line: start, cells: [], error: new ReaderError(start, fault + where) });
        const b = nextBreak(text, faultAt === -1 ? pos : faultAt);
        line = faultLine;
        // Reading resumes behind positions already searched: forget them.
        nextDelimiter = -2;
        nextLf = -2;
        nextCr = -2;
        nextQuote = -2;
        if (b === -1) {
          this.skipping = !final;
          pos = n;
          break;
        }
        pos = b;
        continue;
      }
      if (!blank) {
        if (suspect && cells.some((cell) => cell.includes('\uFFFD'))) {
          out.push({ line: start, cells: [], error: new ReaderError(start, this.undecodable()) });
        } else {
          out.push({ line: start, cells });
        }
      }
      pos = i;
    }

    if (pos >= n) {
      this.text = '';
    } else {
      this.text = text.slice(pos);
      this.waitFor = 2 * this.text.length;
    }
    this.line = line;
  }
}
