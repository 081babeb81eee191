export { detectFileProfile, type ProfileProposal } from './detect.service.js';
export { markInterruptedBatches } from './import.batch.js';
export { importRoutes } from './import.routes.js';
export {
  type ImportDeps,
  type ImportIssue,
  type ImportProgress,
  type ImportRequest,
  type ImportResult,
  runImport,
  type StartedImport,
  startImport,
} from './import.service.js';
export type { Profile, ProfileInput } from './profile.schema.js';
export { listProfiles, loadProfile, type ProfileSource } from './profile.service.js';
