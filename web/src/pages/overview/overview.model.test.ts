import { describe, expect, it } from 'vitest';
import type { StatsAnswer, StatsRow } from '../../api/stats';
import { currentPeriod, isoWeekOf, kpis, trendQuery } from './overview.model';

const row = (period: string, values: Record<string, number | null>, extra: Partial<StatsRow> = {}): StatsRow => ({
  period,
  keys: {},
  values,
  ...extra,
});
const kind = (code: string) => ({ kind: { id: 0, code, name: code, nameEn: null } });

describe('the overview model', () => {
  it('shows the latest period with records, not the one just begun', () => {
    const answer: StatsAnswer = {
      asOf: null,
      asOfMs: null,
      periods: ['2026-10', '2026-11', '2026-12'],
      rows: [],
      totals: [row('2026-10', { records: 5 }), row('2026-11', { records: 3 }), row('2026-12', { records: 0 })],
    };
    expect(currentPeriod(answer)).toBe('2026-11');
    expect(currentPeriod({ ...answer, totals: [row('2026-12', { records: 0 })] })).toBe('2026-12');
  });

  it('reads complaints and cases from the kind rows and the rest from the totals', () => {
    const change = { period: '2025-11', values: {}, change: { records: 0.5, overdue: -0.25, responseRate: 0.05 } };
    const answer: StatsAnswer = {
      asOf: null,
      asOfMs: null,
      periods: ['2026-11'],
      rows: [
        row('2026-11', { records: 30 }, { keys: kind('complaint'), yoy: change }),
        row('2026-11', { records: 12 }, { keys: kind('case') }),
      ],
      totals: [row('2026-11', { records: 42, overdue: 4, responseRate: 0.9, handlingMedian: null }, { pop: change })],
    };
    const cards = Object.fromEntries(kpis(answer, '2026-11').map((kpi) => [kpi.id, kpi]));
    expect(cards.complaints).toMatchObject({ value: 30, yoy: 0.5, pop: null, format: 'count' });
    expect(cards.cases).toMatchObject({ value: 12, yoy: null });
    expect(cards.overdue).toMatchObject({ value: 4, pop: -0.25 });
    expect(cards.responseRate).toMatchObject({ value: 0.9, pop: 0.05, format: 'rate' });
    expect(cards.handlingMedian).toMatchObject({ value: null, format: 'duration' });
    expect(cards.difficult?.value).toBeNull();
  });

  it('names ISO weeks in town time (UTC+8), across year ends', () => {
    expect(isoWeekOf(Date.parse('2026-11-29T15:59:00Z'))).toBe('2026W48'); // Sunday 23:59 in town
    expect(isoWeekOf(Date.parse('2026-11-29T16:00:00Z'))).toBe('2026W49'); // Monday 00:00 in town
    expect(isoWeekOf(Date.parse('2021-01-03T00:00:00Z'))).toBe('2020W53');
    expect(isoWeekOf(Date.parse('2024-12-30T00:00:00Z'))).toBe('2025W01');
  });

  it('asks the trend for the 26 weeks ending with the as-of week', () => {
    const query = trendQuery('330782199', Date.parse('2026-11-30T02:00:00+08:00'), {});
    expect(query).toMatchObject({ period: 'week', from: '2026W24', to: '2026W49', compare: ['yoy'] });
  });
});
