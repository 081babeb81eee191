export { changedFields, type FieldChanges } from './audit.diff.js';
export { auditRoutes } from './audit.routes.js';
export type { AuditEntryView, AuditPage, AuditQuery, ChainVerification } from './audit.schema.js';
export {
  type AuditEntry,
  type AuditReadDeps,
  appendAudit,
  listAudit,
  verifyAuditChain,
} from './audit.service.js';
