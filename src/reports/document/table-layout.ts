/**
 * Renderer-neutral table layout: where header cells sit once column and row spans are counted, and how wide each
 * column should be relative to the others. DOCX, HTML, the PDF fallback and XLSX all place tables this way.
 */
import type { Locale } from '../../core/time/index.js';
import type { HeaderCell, TableBlock } from './document.js';
import { cleanText, displayWidth, formatCell } from './format.js';

export interface PlacedHeaderCell {
  text: string;
  /** The column (0-based) the cell starts in. */
  start: number;
  colSpan: number;
  rowSpan: number;
}

/** Header cells with the column each starts in, skipping columns that a row span from above still covers. */
export function placeHeader(header: readonly HeaderCell[][], width: number): PlacedHeaderCell[][] {
  let covered: number[] = Array(width).fill(0);
  return header.map((row) => {
    const next = covered.map((n) => Math.max(0, n - 1));
    let column = 0;
    const placed = row.map((cell) => {
      while (column < width && (covered[column] ?? 0) > 0) {
        column += 1;
      }
      const text = typeof cell === 'string' ? cell : cell.text;
      const colSpan = typeof cell === 'string' ? 1 : (cell.colSpan ?? 1);
      const rowSpan = typeof cell === 'string' ? 1 : (cell.rowSpan ?? 1);
      for (let c = column; c < column + colSpan && c < width; c++) {
        next[c] = rowSpan - 1;
      }
      const result = { text, start: column, colSpan, rowSpan };
      column += colSpan;
      return result;
    });
    covered = next;
    return placed;
  });
}

/**
 * Relative column widths: the column spec's `width` when given, else the widest content of the column in 一字
 * (header cells that span only this column, and the formatted body and total cells), kept within 2–14, plus one.
 */
export function columnWeights(table: TableBlock, header: PlacedHeaderCell[][], locale: Locale): number[] {
  return table.columns.map((column, c) => {
    if (column.width !== undefined) {
      return column.width;
    }
    const texts = header
      .flat()
      .filter((cell) => cell.start === c && cell.colSpan === 1)
      .map((cell) => cell.text);
    for (const row of [...table.rows, ...(table.total ? [table.total] : [])]) {
      texts.push(formatCell(row[c] ?? null, column, locale));
    }
    const widest = Math.max(0, ...texts.map((t) => displayWidth(cleanText(t))));
    return Math.min(14, Math.max(2, widest)) + 1;
  });
}

/** Weights scaled to whole units summing exactly to `total` (the last column takes the rounding). */
export function scaleWeights(weights: readonly number[], total: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => Math.floor((w / sum) * total));
  widths[widths.length - 1] = (widths.at(-1) ?? 0) + total - widths.reduce((a, b) => a + b, 0);
  return widths;
}
