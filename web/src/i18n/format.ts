import type { Locale } from './messages';

/** A count with thousands separators (zh-CN and en-US both group by three). */
export function formatCount(value: number | null, locale: Locale): string {
  return value === null ? '—' : new Intl.NumberFormat(locale).format(value);
}

/** A rate 0–1 as a percentage with one decimal. */
export function formatRate(value: number | null): string {
  return value === null ? '—' : `${(value * 100).toFixed(1)}%`;
}

/** A duration in milliseconds as hours with one decimal. */
export function formatHours(ms: number | null): string {
  return ms === null ? '—' : (ms / 3_600_000).toFixed(1);
}

/** A relative change as a signed percentage; a rate's change in percentage points. */
export function formatChange(change: number | null, asPoints: boolean): string {
  if (change === null) {
    return '—';
  }
  const scaled = change * 100;
  const sign = scaled > 0 ? '+' : scaled < 0 ? '−' : '±';
  return `${sign}${Math.abs(scaled).toFixed(1)}${asPoints ? '' : '%'}`;
}
