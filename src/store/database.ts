import type { Kysely } from 'kysely';
import type { AppUserTable, AuditLogTable, LoginAttemptTable, UserRoleTable, UserSessionTable } from './tables/auth.js';
import type { CubeCellTable, CubeStateTable } from './tables/cube.js';
import type { EnterpriseTable } from './tables/enterprises.js';
import type {
  ApiKeyTable,
  IdempotencyKeyTable,
  ImportBatchTable,
  ImportIssueTable,
  RecordChangeTable,
} from './tables/intake.js';
import type { DepartmentTable } from './tables/orgs.js';
import type { PlaceClosureTable, PlaceTable } from './tables/places.js';
import type { ComplaintTable, EnforcementCaseTable } from './tables/records.js';
import type { ReportJobTable, ReportTable } from './tables/reports.js';
import type { CategoryTable, TaxonomyHeadTable, TaxonomyVersionTable } from './tables/taxonomy.js';
import type {
  AdviceTemplateTable,
  ComplaintTermsTable,
  MonthlyProblemTable,
  WarningEventTable,
  WarningRunTable,
  WarningTable,
  WarningVillageTable,
} from './tables/warnings.js';

/**
 * Every table of Shanzhi, as Kysely sees it. Portable column types only (see docs/architecture.md, "Data"):
 * instants are epoch milliseconds, days `YYYY-MM-DD` text, ISO weeks integers `YYYYWW`, flags 0/1 integers,
 * JSON as text.
 */
export interface Database {
  place: PlaceTable;
  place_closure: PlaceClosureTable;
  department: DepartmentTable;
  enterprise: EnterpriseTable;
  category: CategoryTable;
  taxonomy_version: TaxonomyVersionTable;
  taxonomy_head: TaxonomyHeadTable;
  complaint: ComplaintTable;
  enforcement_case: EnforcementCaseTable;
  import_batch: ImportBatchTable;
  import_issue: ImportIssueTable;
  record_change: RecordChangeTable;
  idempotency_key: IdempotencyKeyTable;
  api_key: ApiKeyTable;
  cube_cell: CubeCellTable;
  cube_state: CubeStateTable;
  app_user: AppUserTable;
  user_role: UserRoleTable;
  user_session: UserSessionTable;
  login_attempt: LoginAttemptTable;
  audit_log: AuditLogTable;
  warning: WarningTable;
  warning_village: WarningVillageTable;
  warning_event: WarningEventTable;
  warning_run: WarningRunTable;
  monthly_problem: MonthlyProblemTable;
  advice_template: AdviceTemplateTable;
  complaint_terms: ComplaintTermsTable;
  report: ReportTable;
  report_job: ReportJobTable;
}

export type Db = Kysely<Database>;
