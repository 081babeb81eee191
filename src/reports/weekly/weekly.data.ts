import type { Locale } from '../../core/time/index.js';
import { formatWeek, type IsoWeek } from '../../core/time/index.js';
import type { Stats } from '../../stats/index.js';
import { getWarning, listWarnings } from '../../warnings/index.js';
import { type Move, movesOf } from '../shared/index.js';
import type { WeeklyDeps } from './weekly.schema.js';

export { count, keyName, type Move, value } from '../shared/index.js';

/** How many of the week's warnings the bulletin lists with their advice. */
const MAX_WARNINGS = 20;

/** Each category's records this week and last week, the largest rise first and the largest fall last. */
export function categoryMoves(stats: Stats, week: string, locale: Locale): Move[] {
  return movesOf(stats, 'category2', week, locale);
}

export interface WeekWarning {
  severity: string;
  summary: string;
  advice: string;
}

/** The warnings last seen in the week (dismissed ones left out), red first, with their advice. */
export async function weekWarnings(
  deps: WeeklyDeps,
  townCode: string,
  week: IsoWeek,
  locale: Locale,
): Promise<WeekWarning[]> {
  const page = await listWarnings(deps, {
    town: townCode,
    from: formatWeek(week),
    to: formatWeek(week),
    status: 'new,acknowledged,rectifying,closed',
    limit: MAX_WARNINGS,
  });
  const out: WeekWarning[] = [];
  for (const item of page.items) {
    const detail = await getWarning(deps, item.id);
    const en = locale === 'en-US';
    out.push({
      severity: detail.severity,
      summary: en ? detail.summaryEn || detail.summary : detail.summary,
      advice: en ? detail.adviceEn || detail.advice : detail.advice,
    });
  }
  return out;
}
