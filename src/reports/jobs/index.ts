/** Scheduled reports: which runs are due, claiming each run in exactly one process, building it, retries. */
export { type DueRun, dueRuns } from './due.js';
export { type JobKey, type JobRow, selectScheduledTowns } from './job.repo.js';
export { reportJobRoutes } from './job.routes.js';
export {
  BACKOFF_MS,
  claimJob,
  type JobDeps,
  type JobOutcome,
  LEASE_MS,
  listReportJobs,
  MAX_ATTEMPTS,
  runClaimedJob,
  runDueReports,
} from './job.service.js';
