import type { ReportDocument } from './document.js';
import { renderDocx } from './docx.js';
import { renderHtml } from './html.js';
import { type PdfEngine, renderPdf } from './pdf.js';

/** The file formats a report is written in. */
export const REPORT_FORMATS = ['docx', 'pdf', 'html', 'xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface RenderedReport {
  bytes: Buffer;
  contentType: string;
  /** The file name extension, without the dot. */
  extension: string;
  /** For PDF: which engine wrote it (Chromium, or the pdfkit fallback). */
  engine?: PdfEngine;
}

export const CONTENT_TYPES: Record<ReportFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  html: 'text/html; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** The document written in one format: the one entry point the CLI, the API and the archive use. */
export async function renderReport(doc: ReportDocument, format: ReportFormat): Promise<RenderedReport> {
  const contentType = CONTENT_TYPES[format];
  switch (format) {
    case 'docx':
      return { bytes: await renderDocx(doc), contentType, extension: 'docx' };
    case 'pdf': {
      const { bytes, engine } = await renderPdf(doc);
      return { bytes, contentType, extension: 'pdf', engine };
    }
    case 'html':
      return { bytes: Buffer.from(await renderHtml(doc), 'utf8'), contentType, extension: 'html' };
    case 'xlsx':
      // Imported here: exceljs takes 0.4 s to load, which the other formats and commands need not pay.
      return { bytes: await (await import('./xlsx.js')).renderXlsx(doc), contentType, extension: 'xlsx' };
  }
}
