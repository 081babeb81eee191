/*
 * Instants as files write them: real Excel date cells (a wall clock without zone), Excel serial numbers, text in a
 * Unicode LDML pattern (`yyyy/M/d H:mm`, `yyyy年M月d日 HH:mm`), or ISO 8601 with an offset. The town's zone is
 * Asia/Shanghai: UTC+8 all year (no daylight saving since 1991), so a wall clock is the instant plus eight hours.
 */

const OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
/** Excel's day 0 is 1899-12-30 (after its 1900 leap-year bug), as a UTC instant. */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/** The patterns tried when a profile names none: what Chinese exports write most. */
export const COMMON_PATTERNS = [
  'yyyy-MM-dd HH:mm:ss',
  'yyyy-MM-dd HH:mm',
  'yyyy/M/d H:mm:ss',
  'yyyy/M/d H:mm',
  'yyyy-MM-dd',
  'yyyy/M/d',
  'yyyy年M月d日 H:mm:ss',
  'yyyy年M月d日 H:mm',
  'yyyy年M月d日',
  'yyyy.M.d H:mm',
  'yyyy.M.d',
  'yyyyMMddHHmmss',
  'yyyyMMdd',
] as const;

/** A compiled pattern: a regular expression and where each part of the date sits in it. */
interface CompiledPattern {
  regex: RegExp;
  parts: ('y' | 'M' | 'd' | 'H' | 'm' | 's')[];
}

const TOKEN_REGEX: Record<string, { part: CompiledPattern['parts'][number]; source: string }> = {
  yyyy: { part: 'y', source: '(\\d{4})' },
  MM: { part: 'M', source: '(\\d{2})' },
  M: { part: 'M', source: '(\\d{1,2})' },
  dd: { part: 'd', source: '(\\d{2})' },
  d: { part: 'd', source: '(\\d{1,2})' },
  HH: { part: 'H', source: '(\\d{2})' },
  H: { part: 'H', source: '(\\d{1,2})' },
  mm: { part: 'm', source: '(\\d{2})' },
  m: { part: 'm', source: '(\\d{1,2})' },
  ss: { part: 's', source: '(\\d{2})' },
  s: { part: 's', source: '(\\d{1,2})' },
};

const compiled = new Map<string, CompiledPattern>();

/** Compile an LDML pattern of the tokens above; other letters are an error, `'quoted'` text and punctuation literal. */
export function compilePattern(pattern: string): CompiledPattern {
  const hit = compiled.get(pattern);
  if (hit) {
    return hit;
  }
  const parts: CompiledPattern['parts'] = [];
  let source = '^';
  let i = 0;
  while (i < pattern.length) {
    const char = pattern[i] as string;
    if (char === "'") {
      const end = pattern.indexOf("'", i + 1);
      if (end < 0) {
        throw new Error(`pattern "${pattern}": unclosed quote`);
      }
      source += escapeRegex(pattern.slice(i + 1, end));
      i = end + 1;
      continue;
    }
    if (/[A-Za-z]/.test(char)) {
      let run = char;
      while (pattern[i + run.length] === char) {
        run += char;
      }
      const token = TOKEN_REGEX[run];
      if (!token) {
        throw new Error(`pattern "${pattern}": "${run}" is not one of yyyy, M, MM, d, dd, H, HH, m, mm, s, ss`);
      }
      parts.push(token.part);
      source += token.source;
      i += run.length;
      continue;
    }
    source += /\s/.test(char) ? '\\s+' : escapeRegex(char);
    i += 1;
  }
  if (!parts.includes('y') || !parts.includes('M') || !parts.includes('d')) {
    throw new Error(`pattern "${pattern}": needs a year (yyyy), a month (M) and a day (d)`);
  }
  const result = { regex: new RegExp(`${source}$`), parts };
  compiled.set(pattern, result);
  return result;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The instant of a wall clock in the town, or undefined when the fields are not a real date and time. */
export function townInstant(y: number, M: number, d: number, H = 0, m = 0, s = 0): number | undefined {
  if (M < 1 || M > 12 || d < 1 || d > 31 || H > 23 || m > 59 || s > 59) {
    return undefined;
  }
  const wall = Date.UTC(y, M - 1, d, H, m, s);
  const check = new Date(wall);
  if (check.getUTCDate() !== d || check.getUTCMonth() !== M - 1) {
    return undefined; // 2025-02-30 and the like
  }
  return wall - OFFSET_MS;
}

/** Text in one of the patterns → instant, or undefined. */
export function parsePatterned(text: string, patterns: readonly string[]): number | undefined {
  for (const pattern of patterns) {
    const { regex, parts } = compilePattern(pattern);
    const match = regex.exec(text);
    if (!match) {
      continue;
    }
    const fields: Record<string, number> = { y: 0, M: 0, d: 0, H: 0, m: 0, s: 0 };
    parts.forEach((part, index) => {
      fields[part] = Number(match[index + 1]);
    });
    return townInstant(fields.y as number, fields.M as number, fields.d as number, fields.H, fields.m, fields.s);
  }
  return undefined;
}

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})$/;

/** The reason a cell is not an instant, for the reject list. */
export const DATETIME_HINT = 'is not a date and time this profile reads';

/**
 * An instant from a cell: a Date from an Excel date cell (its UTC fields are the town's wall clock), an Excel serial
 * number (days since 1899-12-30, fraction = time of day), ISO 8601 text with an offset, or text in `patterns`.
 */
export function readInstant(cell: unknown, patterns: readonly string[] = COMMON_PATTERNS): number | undefined {
  if (cell instanceof Date) {
    const ms = cell.getTime();
    return Number.isNaN(ms) ? undefined : Math.round(ms / 1000) * 1000 - OFFSET_MS;
  }
  if (typeof cell === 'number') {
    return excelSerial(cell);
  }
  if (typeof cell !== 'string') {
    return undefined;
  }
  const text = cell.trim();
  if (ISO_WITH_OFFSET.test(text)) {
    const ms = Date.parse(text);
    return Number.isNaN(ms) ? undefined : ms;
  }
  if (/^\d{5}(\.\d+)?$/.test(text)) {
    return excelSerial(Number(text));
  }
  return parsePatterned(text, patterns);
}

/** An Excel serial date (1900 system) in the town's wall clock → instant, to the second. */
function excelSerial(serial: number): number | undefined {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2_958_465) {
    return undefined;
  }
  const wall = EXCEL_EPOCH_MS + Math.round((serial * DAY_MS) / 1000) * 1000;
  return wall - OFFSET_MS;
}
