/**
 * Page geometry and type of the DOCX renderer. zh-CN follows GB/T 9704-2012 (党政机关公文格式); en-US uses the same
 * A4 page with Times New Roman. Units: twips (1/20 pt, 1/1440 in) for lengths, half-points for font sizes, as WordprocessingML
 * stores them.
 */
import type { Locale } from '../../core/time/index.js';
import type { HeadingLevel } from './document.js';

/** Millimetres to twips. */
export function mm(value: number): number {
  return Math.round((value * 1440) / 25.4);
}

/** GB/T 9704-2012 5.1/5.2.1: A4 (210 × 297 mm); 天头 37 mm, 订口 28 mm, type area 156 × 225 mm, so bottom 35 mm and right 26 mm. */
export const PAGE = {
  width: mm(210), // 11906
  height: mm(297), // 16838
  top: mm(37), // 2098
  bottom: mm(35), // 1984
  left: mm(28), // 1587
  right: mm(26), // 1474
} as const;

/** The type area (版心) in twips: 8845 × 12756 (156 × 225 mm). */
export const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right;
export const TEXT_HEIGHT = PAGE.height - PAGE.top - PAGE.bottom;

/**
 * 22 lines a page (GB/T 9704-2012 5.2.3): 12756 / 22 = 579.8 twips, rounded down so the 22nd line still fits, gives
 * a line pitch of 579 twips (28.95 pt). Every text paragraph uses it as *exact* line spacing, so Word and LibreOffice
 * both set 22 lines of 三号 text on a full page. The section records it as docGrid linePitch too, but without a grid
 * type: a "lines" grid makes LibreOffice snap table rows and pictures to whole 29 pt lines.
 */
export const LINE_PITCH = Math.floor(TEXT_HEIGHT / 22);

/**
 * 28 characters a line: 8845 / 28 = 315.9 twips (15.79 pt) per character, but a 三号 character is 16 pt wide, so only
 * 27 would fit. Word's own answer is a "linesAndChars" grid with charSpace -842 (−0.206 pt in 1/4096 pt), but
 * LibreOffice reads that grid as snap-to-character cells narrower than a glyph and sets every character in two cells
 * (14 a line). Condensing each character by 5 twips (w:spacing −0.25 pt) instead gives 15.75 pt × 28 = 441 pt ≤ 442.25 pt
 * of type width and 29 characters would need 456.75 pt, so both Word and LibreOffice break lines after 28 characters.
 */
export const CHAR_SPACING = -5;

/** One 一字 (a 三号 character with the condensed spacing) in twips: 320 − 5 = 315. */
export const EM = 16 * 20 + CHAR_SPACING;

/**
 * GB/T 9704-2012 7.5: page numbers sit under the type area, the 一字线 7 mm below it. The footer's bottom edge is 25 mm
 * above the page edge and its 四号 line (≈ 5 mm) puts the dashes at about 28 mm, i.e. 7 mm under the 35 mm margin.
 */
export const FOOTER_DISTANCE = mm(25);

/** A font by role: the name documents ask for, and the names Word tries when it is missing (w:altName). */
export interface FontFace {
  name: string;
  altName?: string;
  family: 'roman' | 'swiss';
}

export const FONTS = {
  xiaobiaosong: { name: '方正小标宋简体', altName: '华文中宋', family: 'roman' },
  fangsong: { name: '仿宋_GB2312', altName: '仿宋', family: 'roman' },
  kaiti: { name: '楷体_GB2312', altName: '楷体', family: 'roman' },
  heiti: { name: '黑体', altName: 'SimHei', family: 'swiss' },
  songti: { name: '宋体', altName: 'SimSun', family: 'roman' },
  times: { name: 'Times New Roman', family: 'roman' },
} as const satisfies Record<string, FontFace>;

export type FontRole = keyof typeof FONTS;

/** How one kind of text is set: its font (for Latin and CJK), size in half-points, weight. */
export interface TextStyle {
  latin: FontRole;
  cjk: FontRole;
  size: number;
  bold?: boolean;
  italic?: boolean;
}

export interface Theme {
  locale: Locale;
  title: TextStyle;
  subtitle: TextStyle;
  body: TextStyle;
  headings: Record<HeadingLevel, TextStyle>;
  sheet: TextStyle;
  tableHeader: TextStyle;
  tableCell: TextStyle;
  caption: TextStyle;
  note: TextStyle;
  pageNumber: TextStyle;
  /** Exact line spacing of text paragraphs in twips, or undefined for the font's own single spacing × `lineAuto`. */
  lineExact?: number;
  /** Line spacing in 240ths of a line when not exact (276 = 1.15). */
  lineAuto: number;
  /** Space after a paragraph in twips. */
  paragraphAfter: number;
  /** Character spacing of every run in twips. */
  charSpacing: number;
  /** First-line indent of body paragraphs and headings in twips. */
  indent: number;
  /** Line spacing inside table cells in twips (exact). */
  tableLine: number;
}

/** 号 sizes in half-points: 二号 22 pt, 小二 18 pt, 三号 16 pt, 四号 14 pt, 小四 12 pt. */
const ERHAO = 44;
const XIAOER = 36;
const SANHAO = 32;
const SIHAO = 28;
const XIAOSI = 24;

const zh = (cjk: FontRole, size: number, bold?: boolean): TextStyle =>
  bold ? { latin: cjk, cjk, size, bold } : { latin: cjk, cjk, size };

/** GB/T 9704-2012: title 2号小标宋 (7.3.1), body 3号仿宋 (5.2.2), headings 黑体/楷体/仿宋 (7.3.3), page number 4号宋体 (7.5). */
export const ZH_CN: Theme = {
  locale: 'zh-CN',
  title: zh('xiaobiaosong', ERHAO),
  subtitle: zh('kaiti', SANHAO),
  body: zh('fangsong', SANHAO),
  headings: {
    1: zh('heiti', SANHAO),
    2: zh('kaiti', SANHAO),
    3: zh('fangsong', SANHAO, true),
    4: zh('fangsong', SANHAO),
  },
  sheet: zh('xiaobiaosong', XIAOER),
  tableHeader: zh('heiti', XIAOSI),
  tableCell: zh('fangsong', XIAOSI),
  caption: zh('heiti', SIHAO),
  note: zh('fangsong', XIAOSI),
  pageNumber: zh('songti', SIHAO),
  lineExact: LINE_PITCH,
  lineAuto: 240,
  paragraphAfter: 0,
  charSpacing: CHAR_SPACING,
  indent: 2 * EM,
  tableLine: 360,
};

const en = (size: number, bold?: boolean, italic?: boolean): TextStyle => ({
  latin: 'times',
  cjk: 'songti',
  size,
  ...(bold ? { bold } : {}),
  ...(italic ? { italic } : {}),
});

/** en-US: the same A4 page, Times New Roman 12 pt body with 14 pt level-1 headings, 1.15 line spacing. */
export const EN_US: Theme = {
  locale: 'en-US',
  title: en(36, true),
  subtitle: en(24, false, true),
  body: en(24),
  headings: { 1: en(28, true), 2: en(24, true), 3: en(24, true, true), 4: en(24, false, true) },
  sheet: en(32, true),
  tableHeader: en(20, true),
  tableCell: en(20),
  caption: en(22, true),
  note: en(20),
  pageNumber: en(22),
  lineAuto: 276,
  paragraphAfter: 120,
  charSpacing: 0,
  indent: 0,
  tableLine: 260,
};

export function themeOf(locale: Locale): Theme {
  return locale === 'zh-CN' ? ZH_CN : EN_US;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c] ?? c);
}

/**
 * word/fontTable.xml naming each font with its w:altName (the font Word uses when the named one is missing, e.g.
 * 仿宋 for 仿宋_GB2312 on Windows 10+), charset 86 (GB2312) for the Chinese faces and the generic family.
 * LibreOffice ignores w:altName; on Linux use the fontconfig file fonts.conf beside this module (see docs/reports.md).
 */
export function fontTableXml(): string {
  const fonts = Object.values(FONTS as Record<string, FontFace>).map((font) => {
    const cjk = font.name !== 'Times New Roman';
    return [
      `<w:font w:name="${escapeXml(font.name)}">`,
      font.altName ? `<w:altName w:val="${escapeXml(font.altName)}"/>` : '',
      `<w:charset w:val="${cjk ? '86' : '00'}"/>`,
      `<w:family w:val="${font.family}"/>`,
      `<w:pitch w:val="variable"/>`,
      '</w:font>',
    ].join('');
  });
  return [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
    '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">',
    ...fonts,
    '</w:fonts>',
  ].join('');
}
