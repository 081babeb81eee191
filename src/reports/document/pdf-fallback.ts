/**
 * The pure-Node PDF renderer (pdfkit), for machines without Chromium or when SHANZHI_PDF=pdfkit: the same A4 page,
 * GB/T 9704 margins, sizes and numbering as the DOCX and HTML, laid out by hand. Tables repeat their header rows on
 * every page they run onto; charts are drawn as PNG first (drawCharts); page numbers are written at the end, when the
 * page count is known. It is plainer than Chromium's output (no outline, no hyphenation) but says the same.
 */
import PDFDocument from 'pdfkit';
import { checkDocument } from './check.js';
import type { Block, Cell, FigureBlock, ReportDocument, Run, TableBlock } from './document.js';
import { signaturePlacement } from './docx.js';
import { type TextStyle, type Theme, themeOf } from './docx-style.js';
import { drawCharts } from './draw-charts.js';
import { blockLabels, cleanText, formatCell, formatDocumentDate, textLines } from './format.js';
import { type PdfFontSet, pdfFonts } from './pdf-fonts.js';
import { columnWeights, placeHeader, scaleWeights } from './table-layout.js';

const MM = 72 / 25.4;
/** A4 and GB/T 9704-2012 5.2.1 margins, in points. */
const PAGE = { width: 595.28, height: 841.89, top: 37 * MM, bottom: 35 * MM, left: 28 * MM, right: 26 * MM };
const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right;
const TEXT_BOTTOM = PAGE.height - PAGE.bottom;
const TEXT_HEIGHT = TEXT_BOTTOM - PAGE.top;
const CELL_PAD_X = 4;
const CELL_PAD_Y = 3;

type FontName = keyof PdfFontSet;

/** The face a style's role is set in: 黑体 roles in sans, the Song/FangSong/Kai/小标宋 roles in serif. */
function faceOf(style: TextStyle, bold = style.bold === true): FontName {
  const sans = style.cjk === 'heiti';
  const heavy = bold || style.cjk === 'xiaobiaosong';
  return sans ? (heavy ? 'sansBold' : 'sans') : heavy ? 'serifBold' : 'serif';
}

interface Segment {
  text: string;
  bold: boolean;
}

class PdfWriter {
  readonly pdf: PDFKit.PDFDocument;
  /** Nothing has been written on the current page yet. */
  private fresh = true;

  constructor(
    readonly theme: Theme,
    info: PDFKit.DocumentInfo,
  ) {
    this.pdf = new PDFDocument({
      size: 'A4',
      margins: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right },
      bufferPages: true,
      lang: theme.locale,
      displayTitle: true,
      info,
    });
    const fonts = pdfFonts();
    for (const [name, font] of Object.entries(fonts)) {
      this.pdf.registerFont(name, font.file, font.postscriptName as string);
    }
  }

  /** Sets font and size and returns the line pitch: exact 28.95 pt in zh-CN, 1.15 lines in en-US. */
  use(style: TextStyle, bold?: boolean): number {
    this.pdf.font(faceOf(style, bold)).fontSize(style.size / 2);
    const natural = this.pdf.currentLineHeight();
    return this.theme.lineExact !== undefined && style.size === this.theme.body.size
      ? this.theme.lineExact / 20
      : natural * (this.theme.lineAuto / 240);
  }

  private options(pitch: number, extra: PDFKit.Mixins.TextOptions = {}): PDFKit.Mixins.TextOptions {
    return {
      width: TEXT_WIDTH,
      lineGap: Math.max(0, pitch - this.pdf.currentLineHeight()),
      characterSpacing: this.theme.charSpacing / 20,
      ...extra,
    };
  }

  newPage(): void {
    if (!this.fresh) {
      this.pdf.addPage();
      this.fresh = true;
    }
  }

  /** Starts a new page unless `height` points still fit on this one. */
  ensure(height: number): void {
    if (this.pdf.y + height > TEXT_BOTTOM && !this.fresh) {
      this.pdf.addPage();
    }
  }

  /** A paragraph of runs in one style (bold runs in the bold face), wrapping and breaking pages as pdfkit does. */
  paragraph(
    runs: readonly Run[],
    style: TextStyle,
    extra: PDFKit.Mixins.TextOptions = {},
    after = this.theme.paragraphAfter / 20,
  ): void {
    const segments: Segment[] = runs
      .map((run) => ({ text: textLines(run.text).join('\n'), bold: run.bold === true || style.bold === true }))
      .filter((segment) => segment.text !== '');
    const pitch = this.use(style);
    if (segments.length === 0) {
      this.pdf.y += pitch + after;
      return;
    }
    this.ensure(pitch);
    const x = PAGE.left;
    segments.forEach((segment, i) => {
      this.use(style, segment.bold);
      const options = this.options(pitch, { ...extra, continued: i < segments.length - 1 });
      if (i === 0) {
        this.pdf.text(segment.text, x, this.pdf.y, options);
      } else {
        this.pdf.text(segment.text, options);
      }
    });
    this.pdf.y += after;
    this.fresh = false;
  }

  line(text: string, style: TextStyle, extra: PDFKit.Mixins.TextOptions = {}, after = 0): void {
    this.paragraph([{ text }], style, extra, after);
  }

  /** The height a text takes at a width in a style (pdfkit's own line breaking). */
  heightOf(text: string, style: TextStyle, width: number, bold?: boolean, lineGap = 0): number {
    this.use(style, bold);
    return text === '' ? this.pdf.currentLineHeight() : this.pdf.heightOfString(text, { width, lineGap });
  }

  table(block: TableBlock, label: string): void {
    const { theme, pdf } = this;
    const width = block.columns.length;
    const header = placeHeader(block.header, width);
    const widths = scaleWeights(columnWeights(block, header, theme.locale), Math.floor(TEXT_WIDTH * 10)).map(
      (w) => w / 10,
    );
    const left = (c: number) => PAGE.left + widths.slice(0, c).reduce((a, b) => a + b, 0);
    const span = (start: number, n: number) => widths.slice(start, start + n).reduce((a, b) => a + b, 0);
    const cellLineGap = Math.max(0, theme.tableLine / 20 - this.heightOf('', theme.tableCell, 100));
    const textHeight = (text: string, w: number, style: TextStyle, bold?: boolean) =>
      this.heightOf(text, style, w - 2 * CELL_PAD_X, bold, cellLineGap) + 2 * CELL_PAD_Y;

    // Header row heights: single-row cells set them; a taller row-spanning cell stretches its last row.
    const heights = header.map((row) =>
      Math.max(
        0,
        ...row
          .filter((cell) => cell.rowSpan === 1)
          .map((cell) => textHeight(cleanText(cell.text), span(cell.start, cell.colSpan), theme.tableHeader)),
      ),
    );
    header.forEach((row, r) => {
      for (const cell of row.filter((c) => c.rowSpan > 1)) {
        const need = textHeight(cleanText(cell.text), span(cell.start, cell.colSpan), theme.tableHeader);
        const have = heights.slice(r, r + cell.rowSpan).reduce((a, b) => a + b, 0);
        const last = Math.min(heights.length - 1, r + cell.rowSpan - 1);
        heights[last] = (heights[last] ?? 0) + Math.max(0, need - have);
      }
    });
    const headerHeight = heights.reduce((a, b) => a + b, 0);

    const drawCell = (
      text: string,
      x: number,
      y: number,
      w: number,
      h: number,
      style: TextStyle,
      align: 'left' | 'center' | 'right',
      bold?: boolean,
    ) => {
      pdf.lineWidth(0.5).rect(x, y, w, h).stroke('#000000');
      const lines = textLines(text).join('\n');
      const th = textHeight(lines, w, style, bold) - 2 * CELL_PAD_Y;
      this.use(style, bold);
      pdf.text(lines, x + CELL_PAD_X, y + Math.max(CELL_PAD_Y, (h - th) / 2), {
        width: w - 2 * CELL_PAD_X,
        align,
        lineGap: cellLineGap,
        characterSpacing: 0,
      });
    };
    const drawHeader = () => {
      const top = pdf.y;
      header.forEach((row, r) => {
        const y = top + heights.slice(0, r).reduce((a, b) => a + b, 0);
        for (const cell of row) {
          const h = heights.slice(r, r + cell.rowSpan).reduce((a, b) => a + b, 0);
          drawCell(
            cleanText(cell.text),
            left(cell.start),
            y,
            span(cell.start, cell.colSpan),
            h,
            theme.tableHeader,
            'center',
          );
        }
      });
      pdf.y = top + headerHeight;
      pdf.x = PAGE.left;
      this.fresh = false;
    };
    const rowHeight = (cells: Cell[], bold: boolean) =>
      Math.max(
        ...cells.map((value, c) =>
          textHeight(formatCell(value, block.columns[c] ?? {}, theme.locale), widths[c] ?? 0, theme.tableCell, bold),
        ),
      );
    const drawRow = (cells: Cell[], bold: boolean) => {
      const h = rowHeight(cells, bold);
      if (pdf.y + h > TEXT_BOTTOM) {
        pdf.addPage();
        drawHeader();
      }
      const y = pdf.y;
      cells.forEach((value, c) => {
        const column = block.columns[c] ?? {};
        const align = column.align ?? (typeof value === 'number' ? 'right' : 'left');
        drawCell(formatCell(value, column, theme.locale), left(c), y, widths[c] ?? 0, h, theme.tableCell, align, bold);
      });
      pdf.y = y + h;
      pdf.x = PAGE.left;
    };

    // The caption, the header and the first row stay together.
    const all = [
      ...block.rows.map((r) => ({ cells: r, bold: false })),
      ...(block.total ? [{ cells: block.total, bold: true }] : []),
    ];
    const captionPitch = this.use(theme.caption);
    const first = all[0] ? rowHeight(all[0].cells, all[0].bold) : 0;
    this.ensure((block.caption === undefined ? 0 : captionPitch) + headerHeight + first);
    if (block.caption !== undefined) {
      this.line(label + block.caption, theme.caption, { align: 'center', characterSpacing: 0 });
    }
    drawHeader();
    for (const row of all) {
      drawRow(row.cells, row.bold);
    }
    const prefix = theme.locale === 'zh-CN' ? '注：' : 'Note: ';
    (block.notes ?? []).forEach((note, n) => {
      this.use(theme.note);
      const indent = n === 0 ? 0 : pdf.widthOfString(prefix);
      pdf.y += n === 0 ? 3 : 0;
      this.line((n === 0 ? prefix : '') + note, theme.note, {
        lineGap: cellLineGap,
        characterSpacing: 0,
        ...(indent > 0 ? { indent, indentAllLines: true } : {}),
      });
    });
    pdf.y += 10;
  }

  figure(block: FigureBlock, label: string): void {
    // Pixels at 96 dpi, as the DOCX places them, shrunk to the type width and 80 % of its height.
    const scale = Math.min(0.75, TEXT_WIDTH / block.width, (TEXT_HEIGHT * 0.8) / block.height);
    const w = block.width * scale;
    const h = block.height * scale;
    const captionPitch = block.caption === undefined ? 0 : this.use(this.theme.caption);
    this.ensure(h + captionPitch);
    const y = this.pdf.y;
    this.pdf.image(Buffer.from(block.png), PAGE.left + (TEXT_WIDTH - w) / 2, y, { width: w, height: h });
    this.pdf.y = y + h + 4;
    this.pdf.x = PAGE.left;
    this.fresh = false;
    if (block.caption !== undefined) {
      this.line(
        label + block.caption,
        this.theme.caption,
        { align: 'center', characterSpacing: 0 },
        this.theme.paragraphAfter / 20,
      );
    }
    // Air between a figure and the next line of text.
    this.pdf.y += 8;
  }

  /** — 1 — under the type area (GB/T 9704-2012 7.5): odd pages right, even pages left, one 一字 in; en-US centred. */
  pageNumbers(): void {
    const { pdf, theme } = this;
    const range = pdf.bufferedPageRange();
    const zh = theme.locale === 'zh-CN';
    for (let i = range.start; i < range.start + range.count; i++) {
      pdf.switchToPage(i);
      const n = i - range.start + 1;
      const bottom = pdf.page.margins.bottom;
      pdf.page.margins.bottom = 0;
      this.use(theme.pageNumber);
      const oneChar = theme.pageNumber.size / 2;
      const odd = n % 2 === 1;
      const y = TEXT_BOTTOM + 4 * MM;
      if (zh) {
        pdf.text(`— ${n} —`, PAGE.left + (odd ? 0 : oneChar), y, {
          width: TEXT_WIDTH - oneChar,
          align: odd ? 'right' : 'left',
          lineBreak: false,
        });
      } else {
        pdf.text(String(n), PAGE.left, y, { width: TEXT_WIDTH, align: 'center', lineBreak: false });
      }
      pdf.page.margins.bottom = bottom;
    }
  }

  finish(): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      this.pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
      this.pdf.on('end', () => resolve(Buffer.concat(chunks)));
      this.pdf.on('error', reject);
      this.pdf.end();
    });
  }
}

function writeBlocks(out: PdfWriter, blocks: readonly Block[], breakBefore: number | undefined): void {
  const { theme } = out;
  const labels = blockLabels(blocks, theme.locale);
  const indent = theme.indent / 20;
  blocks.forEach((block, i) => {
    if (i === breakBefore) {
      out.newPage();
    }
    const label = labels[i] ?? '';
    switch (block.type) {
      case 'heading': {
        // Keep a heading, and any headings right after it, with two lines of what follows.
        let headings = 1;
        while (blocks[i + headings]?.type === 'heading') {
          headings += 1;
        }
        out.ensure((headings + 2) * out.use(theme.body));
        out.line(label + block.text, theme.headings[block.level], { indent }, theme.paragraphAfter / 20);
        return;
      }
      case 'paragraph':
        out.paragraph(block.runs, theme.body, { indent, align: 'justify' });
        return;
      case 'list':
        for (const item of block.items) {
          out.paragraph([{ text: '• ' }, ...item], theme.body, { indent, align: 'justify' });
        }
        return;
      case 'table':
        out.table(block, label);
        return;
      case 'figure':
        out.figure(block, label);
        return;
      case 'chart':
        // drawCharts turned every chart into a figure before writing.
        return;
      case 'pageBreak':
        out.newPage();
        return;
      case 'sheet':
        // A sheet starts a new page, unless it is the first block (as in the DOCX).
        if (i > 0) {
          out.newPage();
        }
        out.line(block.title, theme.sheet, { align: 'center', characterSpacing: 0 }, out.use(theme.body));
        return;
    }
  });
}

/**
 * Lays the document out once. Returns null, writing nothing more, when the closing would stand alone at the top of a
 * page and `breakBefore` was not given: the caller then lays it out again with the last text block moved onto that
 * page, as GB/T 9704-2012 7.3.5 wants the signature with text above it (the DOCX keeps the last line with it).
 */
function layout(doc: ReportDocument, breakBefore: number | undefined): PdfWriter | null {
  const theme = themeOf(doc.locale);
  const out = new PdfWriter(theme, {
    Title: textLines(doc.title).join(' '),
    Author: cleanText(doc.issuer),
    Subject: cleanText(doc.subtitle ?? ''),
    Creator: 'Shanzhi 善治',
  });
  const pitch = out.use(theme.body);
  const centred = { align: 'center' as const, characterSpacing: 0 };
  if (doc.documentNumber !== undefined) {
    out.line(doc.documentNumber, theme.body, centred, pitch);
  }
  out.line(doc.title, theme.title, centred);
  if (doc.subtitle !== undefined) {
    out.line(doc.subtitle, theme.subtitle, centred);
  }
  out.pdf.y += pitch;
  if (doc.addressee !== undefined) {
    out.line(doc.addressee, theme.body, {}, theme.paragraphAfter / 20);
  }
  writeBlocks(out, doc.blocks, breakBefore);

  // The closing, kept together and after one empty line (GB/T 9704-2012 7.3.5.2).
  const date = formatDocumentDate(doc.date, theme.locale);
  const em = theme.body.size / 2 + theme.charSpacing / 20;
  const last = doc.blocks.length - 1;
  const lastType = doc.blocks[last]?.type;
  if (
    breakBefore === undefined &&
    (lastType === 'paragraph' || lastType === 'list') &&
    out.pdf.y + 3 * pitch > TEXT_BOTTOM
  ) {
    return null;
  }
  out.ensure(3 * pitch);
  out.pdf.y += pitch;
  if (theme.locale === 'zh-CN') {
    const place = signaturePlacement(cleanText(doc.issuer), date);
    out.line(doc.issuer, theme.body, { align: 'right', width: TEXT_WIDTH - place.issuer * em });
    if ('start' in place.date) {
      out.use(theme.body);
      out.pdf.text(date, PAGE.left + TEXT_WIDTH - place.date.start * em, out.pdf.y, {
        width: place.date.start * em + 2,
        characterSpacing: theme.charSpacing / 20,
        lineBreak: false,
      });
    } else {
      out.line(date, theme.body, { align: 'right', width: TEXT_WIDTH - place.date.right * em });
    }
  } else {
    out.line(doc.issuer, theme.body, { align: 'right' });
    out.line(date, theme.body, { align: 'right' });
  }
  out.pageNumbers();
  return out;
}

/** Renders a report document to PDF with pdfkit (see the file comment). Throws `invalid_input` on a bad model. */
export async function renderPdfFallback(input: ReportDocument): Promise<Buffer> {
  const doc = await drawCharts(checkDocument(input));
  const out = layout(doc, undefined) ?? (layout(doc, doc.blocks.length - 1) as PdfWriter);
  return out.finish();
}
