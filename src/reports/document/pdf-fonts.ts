/**
 * Fonts of the pdfkit fallback. pdfkit embeds TrueType/OpenType files; a face of a collection (.ttc) must be named
 * by its PostScript name (NotoSerifCJKsc-Regular), or pdfkit fails with "createSubset is not a function" and writes
 * a corrupt PDF (stack.md). Sans text (黑体 roles) uses the checked chart font (charts/font.ts); serif text (仿宋,
 * 楷体, 宋体, 小标宋 roles) uses Debian's Noto Serif CJK when installed, else the sans font too.
 */
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { cjkFont } from '../charts/index.js';
import { type FontReader, faceOffsets, fontKind, readNames, readTable, tableDirectory } from '../charts/sfnt.js';

export interface PdfFont {
  file: string;
  /** The face's PostScript name, for a collection; undefined for a single-face file. */
  postscriptName?: string;
}

export interface PdfFontSet {
  serif: PdfFont;
  serifBold: PdfFont;
  sans: PdfFont;
  sansBold: PdfFont;
}

export const DEBIAN_NOTO_SERIF_CJK = {
  regular: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc',
  bold: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc',
  family: 'Noto Serif CJK SC',
} as const;

function withReader<T>(file: string, use: (read: FontReader) => T): T {
  const fd = openSync(file, 'r');
  try {
    return use((offset, length) => {
      const bytes = Buffer.alloc(length);
      return bytes.subarray(0, readSync(fd, bytes, 0, length, offset));
    });
  } finally {
    closeSync(fd);
  }
}

/** The font to give pdfkit for `family` in `file`: the collection face of that family by its PostScript name. */
export function pdfFont(file: string, family: string): PdfFont {
  return withReader(file, (read) => {
    if (fontKind(read(0, 4)) !== 'collection') {
      return { file };
    }
    let first: string | undefined;
    for (const offset of faceOffsets(read)) {
      const name = readTable(read, tableDirectory(read, offset), 'name');
      if (name === null) {
        continue;
      }
      const names = readNames(name);
      const postscriptName = names.get(6);
      first ??= postscriptName;
      if (postscriptName && (names.get(16) === family || names.get(1) === family)) {
        return { file, postscriptName };
      }
    }
    if (first === undefined) {
      throw new Error(`${file}: no face with a PostScript name`);
    }
    return { file, postscriptName: first };
  });
}

let cached: PdfFontSet | null = null;

/** The fallback's fonts, found once per process. Throws AppError `unavailable` (with the install hint) without a CJK font. */
export function pdfFonts(): PdfFontSet {
  if (cached === null) {
    const chart = cjkFont();
    const sansRegular = chart.files[0] as string;
    const sans = pdfFont(sansRegular, chart.family);
    const sansBold = chart.files[1] ? pdfFont(chart.files[1], chart.family) : sans;
    const serifInstalled = existsSync(DEBIAN_NOTO_SERIF_CJK.regular);
    const serif = serifInstalled ? pdfFont(DEBIAN_NOTO_SERIF_CJK.regular, DEBIAN_NOTO_SERIF_CJK.family) : sans;
    const serifBold =
      serifInstalled && existsSync(DEBIAN_NOTO_SERIF_CJK.bold)
        ? pdfFont(DEBIAN_NOTO_SERIF_CJK.bold, DEBIAN_NOTO_SERIF_CJK.family)
        : sansBold;
    cached = { serif, serifBold, sans, sansBold };
  }
  return cached;
}
