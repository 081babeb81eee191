import { type Cell, isBlankRow, ReaderError, type TableRow } from './table.js';
import type { RowProducer } from './text-table.js';

/** A JSON line or array element longer than this is rejected rather than buffered on. */
export const MAX_ENTRY_CHARS = 16 * 1024 * 1024;

const LF = 0x0a;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

function toCell(value: unknown): Cell {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return value;
  }
  return JSON.stringify(value);
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * JSON objects as rows: the header is the keys in the order first seen, growing as later objects bring new keys; a
 * row's cells follow the header as it is after its own keys were added (keys it lacks are null).
 */
export class ObjectRows {
  readonly header: string[] = [];
  private readonly columns = new Map<string, number>();

  constructor(private readonly undecodable: () => string) {}

  /** The row (or reject) of one JSON text starting on `line`. */
  row(json: string, line: number): TableRow | undefined {
    let value: unknown;
    try {
      value = JSON.parse(json);
    } catch (error) {
      return { line, cells: [], error: new ReaderError(line, `not valid JSON: ${(error as Error).message}`) };
    }
    if (!isObject(value)) {
      const kind = value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
      return { line, cells: [], error: new ReaderError(line, `a JSON object was expected, not ${kind}`) };
    }
    if (json.includes('\uFFFD')) {
      return { line, cells: [], error: new ReaderError(line, this.undecodable()) };
    }
    for (const key in value) {
      if (!this.columns.has(key)) {
        this.columns.set(key, this.header.length);
        this.header.push(key);
      }
    }
    const cells: Cell[] = new Array(this.header.length).fill(null);
    for (const key in value) {
      cells[this.columns.get(key) as number] = toCell(value[key]);
    }
    return isBlankRow(cells) ? undefined : { line, cells };
  }
}

/** JSON Lines: one object a line; blank lines are skipped, anything else that is not an object is rejected. */
export class JsonLinesProducer implements RowProducer {
  private text = '';
  private line = 1;
  private skipping = false;

  constructor(
    private readonly objects: ObjectRows,
    private readonly maxEntryChars = MAX_ENTRY_CHARS,
  ) {}

  push(chunk: string, out: TableRow[]): void {
    const text = this.text.length === 0 ? chunk : this.text + chunk;
    let pos = 0;
    for (;;) {
      const nl = text.indexOf('\n', pos);
      if (nl === -1) {
        break;
      }
      if (this.skipping) {
        this.skipping = false;
      } else {
        this.entry(text.slice(pos, nl), out);
      }
      this.line++;
      pos = nl + 1;
    }
    this.text = text.slice(pos);
    if (!this.skipping && this.text.length > this.maxEntryChars) {
      out.push({ line: this.line, cells: [], error: new ReaderError(this.line, this.tooLong()) });
      this.skipping = true;
    }
    if (this.skipping) {
      this.text = '';
    }
  }

  end(out: TableRow[]): void {
    if (!this.skipping) {
      this.entry(this.text, out);
    }
    this.text = '';
  }

  private tooLong(): string {
    return `the line is longer than ${this.maxEntryChars} characters`;
  }

  private entry(text: string, out: TableRow[]): void {
    const json = text.charCodeAt(text.length - 1) === 0x0d ? text.slice(0, -1) : text;
    if (json.trim() === '') {
      return;
    }
    const row = this.objects.row(json, this.line);
    if (row) {
      out.push(row);
    }
  }
}

/**
 * A JSON array of objects (an Open311 GET requests response, say), read element by element: a scanner tracks
 * strings and nesting to find where each top-level element ends, and only that element is parsed. An element that
 * is not a valid object is rejected (naming the line it starts on) and the scan goes on with the next.
 */
export class JsonArrayProducer implements RowProducer {
  private text = '';
  /** Where scanning resumes in `text`. */
  private at = 0;
  /** The physical line of text[at]. */
  private line = 1;
  /** 0: before the array; 1: in it, between elements; more: inside an element. */
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** The current element's start in `text`: -1 none, -2 an element too long to keep (skipped to its end). */
  private start = -1;
  private startLine = 0;
  private closed = false;
  private failed = false;

  constructor(
    private readonly objects: ObjectRows,
    private readonly maxEntryChars = MAX_ENTRY_CHARS,
  ) {}

  push(chunk: string, out: TableRow[]): void {
    if (this.failed) {
      return;
    }
    this.text = this.text.length === 0 ? chunk : this.text + chunk;
    this.scan(out);
    if (this.failed) {
      this.text = '';
      this.at = 0;
      return;
    }
    // Keep only the current element's text.
    const keep = this.start >= 0 ? this.start : this.at;
    if (this.start >= 0 && this.at - this.start > this.maxEntryChars) {
      const reason = `the element is longer than ${this.maxEntryChars} characters`;
      out.push({ line: this.startLine, cells: [], error: new ReaderError(this.startLine, reason) });
      this.start = -2;
    }
    const from = this.start >= 0 ? keep : this.at;
    if (from > 0) {
      this.text = this.text.slice(from);
      this.at -= from;
      if (this.start >= 0) {
        this.start -= from;
      }
    }
  }

  end(out: TableRow[]): void {
    this.scan(out);
    if (this.failed || this.closed) {
      return;
    }
    if (this.depth === 0) {
      this.fail(out, 'the file does not hold a JSON array');
    } else if (this.start !== -1 && this.depth > 1) {
      this.fail(out, 'the file ends inside this element (is it cut short?)', this.startLine);
    } else {
      if (this.start >= 0) {
        this.element(this.text.slice(this.start), out);
      }
      this.fail(out, 'the file ends before the array is closed by "]" (is it cut short?)');
    }
  }

  private fail(out: TableRow[], reason: string, line = this.line): void {
    this.failed = true;
    out.push({ line, cells: [], error: new ReaderError(line, reason) });
  }

  private element(json: string, out: TableRow[]): void {
    const row = this.objects.row(json, this.startLine);
    if (row) {
      out.push(row);
    }
  }

  private scan(out: TableRow[]): void {
    const text = this.text;
    const n = text.length;
    let i = this.at;
    let { depth, inString, escaped, line } = this;
    for (; i < n && !this.failed; i++) {
      const c = text.charCodeAt(i);
      if (c === LF) {
        line++;
      }
      if (inString) {
        if (escaped) {
          escaped = false;
        } else if (c === BACKSLASH) {
          escaped = true;
        } else if (c === QUOTE) {
          inString = false;
        }
        continue;
      }
      if (c === 0x20 || c === LF || c === 0x0d || c === 0x09) {
        continue;
      }
      if (this.closed) {
        this.line = line;
        this.fail(out, 'text after the end of the JSON array');
        break;
      }
      if (depth === 0) {
        if (c !== 0x5b) {
          this.line = line;
          this.fail(out, 'the file does not start a JSON array with "["');
          break;
        }
        depth = 1;
        continue;
      }
      if (depth === 1 && c === 0x7d) {
        this.line = line;
        this.fail(out, 'a "}" that closes nothing');
        break;
      }
      const opens = c === 0x7b || c === 0x5b;
      const closes = c === 0x7d || c === 0x5d;
      if (depth === 1 && this.start === -1 && c !== 0x2c && !closes) {
        this.start = i;
        this.startLine = line;
      }
      if (c === QUOTE) {
        inString = true;
      } else if (opens) {
        depth++;
      } else if (closes) {
        depth--;
        if (depth === 1) {
          this.finish(text, i + 1, out);
        } else if (depth === 0) {
          this.finish(text, i, out);
          this.closed = true;
        }
      } else if (c === 0x2c && depth === 1) {
        this.finish(text, i, out);
      }
    }
    this.depth = depth;
    this.inString = inString;
    this.escaped = escaped;
    this.line = line;
    this.at = i;
  }

  /** The element from `start` ends before `end`. */
  private finish(text: string, end: number, out: TableRow[]): void {
    if (this.start >= 0) {
      this.element(text.slice(this.start, end), out);
    }
    this.start = -1;
  }
}
