/**
 * The engine on schedule (`shanzhi serve` asks every few minutes): each town with records, once a day after 07:00
 * town time for the week so far — new words and sharp surges show before the week ends — and once after the week
 * has ended for the whole week. A run that failed is tried again at the next tick. Several processes may ask at once
 * (PostgreSQL): the engine's writes are idempotent, so a second run of the same week changes nothing.
 */
import { addWeeks, dayOf, isoWeekOf, startOfDay, weekEnd } from '../../core/time/index.js';
import { type EngineDeps, type EngineResult, runWarningsEngine } from './engine.service.js';
import { selectLastGoodRun, selectTownsWithRecords } from './run.repo.js';

/** Hour of the town's day (Asia/Shanghai) from which the day's run is due. */
export const SCHEDULE_HOUR = 7;
const HOUR_MS = 3_600_000;

/** The weeks due at `now` given when each last ran well: the week just ended, then the week so far. */
export function dueWeeks(now: number, lastGoodRun: (week: number) => number | undefined): number[] {
  const today = startOfDay(dayOf(now));
  if (now < today + SCHEDULE_HOUR * HOUR_MS) {
    return [];
  }
  const thisWeek = isoWeekOf(dayOf(now));
  const lastWeek = addWeeks(thisWeek, -1);
  const due: number[] = [];
  const endedAt = startOfDay(weekEnd(lastWeek)) + 24 * HOUR_MS;
  if ((lastGoodRun(lastWeek) ?? 0) < endedAt) {
    due.push(lastWeek);
  }
  if ((lastGoodRun(thisWeek) ?? 0) < today + SCHEDULE_HOUR * HOUR_MS) {
    due.push(thisWeek);
  }
  return due;
}

export async function runScheduledWarnings(
  deps: EngineDeps,
): Promise<(EngineResult | { townId: number; error: string })[]> {
  const now = (deps.now ?? Date.now)();
  const results: (EngineResult | { townId: number; error: string })[] = [];
  for (const townId of await selectTownsWithRecords(deps.db)) {
    const thisWeek = isoWeekOf(dayOf(now));
    const last = new Map<number, number | undefined>();
    for (const week of [addWeeks(thisWeek, -1), thisWeek]) {
      last.set(week, await selectLastGoodRun(deps.db, townId, week));
    }
    for (const week of dueWeeks(now, (w) => last.get(w))) {
      try {
        results.push(await runWarningsEngine(deps, { town: { id: townId }, week, trigger: 'schedule' }));
      } catch (error) {
        results.push({ townId, error: error instanceof Error ? error.message : String(error) });
      }
    }
  }
  return results;
}
