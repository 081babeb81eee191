import { closeSync, openSync, readSync } from 'node:fs';
import { exactly, type FontReader, u16 } from './sfnt.js';

/*
 * The CFF half of the font subsetter (subset.ts), after Adobe TN 5176 ("The Compact Font Format Specification") and
 * TN 5177 (Type 2 charstrings). A subset keeps every glyph id: the CharStrings INDEX keeps the used glyphs and gives
 * every other the one-byte charstring `endchar`, local subroutines no used glyph calls become empty, and DICT
 * offsets are rewritten as 5-byte integers so their sizes are known before the layout. cmap, hmtx, charset and
 * FDSelect stay valid unchanged.
 */

const ENDCHAR = Buffer.from([14]);
const EMPTY = Buffer.alloc(0);

/** A CID-keyed CFF table, parsed once, with everything but the glyph outlines held in memory. */
export interface CffFace {
  head: Buffer;
  top: DictEntry[];
  strings: Buffer;
  globalSubrs: Buffer;
  charset: Buffer | null;
  fdSelect: Buffer;
  globalSubrList: Buffer[];
  /** The font DICTs (FDArray) with their Private DICTs and local subroutines. */
  fonts: FontDict[];
  /** The font DICT of each glyph (FDSelect). */
  fontOfGlyph: Uint8Array;
  /** Absolute file offset of the CharStrings data (offsets are relative to it) and the INDEX offsets. */
  charStringsData: number;
  charStringOffsets: Uint32Array;
}

interface FontDict {
  dict: DictEntry[];
  privateDict: DictEntry[];
  /** The local subroutines (an empty list when the Private DICT names none). */
  subrs: Buffer[];
}

interface DictEntry {
  op: number;
  /** The operand bytes as found, reused when the operator's values are not offsets. */
  raw: Buffer;
  values: number[];
}

/** Parse the CFF table at `start`, or null when it is not CID-keyed (the only kind subset here). */
export function parseCff(read: FontReader, start: number): CffFace | null {
  const at = (offset: number, length: number) => exactly(read, start + offset, length);
  const headerSize = at(0, 4)[2] ?? 4;
  const names = indexAt(at, headerSize);
  const topIndex = indexAt(at, names.end);
  const strings = indexAt(at, topIndex.end);
  const globalSubrs = indexAt(at, strings.end);
  const top = parseDict(topIndex.items[0] ?? Buffer.alloc(0));
  const value = (op: number) => top.find((entry) => entry.op === op)?.values;
  const charStringsAt = value(17)?.[0];
  const fdArrayAt = value(1236)?.[0];
  const fdSelectAt = value(1237)?.[0];
  const encoding = value(16)?.[0];
  if (!value(1230) || charStringsAt === undefined || fdArrayAt === undefined || fdSelectAt === undefined) {
    return null; // not CID-keyed
  }
  if (encoding !== undefined && encoding > 1) {
    return null;
  }
  const charStrings = indexHeader(at, charStringsAt);
  const glyphs = charStrings.offsets.length - 1;
  const charsetAt = value(15)?.[0] ?? 0;
  const fonts: FontDict[] = [];
  for (const dict of indexAt(at, fdArrayAt).items.map(parseDict)) {
    const [size, offset] = dict.find((entry) => entry.op === 18)?.values ?? [];
    if (size === undefined || offset === undefined) {
      return null;
    }
    const privateDict = parseDict(at(offset, size));
    const subrsAt = privateDict.find((entry) => entry.op === 19)?.values[0];
    fonts.push({ dict, privateDict, subrs: subrsAt === undefined ? [] : indexAt(at, offset + subrsAt).items });
  }
  const fontOfGlyph = readFdSelect(at, fdSelectAt, glyphs);
  if (fontOfGlyph.some((font) => font >= fonts.length)) {
    return null;
  }
  return {
    head: at(0, names.end),
    top,
    strings: at(strings.start, strings.end - strings.start),
    globalSubrs: at(globalSubrs.start, globalSubrs.end - globalSubrs.start),
    charset: charsetAt > 2 ? at(charsetAt, charsetLength(at, charsetAt, glyphs)) : null,
    fdSelect: at(fdSelectAt, fdSelectLength(at, fdSelectAt, glyphs)),
    globalSubrList: globalSubrs.items,
    fonts,
    fontOfGlyph,
    charStringsData: start + charStrings.dataStart,
    charStringOffsets: charStrings.offsets,
  };
}

/** The CFF table with the outlines of `used` glyphs and the subroutines they call; `file` holds the outlines. */
export function buildCff(file: string, cff: CffFace, used: Set<number>): Buffer {
  const outlines = readCharStrings(file, cff, used);
  const usedLocal = cff.fonts.map(() => new Set<number>());
  for (const glyph of used) {
    const font = cff.fontOfGlyph[glyph] ?? 0;
    const code = outlines.get(glyph);
    if (code) {
      const local = cff.fonts[font]?.subrs ?? [];
      const state = { stack: [] as number[], stems: 0, local, usedLocal: usedLocal[font] as Set<number> };
      scanCharString(code, state, cff.globalSubrList, 0);
    }
  }
  const charStrings = buildCharStrings(cff.charStringOffsets.length - 1, outlines);
  // Each Private DICT is followed directly by its local Subrs; the Subrs offset (relative to the DICT) is its length.
  const privates = cff.fonts.map((font, i) => {
    const size = encodeDict(font.privateDict, (entry) => (entry.op === 19 ? [0] : null)).length;
    const dict = encodeDict(font.privateDict, (entry) => (entry.op === 19 ? [size] : null));
    const keep = usedLocal[i] as Set<number>;
    const subrs = font.subrs.length > 0 ? [buildIndex(font.subrs.map((subr, n) => (keep.has(n) ? subr : EMPTY)))] : [];
    return { dict, block: Buffer.concat([dict, ...subrs]) };
  });
  const encodeTop = (offsets: Map<number, number>) =>
    buildIndex([encodeDict(cff.top, (entry) => (offsets.has(entry.op) ? [offsets.get(entry.op) as number] : null))]);
  const topOffsets = (charset: number, fdSelect: number, charStrings: number, fdArray: number) =>
    new Map([
      [17, charStrings],
      [1236, fdArray],
      [1237, fdSelect],
      ...(cff.charset ? [[15, charset] as [number, number]] : []),
    ]);
  const encodeFonts = (privateAt: number[]) =>
    buildIndex(
      cff.fonts.map((font, i) =>
        encodeDict(font.dict, (entry) => (entry.op === 18 ? [privates[i]?.dict.length ?? 0, privateAt[i] ?? 0] : null)),
      ),
    );
  // Offsets are 5-byte integers whatever their value, so sizes measured with zeros hold for the real ones.
  let position =
    cff.head.length + encodeTop(topOffsets(0, 0, 0, 0)).length + cff.strings.length + cff.globalSubrs.length;
  const charsetAt = position;
  position += cff.charset?.length ?? 0;
  const fdSelectAt = position;
  position += cff.fdSelect.length;
  const charStringsAt = position;
  position += charStrings.length;
  const fdArrayAt = position;
  position += encodeFonts(privates.map(() => 0)).length;
  const privateAt = privates.map(({ block }) => {
    const here = position;
    position += block.length;
    return here;
  });
  const top = encodeTop(topOffsets(charsetAt, fdSelectAt, charStringsAt, fdArrayAt));
  return Buffer.concat([
    cff.head,
    top,
    cff.strings,
    cff.globalSubrs,
    ...(cff.charset ? [cff.charset] : []),
    cff.fdSelect,
    charStrings,
    encodeFonts(privateAt),
    ...privates.map(({ block }) => block),
  ]);
}

/** The CharStrings INDEX: the outlines read for the used glyphs, `endchar` for every other (written in one pass). */
function buildCharStrings(glyphCount: number, outlines: Map<number, Buffer>): Buffer {
  let dataSize = glyphCount;
  for (const outline of outlines.values()) {
    dataSize += outline.length - 1;
  }
  const offSize = offsetSize(dataSize + 1);
  const headerSize = 3 + (glyphCount + 1) * offSize;
  const index = Buffer.alloc(headerSize + dataSize, ENDCHAR[0]);
  index.writeUInt16BE(glyphCount, 0);
  index[2] = offSize;
  let offset = 1;
  for (let glyph = 0; glyph < glyphCount; glyph++) {
    index.writeUIntBE(offset, 3 + glyph * offSize, offSize);
    const outline = outlines.get(glyph);
    if (outline) {
      outline.copy(index, headerSize + offset - 1);
      offset += outline.length;
    } else {
      offset += 1;
    }
  }
  index.writeUIntBE(offset, 3 + glyphCount * offSize, offSize);
  return index;
}

function offsetSize(largest: number): number {
  return largest < 0x100 ? 1 : largest < 0x10000 ? 2 : largest < 0x1000000 ? 3 : 4;
}

function readCharStrings(file: string, cff: CffFace, used: Set<number>): Map<number, Buffer> {
  const offsets = cff.charStringOffsets;
  const outlines = new Map<number, Buffer>();
  const fd = openSync(file, 'r');
  try {
    for (const glyph of used) {
      if (glyph + 1 < offsets.length) {
        const from = offsets[glyph] as number;
        const bytes = Buffer.alloc((offsets[glyph + 1] as number) - from);
        readSync(fd, bytes, 0, bytes.length, cff.charStringsData + from);
        outlines.set(glyph, bytes);
      }
    }
  } finally {
    closeSync(fd);
  }
  return outlines;
}

interface ScanState {
  stack: number[];
  /** Stem hints declared so far: hintmask and cntrmask are followed by one bit per stem. */
  stems: number;
  local: Buffer[];
  usedLocal: Set<number>;
}

/**
 * Walk a Type 2 charstring (TN 5177) far enough to find the local subroutines it calls, directly or through other
 * subroutines. Only what decides the byte stream is tracked: the operand stack (the subroutine number is its top),
 * the stem count (the length of hintmask bytes) and the calls. Returns true at `endchar`.
 */
function scanCharString(code: Buffer, state: ScanState, global: Buffer[], depth: number): boolean {
  if (depth > 10) {
    return true; // the Type 2 limit on subroutine nesting; a deeper font is broken
  }
  let i = 0;
  while (i < code.length) {
    const b = code[i] as number;
    if (b >= 32 || b === 28) {
      const [value, size] = readNumber(code, i);
      state.stack.push(value);
      i += size;
      continue;
    }
    switch (b) {
      case 1: // hstem
      case 3: // vstem
      case 18: // hstemhm
      case 23: // vstemhm
        state.stems += state.stack.length >> 1;
        state.stack = [];
        i += 1;
        break;
      case 19: // hintmask
      case 20: // cntrmask: operands before it are an implicit vstem
        state.stems += state.stack.length >> 1;
        state.stack = [];
        i += 1 + Math.ceil(state.stems / 8);
        break;
      case 10: // callsubr
      case 29: {
        // callgsubr
        const subrs = b === 10 ? state.local : global;
        const index = (state.stack.pop() ?? 0) + bias(subrs.length);
        const subr = subrs[index];
        if (b === 10 && subr) {
          state.usedLocal.add(index);
        }
        if (subr && scanCharString(subr, state, global, depth + 1)) {
          return true;
        }
        i += 1;
        break;
      }
      case 11: // return
        return false;
      case 14: // endchar
        return true;
      case 12: // two-byte operators (flex, arithmetic): consume their operands
        state.stack = [];
        i += 2;
        break;
      default:
        state.stack = [];
        i += 1;
    }
  }
  return false;
}

function readNumber(code: Buffer, i: number): [number, number] {
  const b = code[i] as number;
  if (b === 28) {
    return [code.readInt16BE(i + 1), 3];
  }
  if (b === 255) {
    return [code.readInt32BE(i + 1) / 65536, 5];
  }
  if (b <= 246) {
    return [b - 139, 1];
  }
  if (b <= 250) {
    return [(b - 247) * 256 + (code[i + 1] ?? 0) + 108, 2];
  }
  return [-(b - 251) * 256 - (code[i + 1] ?? 0) - 108, 2];
}

function bias(count: number): number {
  return count < 1240 ? 107 : count < 33900 ? 1131 : 32768;
}

/** The font DICT index of every glyph, from FDSelect format 0 or 3. */
function readFdSelect(at: At, start: number, glyphs: number): Uint8Array {
  const bytes = at(start, fdSelectLength(at, start, glyphs));
  if (bytes[0] === 0) {
    return new Uint8Array(bytes.subarray(1));
  }
  const fonts = new Uint8Array(glyphs);
  const ranges = u16(bytes, 1);
  for (let r = 0; r < ranges; r++) {
    const first = u16(bytes, 3 + 3 * r);
    const next = u16(bytes, 3 + 3 * (r + 1));
    fonts.fill(bytes[5 + 3 * r] ?? 0, first, Math.min(next, glyphs));
  }
  return fonts;
}

type At = (offset: number, length: number) => Buffer;

/** An INDEX's header and offsets (the data is not read: CharStrings is most of the font). */
function indexHeader(at: At, start: number): { start: number; dataStart: number; end: number; offsets: Uint32Array } {
  const count = u16(at(start, 2), 0);
  if (count === 0) {
    return { start, dataStart: start + 2, end: start + 2, offsets: new Uint32Array([0]) };
  }
  const offSize = at(start + 2, 1)[0] ?? 1;
  const raw = at(start + 3, (count + 1) * offSize);
  const offsets = new Uint32Array(count + 1);
  for (let i = 0; i <= count; i++) {
    offsets[i] = raw.readUIntBE(i * offSize, offSize) - 1;
  }
  const dataStart = start + 3 + (count + 1) * offSize;
  return { start, dataStart, end: dataStart + (offsets[count] as number), offsets };
}

function indexAt(at: At, start: number): { start: number; end: number; items: Buffer[] } {
  const header = indexHeader(at, start);
  const data = at(header.dataStart, header.end - header.dataStart);
  const items = Array.from({ length: header.offsets.length - 1 }, (_, i) =>
    data.subarray(header.offsets[i], header.offsets[i + 1]),
  );
  return { start, end: header.end, items };
}

function buildIndex(items: Buffer[]): Buffer {
  if (items.length === 0) {
    return Buffer.from([0, 0]);
  }
  const offSize = offsetSize(items.reduce((sum, item) => sum + item.length, 0) + 1);
  const header = Buffer.alloc(3 + (items.length + 1) * offSize);
  header.writeUInt16BE(items.length, 0);
  header[2] = offSize;
  let offset = 1;
  header.writeUIntBE(offset, 3, offSize);
  items.forEach((item, i) => {
    offset += item.length;
    header.writeUIntBE(offset, 3 + (i + 1) * offSize, offSize);
  });
  return Buffer.concat([header, ...items]);
}

function parseDict(bytes: Buffer): DictEntry[] {
  const entries: DictEntry[] = [];
  let values: number[] = [];
  let operandsFrom = 0;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    if (b <= 21) {
      const op = b === 12 ? 1200 + (bytes[i + 1] ?? 0) : b;
      entries.push({ op, raw: bytes.subarray(operandsFrom, i), values });
      i += b === 12 ? 2 : 1;
      values = [];
      operandsFrom = i;
    } else if (b === 28) {
      values.push(bytes.readInt16BE(i + 1));
      i += 3;
    } else if (b === 29) {
      values.push(bytes.readInt32BE(i + 1));
      i += 5;
    } else if (b === 30) {
      i += 1;
      while (i < bytes.length && ((bytes[i] as number) & 0x0f) !== 0x0f && (bytes[i] as number) >> 4 !== 0x0f) {
        i += 1;
      }
      i += 1;
      values.push(Number.NaN); // a real: never an offset, kept as raw bytes
    } else if (b >= 32 && b <= 246) {
      values.push(b - 139);
      i += 1;
    } else if (b >= 247 && b <= 250) {
      values.push((b - 247) * 256 + (bytes[i + 1] ?? 0) + 108);
      i += 2;
    } else if (b >= 251 && b <= 254) {
      values.push(-(b - 251) * 256 - (bytes[i + 1] ?? 0) - 108);
      i += 2;
    } else {
      throw new Error(`bad CFF DICT byte ${b}`);
    }
  }
  return entries;
}

/** A DICT with the operands `replace` gives written as 5-byte integers, every other entry as found. */
function encodeDict(entries: DictEntry[], replace: (entry: DictEntry) => number[] | null): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    const values = replace(entry);
    if (values === null) {
      parts.push(entry.raw);
    } else {
      for (const value of values) {
        const int = Buffer.alloc(5);
        int[0] = 29;
        int.writeInt32BE(value, 1);
        parts.push(int);
      }
    }
    parts.push(entry.op >= 1200 ? Buffer.from([12, entry.op - 1200]) : Buffer.from([entry.op]));
  }
  return Buffer.concat(parts);
}

function charsetLength(at: At, start: number, glyphs: number): number {
  const format = at(start, 1)[0];
  if (format === 0) {
    return 1 + 2 * (glyphs - 1);
  }
  const countSize = format === 1 ? 1 : 2;
  let covered = 1;
  let length = 1;
  while (covered < glyphs) {
    const range = at(start + length, 2 + countSize);
    covered += 1 + range.readUIntBE(2, countSize);
    length += 2 + countSize;
  }
  return length;
}

function fdSelectLength(at: At, start: number, glyphs: number): number {
  const format = at(start, 1)[0];
  if (format === 0) {
    return 1 + glyphs;
  }
  if (format === 3) {
    return 1 + 2 + 3 * u16(at(start + 1, 2), 0) + 2;
  }
  throw new Error(`unsupported FDSelect format ${format}`);
}
