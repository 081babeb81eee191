/**
 * Renderer-neutral text rules for report documents: cleaning text for XML, heading numbers (GB/T 9704-2012 7.3.3:
 * 一、 （一） 1. （1）), caption numbers, table numbers and dates. Every renderer uses these, so a bulletin says the
 * same thing in DOCX and HTML.
 */
import type { Day, Locale } from '../../core/time/index.js';
import type { Block, Cell, ColumnSpec, HeadingLevel } from './document.js';

/**
 * Everything XML 1.0 cannot carry (C0 controls other than tab, LF and CR; lone surrogates; U+FFFE/U+FFFF), plus DEL
 * and the C1 controls, which are legal XML but never meaningful in a report and confuse word processors.
 */
const UNWANTED_CHARS = /[^\t\n\r\u0020-\u007E\u00A0-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** The text with the characters a document must not contain removed; tabs and line breaks stay. */
export function cleanText(text: string): string {
  return text.replace(UNWANTED_CHARS, '');
}

/** The text as lines: cleaned, tabs as spaces, split at any line break (CRLF, CR, LF). */
export function textLines(text: string): string[] {
  return cleanText(text)
    .replace(/\t/g, ' ')
    .split(/\r\n|\r|\n/);
}

const DIGITS = '零一二三四五六七八九';
const UNITS = ['', '十', '百', '千'];

function belowTenThousand(n: number): string {
  let out = '';
  let pendingZero = false;
  for (let i = 3; i >= 0; i--) {
    const digit = Math.floor(n / 10 ** i) % 10;
    if (digit === 0) {
      pendingZero = out !== '';
      continue;
    }
    out += `${pendingZero ? '零' : ''}${DIGITS[digit]}${UNITS[i]}`;
    pendingZero = false;
  }
  return out;
}

/** A whole number 0–99,999,999 in Chinese numerals as headings use them: 十, 十一, 二十, 一百零五, 一万零一. */
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 99_999_999) {
    throw new RangeError(`chineseNumber: ${n} is not a whole number from 0 to 99999999`);
  }
  if (n === 0) {
    return '零';
  }
  const high = Math.floor(n / 10_000);
  const low = n % 10_000;
  const text =
    high === 0
      ? belowTenThousand(low)
      : `${belowTenThousand(high)}万${low === 0 ? '' : `${low < 1000 ? '零' : ''}${belowTenThousand(low)}`}`;
  // 10–19 are read 十, 十一 … (not 一十一) at the start of a number.
  return text.startsWith('一十') ? text.slice(1) : text;
}

function headingLabel(counters: number[], level: HeadingLevel, locale: Locale): string {
  const n = counters[level - 1] ?? 0;
  if (locale === 'en-US') {
    const path = counters.slice(0, level).join('.');
    return level === 1 ? `${path}. ` : `${path} `;
  }
  switch (level) {
    case 1:
      return `${chineseNumber(n)}、`;
    case 2:
      return `（${chineseNumber(n)}）`;
    case 3:
      return `${n}.`;
    case 4:
      return `（${n}）`;
  }
}

/**
 * The prefix each block carries, by index: heading numbers (一、 （一） 1. （1） in zh-CN; 1. 1.1 1.1.1 in en-US,
 * restarting at every sheet), and caption numbers for captioned tables (表1 / Table 1.) and figures (图1 / Figure 1.),
 * numbered through the whole document. Blocks without a prefix get undefined.
 */
export function blockLabels(blocks: readonly Block[], locale: Locale): (string | undefined)[] {
  const counters = [0, 0, 0, 0];
  let tables = 0;
  let figures = 0;
  const zh = locale === 'zh-CN';
  return blocks.map((block) => {
    switch (block.type) {
      case 'sheet':
        counters.fill(0);
        return undefined;
      case 'heading':
        counters[block.level - 1] = (counters[block.level - 1] ?? 0) + 1;
        counters.fill(0, block.level);
        return headingLabel(counters, block.level, locale);
      case 'table':
        if (block.caption === undefined) {
          return undefined;
        }
        tables += 1;
        return zh ? `表${tables}　` : `Table ${tables}. `;
      case 'figure':
      case 'chart':
        if (block.caption === undefined) {
          return undefined;
        }
        figures += 1;
        return zh ? `图${figures}　` : `Figure ${figures}. `;
      default:
        return undefined;
    }
  });
}

const formatters = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: Locale, percent: boolean, digits: number, signed: boolean): Intl.NumberFormat {
  const key = `${locale}|${percent}|${digits}|${signed}`;
  let format = formatters.get(key);
  if (format === undefined) {
    format = new Intl.NumberFormat(locale, {
      style: percent ? 'percent' : 'decimal',
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
      // Chinese usage (GB/T 15835) groups digits from five places on: 1234 but 12,345.
      useGrouping: locale === 'zh-CN' ? 'min2' : 'always',
      // 'negative' and 'exceptZero' never print -0 (e.g. -0.04 with one decimal is 0.0).
      signDisplay: signed ? 'exceptZero' : 'negative',
    });
    formatters.set(key, format);
  }
  return format;
}

/** A table cell as text: numbers by the column's spec, null and non-finite numbers as —, text cleaned. */
export function formatCell(value: Cell, column: ColumnSpec, locale: Locale): string {
  if (value === null || (typeof value === 'number' && !Number.isFinite(value))) {
    return '—';
  }
  if (typeof value === 'string') {
    return cleanText(value);
  }
  const percent = column.format === 'percent';
  const digits = column.digits ?? (percent ? 1 : 0);
  return numberFormat(locale, percent, digits, column.signed === true).format(value);
}

const EN_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** 成文日期 as GB/T 9704-2012 7.3.5.1 writes it (2025年6月9日: Arabic digits, no leading zeros); June 9, 2025 in en-US. */
export function formatDocumentDate(day: Day, locale: Locale): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return locale === 'zh-CN' ? `${year}年${month}月${date}日` : `${EN_MONTHS[month - 1]} ${date}, ${year}`;
}

/** East Asian wide and fullwidth characters (Unicode UAX #11, W and F), plus emoji, which take a whole em. */
const WIDE =
  /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{1F300}-\u{1FAFF}\u{20000}-\u{3FFFD}]/u;

/** The width of a text in ems (一字, a CJK character): wide characters count 1, the others ½. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    width += WIDE.test(char) ? 1 : 0.5;
  }
  return width;
}
