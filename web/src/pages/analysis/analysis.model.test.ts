import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DIMENSIONS, MEASURES, SOURCES, type StatsAnswer, type StatsPeriod } from '../../api/stats';
import {
  type AnalysisState,
  analysisQuery,
  changeState,
  DEFAULT_MEASURES,
  exportHref,
  formatCell,
  isPeriod,
  PAGE_SIZES,
  PERIOD_KINDS,
  parseState,
  periodAt,
  periodsBack,
  pivotRows,
  previousPeriod,
  stateSearch,
  valueColumns,
} from './analysis.model';

const key = (code: string | null, name: string, nameEn: string | null = null) => ({ id: 1, code, name, nameEn });

const periodText: Record<StatsPeriod, fc.Arbitrary<string>> = {
  week: fc
    .tuple(fc.integer({ min: 2000, max: 2099 }), fc.integer({ min: 1, max: 52 }))
    .map(([y, w]) => `${y}W${String(w).padStart(2, '0')}`),
  month: fc
    .tuple(fc.integer({ min: 2000, max: 2099 }), fc.integer({ min: 1, max: 12 }))
    .map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`),
  quarter: fc.tuple(fc.integer({ min: 2000, max: 2099 }), fc.integer({ min: 1, max: 4 })).map(([y, q]) => `${y}Q${q}`),
  year: fc.integer({ min: 2000, max: 2099 }).map(String),
};
const code = fc.stringMatching(/^[0-9a-z][0-9a-z_.]{0,20}$/);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

/** Any state the page can be in (already normal: what changeState gives). */
const stateArb: fc.Arbitrary<AnalysisState> = fc
  .record({
    measures: fc.uniqueArray(fc.constantFrom(...MEASURES), { minLength: 1, maxLength: 6 }),
    by: fc.uniqueArray(fc.constantFrom(...DIMENSIONS), { maxLength: 2 }),
    period: maybe(fc.constantFrom(...PERIOD_KINDS)),
    compare: fc.subarray(['yoy', 'pop'] as ('yoy' | 'pop')[]),
    top: maybe(fc.integer({ min: 1, max: 1000 })),
    share: fc.boolean(),
    category: maybe(code),
    place: maybe(fc.stringMatching(/^\d{9,12}$/)),
    department: maybe(code),
    source: maybe(fc.constantFrom(...SOURCES)),
    kind: maybe(fc.constantFrom('complaint' as const, 'case' as const)),
    chartIndex: fc.nat(),
    page: fc.integer({ min: 1, max: 500 }),
    size: fc.constantFrom(...PAGE_SIZES),
  })
  .chain((base) =>
    (base.period ? fc.tuple(maybe(periodText[base.period]), maybe(periodText[base.period])) : fc.constant([])).map(
      ([a, b]) => {
        const { chartIndex, ...rest } = base;
        const chart = rest.measures[chartIndex % rest.measures.length];
        const state: AnalysisState = {
          ...rest,
          top: rest.by.length > 0 ? rest.top : undefined,
          from: a !== undefined && b !== undefined && a > b ? b : a,
          to: a !== undefined && b !== undefined && a > b ? a : b,
          chart: chart === rest.measures[0] ? undefined : chart,
        };
        return JSON.parse(JSON.stringify(state)) as AnalysisState; // no undefined members, as parseState gives
      },
    ),
  );

describe('the analysis page model', () => {
  it('reads back from the address exactly the state it wrote (any state)', () => {
    fc.assert(
      fc.property(stateArb, (state) => {
        expect(parseState(stateSearch(state))).toEqual(state);
      }),
      { numRuns: 500 },
    );
  });

  it('never fails on a malformed address, and what it reads is written back unchanged', () => {
    const names = ['measures', 'by', 'period', 'from', 'to', 'compare', 'top', 'share', 'category', 'kind', 'page'];
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...names), fc.string({ maxLength: 30 })), { maxLength: 12 }),
        (pairs) => {
          const state = parseState(new URLSearchParams(pairs));
          expect(state.measures.length).toBeGreaterThan(0);
          expect(state.by.length).toBeLessThanOrEqual(2);
          expect(parseState(stateSearch(state))).toEqual(state);
        },
      ),
    );
  });

  it('drops what the API would refuse and keeps the rest', () => {
    const state = parseState(
      'measures=records,bogus,records,satisfactionRate&by=village,kind,source&period=month&from=2026-13&to=2026-05&compare=pop,yoy,x&top=5&share=true&kind=other&source=web&category=a%20b&page=0&size=7',
    );
    expect(state).toEqual({
      measures: ['records', 'satisfactionRate'],
      by: ['village', 'kind'],
      period: 'month',
      to: '2026-05',
      compare: ['yoy', 'pop'],
      top: 5,
      share: true,
      source: 'web',
      page: 1,
      size: 100,
    });
    // No measures: the default set; a range without a period kind is ignored (it would follow the header).
    expect(parseState('from=2026-01&to=2026-02')).toEqual({
      measures: DEFAULT_MEASURES,
      by: [],
      compare: [],
      share: false,
      page: 1,
      size: 100,
    });
    // A range given backwards is turned round; top N without a dimension is dropped.
    expect(parseState('period=quarter&from=2026Q3&to=2025Q1&top=3')).toMatchObject({ from: '2025Q1', to: '2026Q3' });
    expect(parseState('period=quarter&top=3').top).toBeUndefined();
  });

  it('resets the page and the range when the controls change', () => {
    const state = parseState(
      'period=month&from=2026-01&to=2026-06&by=village&top=5&page=4&chart=overdue&measures=records,overdue',
    );
    expect(changeState(state, { share: true })).toMatchObject({ page: 1, from: '2026-01', share: true });
    const weekly = changeState(state, { period: 'week' });
    expect(weekly.from).toBeUndefined();
    expect(weekly.to).toBeUndefined();
    expect(changeState(state, { by: [] }).top).toBeUndefined();
    expect(changeState(state, { measures: ['records'] }).chart).toBeUndefined();
    expect(changeState(state, { page: 3 }).page).toBe(3);
  });

  it('asks the API the state’s query, and exports the very same one', () => {
    const state = parseState(
      'measures=records,responseRate&by=village&period=month&from=2026-01&to=2026-03&compare=yoy&top=5&share=true&kind=complaint&chart=responseRate&page=2',
    );
    const query = analysisQuery(state, '330782199', 'week');
    expect(query).toMatchObject({
      town: '330782199',
      period: 'month',
      from: '2026-01',
      to: '2026-03',
      measures: ['records', 'responseRate'],
      by: ['village'],
      compare: ['yoy'],
      top: 5,
      share: true,
      kind: 'complaint',
    });
    const href = exportHref('xlsx', query);
    expect(href.startsWith('/api/stats.xlsx?')).toBe(true);
    // Only parameters the API knows (it refuses unknown ones): the page's own (chart, page) stay out.
    expect(Object.fromEntries(new URLSearchParams(href.split('?')[1]))).toEqual({
      town: '330782199',
      period: 'month',
      from: '2026-01',
      to: '2026-03',
      measures: 'records,responseRate',
      by: 'village',
      compare: 'yoy',
      top: '5',
      share: 'true',
      kind: 'complaint',
    });
    expect(exportHref('csv', query).replace('.csv', '.xlsx')).toBe(href);
    // Without its own period kind the page follows the header's.
    expect(analysisQuery(parseState(''), undefined, 'quarter').period).toBe('quarter');
  });

  it('steps periods back across years, ISO weeks included', () => {
    expect(previousPeriod('week', '2021W01')).toBe('2020W53');
    expect(previousPeriod('week', '2026W10')).toBe('2026W09');
    expect(previousPeriod('month', '2026-01')).toBe('2025-12');
    expect(previousPeriod('quarter', '2026Q1')).toBe('2025Q4');
    expect(previousPeriod('year', '2026')).toBe('2025');
    expect(periodsBack('month', '2026-02', 3)).toEqual(['2026-02', '2026-01', '2025-12']);
    // 2026-11-29 20:00 UTC is already Monday 30 November in town time (UTC+8): ISO week 49.
    const ms = Date.UTC(2026, 10, 29, 20);
    expect(periodAt('week', ms)).toBe('2026W49');
    expect(periodAt('month', ms)).toBe('2026-11');
    expect(periodAt('quarter', ms)).toBe('2026Q4');
    expect(periodAt('year', Date.UTC(2026, 11, 31, 17))).toBe('2027');
    fc.assert(
      fc.property(
        fc.constantFrom(...PERIOD_KINDS),
        fc.integer({ min: 946_684_800_000, max: 4_000_000_000_000 }),
        (kind, t) => {
          const period = periodAt(kind, t);
          const before = previousPeriod(kind, period);
          expect(isPeriod(kind, before)).toBe(true);
          expect(before < period).toBe(true);
        },
      ),
    );
  });

  it('reads the answer into rows: each period’s keys, then its totals; "others" named apart', () => {
    const answer: StatsAnswer = {
      asOf: null,
      asOfMs: 1,
      periods: ['2026-10', '2026-11'],
      rows: [
        {
          period: '2026-10',
          keys: { village: key('v1', '苏华村', 'Suhua') },
          values: { records: 3 },
          share: { records: 0.75 },
        },
        {
          period: '2026-10',
          keys: { village: key('_others', '其他') },
          values: { records: 1 },
          share: { records: 0.25 },
        },
        {
          period: '2026-11',
          keys: { village: key('v1', '苏华村', 'Suhua') },
          values: { records: 0 },
          share: { records: null },
        },
        { period: '2026-11', keys: { village: key(null, '未知地点') }, values: { records: 0 } },
      ],
      totals: [
        {
          period: '2026-10',
          keys: {},
          values: { records: 4 },
          yoy: { period: '2025-10', values: { records: 2 }, change: { records: 1 } },
        },
        { period: '2026-11', keys: {}, values: { records: 0 } },
      ],
    };
    const rows = pivotRows(answer, ['village'], { total: '合计', others: '其余' }, false);
    expect(rows.map((row) => [row.key, row.names[0], row.values.records])).toEqual([
      ['2026-10|v1', '苏华村', 3],
      ['2026-10|_others', '其余', 1],
      ['2026-10|_total', '合计', 4],
      ['2026-11|v1', '苏华村', 0],
      ['2026-11|_none', '未知地点', 0],
      ['2026-11|_total', '合计', 0],
    ]);
    expect(rows[2]?.yoy).toEqual({ records: 1 });
    expect(rows[2]?.share).toEqual({ records: 1 });
    expect(pivotRows(answer, ['village'], { total: '合计', others: '其余' }, true)[0]?.names).toEqual(['Suhua']);
    // Without a dimension the totals are the rows.
    expect(pivotRows(answer, [], { total: '合计', others: '其余' }, false).map((row) => row.key)).toEqual([
      '2026-10|_total',
      '2026-11|_total',
    ]);
  });

  it('lays the columns out per measure and formats each kind of number', () => {
    const columns = valueColumns({
      measures: ['records', 'responseRate', 'handlingMedian'],
      share: true,
      compare: ['yoy', 'pop'],
    });
    expect(columns.map((column) => column.id)).toEqual([
      'records',
      'records.share',
      'records.yoy',
      'records.pop',
      'responseRate',
      'responseRate.yoy',
      'responseRate.pop',
      'handlingMedian',
      'handlingMedian.yoy',
      'handlingMedian.pop',
    ]);
    const [records, share, recordsYoy, , rate, rateYoy, , median] = columns as [(typeof columns)[0], ...typeof columns];
    expect(formatCell(records, 12345, 'zh-CN')).toBe('12,345');
    expect(formatCell(share, 0.256, 'zh-CN')).toBe('25.6%');
    expect(formatCell(recordsYoy, -0.5, 'zh-CN')).toBe('−50.0%');
    expect(formatCell(rate as typeof records, 0.9, 'zh-CN')).toBe('90.0%');
    expect(formatCell(rateYoy as typeof records, 0.05, 'zh-CN')).toBe('+5.0');
    expect(formatCell(median as typeof records, 5_400_000, 'zh-CN')).toBe('1.5');
    expect(formatCell(records, null, 'zh-CN')).toBe('—');
  });
});
