/*
 * Just enough of the OpenType/TrueType container format (ISO/IEC 14496-22, "sfnt") to check a font file before
 * resvg gets it: which faces it holds, their family names (the names resvg matches `font-family` against) and
 * whether they have glyphs for given characters. resvg draws no text at all, and says nothing, when a file is not a
 * usable font or the family is unknown, so these checks are what turns a silent blank chart into a clear error.
 */

/** What a font file's first four bytes say it is. */
export type FontKind = 'truetype' | 'opentype' | 'collection' | 'woff' | 'woff2' | 'unknown';

/** One face of a font file (a .ttc holds several). */
export interface FontFace {
  /** Family names, typographic family (name ID 16) first, then the legacy family (ID 1), without duplicates. */
  families: string[];
  /** Subfamily (style) name, e.g. `Regular`, `Bold`. */
  style: string;
  /** Whether the face has a glyph for every code point asked about. */
  covers: boolean;
}

export function fontKind(bytes: Buffer): FontKind {
  if (bytes.length < 4) {
    return 'unknown';
  }
  const tag = bytes.toString('latin1', 0, 4);
  switch (tag) {
    case 'ttcf':
      return 'collection';
    case 'OTTO':
      return 'opentype';
    case 'true':
      return 'truetype';
    case 'wOFF':
      return 'woff';
    case 'wOF2':
      return 'woff2';
    default:
      return bytes.readUInt32BE(0) === 0x00010000 ? 'truetype' : 'unknown';
  }
}

/** Reads `length` bytes at `offset` of a font file (fewer at its end); lets a 20 MB .ttc be checked without loading it. */
export type FontReader = (offset: number, length: number) => Buffer;

/** A reader over bytes already in memory. */
export function bufferReader(bytes: Buffer): FontReader {
  return (offset, length) => bytes.subarray(offset, offset + length);
}

/**
 * The faces of a TrueType/OpenType font or collection, each checked for glyphs of `codePoints`. Only the headers and
 * the `name` and `cmap` tables are read. Throws a plain Error when the file is truncated or its tables are malformed.
 */
export function readFaces(read: FontReader, codePoints: readonly number[]): FontFace[] {
  return faceOffsets(read).map((offset) => readFace(read, offset, codePoints));
}

/** Where each face's table directory starts: one face at 0, or the faces a collection lists. */
export function faceOffsets(read: FontReader): number[] {
  const kind = fontKind(read(0, 4));
  if (kind === 'collection') {
    const count = u32(exactly(read, 0, 12), 8);
    const offsets = exactly(read, 12, 4 * count);
    return Array.from({ length: count }, (_, i) => u32(offsets, 4 * i));
  }
  if (kind === 'truetype' || kind === 'opentype') {
    return [0];
  }
  throw new Error(`not a TrueType/OpenType font (${kind})`);
}

/** A face's sfnt version and its tables' places in the file. */
export interface TableDirectory {
  version: number;
  tables: Map<string, { offset: number; length: number }>;
}

export function tableDirectory(read: FontReader, faceOffset: number): TableDirectory {
  const header = exactly(read, faceOffset, 12);
  const numTables = u16(header, 4);
  const directory = exactly(read, faceOffset + 12, 16 * numTables);
  const tables = new Map<string, { offset: number; length: number }>();
  for (let i = 0; i < numTables; i++) {
    const tag = directory.toString('latin1', 16 * i, 16 * i + 4);
    tables.set(tag, { offset: u32(directory, 16 * i + 8), length: u32(directory, 16 * i + 12) });
  }
  return { version: u32(header, 0), tables };
}

/** The bytes of one table of a face, or null when the face has no such table. */
export function readTable(read: FontReader, directory: TableDirectory, tag: string): Buffer | null {
  const entry = directory.tables.get(tag);
  return entry ? exactly(read, entry.offset, entry.length) : null;
}

function readFace(read: FontReader, offset: number, codePoints: readonly number[]): FontFace {
  const directory = tableDirectory(read, offset);
  const name = readTable(read, directory, 'name');
  const cmap = readTable(read, directory, 'cmap');
  if (name === null || cmap === null) {
    throw new Error('a face has no name or cmap table');
  }
  const names = readNames(name);
  const lookup = glyphLookup(cmap);
  const families = [...new Set([names.get(16), names.get(1)].filter((value): value is string => Boolean(value)))];
  return {
    families,
    style: names.get(17) ?? names.get(2) ?? '',
    covers: lookup !== null && codePoints.every((codePoint) => lookup(codePoint) !== 0),
  };
}

/** Read exactly `length` bytes or throw. */
export function exactly(read: FontReader, offset: number, length: number): Buffer {
  const bytes = read(offset, length);
  if (bytes.length !== length) {
    throw new Error('the file ends inside a font table');
  }
  return bytes;
}

/** Name records by name ID, preferring Windows Unicode US English, then any Windows Unicode, then Mac Roman. */
export function readNames(bytes: Buffer): Map<number, string> {
  const count = u16(bytes, 2);
  const strings = u16(bytes, 4);
  const best = new Map<number, { rank: number; text: string }>();
  for (let i = 0; i < count; i++) {
    const record = 6 + 12 * i;
    const [platform, encoding, language, id, length, start] = [0, 2, 4, 6, 8, 10].map((at) => u16(bytes, record + at));
    const from = strings + (start ?? 0);
    const to = from + (length ?? 0);
    if (to > bytes.length) {
      throw new Error('a name record points past the end of the file');
    }
    let rank: number;
    let text: string;
    if (platform === 3 && (encoding === 1 || encoding === 10)) {
      rank = language === 0x409 ? 0 : 1;
      text = utf16be(bytes, from, to);
    } else if (platform === 1 && encoding === 0) {
      rank = 2;
      text = bytes.toString('latin1', from, to);
    } else {
      continue;
    }
    const known = best.get(id ?? -1);
    if (id !== undefined && (!known || rank < known.rank)) {
      best.set(id, { rank, text });
    }
  }
  return new Map([...best].map(([id, { text }]) => [id, text]));
}

/** Glyph ids by code point (0: no glyph) from the best Unicode cmap subtable (format 12 or 4), or null without one. */
export function glyphLookup(bytes: Buffer): ((codePoint: number) => number) | null {
  const count = u16(bytes, 2);
  let format4: number | null = null;
  for (let i = 0; i < count; i++) {
    const record = 4 + 8 * i;
    const platform = u16(bytes, record);
    const encoding = u16(bytes, record + 2);
    const subtable = u32(bytes, record + 4);
    const format = u16(bytes, subtable);
    const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
    if (unicode && format === 12) {
      return (codePoint) => format12Glyph(bytes, subtable, codePoint);
    }
    if (unicode && format === 4) {
      format4 ??= subtable;
    }
  }
  const subtable = format4;
  return subtable === null ? null : (codePoint) => format4Glyph(bytes, subtable, codePoint);
}

function format12Glyph(bytes: Buffer, subtable: number, codePoint: number): number {
  // Groups are sorted by start code: binary search.
  let low = 0;
  let high = u32(bytes, subtable + 12) - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const group = subtable + 16 + 12 * middle;
    if (codePoint < u32(bytes, group)) {
      high = middle - 1;
    } else if (codePoint > u32(bytes, group + 4)) {
      low = middle + 1;
    } else {
      return u32(bytes, group + 8) + (codePoint - u32(bytes, group));
    }
  }
  return 0;
}

function format4Glyph(bytes: Buffer, subtable: number, codePoint: number): number {
  if (codePoint > 0xffff) {
    return 0;
  }
  const segments = u16(bytes, subtable + 6) / 2;
  const ends = subtable + 14;
  const starts = ends + 2 * segments + 2;
  const deltas = starts + 2 * segments;
  const rangeOffsets = deltas + 2 * segments;
  for (let i = 0; i < segments; i++) {
    if (codePoint > u16(bytes, ends + 2 * i)) {
      continue;
    }
    const start = u16(bytes, starts + 2 * i);
    if (codePoint < start) {
      return 0;
    }
    const delta = u16(bytes, deltas + 2 * i);
    const rangeOffset = u16(bytes, rangeOffsets + 2 * i);
    if (rangeOffset === 0) {
      return (codePoint + delta) & 0xffff;
    }
    const glyph = u16(bytes, rangeOffsets + 2 * i + rangeOffset + 2 * (codePoint - start));
    return glyph === 0 ? 0 : (glyph + delta) & 0xffff;
  }
  return 0;
}

function utf16be(bytes: Buffer, from: number, to: number): string {
  const units: number[] = [];
  for (let at = from; at + 1 < to; at += 2) {
    units.push(u16(bytes, at));
  }
  return String.fromCharCode(...units);
}

export function u16(bytes: Buffer, at: number): number {
  return bytes.readUInt16BE(at);
}

export function u32(bytes: Buffer, at: number): number {
  return bytes.readUInt32BE(at);
}
