/**
 * The report document model: what the weekly bulletin (案件信息通报), the monthly enforcement advice (基层执法建议)
 * and the quarterly governance portrait (基层治理综合画像) say, with nothing about how a format draws it. Builders
 * produce a `ReportDocument`; renderers (DOCX now, HTML/PDF later) decide fonts, numbering text and number formats,
 * so every format numbers headings and formats figures the same way (see format.ts).
 */
import { invalidField } from '../../core/errors.js';
import type { Day, Locale } from '../../core/time/index.js';
import type { ChartSpec } from '../charts/index.js';

export type DocumentKind = 'bulletin' | 'advice' | 'portrait';

/** A piece of paragraph text; `bold` is the only emphasis official documents use. */
export interface Run {
  text: string;
  bold?: boolean;
}

/** Heading levels 1–4 are the four levels of GB/T 9704-2012 7.3.3: 一、 （一） 1. （1）. */
export type HeadingLevel = 1 | 2 | 3 | 4;

export type ColumnAlign = 'left' | 'center' | 'right';

/**
 * How a table column shows its values. Numbers are formatted by the renderer from this spec, never pre-formatted by
 * builders: `number` with `digits` decimals (default 0), `percent` for ratios (0.125 → 12.5%, default 1 decimal);
 * `signed` prefixes + to positive values (changes such as 环比 and 同比). `width` is a relative weight; without it
 * the renderer weighs the column by its content. Numbers align right and text left unless `align` says otherwise.
 */
export interface ColumnSpec {
  align?: ColumnAlign;
  format?: 'number' | 'percent';
  digits?: number;
  signed?: boolean;
  width?: number;
}

export type HeaderCell = string | { text: string; colSpan?: number; rowSpan?: number };

/** A body cell: text, a number (formatted by its column's spec) or null for "no value" (shown as —). */
export type Cell = string | number | null;

export interface HeadingBlock {
  type: 'heading';
  level: HeadingLevel;
  /** The heading without its number: renderers add 一、 （一） 1. （1） or 1. 1.1 … */
  text: string;
}

export interface ParagraphBlock {
  type: 'paragraph';
  runs: Run[];
}

export interface TableBlock {
  type: 'table';
  caption?: string;
  columns: ColumnSpec[];
  /** Header rows, repeated at the top of every page the table runs onto. */
  header: HeaderCell[][];
  rows: Cell[][];
  /** A bold closing row such as 合计 / Total. */
  total?: Cell[];
  /** Lines under the table, e.g. data sources; renderers prefix 注：/ Note:. */
  notes?: string[];
}

export interface FigureBlock {
  type: 'figure';
  png: Uint8Array;
  /** The image's size in pixels; renderers scale it to the text width, keeping the aspect ratio. */
  width: number;
  height: number;
  caption?: string;
}

/**
 * A chart as data: the ECharts option (plain JSON) and its layout size in CSS pixels. The HTML renderer hands the
 * option to ECharts in the browser (interactive); DOCX and PDF draw it as a 2× PNG first (`drawCharts`). Keeping the
 * spec rather than the picture makes a document plain JSON, so an archived report can be rendered again in any format.
 */
export interface ChartBlock {
  type: 'chart';
  spec: ChartSpec;
  width: number;
  height: number;
  caption?: string;
}

export interface ListBlock {
  type: 'list';
  items: Run[][];
}

export interface PageBreakBlock {
  type: 'pageBreak';
}

/**
 * One page per village (or department) in the portrait: a sheet starts a new page (unless it is the first block),
 * carries its own title and restarts heading numbering.
 */
export interface SheetBlock {
  type: 'sheet';
  title: string;
}

export type Block =
  | HeadingBlock
  | ParagraphBlock
  | TableBlock
  | FigureBlock
  | ChartBlock
  | ListBlock
  | PageBreakBlock
  | SheetBlock;

export interface ReportDocument {
  kind: DocumentKind;
  locale: Locale;
  title: string;
  subtitle?: string;
  /** 发文字号, e.g. 善治通报〔2025〕23号; written as is above the title. */
  documentNumber?: string;
  /** 主送机关, e.g. 各村（社区）、镇属各部门： */
  addressee?: string;
  blocks: Block[];
  /** 发文机关署名 */
  issuer: string;
  /** 成文日期 */
  date: Day;
}

/* Builders: small conveniences for report builders; the plain object literals are equally valid. */

export function heading(level: HeadingLevel, text: string): HeadingBlock {
  return { type: 'heading', level, text };
}

/** A paragraph from strings (plain) and runs (e.g. `bold('…')`). */
export function paragraph(...parts: (string | Run)[]): ParagraphBlock {
  return { type: 'paragraph', runs: parts.map((p) => (typeof p === 'string' ? { text: p } : p)) };
}

export function bold(text: string): Run {
  return { text, bold: true };
}

export function table(spec: Omit<TableBlock, 'type'>): TableBlock {
  return { type: 'table', ...spec };
}

/** A figure from PNG bytes; the size is read from the PNG header. */
export function figure(png: Uint8Array, caption?: string): FigureBlock {
  const { width, height } = pngSize(png);
  return caption === undefined
    ? { type: 'figure', png, width, height }
    : { type: 'figure', png, width, height, caption };
}

/** A chart drawn at `size` (CSS pixels; a page's text is about 590 px wide). */
export function chart(spec: ChartSpec, size: { width: number; height: number }, caption?: string): ChartBlock {
  const block: ChartBlock = { type: 'chart', spec, width: size.width, height: size.height };
  return caption === undefined ? block : { ...block, caption };
}

export function list(...items: (string | Run[])[]): ListBlock {
  return { type: 'list', items: items.map((i) => (typeof i === 'string' ? [{ text: i }] : i)) };
}

export function pageBreak(): PageBreakBlock {
  return { type: 'pageBreak' };
}

export function sheet(title: string): SheetBlock {
  return { type: 'sheet', title };
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export function isPng(bytes: Uint8Array): boolean {
  return bytes.length >= 24 && PNG_SIGNATURE.every((b, i) => bytes[i] === b);
}

/** Width and height from a PNG's IHDR chunk (bytes 16–23, big-endian). */
export function pngSize(png: Uint8Array): { width: number; height: number } {
  if (!isPng(png)) {
    throw invalidField('png', 'is not a PNG image');
  }
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}
