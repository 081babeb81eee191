export { type AdviceTemplate, builtinAdviceTemplates, situations } from './advice.defaults.js';
export {
  type AdviceFacts,
  createAdviceDrafter,
  type DraftedAdvice,
  draftAdvice,
} from './advice.drafter.js';
export { adviceRoutes } from './advice.routes.js';
export type { AdviceTemplateView, PreviewResult } from './advice.schema.js';
export type { AdviceDeps } from './advice.service.js';
export {
  type FillFacts,
  fillTemplate,
  formatAdviceWeek,
  type LocalName,
  placeholders,
  validateTemplateText,
} from './advice.template.js';
