import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { delimiter, extname } from 'node:path';
import { AppError } from '../../core/errors.js';
import { type FontFace, type FontReader, fontKind, readFaces } from './sfnt.js';

/*
 * The CJK font the server draws chart text with. resvg only reads TrueType/OpenType files (.ttf, .otf, .ttc); given a
 * WOFF/WOFF2 web font, or a font without Chinese glyphs, or no font at all, it draws charts with every label missing
 * and reports nothing (see stack.md). So the font is checked here, once, and every failure is a clear error that says
 * what to install: a report must never go out with blank or tofu text.
 */

/** Debian's fonts-noto-cjk (apt-get install fonts-noto-cjk): Noto Sans CJK as OpenType collections. */
export const DEBIAN_NOTO_CJK = {
  regular: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  bold: '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc',
} as const;

/** The environment variable naming the font file(s) to use instead (several joined by the path delimiter `:`). */
export const FONT_ENV = 'SHANZHI_CJK_FONT';

/** The font the charts are drawn with: the files for resvg, and the family name the SVG text must ask for. */
export interface CjkFont {
  /** Font files, regular first (a bold file, when there is one, makes bold titles really bold). */
  files: string[];
  /** The family to name in `font-family`, e.g. `Noto Sans CJK SC`. */
  family: string;
}

/** Characters every chart font must have: 中文 and the place words that fill the charts. */
const PROBE = [...'中文镇村投诉案件'].map((char) => char.codePointAt(0) ?? 0);
const INSTALL_HINT =
  `install Debian's CJK fonts (apt-get install fonts-noto-cjk, which provides ${DEBIAN_NOTO_CJK.regular}) ` +
  `or set ${FONT_ENV} to a .ttf/.ttc/.otf file with Chinese glyphs`;

export interface FindFontOptions {
  /** Where to read SHANZHI_CJK_FONT; process.env by default. */
  env?: Readonly<Record<string, string | undefined>>;
  /** The system font files to fall back on; Debian's fonts-noto-cjk by default. */
  system?: { regular: string; bold?: string };
}

/**
 * Find and check the CJK chart font: SHANZHI_CJK_FONT when set (it is then the only choice: a bad value is an error,
 * not a reason to fall back), otherwise Debian's Noto Sans CJK. Throws AppError `unavailable` naming the file and
 * what to install when the font is missing, a web font, not a font, or has no Chinese glyphs.
 */
export function findCjkFont(options: FindFontOptions = {}): CjkFont {
  const env = options.env ?? process.env;
  const configured = env[FONT_ENV]?.trim();
  if (configured) {
    const files = configured
      .split(delimiter)
      .map((file) => file.trim())
      .filter(Boolean);
    const [first, ...rest] = files.map((file) => checkFile(file, FONT_ENV));
    if (!first) {
      throw unavailable(`${FONT_ENV} names no font file; ${INSTALL_HINT}`);
    }
    return { files, family: familyOf(first, files[0] ?? '', FONT_ENV, rest) };
  }
  const system = options.system ?? DEBIAN_NOTO_CJK;
  if (!existsSync(system.regular)) {
    throw unavailable(`No CJK font for charts: ${system.regular} does not exist; ${INSTALL_HINT}`);
  }
  const regular = checkFile(system.regular, 'the system CJK font');
  const bold = system.bold && existsSync(system.bold) ? system.bold : null;
  const boldFaces = bold ? checkFile(bold, 'the system CJK font') : [];
  return {
    files: bold ? [system.regular, bold] : [system.regular],
    family: familyOf(regular, system.regular, 'the system CJK font', [boldFaces]),
  };
}

let cached: CjkFont | null = null;

/** The process's chart font (findCjkFont with the defaults), checked on first use and then remembered. */
export function cjkFont(): CjkFont {
  cached ??= findCjkFont();
  return cached;
}

/** The faces of one font file, or a clear error saying why the file cannot draw chart text. */
function checkFile(file: string, source: string): FontFace[] {
  const extension = extname(file).toLowerCase();
  if (extension === '.woff' || extension === '.woff2') {
    throw webFont(file, source, extension.slice(1).toUpperCase());
  }
  if (!existsSync(file)) {
    throw unavailable(`${source}: ${file} does not exist; ${INSTALL_HINT}`);
  }
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    throw unavailable(`${source}: cannot open ${file} (${(error as Error).message}); ${INSTALL_HINT}`);
  }
  try {
    const read: FontReader = (offset, length) => {
      const bytes = Buffer.alloc(length);
      return bytes.subarray(0, readSync(fd, bytes, 0, length, offset));
    };
    const kind = fontKind(read(0, 4));
    if (kind === 'woff' || kind === 'woff2') {
      throw webFont(file, source, kind.toUpperCase());
    }
    if (kind === 'unknown') {
      throw unavailable(`${source}: ${file} is not a TrueType/OpenType font (.ttf, .otf, .ttc); ${INSTALL_HINT}`);
    }
    try {
      return readFaces(read, PROBE);
    } catch (error) {
      throw unavailable(`${source}: ${file} is not a readable font (${(error as Error).message}); ${INSTALL_HINT}`);
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * The family to ask for: a Simplified Chinese face when the file has one (a Noto CJK .ttc holds JP, KR, SC, TC, HK
 * faces whose glyphs differ), else its first face with Chinese glyphs. The other files must offer that family too,
 * or their weights would never be used.
 */
function familyOf(faces: FontFace[], file: string, source: string, others: FontFace[][]): string {
  const chinese = faces.filter((face) => face.covers && face.families.length > 0);
  if (chinese.length === 0) {
    const names = faces.flatMap((face) => face.families).join(', ') || 'no family name';
    throw unavailable(
      `${source}: ${file} (${names}) has no Chinese glyphs, so chart text would be tofu; ${INSTALL_HINT}`,
    );
  }
  const simplified = chinese.find((face) => face.families.some((family) => /\b(SC|Hans|CN|GB)\b/.test(family)));
  const face = simplified ?? (chinese[0] as FontFace);
  const family = face.families[0] as string;
  for (const other of others) {
    if (!other.some((candidate) => candidate.families.includes(family))) {
      throw unavailable(`${source}: the files must share the family "${family}" of ${file}`);
    }
  }
  return family;
}

function webFont(file: string, source: string, kind: string): AppError {
  return unavailable(
    `${source}: ${file} is a ${kind} web font; resvg draws no text with WOFF/WOFF2 (and gives no error), so it ` +
      `cannot be used for charts. Give a .ttf, .otf or .ttc file instead, e.g. ${DEBIAN_NOTO_CJK.regular} ` +
      '(apt-get install fonts-noto-cjk)',
  );
}

function unavailable(message: string): AppError {
  return new AppError('unavailable', message, { hint: INSTALL_HINT });
}
