/** Report documents: the renderer-neutral model, its text rules, and the DOCX renderer (GB/T 9704-2012 in zh-CN). */
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
export { REPORT_FORMATS, type RenderedReport, type ReportFormat, renderReport } from './render-report.js';
