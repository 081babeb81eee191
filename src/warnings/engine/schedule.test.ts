import { describe, expect, it } from 'vitest';
import { createComplaint } from '../../records/index.js';
import { makeComplaintInput, recordDeps, seedRecordWorld } from '../../records/record.testing.js';
import { testDatabases, useTestStore } from '../../store/testing.js';
import { dueWeeks, runScheduledWarnings } from './schedule.js';

const at = (iso: string) => Date.parse(iso);

describe('dueWeeks', () => {
  // Wednesday 2026-11-25 is in ISO week 2026W48; the week before, 2026W47, ended on Sunday 2026-11-22.
  it('is quiet before 07:00 town time', () => {
    expect(dueWeeks(at('2026-11-25T06:59:00+08:00'), () => undefined)).toEqual([]);
  });

  it('runs the week just ended and the week so far when neither ran', () => {
    expect(dueWeeks(at('2026-11-25T07:00:00+08:00'), () => undefined)).toEqual([202647, 202648]);
  });

  it('runs the week so far once a day, and the ended week once after its end', () => {
    const ran = new Map([
      [202647, at('2026-11-23T07:05:00+08:00')],
      [202648, at('2026-11-25T07:01:00+08:00')],
    ]);
    expect(dueWeeks(at('2026-11-25T15:00:00+08:00'), (w) => ran.get(w))).toEqual([]);
    expect(dueWeeks(at('2026-11-26T07:30:00+08:00'), (w) => ran.get(w))).toEqual([202648]);
    // A run of 2026W47 before it had ended does not count for the whole week.
    ran.set(202647, at('2026-11-22T20:00:00+08:00'));
    expect(dueWeeks(at('2026-11-25T15:00:00+08:00'), (w) => ran.get(w))).toEqual([202647]);
  });
});

describe.each(testDatabases)('runScheduledWarnings on %s', (dialect) => {
  const t = useTestStore(dialect);

  it('runs each town with records once per due week, then waits', async () => {
    await seedRecordWorld(t.db);
    await createComplaint(recordDeps(t.db), makeComplaintInput({ openedAt: '2026-11-24T10:00:00+08:00' }));
    let now = at('2026-11-25T07:30:00+08:00');
    const deps = { db: t.db, now: () => now };
    const first = await runScheduledWarnings(deps);
    expect(first.map((r) => ('week' in r ? r.week : r.error))).toEqual([202647, 202648]);
    expect(await runScheduledWarnings(deps)).toEqual([]);
    now = at('2026-11-26T08:00:00+08:00');
    expect((await runScheduledWarnings(deps)).map((r) => ('week' in r ? r.week : r.error))).toEqual([202648]);
  });
});
