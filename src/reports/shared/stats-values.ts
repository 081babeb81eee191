import type { Locale } from '../../core/time/index.js';
import type { Stats, StatsRow } from '../../stats/index.js';

/* Reading the stats service's answers the way every report does: names in the locale, counts, moves between periods. */

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

/**
 * Each key of `dimension` with its records in `period` and in the other period of a two-period answer, the largest
 * rise first and the largest fall last. Reading both periods as rows (not the `pop` comparison) keeps a key that fell
 * to zero, which a one-period answer would not list.
 */
export function movesOf(stats: Stats, dimension: string, period: string, locale: Locale): Move[] {
  const byKey = new Map<string, Move>();
  for (const row of stats.rows) {
    const key = row.keys[dimension];
    const id = `${key?.code ?? ''}|${key?.name ?? ''}`;
    const move = byKey.get(id) ?? { name: keyName(row, dimension, locale), now: 0, before: 0 };
    if (row.period === period) {
      move.now += count(row.values, 'records');
    } else {
      move.before += count(row.values, 'records');
    }
    byKey.set(id, move);
  }
  return [...byKey.values()].sort((a, b) => b.now - b.before - (a.now - a.before) || a.name.localeCompare(b.name));
}
