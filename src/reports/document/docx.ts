/**
 * DOCX renderer of the report document model, with the `docx` library. zh-CN documents follow GB/T 9704-2012
 * (党政机关公文格式); the numbers behind each setting are explained in docx-style.ts. Structure of a document: optional
 * 发文字号, title (and subtitle), 主送机关, the blocks, then 发文机关署名 and 成文日期; page numbers in the footer.
 */
import { fileURLToPath } from 'node:url';
import {
  AlignmentType,
  Document,
  Footer,
  ImageRun,
  type IParagraphOptions,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TextRun,
} from 'docx';
import { checkDocument } from './check.js';
import type { Block, FigureBlock, ReportDocument } from './document.js';
import {
  EM,
  FONTS,
  FOOTER_DISTANCE,
  fontTableXml,
  PAGE,
  TEXT_HEIGHT,
  TEXT_WIDTH,
  type TextStyle,
  type Theme,
  themeOf,
} from './docx-style.js';
import { renderTable } from './docx-table.js';
import { type ParagraphOptions, runsOf, runsOfParts, textSpacing } from './docx-text.js';
import { drawCharts } from './draw-charts.js';
import { blockLabels, cleanText, displayWidth, formatDocumentDate } from './format.js';

/** Absolute path of the fontconfig file mapping the GB/T 9704 font names to installed fonts (for LibreOffice). */
export const FONTCONFIG_FILE = fileURLToPath(new URL('./fonts.conf', import.meta.url));

/** 96 dpi: one pixel is 15 twips. */
const TWIPS_PER_PIXEL = 15;

type Child = Paragraph | Table;

/** A figure at its pixel size (96 dpi), shrunk to fit the type area. */
function figureRun(figure: FigureBlock): ImageRun {
  const scale = Math.min(
    1,
    TEXT_WIDTH / TWIPS_PER_PIXEL / figure.width,
    (TEXT_HEIGHT * 0.8) / TWIPS_PER_PIXEL / figure.height,
  );
  const caption = figure.caption === undefined ? '' : cleanText(figure.caption);
  return new ImageRun({
    type: 'png',
    data: figure.png,
    transformation: {
      width: Math.max(1, Math.floor(figure.width * scale)),
      height: Math.max(1, Math.floor(figure.height * scale)),
    },
    altText: { name: 'figure', title: caption, description: caption },
  });
}

/** Where the closing goes, in 一字 from the right edge of the type area. */
export interface SignaturePlacement {
  /** Right indent of the issuer. */
  issuer: number;
  /** The date either starts `start` 一字 left of the right edge (left-aligned there) or is right-aligned `right` in. */
  date: { start: number } | { right: number };
}

/**
 * 发文机关署名 and 成文日期 without a seal (GB/T 9704-2012 7.3.5.2): the issuer right-aligned two 一字 from the right
 * edge, the date on the next line starting two 一字 right of the issuer's first character; when the date would then
 * come closer than two 一字 to the edge, it keeps two 一字 and the issuer moves left instead. The date is placed by its
 * start rather than right-aligned because its width depends on the digits' font and on Asian/Latin autospacing,
 * while the issuer's (Chinese characters, one 一字 each) is known.
 */
export function signaturePlacement(issuer: string, date: string): SignaturePlacement {
  const issuerWidth = displayWidth(issuer);
  const dateWidth = displayWidth(date);
  const dateStart = 2 + issuerWidth - 2;
  return dateStart - dateWidth >= 2
    ? { issuer: 2, date: { start: dateStart } }
    : { issuer: 2 + dateWidth + 2 - issuerWidth, date: { right: 2 } };
}

function pageNumberFooter(theme: Theme, side: 'left' | 'right' | 'center'): Footer {
  const style = theme.pageNumber;
  const font = FONTS[style.cjk].name;
  const zh = theme.locale === 'zh-CN';
  // GB/T 9704-2012 7.5: 4号半角宋体阿拉伯数字 between two 一字线; odd pages right, even pages left, one 一字 in.
  const oneChar = (style.size / 2) * 20;
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === 'left' ? AlignmentType.LEFT : side === 'right' ? AlignmentType.RIGHT : AlignmentType.CENTER,
        indent: side === 'left' ? { left: oneChar } : side === 'right' ? { right: oneChar } : {},
        children: [
          new TextRun({
            children: zh ? ['— ', PageNumber.CURRENT, ' —'] : [PageNumber.CURRENT],
            font: {
              ascii: zh ? font : FONTS[style.latin].name,
              hAnsi: zh ? font : FONTS[style.latin].name,
              eastAsia: font,
              hint: 'eastAsia',
            },
            size: style.size,
          }),
        ],
      }),
    ],
  });
}

/**
 * Collects the document's paragraphs and tables in order. Paragraphs stay options until the end, so a page break can
 * land on the next paragraph (pageBreakBefore, no empty line at the top of the new page) and the closing can pull the
 * last line of text along (GB/T 9704 does not let the signature and date stand alone on a page).
 */
class BodyWriter {
  private readonly items: (IParagraphOptions | Table)[] = [];
  breakPending = false;

  paragraph(options: IParagraphOptions): void {
    this.items.push(this.breakPending ? { ...options, pageBreakBefore: true } : options);
    this.breakPending = false;
  }

  table(table: Table): void {
    if (this.breakPending) {
      this.paragraph({ spacing: { line: 20, lineRule: LineRuleType.EXACT, before: 0, after: 0 }, children: [] });
    }
    this.items.push(table);
  }

  /** Keeps the last paragraph written (if the last item is one) on the page of what follows. */
  keepLastWithNext(): void {
    const last = this.items.length - 1;
    const item = this.items[last];
    if (item !== undefined && !(item instanceof Table)) {
      this.items[last] = { ...item, keepNext: true };
    }
  }

  build(): Child[] {
    return this.items.map((item) => (item instanceof Table ? item : new Paragraph(item)));
  }
}

function writeBlocks(out: BodyWriter, blocks: readonly Block[], theme: Theme): void {
  const labels = blockLabels(blocks, theme.locale);
  const text = (runs: TextRun[], options: ParagraphOptions = {}) =>
    out.paragraph({
      alignment: AlignmentType.JUSTIFIED,
      indent: { firstLine: theme.indent },
      spacing: textSpacing(theme),
      ...options,
      children: runs,
    });
  const centred = (runs: TextRun[], options: ParagraphOptions = {}) =>
    out.paragraph({ alignment: AlignmentType.CENTER, spacing: textSpacing(theme, 0), ...options, children: runs });

  blocks.forEach((block, i) => {
    const label = labels[i] ?? '';
    switch (block.type) {
      case 'heading':
        text(runsOf(label + block.text, theme.headings[block.level], theme), {
          alignment: AlignmentType.LEFT,
          keepNext: true,
          keepLines: true,
          outlineLevel: block.level - 1,
        });
        return;
      case 'paragraph':
        text(runsOfParts(block.runs, theme.body, theme));
        return;
      case 'list':
        for (const item of block.items) {
          text(runsOfParts([{ text: '• ' }, ...item], theme.body, theme));
        }
        return;
      case 'table': {
        if (block.caption !== undefined) {
          centred(runsOf(label + block.caption, theme.caption, theme), { keepNext: true });
        }
        out.table(renderTable(block, theme));
        const prefix = theme.locale === 'zh-CN' ? '注：' : 'Note: ';
        (block.notes ?? []).forEach((note, n) => {
          out.paragraph({
            alignment: AlignmentType.JUSTIFIED,
            spacing: { line: theme.tableLine, lineRule: LineRuleType.EXACT, before: n === 0 ? 60 : 0, after: 0 },
            // Later notes line up under the first note's text, after the 注： prefix.
            indent: n === 0 ? {} : { left: Math.round(displayWidth(prefix) * theme.note.size * 10) },
            children: runsOf((n === 0 ? prefix : '') + note, theme.note, theme),
          });
        });
        // Air between the table (or its notes) and the next line of text.
        out.paragraph({ spacing: { line: 200, lineRule: LineRuleType.EXACT, before: 0, after: 0 }, children: [] });
        return;
      }
      case 'figure':
        // Auto line spacing: an exact line height would crop the picture to one line.
        out.paragraph({
          alignment: AlignmentType.CENTER,
          keepNext: block.caption !== undefined,
          spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 0, after: 0 },
          children: [figureRun(block)],
        });
        if (block.caption !== undefined) {
          centred(runsOf(label + block.caption, theme.caption, theme), { spacing: textSpacing(theme) });
        }
        return;
      case 'pageBreak':
        out.breakPending = true;
        return;
      case 'sheet':
        out.breakPending = i > 0;
        centred(runsOf(block.title, theme.sheet, theme), { keepNext: true });
        return;
    }
  });
}

/** 发文字号, title, subtitle, 主送机关; the blocks; then 发文机关署名 and 成文日期 after one empty line. */
function renderDocumentBody(doc: ReportDocument, theme: Theme): Child[] {
  const out = new BodyWriter();
  const centred = (value: string, style: TextStyle) =>
    out.paragraph({
      alignment: AlignmentType.CENTER,
      spacing: textSpacing(theme, 0),
      children: runsOf(value, style, theme),
    });
  const blank = (keepNext = false) => out.paragraph({ keepNext, spacing: textSpacing(theme, 0), children: [] });
  if (doc.documentNumber !== undefined) {
    centred(doc.documentNumber, theme.body);
    blank();
  }
  centred(doc.title, theme.title);
  if (doc.subtitle !== undefined) {
    centred(doc.subtitle, theme.subtitle);
  }
  blank();
  if (doc.addressee !== undefined) {
    out.paragraph({ spacing: textSpacing(theme), children: runsOf(doc.addressee, theme.body, theme) });
  }

  writeBlocks(out, doc.blocks, theme);

  const date = formatDocumentDate(doc.date, theme.locale);
  const place: SignaturePlacement =
    theme.locale === 'zh-CN' ? signaturePlacement(cleanText(doc.issuer), date) : { issuer: 0, date: { right: 0 } };
  const signed = (value: string, options: ParagraphOptions) =>
    out.paragraph({
      keepNext: true,
      spacing: textSpacing(theme, 0),
      ...options,
      children: runsOf(value, theme.body, theme),
    });
  out.keepLastWithNext();
  blank(true);
  signed(doc.issuer, { alignment: AlignmentType.RIGHT, indent: { right: Math.round(place.issuer * EM) } });
  signed(
    date,
    'start' in place.date
      ? { alignment: AlignmentType.LEFT, indent: { left: TEXT_WIDTH - Math.round(place.date.start * EM) } }
      : { alignment: AlignmentType.RIGHT, indent: { right: Math.round(place.date.right * EM) } },
  );
  return out.build();
}

/** Renders a report document to DOCX bytes (GB/T 9704-2012 layout in zh-CN). Throws `invalid_input` on a bad model. */
export async function renderDocx(input: ReportDocument): Promise<Buffer> {
  const doc = await drawCharts(checkDocument(input));
  const theme = themeOf(doc.locale);
  const zh = theme.locale === 'zh-CN';
  const body = theme.body;
  const bodyFont = {
    ascii: FONTS[body.latin].name,
    hAnsi: FONTS[body.latin].name,
    cs: FONTS[body.latin].name,
    eastAsia: FONTS[body.cjk].name,
  };
  const run = {
    font: bodyFont,
    size: body.size,
    sizeComplexScript: body.size,
    // Latin text is English and Chinese is zh-CN, as Chinese Word writes it. With zh-CN as the Latin language too,
    // LibreOffice breaks lines inside numbers (6月1|3日).
    language: { value: 'en-US', eastAsia: 'zh-CN' },
    ...(theme.charSpacing !== 0 ? { characterSpacing: theme.charSpacing } : {}),
  };
  const document = new Document({
    title: cleanText(doc.title),
    creator: cleanText(doc.issuer),
    description: cleanText(doc.subtitle ?? ''),
    // GB/T 9704 prints on both sides: odd page numbers on the right, even on the left.
    evenAndOddHeaderAndFooters: zh,
    // The body font in the document defaults and in Normal, the style LibreOffice takes its defaults from.
    styles: {
      default: { document: { run } },
      paragraphStyles: [{ id: 'Normal', name: 'Normal', run }],
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: {
              top: PAGE.top,
              bottom: PAGE.bottom,
              left: PAGE.left,
              right: PAGE.right,
              header: FOOTER_DISTANCE,
              footer: FOOTER_DISTANCE,
            },
          },
          ...(theme.lineExact !== undefined ? { grid: { linePitch: theme.lineExact } } : {}),
        },
        footers: zh
          ? { default: pageNumberFooter(theme, 'right'), even: pageNumberFooter(theme, 'left') }
          : { default: pageNumberFooter(theme, 'center') },
        children: renderDocumentBody(doc, theme),
      },
    ],
  });
  return Packer.toBuffer(document, false, [{ path: 'word/fontTable.xml', data: fontTableXml() }]);
}
