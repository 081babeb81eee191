/** Report documents: the renderer-neutral model, its text rules, and the DOCX (GB/T 9704-2012), HTML, PDF and XLSX renderers. */
export { checkDocument } from './check.js';
export {
  type Block,
  bold,
  type Cell,
  type ChartBlock,
  type ColumnAlign,
  type ColumnSpec,
  chart,
  type DocumentKind,
  type FigureBlock,
  figure,
  type HeaderCell,
  type HeadingBlock,
  type HeadingLevel,
  heading,
  isPng,
  type ListBlock,
  list,
  type PageBreakBlock,
  type ParagraphBlock,
  pageBreak,
  paragraph,
  pngSize,
  type ReportDocument,
  type Run,
  type SheetBlock,
  sheet,
  type TableBlock,
  table,
} from './document.js';
export { FONTCONFIG_FILE, renderDocx, type SignaturePlacement, signaturePlacement } from './docx.js';
export { FONTS, LINE_PITCH, PAGE, TEXT_HEIGHT, TEXT_WIDTH } from './docx-style.js';
export { drawCharts } from './draw-charts.js';
export {
  blockLabels,
  chineseNumber,
  cleanText,
  displayWidth,
  formatCell,
  formatDocumentDate,
  textLines,
} from './format.js';
export { escapeHtml, type HtmlOptions, renderHtml } from './html.js';
export {
  CHROMIUM_ENV,
  closePdfBrowser,
  findChromium,
  PDF_ENGINE_ENV,
  type PdfEngine,
  type PdfOptions,
  pdfEngine,
  type RenderedPdf,
  renderPdf,
} from './pdf.js';
export {
  CONTENT_TYPES,
  REPORT_FORMATS,
  type RenderedReport,
  type ReportFormat,
  renderReport,
} from './render-report.js';
// pdf-fallback.ts (pdfkit) and xlsx.ts (exceljs) are reached through renderReport/renderPdf, which import them on
// first use: loading them costs 0.3–0.4 s each, which every command would otherwise pay at start-up.
