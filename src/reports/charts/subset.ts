import { closeSync, openSync, readSync } from 'node:fs';
import { buildCff, type CffFace, parseCff } from './cff.js';
import {
  type FontReader,
  faceOffsets,
  glyphLookup,
  readFaces,
  readTable,
  type TableDirectory,
  tableDirectory,
  u32,
} from './sfnt.js';

/*
 * Per-chart font subsets. resvg-js reads the whole font file again for every glyph it draws (its font database has
 * no memory map in this build), so with the 20 MB Noto CJK collection a chart of 400 glyphs spends seconds reading
 * the same file. A font that keeps every glyph id but only the outlines the chart uses is ~0.7 MB and makes the PNG
 * step 5–10 times faster. Only CID-keyed CFF faces (what Noto/Source Han CJK fonts are) are subset (cff.ts); other
 * fonts are given to resvg as they are.
 *
 * The subset has the face's tables with a cmap of the chart's characters and the cut-down CFF. GSUB is dropped so
 * that shaping cannot substitute a glyph that was left out (Chinese needs no substitution); vertical-layout tables
 * are dropped as charts write horizontally.
 */

const DROPPED_TABLES = new Set(['CFF ', 'GSUB', 'BASE', 'VORG', 'vhea', 'vmtx', 'JSTF', 'DSIG']);

/** A face ready for subsetting: its tables but CFF, its glyph lookup, and its CFF without the outlines. */
export interface PreparedFace {
  file: string;
  sfntVersion: number;
  /** The face's tables that go into every subset unchanged. */
  tables: Map<string, Buffer>;
  glyphOf: (codePoint: number) => number;
  cff: CffFace;
}

/** Parse the face of `family` in `file` for subsetting, or null when it is not a CID-keyed CFF face. */
export function prepareFace(file: string, family: string): PreparedFace | null {
  const fd = openSync(file, 'r');
  try {
    const read: FontReader = (offset, length) => {
      const bytes = Buffer.alloc(length);
      return bytes.subarray(0, readSync(fd, bytes, 0, length, offset));
    };
    const offsets = faceOffsets(read);
    const index = readFaces(read, []).findIndex((face) => face.families.includes(family));
    const directory = tableDirectory(read, offsets[index] ?? -1);
    const cffEntry = directory.tables.get('CFF ');
    const cmap = readTable(read, directory, 'cmap');
    const primary = cmap ? glyphLookup(cmap) : null;
    if (index < 0 || !cffEntry || !primary) {
      return null;
    }
    const cff = parseCff(read, cffEntry.offset);
    if (cff === null) {
      return null;
    }
    const tables = new Map<string, Buffer>();
    for (const tag of directory.tables.keys()) {
      if (!DROPPED_TABLES.has(tag)) {
        tables.set(tag, readTable(read, directory, tag) as Buffer);
      }
    }
    const glyphOf = withFallback(primary, siblingLookups(read, offsets, index, directory));
    return { file, sfntVersion: directory.version, tables, glyphOf, cff };
  } finally {
    closeSync(fd);
  }
}

/**
 * The cmaps of the collection's other faces that share this face's outlines and metrics (in a Noto CJK .ttc all
 * faces share one CFF; JP, KR, SC, TC and HK differ in their cmap). Given the whole file, resvg falls back to those
 * faces, in file order, for characters the chosen face lacks; mapping the same characters in the subset keeps that.
 */
function siblingLookups(
  read: FontReader,
  offsets: number[],
  chosen: number,
  directory: TableDirectory,
): ((codePoint: number) => number)[] {
  const same = (tag: string, other: TableDirectory) =>
    other.tables.get(tag)?.offset === directory.tables.get(tag)?.offset;
  return offsets.flatMap((offset, i) => {
    if (i === chosen) {
      return [];
    }
    const other = tableDirectory(read, offset);
    const cmap = same('CFF ', other) && same('hmtx', other) ? readTable(read, other, 'cmap') : null;
    const lookup = cmap ? glyphLookup(cmap) : null;
    return lookup ? [lookup] : [];
  });
}

function withFallback(
  primary: (codePoint: number) => number,
  fallbacks: ((codePoint: number) => number)[],
): (codePoint: number) => number {
  return (codePoint) => {
    const glyph = primary(codePoint);
    if (glyph !== 0) {
      return glyph;
    }
    for (const fallback of fallbacks) {
      const other = fallback(codePoint);
      if (other !== 0) {
        return other;
      }
    }
    return 0;
  };
}

/**
 * The code points a chart's SVG may draw: every character of the text, entities decoded, plus their canonical
 * decompositions and compositions (the shaper draws Ŕ as R + U+0301 when the font has no Ŕ, and composes too).
 */
export function svgCodePoints(svg: string): Set<number> {
  const decoded = svg.replace(/&#(x[0-9a-fA-F]+|[0-9]+);/g, (reference, text: string) => {
    const codePoint = text.startsWith('x') ? Number.parseInt(text.slice(1), 16) : Number(text);
    return codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : reference;
  });
  const points = new Set<number>();
  const add = (text: string) => {
    for (const char of text) {
      points.add(char.codePointAt(0) ?? 0);
    }
  };
  add(svg);
  add(decoded.normalize('NFC'));
  for (const char of new Set(decoded)) {
    // Every level of a decomposition: Ḉ is tried as Ç + U+0301 before C + U+0327 + U+0301. Not Hangul syllables:
    // CJK fonts have them all, and offering their jamo makes the shaper decompose some.
    const code = char.codePointAt(0) ?? 0;
    const parts = code >= 0xac00 && code <= 0xd7a3 ? [] : [...char.normalize('NFD')];
    for (let n = 1; n <= parts.length && parts.length > 1; n++) {
      add(parts.slice(0, n).join('').normalize('NFC'));
      add(parts.slice(0, n).join(''));
    }
  }
  return points;
}

/**
 * An OpenType font with the face's tables, a cmap of just `codePoints`, and only the outlines (and subroutines) of
 * their glyphs and .notdef.
 */
export function subsetFont(face: PreparedFace, codePoints: Iterable<number>): Buffer {
  const mapped = new Map<number, number>();
  for (const codePoint of codePoints) {
    const glyph = face.glyphOf(codePoint);
    if (glyph !== 0) {
      mapped.set(codePoint, glyph);
    }
  }
  const tables = new Map(face.tables);
  tables.set('cmap', buildCmap(mapped));
  tables.set('CFF ', buildCff(face.file, face.cff, new Set([0, ...mapped.values()])));
  return buildSfnt(face.sfntVersion, tables);
}

/** A cmap with one Windows full-Unicode subtable (format 12), consecutive code points and glyphs grouped. */
function buildCmap(mapped: Map<number, number>): Buffer {
  const points = [...mapped.keys()].sort((a, b) => a - b);
  const groups: [number, number, number][] = [];
  for (const codePoint of points) {
    const glyph = mapped.get(codePoint) as number;
    const last = groups.at(-1);
    if (last && codePoint === last[1] + 1 && glyph === last[2] + (codePoint - last[0])) {
      last[1] = codePoint;
    } else {
      groups.push([codePoint, codePoint, glyph]);
    }
  }
  const table = Buffer.alloc(12 + 16 + 12 * groups.length);
  table.writeUInt16BE(0, 0); // version
  table.writeUInt16BE(1, 2); // one encoding record
  table.writeUInt16BE(3, 4); // Windows
  table.writeUInt16BE(10, 6); // full Unicode
  table.writeUInt32BE(12, 8);
  table.writeUInt16BE(12, 12); // format 12
  table.writeUInt32BE(16 + 12 * groups.length, 16);
  table.writeUInt32BE(groups.length, 24);
  groups.forEach(([first, last, glyph], i) => {
    table.writeUInt32BE(first, 28 + 12 * i);
    table.writeUInt32BE(last, 32 + 12 * i);
    table.writeUInt32BE(glyph, 36 + 12 * i);
  });
  return table;
}

/** An sfnt file (OpenType 1.9, "Organization of an OpenType font") of the given tables. */
function buildSfnt(version: number, tables: Map<string, Buffer>): Buffer {
  const tags = [...tables.keys()].sort();
  const power = 2 ** Math.floor(Math.log2(tags.length));
  const header = Buffer.alloc(12 + 16 * tags.length);
  header.writeUInt32BE(version, 0);
  header.writeUInt16BE(tags.length, 4);
  header.writeUInt16BE(power * 16, 6);
  header.writeUInt16BE(Math.log2(power), 8);
  header.writeUInt16BE(tags.length * 16 - power * 16, 10);
  const body: Buffer[] = [];
  let offset = header.length;
  tags.forEach((tag, i) => {
    const data = tables.get(tag) as Buffer;
    const padded = Buffer.concat([data, Buffer.alloc((4 - (data.length % 4)) % 4)]);
    let sum = 0;
    for (let at = 0; at < padded.length; at += 4) {
      sum = (sum + u32(padded, at)) >>> 0;
    }
    header.write(tag, 12 + 16 * i, 'latin1');
    header.writeUInt32BE(sum, 16 + 16 * i);
    header.writeUInt32BE(offset, 20 + 16 * i);
    header.writeUInt32BE(data.length, 24 + 16 * i);
    body.push(padded);
    offset += padded.length;
  });
  return Buffer.concat([header, ...body]);
}
