import type { ReportTypeName } from '../../store/tables/reports.js';
import { latestDuePeriod, REPORT_TYPES, type ReportType } from '../report-types.js';

/** A scheduled run: one report type of one town for one period. */
export interface DueRun {
  townId: number;
  townCode: string;
  type: ReportTypeName;
  period: string;
  /** When it became due (epoch ms). */
  dueAt: number;
}

/**
 * The runs due at `now` for these towns: for each registered type, the latest period whose run time has come
 * (weekly: Monday 08:00 town time for the ISO week that ended; monthly and quarterly: 08:00 on the first working day
 * after the period). A run missed while no process was up is caught up until the next one is due; older missed runs
 * are not (a bulletin for three weeks ago helps nobody). Whether a run already happened is the job table's business.
 */
export function dueRuns(
  now: number,
  towns: readonly { id: number; code: string }[],
  types: Partial<Record<ReportTypeName, ReportType>> = REPORT_TYPES,
): DueRun[] {
  const runs: DueRun[] = [];
  for (const [type, definition] of Object.entries(types) as [ReportTypeName, ReportType][]) {
    const period = latestDuePeriod(definition.schedule, now);
    const dueAt = definition.schedule.dueAt(period);
    for (const town of towns) {
      runs.push({ townId: town.id, townCode: town.code, type, period, dueAt });
    }
  }
  return runs;
}
