/**
 * XLSX renderer of the report document model (exceljs): the tables, for people who go on working with the figures.
 * A first sheet 说明 / About names the document (title, 发文字号, issuer, date) and lists the tables; then one sheet per
 * table with the title and caption on top, the header rows (spans as merged cells), numbers as numbers with the
 * column's format, the total row in bold and the notes under it. Charts, figures and text are left to DOCX/HTML/PDF.
 */
import ExcelJS from 'exceljs';
import { checkDocument } from './check.js';
import type { Cell, ColumnSpec, ReportDocument, TableBlock } from './document.js';
import { blockLabels, cleanText, formatCell, formatDocumentDate, textLines } from './format.js';
import { columnWeights, placeHeader } from './table-layout.js';

/** Excel's limit on characters in a cell. */
const MAX_CELL = 32_767;
/** Excel's limits on sheet names: at most 31 characters, none of []:*?/\, no ' at either end, not "History". */
const MAX_SHEET_NAME = 31;
const BORDER: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

/** The Excel number format of a column spec: grouped digits, percent, + on positive changes (as formatCell). */
export function numberFormat(column: ColumnSpec): string {
  const percent = column.format === 'percent';
  const digits = column.digits ?? (percent ? 1 : 0);
  const base = `${percent ? '0' : '#,##0'}${digits > 0 ? `.${'0'.repeat(digits)}` : ''}${percent ? '%' : ''}`;
  return column.signed ? `+${base};-${base};${base}` : base;
}

/** Text as one Excel cell: cleaned, line breaks kept as LF, cut to Excel's cell limit (not inside a surrogate pair). */
function cellText(text: string): string {
  const clean = textLines(text).join('\n');
  if (clean.length <= MAX_CELL) {
    return clean;
  }
  const cut = clean.slice(0, MAX_CELL);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

/** Cuts a text to at most `max` UTF-16 units (what Excel counts) without splitting a character. */
function cutUnits(text: string, max: number): string {
  let out = '';
  for (const char of text) {
    if (out.length + char.length > max) {
      break;
    }
    out += char;
  }
  return out;
}

/** A legal sheet name from a text, unique (case-insensitively, as Excel compares them) among `used`. */
export function sheetName(text: string, fallback: string, used: Set<string>): string {
  const legal = (value: string) =>
    cleanText(value)
      .replace(/[[\]:*?/\\\r\n\t]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/^'+|'+$/g, '')
      .trim();
  let base = cutUnits(legal(text), MAX_SHEET_NAME).trim();
  if (base === '' || base.toLowerCase() === 'history') {
    base = cutUnits(legal(fallback), MAX_SHEET_NAME) || 'Sheet';
  }
  let name = base;
  for (let n = 2; used.has(name.toLowerCase()); n++) {
    const suffix = `(${n})`;
    name = `${cutUnits(base, MAX_SHEET_NAME - suffix.length).trim()}${suffix}`;
  }
  used.add(name.toLowerCase());
  return name;
}

interface TableEntry {
  block: TableBlock;
  caption: string;
  name: string;
}

function writeTable(sheet: ExcelJS.Worksheet, entry: TableEntry, doc: ReportDocument): void {
  const { block } = entry;
  const width = block.columns.length;
  const lines = [doc.title, ...(doc.subtitle === undefined ? [] : [doc.subtitle])];
  for (const line of lines) {
    sheet.addRow([cellText(line)]).font = { bold: line === doc.title, size: line === doc.title ? 14 : 11 };
  }
  if (entry.caption !== '') {
    sheet.addRow([cellText(entry.caption)]).font = { bold: true, size: 12 };
  }
  sheet.addRow([]);

  const header = placeHeader(block.header, width);
  const headerTop = sheet.rowCount + 1;
  header.forEach((row, r) => {
    const excelRow = sheet.getRow(headerTop + r);
    for (let c = 1; c <= width; c++) {
      const cell = excelRow.getCell(c);
      cell.border = BORDER;
      cell.font = { bold: true };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
    }
    for (const cell of row) {
      excelRow.getCell(cell.start + 1).value = cellText(cell.text);
    }
  });
  header.forEach((row, r) => {
    for (const cell of row) {
      if (cell.colSpan > 1 || cell.rowSpan > 1) {
        sheet.mergeCells(headerTop + r, cell.start + 1, headerTop + r + cell.rowSpan - 1, cell.start + cell.colSpan);
      }
    }
  });
  const headerBottom = headerTop + header.length - 1;

  const bodyRow = (cells: Cell[], bold: boolean) => {
    const row = sheet.getRow(sheet.rowCount + 1);
    cells.forEach((value, c) => {
      const column = block.columns[c] ?? {};
      const cell = row.getCell(c + 1);
      const number = typeof value === 'number' && Number.isFinite(value);
      // Numbers stay numbers (Excel can sum them); null and non-finite values say — as in every other format.
      cell.value = number ? value : cellText(formatCell(value, column, doc.locale));
      if (number) {
        cell.numFmt = numberFormat(column);
      }
      const align = column.align ?? (typeof value === 'number' ? 'right' : 'left');
      cell.alignment = { horizontal: align, vertical: 'middle', wrapText: !number };
      cell.border = BORDER;
      if (bold) {
        cell.font = { bold: true };
      }
    });
  };
  for (const cells of block.rows) {
    bodyRow(cells, false);
  }
  if (block.total) {
    bodyRow(block.total, true);
  }
  const prefix = doc.locale === 'zh-CN' ? '注：' : 'Note: ';
  (block.notes ?? []).forEach((note, n) => {
    sheet.addRow([cellText((n === 0 ? prefix : '') + note)]).font = { size: 10 };
  });

  // Widths in Excel's units (about one Latin character; a Chinese character takes two).
  columnWeights(block, header, doc.locale).forEach((weight, c) => {
    sheet.getColumn(c + 1).width = Math.min(60, Math.max(8, Math.round(weight * 2 + 2)));
  });
  sheet.views = [{ state: 'frozen', xSplit: 0, ySplit: headerBottom }];
  sheet.pageSetup = {
    paperSize: 9,
    orientation: 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: `${headerTop}:${headerBottom}`,
  };
}

function writeAbout(sheet: ExcelJS.Worksheet, doc: ReportDocument, tables: TableEntry[]): void {
  const zh = doc.locale === 'zh-CN';
  sheet.addRow([cellText(doc.title)]).font = { bold: true, size: 16 };
  if (doc.subtitle !== undefined) {
    sheet.addRow([cellText(doc.subtitle)]);
  }
  sheet.addRow([]);
  const field = (label: string, value: string) => {
    const row = sheet.addRow([label, cellText(value)]);
    row.getCell(1).font = { bold: true };
  };
  if (doc.documentNumber !== undefined) {
    field(zh ? '发文字号' : 'Reference', doc.documentNumber);
  }
  field(zh ? '发文机关' : 'Issued by', doc.issuer);
  field(zh ? '成文日期' : 'Date', formatDocumentDate(doc.date, doc.locale));
  sheet.addRow([]);
  const head = sheet.addRow([zh ? '表格' : 'Table', zh ? '工作表' : 'Sheet']);
  head.font = { bold: true };
  for (const table of tables) {
    sheet.addRow([cellText(table.caption), table.name]);
  }
  if (tables.length === 0) {
    sheet.addRow([zh ? '本文档没有表格。' : 'This document has no tables.']);
  }
  sheet.getColumn(1).width = 40;
  sheet.getColumn(2).width = 36;
}

/**
 * Renders the tables of a report document to XLSX bytes: an About sheet, then a sheet per table (named after its
 * caption, e.g. 表1 本周分村社案件统计; an uncaptioned table after the heading above it). Throws `invalid_input` on a
 * bad model.
 */
export async function renderXlsx(input: ReportDocument): Promise<Buffer> {
  const doc = checkDocument(input);
  const zh = doc.locale === 'zh-CN';
  const labels = blockLabels(doc.blocks, doc.locale);
  const used = new Set<string>();
  const aboutName = sheetName(zh ? '说明' : 'About', 'About', used);
  const tables: TableEntry[] = [];
  let lastHeading = '';
  doc.blocks.forEach((block, i) => {
    if (block.type === 'heading') {
      lastHeading = block.text;
    } else if (block.type === 'sheet') {
      lastHeading = block.title;
    } else if (block.type === 'table') {
      const caption = block.caption === undefined ? '' : `${labels[i] ?? ''}${block.caption}`;
      const fallback = `${zh ? '表格' : 'Table'} ${tables.length + 1}`;
      const name = sheetName(caption || lastHeading, fallback, used);
      tables.push({ block, caption: caption || textLines(lastHeading).join(' '), name });
    }
  });

  const workbook = new ExcelJS.Workbook();
  workbook.creator = cleanText(doc.issuer);
  workbook.title = textLines(doc.title).join(' ');
  workbook.subject = cleanText(doc.subtitle ?? '');
  workbook.company = cleanText(doc.issuer);
  writeAbout(workbook.addWorksheet(aboutName), doc, tables);
  for (const table of tables) {
    writeTable(workbook.addWorksheet(table.name), table, doc);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
