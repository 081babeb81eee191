export { type CaseRow, insertCase } from './case.repo.js';
export { caseRoutes } from './case.routes.js';
export type { Case, CasePage, CreateCaseInput, ListCasesQuery } from './case.schema.js';
export { caseOutcomes, caseSources, caseStatuses } from './case.schema.js';
export { createCase, getCase, listCases } from './case.service.js';
export { presentComplainant, presentComplaint } from './complaint.presenter.js';
export { type ComplaintRow, insertComplaint } from './complaint.repo.js';
export { complaintRoutes } from './complaint.routes.js';
export type {
  Complainant,
  Complaint,
  ComplaintPage,
  CreateComplaintInput,
  ListComplaintsQuery,
} from './complaint.schema.js';
export { complaintChannels, complaintStatuses, satisfactions } from './complaint.schema.js';
export { createComplaint, getComplaint, listComplaints } from './complaint.service.js';
export type { RecordDeps } from './record.service.js';
