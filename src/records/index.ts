export { type CaseRow, insertCase } from './case.repo.js';
export { caseRoutes } from './case.routes.js';
export type { Case, CaseData, CasePage, CreateCaseInput, ListCasesQuery } from './case.schema.js';
export { caseOutcomes, caseSources, caseStatuses, createCaseSchema } from './case.schema.js';
export { createCase, getCase, listCases } from './case.service.js';
export { presentComplainant, presentComplaint } from './complaint.presenter.js';
export { type ComplaintRow, insertComplaint } from './complaint.repo.js';
export { complaintRoutes } from './complaint.routes.js';
export type {
  Complainant,
  Complaint,
  ComplaintData,
  ComplaintPage,
  CreateComplaintInput,
  ListComplaintsQuery,
} from './complaint.schema.js';
export { complaintChannels, complaintStatuses, createComplaintSchema, satisfactions } from './complaint.schema.js';
export { createComplaint, getComplaint, listComplaints } from './complaint.service.js';
export { createRefResolver, type RecordRefs, type RefResolver, requireTown } from './record.refs.js';
export { insertRecordRows } from './record.repo.js';
export { caseRow, complaintRow, recordCoreRow } from './record.rows.js';
export type { RecordDeps } from './record.service.js';
