import { describe, expect, it } from 'vitest';
import {
  formatInstant,
  lastCompletePeriod,
  listParams,
  listQuery,
  PAGE_SIZE,
  periodLabel,
  periodRecordsQuery,
  readListState,
  recentPeriods,
  recordsOf,
  sourceQueries,
  versionsQuery,
  weekMonday,
  weekOf,
} from './reports.model';

/** An instant given in town time (UTC+8). */
const town = (iso: string) => Date.parse(`${iso}+08:00`);

describe('periods', () => {
  it('reads ISO weeks in town time, across year ends', () => {
    expect(weekOf(town('2026-11-29T23:59:00'))).toBe('2026W48');
    // 2026-11-29 20:30 UTC is already Monday 30 November in the town.
    expect(weekOf(Date.parse('2026-11-29T20:30:00Z'))).toBe('2026W49');
    expect(weekOf(town('2021-01-03T12:00:00'))).toBe('2020W53');
    expect(weekOf(town('2024-12-30T08:00:00'))).toBe('2025W01');
    expect(new Date(weekMonday('2025W01')).toISOString().slice(0, 10)).toBe('2024-12-30');
    expect(new Date(weekMonday('2020W53')).toISOString().slice(0, 10)).toBe('2020-12-28');
  });

  it('defaults to the last complete week, month and quarter', () => {
    const sunday = town('2026-11-29T10:00:00');
    expect(lastCompletePeriod('weekly', sunday)).toBe('2026W47');
    expect(lastCompletePeriod('monthly', sunday)).toBe('2026-10');
    expect(lastCompletePeriod('quarterly', sunday)).toBe('2026Q3');
    const monday = town('2026-11-30T00:30:00');
    expect(lastCompletePeriod('weekly', monday)).toBe('2026W48');
    const newYear = town('2026-01-01T09:00:00');
    expect(lastCompletePeriod('weekly', newYear)).toBe('2025W52');
    expect(lastCompletePeriod('monthly', newYear)).toBe('2025-12');
    expect(lastCompletePeriod('quarterly', newYear)).toBe('2025Q4');
  });

  it('lists complete periods newest first, one step apart', () => {
    expect(recentPeriods('weekly', town('2021-01-12T09:00:00'), 3)).toEqual(['2021W01', '2020W53', '2020W52']);
    expect(recentPeriods('monthly', town('2026-02-10T09:00:00'), 3)).toEqual(['2026-01', '2025-12', '2025-11']);
    expect(recentPeriods('quarterly', town('2026-04-01T09:00:00'), 5)).toEqual([
      '2026Q1',
      '2025Q4',
      '2025Q3',
      '2025Q2',
      '2025Q1',
    ]);
    const weeks = recentPeriods('weekly', town('2026-11-29T10:00:00'), 156);
    expect(new Set(weeks).size).toBe(156);
    for (const [i, week] of weeks.slice(1).entries()) {
      expect(weekMonday(weeks[i] as string) - weekMonday(week)).toBe(7 * 86_400_000);
    }
  });

  it('names periods in both languages', () => {
    expect(periodLabel('2026W48', 'zh-CN')).toBe('2026年第48周（11月23日—11月29日）');
    expect(periodLabel('2025W01', 'zh-CN')).toBe('2025年第1周（12月30日—1月5日）');
    expect(periodLabel('2026W48', 'en-US')).toBe('Week 48, 2026 (Nov 23 – Nov 29)');
    expect(periodLabel('2026-06', 'zh-CN')).toBe('2026年6月');
    expect(periodLabel('2026-06', 'en-US')).toBe('Jun 2026');
    expect(periodLabel('2026Q2', 'zh-CN')).toBe('2026年第2季度');
    expect(periodLabel('2026Q2', 'en-US')).toBe('Q2 2026');
    expect(periodLabel('soon', 'zh-CN')).toBe('soon');
  });

  it('writes instants in town time', () => {
    expect(formatInstant(Date.parse('2026-11-29T20:30:00Z'))).toBe('2026-11-30 04:30');
  });
});

describe('the list in the address', () => {
  it('reads type, period and page, ignoring what does not fit', () => {
    expect(readListState(new URLSearchParams('type=weekly&period=2026W47&page=3'))).toEqual({
      type: 'weekly',
      period: '2026W47',
      page: 3,
    });
    expect(readListState(new URLSearchParams('type=daily&period=2026W47&page=-1'))).toEqual({
      type: undefined,
      period: undefined,
      page: 1,
    });
    expect(readListState(new URLSearchParams('page=1.5'))).toEqual({ type: undefined, period: undefined, page: 1 });
  });

  it('writes the state back and asks one page', () => {
    const state = { type: 'monthly' as const, period: '2026-10', page: 2 };
    expect(listParams(state).toString()).toBe('type=monthly&period=2026-10&page=2');
    expect(readListState(listParams(state))).toEqual(state);
    expect(listParams({ page: 1 }).toString()).toBe('');
    expect(listQuery('330782199', state)).toEqual({
      town: '330782199',
      type: 'monthly',
      period: '2026-10',
      limit: PAGE_SIZE,
      offset: PAGE_SIZE,
    });
  });

  it('asks the versions of a report by town, type, period and language', () => {
    expect(versionsQuery({ town: { code: '330782199' }, type: 'weekly', period: '2026W47', locale: 'zh-CN' })).toEqual({
      town: '330782199',
      type: 'weekly',
      period: '2026W47',
      locale: 'zh-CN',
      limit: 200,
    });
  });
});

describe('sources', () => {
  it('turns the stored stats queries into GET /api/stats query strings', () => {
    const sources = {
      type: 'weekly',
      queries: {
        overall: { town: '330782199', period: 'week', from: '2026W47', to: '2026W47', measures: 'records,overdue' },
        tops: { by: ['category2'], top: 10, share: true, skip: { nested: 1 } },
        broken: 'not a query',
      },
    };
    expect(sourceQueries(sources)).toEqual([
      {
        name: 'overall',
        query: 'town=330782199&period=week&from=2026W47&to=2026W47&measures=records%2Coverdue',
      },
      { name: 'tops', query: 'by=category2&top=10&share=true' },
    ]);
    expect(sourceQueries({ queries: null })).toEqual([]);
    expect(sourceQueries({})).toEqual([]);
  });
});

describe('records of a period', () => {
  it('asks the stats of exactly the period, by its kind', () => {
    expect(periodRecordsQuery('330782199', 'weekly', '2026W47')).toEqual({
      town: '330782199',
      period: 'week',
      from: '2026W47',
      to: '2026W47',
      measures: ['records'],
    });
    expect(periodRecordsQuery('t', 'quarterly', '2026Q3').period).toBe('quarter');
    expect(periodRecordsQuery('t', 'monthly', '2026-10').period).toBe('month');
  });

  it('counts the records of the answer', () => {
    const row = (records: number | null) => ({ period: 'p', keys: {}, values: { records } });
    const answer = (totals: ReturnType<typeof row>[]) => ({ asOf: null, asOfMs: null, periods: [], rows: [], totals });
    expect(recordsOf(answer([row(0)]))).toBe(0);
    expect(recordsOf(answer([row(12), row(null)]))).toBe(12);
    expect(recordsOf(answer([]))).toBeNull();
  });
});
