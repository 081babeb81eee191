export { engineRoutes } from './engine/engine.routes.js';
export {
  type EngineDeps,
  type EngineInput,
  type EngineResult,
  type EngineTrigger,
  lastCompleteWeek,
  runAfterWrites,
  runWarningsEngine,
} from './engine/engine.service.js';
export { selectTownsWithRecords, selectWarningLines } from './engine/run.repo.js';
export { runScheduledWarnings } from './engine/schedule.js';
export { presentMonthlyProblem } from './monthly-problem.presenter.js';
export { monthlyProblemRoutes } from './monthly-problem.routes.js';
export type {
  CreateMonthlyProblemInput,
  ListMonthlyProblemsQuery,
  MonthlyProblem,
  MonthlyProblemList,
  UpdateMonthlyProblemInput,
} from './monthly-problem.schema.js';
export { monthlyProblemStatuses } from './monthly-problem.schema.js';
export { listMonthlyProblems, promoteWarning, updateMonthlyProblem } from './monthly-problem.service.js';
export { parseFacts, parseMethods, parseSamples, presentWarning } from './warning.presenter.js';
export { findWarningRow, listWarningRows, type WarningRow, warningScopeCondition } from './warning.repo.js';
export { warningRoutes } from './warning.routes.js';
export type {
  AcknowledgeInput,
  CloseInput,
  DismissInput,
  ListWarningsQuery,
  RectifyInput,
  ReopenInput,
  UpdateRectificationInput,
  Warning,
  WarningDetail,
  WarningEvent,
  WarningFacts,
  WarningPage,
  WarningSample,
} from './warning.schema.js';
export {
  warningDetailSchema,
  warningSchema,
  warningSeverities,
  warningSituations,
  warningStatuses,
  warningTypes,
} from './warning.schema.js';
export { getWarning, listWarnings, type WarningDeps, type WarningRouteDeps } from './warning.service.js';
export {
  acknowledgeWarning,
  closeWarning,
  dismissWarning,
  eventActor,
  rectifyWarning,
  reopenWarning,
  updateRectification,
} from './warning-lifecycle.service.js';
