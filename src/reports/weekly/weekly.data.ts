import type { Locale } from '../../core/time/index.js';
import { formatWeek, type IsoWeek } from '../../core/time/index.js';
import type { Stats, StatsRow } from '../../stats/index.js';
import { getWarning, listWarnings } from '../../warnings/index.js';
import type { WeeklyDeps } from './weekly.schema.js';

/** How many of the week's warnings the bulletin lists with their advice. */
const MAX_WARNINGS = 20;

/** A key's name in the locale (the English name when there is one). */
export function keyName(row: StatsRow, dimension: string, locale: Locale): string {
  const key = row.keys[dimension];
  if (!key) {
    return '';
  }
  return locale === 'en-US' ? (key.nameEn ?? key.name) : key.name;
}

/** A measure's value, null when absent or null. */
export function value(values: Record<string, number | null> | undefined, measure: string): number | null {
  return values?.[measure] ?? null;
}

/** A count measure's value, 0 when absent. */
export function count(values: Record<string, number | null> | undefined, measure: string): number {
  return values?.[measure] ?? 0;
}

export interface Move {
  name: string;
  now: number;
  before: number;
}

/** Each category's records this week and last week, the largest rise first and the largest fall last. */
export function categoryMoves(stats: Stats, week: string, locale: Locale): Move[] {
  const byKey = new Map<string, Move>();
  for (const row of stats.rows) {
    const key = row.keys.category2;
    const id = `${key?.code ?? ''}|${key?.name ?? ''}`;
    const move = byKey.get(id) ?? { name: keyName(row, 'category2', locale), now: 0, before: 0 };
    if (row.period === week) {
      move.now += count(row.values, 'records');
    } else {
      move.before += count(row.values, 'records');
    }
    byKey.set(id, move);
  }
  return [...byKey.values()].sort((a, b) => b.now - b.before - (a.now - a.before) || a.name.localeCompare(b.name));
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
