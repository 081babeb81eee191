/** The stats API over the weekly cube (see docs/stats.md). */

export { MEASURE_NAMES, type MeasureName } from './stats.measures.js';
export { statsRoutes } from './stats.routes.js';
export type {
  RecordFlag,
  Stats,
  StatsDimension,
  StatsQuery,
  StatsRecordPage,
  StatsRecordsQuery,
  StatsRow,
} from './stats.schema.js';
export { RECORD_FLAGS, STATS_DIMENSIONS } from './stats.schema.js';
export { getStats, type StatsDeps } from './stats.service.js';
export { type ExportFormat, exportStats, type StatsFile } from './stats-export.service.js';
export { listStatsRecords, type StatsRecordsDeps } from './stats-records.service.js';
