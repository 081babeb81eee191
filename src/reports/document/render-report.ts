import type { ReportDocument } from './document.js';
import { renderDocx } from './docx.js';

/** The file formats a report is written in. */
export const REPORT_FORMATS = ['docx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface RenderedReport {
  bytes: Buffer;
  contentType: string;
  /** The file name extension, without the dot. */
  extension: string;
}

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** The document written in one format: the one entry point the CLI, the API and the archive use. */
export async function renderReport(doc: ReportDocument, format: ReportFormat): Promise<RenderedReport> {
  switch (format) {
    case 'docx':
      return { bytes: await renderDocx(doc), contentType: DOCX_TYPE, extension: 'docx' };
  }
}
