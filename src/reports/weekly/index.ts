/** The weekly case bulletin (案件信息通报): a ReportDocument written from the stats and warnings services. */
export {
  parseWeeklyInput,
  type WeeklyBulletinInput,
  type WeeklyDeps,
  weeklyBulletinSchema,
} from './weekly.schema.js';
export { buildWeeklyBulletin, weeklyQueries } from './weekly.service.js';
