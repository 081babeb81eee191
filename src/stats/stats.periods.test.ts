import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatPeriod, type Period, parsePeriod, startOfDay } from '../core/time/index.js';
import {
  cellRange,
  comparedPeriod,
  MAX_ROWS,
  parseStatsPeriod,
  periodCode,
  periodRuns,
  periodsBetween,
  statsRange,
} from './stats.periods.js';

const p = (text: string): Period => parsePeriod(text);
const texts = (periods: readonly Period[]) => periods.map(formatPeriod);

function invalidIn(run: () => unknown, field: string): void {
  expect(run).toThrow(
    expect.objectContaining({ code: 'invalid_input', details: { issues: [expect.objectContaining({ path: field })] } }),
  );
}

describe('stats periods', () => {
  it('numbers periods as SQL computes them from cells, ascending in time', () => {
    expect(periodCode(p('2026W05'))).toBe(202605);
    expect(periodCode(p('2026-05'))).toBe(202605);
    expect(periodCode(p('2026Q2'))).toBe(20262);
    expect(periodCode(p('2026'))).toBe(2026);
    fc.assert(
      fc.property(fc.integer({ min: 1901, max: 2298 }), fc.integer({ min: 1, max: 12 }), (year, month) => {
        const a = p(`${year}-${String(month).padStart(2, '0')}`);
        const quarter = p(`${year}Q${Math.ceil(month / 3)}`);
        // The SQL quarter expression: (month / 100) * 10 + (month % 100 + 2) / 3 in integer division.
        const code = periodCode(a);
        expect(Math.floor(code / 100) * 10 + Math.floor(((code % 100) + 2) / 3)).toBe(periodCode(quarter));
      }),
    );
  });

  it('takes from and to of the asked kind only, naming the parameter', () => {
    expect(parseStatsPeriod('2026w05', 'week', 'from')).toEqual({ kind: 'week', week: 202605 });
    invalidIn(() => parseStatsPeriod('2026W05', 'month', 'from'), 'from');
    invalidIn(() => parseStatsPeriod('2026-05-01', 'month', 'to'), 'to');
    invalidIn(() => parseStatsPeriod('2026W54', 'week', 'to'), 'to');
    invalidIn(() => parseStatsPeriod('May', 'month', 'from'), 'from');
  });

  it('lists a range and refuses backwards or oversized ones', () => {
    expect(texts(periodsBetween(p('2025W52'), p('2026W02')))).toEqual(['2025W52', '2026W01', '2026W02']);
    expect(texts(periodsBetween(p('2020W52'), p('2021W01')))).toEqual(['2020W52', '2020W53', '2021W01']);
    expect(texts(periodsBetween(p('2025Q4'), p('2026Q1')))).toEqual(['2025Q4', '2026Q1']);
    invalidIn(() => periodsBetween(p('2026-05'), p('2026-04')), 'to');
    invalidIn(() => periodsBetween(p('1900W01'), p('2299W52')), 'from');
    expect(periodsBetween(p('1900-01'), p('2299-12')).length).toBe(4800);
    expect(MAX_ROWS).toBe(20_000);
  });

  it('defaults to the 12 periods ending with the one holding as_of', () => {
    const asOf = startOfDay('2026-05-31') + 23 * 3_600_000;
    expect(texts(statsRange('month', undefined, undefined, asOf))).toEqual([
      '2025-06',
      '2025-07',
      '2025-08',
      '2025-09',
      '2025-10',
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
    ]);
    expect(texts(statsRange('year', undefined, undefined, asOf)).at(0)).toBe('2015');
    expect(texts(statsRange('week', undefined, '2026W02', asOf)).at(0)).toBe('2025W43');
    expect(texts(statsRange('quarter', '2026Q1', undefined, asOf))).toEqual(['2026Q1', '2026Q2']);
    // A from after as_of's period is a range of one.
    expect(texts(statsRange('quarter', '2027Q1', undefined, asOf))).toEqual(['2027Q1']);
  });

  it('compares week 53 with week 52 of the year before, and the week after it with week 53', () => {
    expect(formatPeriod(comparedPeriod(p('2026W53'), 'yoy'))).toBe('2025W52');
    expect(formatPeriod(comparedPeriod(p('2021W01'), 'pop'))).toBe('2020W53');
    expect(formatPeriod(comparedPeriod(p('2021W01'), 'yoy'))).toBe('2020W01');
    expect(formatPeriod(comparedPeriod(p('2024-02'), 'yoy'))).toBe('2023-02');
    expect(formatPeriod(comparedPeriod(p('2026Q1'), 'pop'))).toBe('2025Q4');
    expect(formatPeriod(comparedPeriod(p('2026'), 'yoy'))).toBe('2025');
    invalidIn(() => comparedPeriod(p('1900'), 'yoy'), 'from');
    invalidIn(() => comparedPeriod(p('1900W01'), 'pop'), 'from');
  });

  it('groups the periods to read into contiguous runs', () => {
    const runs = periodRuns([p('2026-03'), p('2025-03'), p('2026-02'), p('2026-03'), p('2025-04'), p('2026-01')]);
    expect(runs.map((run) => [formatPeriod(run.first), formatPeriod(run.last)])).toEqual([
      ['2025-03', '2025-04'],
      ['2026-01', '2026-03'],
    ]);
    expect(periodRuns([p('2020W53'), p('2021W01')]).length).toBe(1);
  });

  it('reads a run by its months, and weeks by their month parts', () => {
    expect(cellRange({ first: p('2025W05'), last: p('2025W05') })).toEqual({
      fromMonth: 202501,
      toMonth: 202502,
      fromWeek: 202505,
      toWeek: 202505,
    });
    // 2020W53 runs from Monday 28 December 2020 to Sunday 3 January 2021.
    expect(cellRange({ first: p('2020W53'), last: p('2021W01') })).toMatchObject({
      fromMonth: 202012,
      toMonth: 202101,
    });
    expect(cellRange({ first: p('2025-11'), last: p('2026-02') })).toEqual({ fromMonth: 202511, toMonth: 202602 });
    expect(cellRange({ first: p('2025Q2'), last: p('2025Q3') })).toEqual({ fromMonth: 202504, toMonth: 202509 });
    expect(cellRange({ first: p('2024'), last: p('2025') })).toEqual({ fromMonth: 202401, toMonth: 202512 });
  });
});
