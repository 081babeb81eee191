export { presentCase } from './case.presenter.js';
export { type CaseRow, insertCase, listCaseRows } from './case.repo.js';
export { caseRoutes } from './case.routes.js';
export type { Case, CaseData, CasePage, CreateCaseInput, ListCasesQuery } from './case.schema.js';
export { caseOutcomes, caseSchema, caseSources, caseStatuses, createCaseSchema } from './case.schema.js';
export { createCase, getCase, listCases, upsertCase, upsertCases } from './case.service.js';
export { presentComplainant, presentComplaint } from './complaint.presenter.js';
export { type ComplaintRow, insertComplaint, listComplaintRows } from './complaint.repo.js';
export { complaintRoutes } from './complaint.routes.js';
export type {
  Complainant,
  Complaint,
  ComplaintData,
  ComplaintPage,
  CreateComplaintInput,
  ListComplaintsQuery,
  RevealQuery,
} from './complaint.schema.js';
export {
  complaintChannels,
  complaintSchema,
  complaintStatuses,
  createComplaintSchema,
  revealQuerySchema,
  satisfactions,
} from './complaint.schema.js';
export {
  createComplaint,
  getComplaint,
  listComplaints,
  upsertComplaint,
  upsertComplaints,
} from './complaint.service.js';
export { maskPersonalText } from './personal-text.js';
export { checkRecordWrite, mayWriteRecord, type RecordWritePermission } from './record.access.js';
export { PERSONAL_DATA, recordAuditEntries } from './record.audit.js';
export { MAX_BATCH_ITEMS, type RecordBatchResult } from './record.batch.js';
export { createRefResolver, type RecordRefs, type RefResolver, requireTown } from './record.refs.js';
export {
  insertRecordRows,
  type RecordEb,
  type RecordFilter,
  type RecordPaging,
  scopeCondition,
} from './record.repo.js';
export { caseRow, complaintRow, recordCoreRow } from './record.rows.js';
export type {
  RecordDeps,
  RecordRouteDeps,
  RecordWriteDeps,
  RecordWriteOptions,
  RecordWriteResult,
} from './record.service.js';
export {
  type AfterWrite,
  type RecordInsert,
  type RecordTable,
  type RecordWrite,
  recordKey,
  type StoredRecord,
  type UpsertContext,
  type UpsertOutcome,
  upsertRecords,
} from './record.upsert.js';
export { complaintIdsByExternalNo } from './record.upsert.repo.js';
