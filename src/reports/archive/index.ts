/** The report archive: generated reports with their document snapshots, files rendered from them, the API. */
export { contentDisposition, reportRoutes } from './archive.routes.js';
export {
  type ArchiveDeps,
  type Report,
  type ReportDetail,
  type ReportList,
  type ReportTriggerName,
  reportLocales,
} from './archive.schema.js';
export {
  generateReport,
  getReport,
  listReports,
  regenerateReport,
  reportFile,
  requireReportType,
} from './archive.service.js';
export { decodeDocument, encodeDocument, reportFileName } from './archive.snapshot.js';
