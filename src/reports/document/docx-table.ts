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
import type { Cell, ColumnSpec, TableBlock } from './document.js';
import { TEXT_WIDTH, type TextStyle, type Theme } from './docx-style.js';
import { type ParagraphOptions, runsOf } from './docx-text.js';
import { formatCell } from './format.js';
import { columnWeights, type PlacedHeaderCell, placeHeader, scaleWeights } from './table-layout.js';

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

/** Column widths in twips summing to the type width: given weights, or weights from the widest content (2–14 一字). */
function columnWidths(table: TableBlock, header: PlacedHeaderCell[][], theme: Theme): number[] {
  return scaleWeights(columnWeights(table, header, theme.locale), TEXT_WIDTH);
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
