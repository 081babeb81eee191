/** Tables of the DOCX renderer: fixed column widths over the type area, repeated header rows, thin black borders. */
import {
  AlignmentType,
  BorderStyle,
  LineRuleType,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  VerticalAlign,
  WidthType,
} from 'docx';
import type { Cell, ColumnSpec, HeaderCell, TableBlock } from './document.js';
import { TEXT_WIDTH, type TextStyle, type Theme } from './docx-style.js';
import { type ParagraphOptions, runsOf } from './docx-text.js';
import { cleanText, displayWidth, formatCell } from './format.js';

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;
const TABLE_BORDERS = {
  top: BORDER,
  bottom: BORDER,
  left: BORDER,
  right: BORDER,
  insideHorizontal: BORDER,
  insideVertical: BORDER,
};

function alignmentOf(align: ColumnSpec['align']): (typeof AlignmentType)[keyof typeof AlignmentType] {
  return align === 'right' ? AlignmentType.RIGHT : align === 'center' ? AlignmentType.CENTER : AlignmentType.LEFT;
}

interface PlacedHeaderCell {
  text: string;
  start: number;
  colSpan: number;
  rowSpan: number;
}

/** Header cells with the column each starts in, skipping columns that a row span from above still covers. */
function placeHeader(header: readonly HeaderCell[][], width: number): PlacedHeaderCell[][] {
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

/** Column widths in twips summing to the type width: given weights, or weights from the widest content (2–14 一字). */
function columnWidths(table: TableBlock, header: PlacedHeaderCell[][], theme: Theme): number[] {
  const weights = table.columns.map((column, c) => {
    if (column.width !== undefined) {
      return column.width;
    }
    const texts = header
      .flat()
      .filter((cell) => cell.start === c && cell.colSpan === 1)
      .map((cell) => cell.text);
    for (const row of [...table.rows, ...(table.total ? [table.total] : [])]) {
      texts.push(formatCell(row[c] ?? null, column, theme.locale));
    }
    const widest = Math.max(0, ...texts.map((t) => displayWidth(cleanText(t))));
    return Math.min(14, Math.max(2, widest)) + 1;
  });
  const total = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => Math.floor((w / total) * TEXT_WIDTH));
  widths[widths.length - 1] = (widths.at(-1) ?? 0) + TEXT_WIDTH - widths.reduce((a, b) => a + b, 0);
  return widths;
}

function cellParagraph(
  text: string,
  style: TextStyle,
  theme: Theme,
  alignment: ParagraphOptions['alignment'],
  bold?: boolean,
) {
  return new Paragraph({
    alignment,
    spacing: { line: theme.tableLine, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
    children: runsOf(text, style, theme, bold ?? style.bold === true),
  });
}

function tableCell(paragraph: Paragraph, width: number, span: { colSpan?: number; rowSpan?: number } = {}): TableCell {
  return new TableCell({
    children: [paragraph],
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlign.CENTER,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    ...(span.colSpan && span.colSpan > 1 ? { columnSpan: span.colSpan } : {}),
    ...(span.rowSpan && span.rowSpan > 1 ? { rowSpan: span.rowSpan } : {}),
  });
}

/** A table block as a DOCX table; its caption and notes are paragraphs the caller adds. */
export function renderTable(table: TableBlock, theme: Theme): Table {
  const header = placeHeader(table.header, table.columns.length);
  const widths = columnWidths(table, header, theme);
  const spanWidth = (start: number, span: number) => widths.slice(start, start + span).reduce((a, b) => a + b, 0);
  const headerRows = header.map(
    (row) =>
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: row.map((cell) =>
          tableCell(
            cellParagraph(cell.text, theme.tableHeader, theme, AlignmentType.CENTER),
            spanWidth(cell.start, cell.colSpan),
            cell,
          ),
        ),
      }),
  );
  const bodyRow = (cells: Cell[], bold: boolean) =>
    new TableRow({
      cantSplit: true,
      children: cells.map((value, c) => {
        const column = table.columns[c] ?? {};
        const align = column.align ?? (typeof value === 'number' ? 'right' : 'left');
        const text = formatCell(value, column, theme.locale);
        return tableCell(cellParagraph(text, theme.tableCell, theme, alignmentOf(align), bold), widths[c] ?? 0);
      }),
    });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    alignment: AlignmentType.CENTER,
    borders: TABLE_BORDERS,
    rows: [
      ...headerRows,
      ...table.rows.map((row) => bodyRow(row, false)),
      ...(table.total ? [bodyRow(table.total, true)] : []),
    ],
  });
}
