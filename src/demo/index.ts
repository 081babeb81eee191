/**
 * The demo town (issue "The demo town"): a Yiwu-like town generated from a seed, with five years of complaints and
 * enforcement cases and the ground truth of the outbreaks and drifts injected into them. Pure: the database writer
 * and the export writers take what this module returns.
 */
export type { DemoCalendar } from './calendar.js';
export type { DemoCategory } from './categories.js';
export { CATEGORY_PROFILES, type CategoryProfile, categoryProfile } from './category-profiles.js';
export {
  createDemo,
  DEFAULT_DEMO_OPTIONS,
  DEMO_REFERENCE_DAY,
  DEMO_WEEKS,
  type Demo,
  type DemoOptions,
  type DemoWeek,
  demoRecords,
  demoWeek,
  demoWeeks,
  MAX_RECORDS,
  resolveDemoOptions,
} from './demo.js';
export type { DemoEnterprise } from './enterprises.js';
export { cellIndex, type DemoModel } from './model.js';
export { NEW_TERMS, type NewTerm } from './outbreaks.js';
export { FAKE_PHONE_PATTERN } from './people.js';
export { CHANNEL_SHARES } from './record-context.js';
export type { CaseDraft, ComplaintDraft, RecordDraft } from './record-draft.js';
export { SPRING_FESTIVAL, springFestival } from './spring-festival.js';
export type { DemoGroup, DemoTownMap, DemoVillage, LngLat } from './town.js';
export type { DemoTruth, TruthEvent } from './truth.js';
