import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, isWorkingDay } from '../../core/time/index.js';
import { sampleBulletin } from '../document/testing.js';
import { firstWorkingDayFrom, MONTHLY, QUARTERLY, type ReportType, WEEKLY } from '../report-types.js';
import { dueRuns } from './due.js';

/** An instant in town time (UTC+8). */
const at = (local: string) => Date.parse(`${local}+08:00`);
const towns = [
  { id: 1, code: '330782100' },
  { id: 2, code: '330782101' },
];
const fake = (schedule: ReportType['schedule']): ReportType => ({
  parsePeriod: (v) => String(v),
  example: '',
  build: async () => sampleBulletin(),
  schedule,
});
const all = { weekly: fake(WEEKLY), monthly: fake(MONTHLY), quarterly: fake(QUARTERLY) };
const periods = (now: number) =>
  Object.fromEntries(dueRuns(now, towns.slice(0, 1), all).map((r) => [r.type, r.period]));

describe('dueRuns', () => {
  it('runs the week that ended from Monday 08:00 town time, for every town', () => {
    // 2025-06-09 is a Monday: at 07:59 the week before last is still the latest due; at 08:00 the week just ended.
    expect(periods(at('2025-06-09T07:59:59'))).toMatchObject({ weekly: '2025W22' });
    expect(periods(at('2025-06-09T08:00:00'))).toMatchObject({ weekly: '2025W23' });
    const runs = dueRuns(at('2025-06-09T08:00:00'), towns, { weekly: all.weekly });
    expect(runs).toEqual([
      { townId: 1, townCode: '330782100', type: 'weekly', period: '2025W23', dueAt: at('2025-06-09T08:00:00') },
      { townId: 2, townCode: '330782101', type: 'weekly', period: '2025W23', dueAt: at('2025-06-09T08:00:00') },
    ]);
  });

  it('catches up only the most recent missed run', () => {
    // Down from Monday to Thursday: the week that ended is still due; the weeks before are not.
    expect(periods(at('2025-06-12T15:00:00'))).toMatchObject({ weekly: '2025W23' });
    // Across a year boundary (2026-01-05 is the Monday after 2026W01).
    expect(periods(at('2026-01-05T08:00:00'))).toMatchObject({ weekly: '2026W01' });
    expect(periods(at('2026-01-05T07:00:00'))).toMatchObject({ weekly: '2025W52' });
  });

  it('runs the month and the quarter on the first working day after them (Chinese calendar)', () => {
    // National Day 2025: 1–8 October off, so September and Q3 are due on Thursday 9 October.
    expect(periods(at('2025-10-08T20:00:00'))).toMatchObject({ monthly: '2025-08', quarterly: '2025Q2' });
    expect(periods(at('2025-10-09T08:00:00'))).toMatchObject({ monthly: '2025-09', quarterly: '2025Q3' });
    // 2026: 1–3 January off, Sunday 4 January a make-up working day.
    expect(periods(at('2026-01-04T07:59:00'))).toMatchObject({ monthly: '2025-11', quarterly: '2025Q3' });
    expect(periods(at('2026-01-04T08:00:00'))).toMatchObject({ monthly: '2025-12', quarterly: '2025Q4' });
    // An ordinary month: Tuesday 1 July 2025.
    expect(periods(at('2025-07-01T08:00:00'))).toMatchObject({ monthly: '2025-06', quarterly: '2025Q2' });
  });

  it('first working days: holidays skipped, make-up days counted', () => {
    expect(firstWorkingDayFrom('2025-01-01')).toBe('2025-01-02');
    expect(firstWorkingDayFrom('2025-05-01')).toBe('2025-05-06');
    expect(firstWorkingDayFrom('2026-01-01')).toBe('2026-01-04');
  });

  it('names the latest period already due: the next one is not due yet (property)', () => {
    const dayOfInstant = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
    fc.assert(
      fc.property(fc.integer({ min: at('2016-01-01T00:00:00'), max: at('2027-11-30T00:00:00') }), (now) => {
        for (const rule of [WEEKLY, MONTHLY, QUARTERLY]) {
          const [run] = dueRuns(now, towns.slice(0, 1), { weekly: fake(rule) });
          if (!run) {
            throw new Error('no run');
          }
          expect(run.dueAt).toBeLessThanOrEqual(now);
          const dueDay = dayOfInstant(run.dueAt);
          // The due day lies after the period, in the next one (or later): that one is not due yet.
          const next = rule.periodOf(dueDay);
          expect(next).not.toBe(run.period);
          expect(rule.dueAt(next)).toBeGreaterThan(now);
          expect(new Date(run.dueAt + 8 * 3_600_000).getUTCHours()).toBe(8);
          if (rule === WEEKLY) {
            expect(new Date(`${dueDay}T00:00:00Z`).getUTCDay()).toBe(1);
          } else {
            expect(isWorkingDay(dueDay)).toBe(true);
            expect(isWorkingDay(addDays(dueDay, -1)) && rule.periodOf(addDays(dueDay, -1)) === next).toBe(false);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
