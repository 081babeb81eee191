import { parsePatterned, readInstant } from './datetime.js';
import { CASE_WORDS, COMPLAINT_WORDS, ENUMS, type Kind, NAMES, NO, YES } from './detect-profile.names.js';
import type { CellFormatInput, Profile, ProfileInput } from './profile.schema.js';
import { listProfiles } from './profile.service.js';
import type { Cell } from './readers/index.js';

/*
 * `shanzhi import --detect FILE`: a mapping profile proposed from a file's header row and first rows. A built-in
 * profile when the headers are (nearly) its own; otherwise one built from a table of the Chinese and English headers
 * each field goes by in 12345 exports, case ledgers and Open311, with formats read off the sample: date patterns,
 * category paths, enum words. What it cannot tell is left in the column's note, starting with TODO.
 */

export interface HeaderMatch {
  header: string;
  field: string;
  /** 1: the header of a built-in column; about 0.9: a known name of the field; lower: a guess. */
  confidence: number;
}

export interface ProposedProfile {
  profile: ProfileInput;
  matched: HeaderMatch[];
  /** Headers no column reads. */
  unmatched: string[];
  /** The built-in profile the proposal is (or is based on, when its name ends in -custom). */
  builtIn?: string;
}

/** Headers compared without case, spaces, punctuation or full-width forms: 罚款金额（元） = 罚款金额(元) = 罚款金额元. */
export function normalizeHeader(header: string): string {
  return header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_\-–—.:()[\]【】*#'"“”、/\\]/g, '');
}

/** Normalized name → field, for each kind. */
const SYNONYMS: Readonly<Record<Kind, readonly { word: string; field: string }[]>> = {
  complaint: synonymList('complaint'),
  case: synonymList('case'),
};

function synonymList(kind: Kind): { word: string; field: string }[] {
  return [NAMES.both, NAMES[kind]].flatMap((names) =>
    Object.entries(names).flatMap(([field, list]) =>
      list.split(' ').map((name) => ({ word: normalizeHeader(name), field })),
    ),
  );
}

/** The kind of records the headers describe: cases when case words outnumber complaint words. */
export function detectKind(header: readonly string[]): Kind {
  const count = (words: readonly string[]) =>
    header.filter((h) => words.some((word) => normalizeHeader(h).includes(word))).length;
  return count(CASE_WORDS) > count(COMPLAINT_WORDS) ? 'case' : 'complaint';
}

/** The field a header names and how sure that is: exactly a known name, or containing one (a guess). */
function synonymOf(header: string, kind: Kind): { field: string; confidence: number } | undefined {
  const key = normalizeHeader(header);
  let best: { field: string; confidence: number } | undefined;
  for (const { word, field } of SYNONYMS[kind]) {
    // Short Latin names (id, no, lat) only match whole headers: "no" is inside "notes".
    const partial = key.includes(word) && (/[\u0080-\uffff]/.test(word) ? word.length >= 2 : word.length >= 5);
    const confidence = key === word ? 0.9 : partial ? 0.5 + (0.3 * word.length) / key.length : 0;
    if (confidence > (best?.confidence ?? 0)) {
      best = { field, confidence: Math.round(confidence * 100) / 100 };
    }
  }
  return best;
}

/** The sample's non-empty cells of one column. */
function columnValues(sample: readonly (readonly Cell[])[], index: number): Cell[] {
  return sample.map((row) => row[index] ?? null).filter((cell) => cell !== null && cell !== '');
}

const textOf = (cell: Cell) => (cell instanceof Date ? cell.toISOString() : String(cell).trim());

/** LDML patterns for the text dates of a sample, one per layout, each checked to read its values. */
export function guessDatetimePatterns(values: readonly Cell[]): string[] {
  const byPattern = new Map<string, string[]>();
  for (const cell of values) {
    if (typeof cell !== 'string') {
      continue;
    }
    const text = cell.trim();
    const pattern = datetimePattern(text);
    if (pattern !== undefined) {
      byPattern.set(pattern.layout, [...(byPattern.get(pattern.layout) ?? []), text]);
    }
  }
  const patterns: string[] = [];
  for (const [layout, texts] of [...byPattern].sort((a, b) => b[1].length - a[1].length)) {
    // Zero-padded everywhere: the two-digit tokens (MM, dd, HH); else the ones that take one or two digits.
    const padded = !layout.startsWith('yyyyMM') && texts.every((text) => datetimePattern(text)?.padded);
    const pattern = padded ? layout.replace('M', 'MM').replace('d', 'dd').replace('H', 'HH') : layout;
    if (texts.every((text) => parsePatterned(text, [pattern]) !== undefined)) {
      patterns.push(pattern);
    }
  }
  return patterns;
}

const SEPARATED_DATE = /^(\d{4})([-/.年])(\d{1,2})([-/.月])(\d{1,2})(日?)(.*)$/;
const COLON_TIME = /^(\s+|T)(\d{1,2}):(\d{2})(:\d{2})?$/;
const CHINESE_TIME = /^(\s*)(\d{1,2})时(\d{2})分(?:(\d{2})秒)?$/;

/** The layout of one text date (`yyyy/M/d H:mm`), or undefined for ISO with an offset, serials and non-dates. */
function datetimePattern(text: string): { layout: string; padded: boolean } | undefined {
  const compact = { 8: 'yyyyMMdd', 12: 'yyyyMMddHHmm', 14: 'yyyyMMddHHmmss' }[/^\d+$/.test(text) ? text.length : 0];
  if (compact !== undefined) {
    return { layout: compact, padded: true };
  }
  const date = SEPARATED_DATE.exec(text);
  if (!date) {
    return undefined;
  }
  const [, , sep1, month, sep2, day, dayMark, rest = ''] = date;
  const layout = `yyyy${sep1}M${sep2}d${dayMark}`;
  const parts = [month, day];
  if (rest === '') {
    return { layout, padded: parts.every((part) => part?.length === 2) };
  }
  const colon = COLON_TIME.exec(rest);
  const chinese = colon ? undefined : CHINESE_TIME.exec(rest);
  if (colon) {
    const [, gap, hour, , seconds] = colon;
    parts.push(hour);
    const time = `${gap === 'T' ? "'T'" : ' '}H:mm${seconds === undefined ? '' : ':ss'}`;
    return { layout: layout + time, padded: parts.every((part) => part?.length === 2) };
  }
  if (chinese) {
    const [, gap, hour, , seconds] = chinese;
    parts.push(hour);
    const time = `${gap === '' ? '' : ' '}H时mm分${seconds === undefined ? '' : 'ss秒'}`;
    return { layout: layout + time, padded: parts.every((part) => part?.length === 2) };
  }
  return undefined;
}

/** How categories are written: a path (with its separator) when most values hold one, codes, or names. */
export function guessCategoryFormat(values: readonly Cell[]): CellFormatInput {
  const texts = values.map(textOf);
  if (texts.length > 0) {
    for (const separator of ['/', '>', '＞', '|', '\\', '-', '－', '—']) {
      if (texts.filter((text) => text.includes(separator)).length * 2 > texts.length) {
        return { type: 'category', match: 'path', separator };
      }
    }
    if (texts.filter((text) => /^[a-z][a-z0-9_.]*$/.test(text)).length * 5 >= texts.length * 4) {
      return { type: 'category', match: 'code' };
    }
  }
  return { type: 'category', match: 'name' };
}

/** An enum field's words our exports write (word → code), and every word we know of it. */
function enumWords(field: string, kind: Kind) {
  const entry = ENUMS[`${kind}.${field}`] ?? ENUMS[field];
  const written = Object.fromEntries(Object.entries(entry?.zh ?? {}).map(([code, word]) => [word, code]));
  const more = entry?.more.split(' ').map((pair) => pair.split('=') as [string, string]) ?? [];
  const codes = entry?.codes ?? [];
  return {
    codes,
    written,
    all: { ...Object.fromEntries(codes.map((c) => [c, c])), ...Object.fromEntries(more), ...written },
  };
}

/**
 * The sample's words an enum map lacks that we know (word → code), and a TODO note naming those we do not.
 */
function enumGaps(
  field: string,
  kind: Kind,
  values: readonly Cell[],
  map: Readonly<Record<string, string>>,
): { known: Record<string, string>; note?: string } {
  const { codes, all } = enumWords(field, kind);
  const known: Record<string, string> = {};
  const unknown: string[] = [];
  for (const word of new Set(values.map(textOf))) {
    if (map[word] === undefined) {
      if (all[word] === undefined) {
        unknown.push(word);
      } else {
        known[word] = all[word];
      }
    }
  }
  const list = unknown.slice(0, 10).join('、');
  const note = `TODO: 未识别的取值 ${list}，请在 map 中写上对应的代码（代码：${codes.join('、')}）`;
  return unknown.length === 0 ? { known } : { known, note };
}

/** An enum format: the words our exports write, and the sample's words we know; unknown ones noted. */
function enumFormat(field: string, kind: Kind, values: readonly Cell[]): { format: CellFormatInput; note?: string } {
  const { written } = enumWords(field, kind);
  const { known, note } = enumGaps(field, kind, values, written);
  return { format: { type: 'enum', map: { ...written, ...known } }, ...(note ? { note } : {}) };
}

const DEFAULT_YES = YES.slice(0, 6);
const DEFAULT_NO = NO.slice(0, 6);

/** A boolean format: the default words, widened by the sample's known yes/no words; unknown words noted. */
function booleanFormat(values: readonly Cell[]): { format: CellFormatInput; note?: string } {
  const words = [...new Set(values.map(textOf))];
  const yes = words.filter((w) => YES.includes(w) && !DEFAULT_YES.includes(w));
  const no = words.filter((w) => NO.includes(w) && !DEFAULT_NO.includes(w));
  const unknown = words.filter((w) => !YES.includes(w) && !NO.includes(w));
  const format: CellFormatInput =
    yes.length + no.length === 0
      ? { type: 'boolean' }
      : { type: 'boolean', yes: [...DEFAULT_YES, ...yes], no: [...DEFAULT_NO, ...no] };
  return unknown.length === 0
    ? { format }
    : { format, note: `TODO: 未识别的取值 ${unknown.slice(0, 10).join('、')}，请加入 yes 或 no` };
}

/** Formats that need no sample. */
const PLAIN_FORMATS: Readonly<Record<string, CellFormatInput>> = {
  placeCode: { type: 'place' },
  townCode: { type: 'town' },
  departmentCode: { type: 'department' },
  reopenCount: { type: 'integer' },
  lat: { type: 'degrees' },
  lng: { type: 'degrees' },
  penaltyFen: { type: 'yuan' },
};
const DATETIME_FIELDS = ['openedAt', 'deadlineAt', 'firstResponseAt', 'closedAt'];

/** How a field's cells are read, judged from the sample. */
function formatFor(field: string, kind: Kind, values: readonly Cell[]): { format: CellFormatInput; note?: string } {
  if (DATETIME_FIELDS.includes(field)) {
    const patterns = guessDatetimePatterns(values);
    const format: CellFormatInput = patterns.length > 0 ? { type: 'datetime', patterns } : { type: 'datetime' };
    const unread = values.find((cell) => readInstant(cell, patterns.length > 0 ? patterns : undefined) === undefined);
    const note = `TODO: 样本中有读不出的时间，如 ${textOf(unread ?? '')}；请在 patterns 中写上其格式`;
    return unread === undefined ? { format } : { format, note };
  }
  if (field === 'categoryCode') {
    return { format: guessCategoryFormat(values) };
  }
  if (field === 'difficult' || field === 'resolved') {
    return booleanFormat(values);
  }
  if (enumWords(field, kind).codes.length > 0) {
    return enumFormat(field, kind, values);
  }
  return { format: PLAIN_FORMATS[field] ?? { type: 'text' } };
}

/** A profile name from a file name: its Latin letters and digits (open311-requests), or a generic one. */
function profileName(fileName: string, kind: Kind): string {
  const base = fileName.replace(/^.*[/\\]/, '').replace(/\.[^.]*$/, '');
  const slug = base
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 48)
    .replace(/^-+|-+$/g, '');
  return slug.length >= 3 ? `${slug}-detected` : `detected-${kind === 'case' ? 'cases' : 'complaints'}`;
}

/**
 * The column for a field no header names: the first free column whose sample passes `test`, else the first free
 * column, else the column of the least sure match of a field a profile can do without; -1 when none is left.
 */
function fallbackColumn(
  header: readonly string[],
  sample: readonly (readonly Cell[])[],
  chosen: ReadonlyMap<number, { field: string; confidence: number }>,
  test: (values: Cell[]) => boolean,
): number {
  const free = header.flatMap((h, i) => (h !== '' && !chosen.has(i) ? [i] : []));
  const passing = free.find((i) => test(columnValues(sample, i)));
  if (passing !== undefined || free.length > 0) {
    return passing ?? (free[0] as number);
  }
  const spare = [...chosen]
    .filter(([, match]) => !REQUIRED_FIELDS.includes(match.field))
    .sort((a, b) => a[1].confidence - b[1].confidence);
  return spare[0]?.[0] ?? -1;
}

const REQUIRED_FIELDS = ['externalNo', 'openedAt'];
const isInstant = (values: Cell[]) => values.length > 0 && values.every((cell) => readInstant(cell) !== undefined);

/** The columns a generic proposal reads: each header's best field, taken greedily by confidence. */
function genericColumns(
  header: readonly string[],
  sample: readonly (readonly Cell[])[],
  kind: Kind,
): { index: number; field: string; confidence: number; note?: string }[] {
  const candidates = header
    .map((h, index) => ({ index, match: h === '' ? undefined : synonymOf(h, kind) }))
    .filter((c): c is { index: number; match: { field: string; confidence: number } } => c.match !== undefined)
    .sort((a, b) => b.match.confidence - a.match.confidence || a.index - b.index);
  const chosen = new Map<number, { field: string; confidence: number; note?: string }>();
  const fields = new Set<string>();
  for (const { index, match } of candidates) {
    if (!fields.has(match.field)) {
      chosen.set(index, match);
      fields.add(match.field);
    }
  }
  // The two fields a profile cannot do without: a guess, to be checked, when no header names them. Times first: a
  // column of distinct times would pass for numbers too.
  const required: [string, (values: Cell[]) => boolean, string][] = [
    ['openedAt', isInstant, '受理时间'],
    ['externalNo', (v) => v.length > 0 && new Set(v.map(textOf)).size === v.length && !isInstant(v), '编号'],
  ];
  for (const [field, test, what] of required) {
    if (!fields.has(field)) {
      const index = fallbackColumn(header, sample, chosen, test);
      if (index >= 0) {
        const replaced = chosen.get(index);
        if (replaced) {
          fields.delete(replaced.field);
        }
        chosen.set(index, { field, confidence: 0.3, note: `TODO: 未找到${what}列，暂用此列，请核对` });
        fields.add(field);
      }
    }
  }
  return [...chosen].sort((a, b) => a[0] - b[0]).map(([index, match]) => ({ index, ...match }));
}

/** A built-in profile's column found in the file: by header or alias, or by a known name of its field. */
interface FoundColumn {
  index: number;
  confidence: number;
  alias?: string;
}

/** The built-in profile the headers fit best, when it finds at least 70 % of its columns and both key fields. */
function closestBuiltIn(
  header: readonly string[],
): { profile: Profile; found: (FoundColumn | undefined)[] } | undefined {
  const keys = header.map(normalizeHeader);
  let best: { profile: Profile; found: (FoundColumn | undefined)[]; score: number } | undefined;
  for (const { profile } of listProfiles(undefined)) {
    const taken = new Set<number>();
    const found = profile.columns.map((column): FoundColumn | undefined => {
      const names = [column.header, ...(column.aliases ?? [])].map(normalizeHeader);
      const index = keys.findIndex((key, i) => !taken.has(i) && names.includes(key));
      if (index >= 0) {
        taken.add(index);
        return { index, confidence: names.indexOf(keys[index] as string) === 0 ? 1 : 0.95 };
      }
      return undefined;
    });
    // Columns under another name: a file header no column took that names the same field.
    profile.columns.forEach((column, c) => {
      if (found[c] !== undefined) {
        return;
      }
      const index = header.findIndex(
        (h, i) => !taken.has(i) && h !== '' && synonymOf(h, profile.kind)?.field === column.field,
      );
      if (index >= 0) {
        taken.add(index);
        found[c] = {
          index,
          confidence: synonymOf(header[index] as string, profile.kind)?.confidence ?? 0.5,
          alias: header[index],
        };
      }
    });
    const has = (field: string) =>
      profile.columns.some((column, c) => column.field === field && found[c] !== undefined);
    const score = found.filter((f) => f !== undefined).length / profile.columns.length;
    if (score >= 0.7 && has('externalNo') && has('openedAt') && score > (best?.score ?? 0)) {
      best = { profile, found, score };
    }
  }
  return best;
}

/** The proposal of a built-in profile, given aliases for its columns found under other names. */
function fromBuiltIn(
  header: readonly string[],
  sample: readonly (readonly Cell[])[],
  { profile, found }: { profile: Profile; found: (FoundColumn | undefined)[] },
): ProposedProfile {
  let changed = false;
  const columns = profile.columns.map((column, c) => {
    const at = found[c];
    if (at === undefined) {
      return column;
    }
    let result = at.alias === undefined ? column : { ...column, aliases: [...(column.aliases ?? []), at.alias] };
    if (column.format.type === 'enum') {
      const { known, note } = enumGaps(column.field, profile.kind, columnValues(sample, at.index), column.format.map);
      if (note !== undefined || Object.keys(known).length > 0) {
        const format = { ...column.format, map: { ...column.format.map, ...known } };
        result = { ...result, format, ...(note === undefined ? {} : { note }) };
      }
    }
    changed ||= result !== column;
    return result;
  });
  const used = new Set(found.flatMap((f) => (f === undefined ? [] : [f.index])));
  return {
    profile: { ...profile, name: changed ? `${profile.name}-custom` : profile.name, columns },
    matched: profile.columns
      .flatMap((column, c) => {
        const at = found[c];
        return at === undefined ? [] : [{ index: at.index, field: column.field, confidence: at.confidence }];
      })
      .sort((a, b) => a.index - b.index)
      .map(({ index, field, confidence }) => ({ header: header[index] as string, field, confidence })),
    unmatched: header.filter((h, i) => h !== '' && !used.has(i)),
    builtIn: profile.name,
  };
}

/**
 * Propose a mapping profile for a file from its header row and a sample of its first rows (cells as the readers give
 * them). The proposal always parses with profileSchema when the header has two non-empty cells; fields it had to
 * guess carry a TODO note. The profile's sourceSystem is `import` unless it is a built-in one: set it to the system the
 * file comes from, since with the external number it is the key an import upserts by.
 */
export function proposeProfile(
  header: readonly string[],
  sample: readonly (readonly Cell[])[],
  fileName: string,
): ProposedProfile {
  const builtIn = closestBuiltIn(header);
  if (builtIn) {
    return fromBuiltIn(header, sample, builtIn);
  }
  const kind = detectKind(header);
  const chosen = genericColumns(header, sample, kind);
  const columns = chosen.map(({ index, field, note: guessNote }) => {
    const { format, note } = formatFor(field, kind, columnValues(sample, index));
    const notes = [guessNote, note].filter((n) => n !== undefined).join('；');
    return { header: header[index] as string, field, format, ...(notes ? { note: notes } : {}) };
  });
  const profile: ProfileInput = {
    name: profileName(fileName, kind),
    title: `${fileName.replace(/^.*[/\\]/, '')} 的导入格式（自动推测）`,
    description:
      '由 shanzhi import --detect 按表头与前几行推测，请核对后保存。sourceSystem 暂为 import：请改为文件所来自的系统名' +
      '（如 12345、ledger），它与编号一起决定一行是否已导入过。',
    kind,
    sourceSystem: 'import',
    timeZone: 'Asia/Shanghai',
    encoding: 'auto',
    defaults: {},
    columns,
  };
  const used = new Set(chosen.map((c) => c.index));
  return {
    profile,
    matched: chosen.map(({ index, field, confidence }) => ({ header: header[index] as string, field, confidence })),
    unmatched: header.filter((h, i) => h !== '' && !used.has(i)),
  };
}
