import { beforeAll, describe, expect, it } from 'vitest';
import { createCipher } from '../../core/pii/index.js';
import { addWeeks } from '../../core/time/index.js';
import { rebuildCube } from '../../cube/index.js';
import { createDemo, type TruthEvent } from '../../demo/index.js';
import { writeDemoTown } from '../../demo/store-writer.js';
import { TEST_SECRET } from '../../server/testing.js';
import type { Db } from '../../store/database.js';
import { testDatabases, useTestStore } from '../../store/testing.js';
import { runWarningsEngine } from './engine.service.js';

/*
 * The engine on a small demo town: it finds the largest injected outbreak, keeps one warning per issue across runs
 * and weeks, leaves people's lifecycle alone, and records and audits each run.
 */

const demo = createDemo({ seed: 'warnings-engine-test', records: 40_000, enterprises: 60 });
const town = { code: demo.map.town.code };
const lastWeek = demo.calendar.weeks.at(-1) as number;
/** The injected outbreak that added most records, in the last year (so Farrington has its history). */
const outbreak = demo.truth.events
  .filter((e) => e.kind === 'outbreak' && e.firstWeek >= addWeeks(lastWeek, -52))
  .sort((a, b) => b.excessCount - a.excessCount)[0] as TruthEvent;

async function count(db: Db, table: 'warning' | 'warning_event' | 'warning_run') {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe.each(testDatabases)('the warnings engine on %s', (dialect) => {
  const t = useTestStore(dialect);
  const now = () => Date.UTC(2026, 10, 30);

  beforeAll(async () => {
    const cipher = createCipher({ secret: TEST_SECRET });
    await writeDemoTown({ db: t.db, cipher }, demo);
    await rebuildCube(t.db, { now: now() });
  }, 120_000);

  it('warns of the largest injected outbreak in its category and village', async () => {
    expect(outbreak.excessCount).toBeGreaterThan(20);
    const runs = [];
    for (let week = outbreak.firstWeek; week <= outbreak.lastWeek; week = addWeeks(week, 1)) {
      runs.push(await runWarningsEngine({ db: t.db, now }, { town, week, trigger: 'cli' }));
    }
    expect(runs.every((r) => r.series > 100)).toBe(true);
    const warnings = await t.db
      .selectFrom('warning')
      .innerJoin('category', 'category.id', 'warning.category_id')
      .leftJoin('warning_village', 'warning_village.warning_id', 'warning.id')
      .leftJoin('place', 'place.id', 'warning_village.village_id')
      .select(['warning.id', 'warning.type', 'category.code', 'place.code as village', 'warning.summary'])
      .where('warning.type', '=', 'outbreak')
      .execute();
    const hit = warnings.find(
      (w) =>
        outbreak.categoryCode.startsWith(w.code) &&
        (w.village === null || outbreak.villageCodes.includes(w.village as string)),
    );
    expect(hit, JSON.stringify({ outbreak, warnings }, null, 1)).toBeDefined();
    expect(hit?.summary).toMatch(/件，预期/);
  });

  it('changes nothing when run again for the same week', async () => {
    const before = await Promise.all([count(t.db, 'warning'), count(t.db, 'warning_event')]);
    const again = await runWarningsEngine({ db: t.db, now }, { town, week: outbreak.lastWeek, trigger: 'cli' });
    expect(again.created).toEqual([]);
    expect(again.updated).toEqual([]);
    expect(await Promise.all([count(t.db, 'warning'), count(t.db, 'warning_event')])).toEqual(before);
  });

  it('continues a warning the next week without touching its status, owner or history', async () => {
    const previous = await runWarningsEngine({ db: t.db, now }, { town, week: outbreak.lastWeek, trigger: 'cli' });
    const ids = previous.unchanged;
    expect(ids.length).toBeGreaterThan(0);
    await t.db
      .updateTable('warning')
      .set({ status: 'rectifying', owner: '王队长', due_day: '2026-12-31', actions: '联合执法' })
      .where('id', 'in', ids)
      .execute();
    const next = await runWarningsEngine(
      { db: t.db, now },
      { town, week: addWeeks(outbreak.lastWeek, 1), trigger: 'schedule' },
    );
    const kept = await t.db.selectFrom('warning').select(['id', 'status', 'owner']).where('id', 'in', ids).execute();
    expect(kept.every((w) => w.status === 'rectifying' && w.owner === '王队长')).toBe(true);
    // Whatever continued was refreshed in place, not made anew.
    for (const id of next.updated) {
      const events = await t.db.selectFrom('warning_event').select('action').where('warning_id', '=', id).execute();
      expect(events.map((e) => e.action)).toContain('refreshed');
    }
  });

  it('records and audits every run, and refuses what cannot be run', async () => {
    const runs = await t.db.selectFrom('warning_run').selectAll().execute();
    expect(runs.length).toBeGreaterThan(2);
    expect(runs.every((r) => r.finished_at !== null && r.error === null)).toBe(true);
    const audited = await t.db.selectFrom('audit_log').select('action').where('action', '=', 'warnings.run').execute();
    expect(audited).toHaveLength(runs.length);
    await expect(
      runWarningsEngine({ db: t.db, now }, { town: { code: 'nowhere' }, trigger: 'cli' }),
    ).rejects.toMatchObject({
      code: 'invalid_input',
      details: { issues: [{ path: 'town' }] },
    });
    await expect(runWarningsEngine({ db: t.db, now }, { town, week: 202752, trigger: 'cli' })).rejects.toMatchObject({
      code: 'invalid_input',
      details: { issues: [{ path: 'week' }] },
    });
  });

  it('stores nothing for a week before any record', async () => {
    const run = await runWarningsEngine({ db: t.db, now }, { town, week: 201501, trigger: 'cli' });
    expect(run).toMatchObject({ series: 0, created: [], updated: [] });
  });
});
