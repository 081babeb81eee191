import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { upsertCases, upsertComplaints } from '../records/index.js';
import { recordDeps, seedRecordWorld, world } from '../records/record.testing.js';
import type { Db } from '../store/database.js';
import { testDatabases, useTestStore } from '../store/testing.js';
import { allCells } from './cube.testing.js';
import { CUBOIDS } from './cuboids.js';
import { readCubeStates, rebuildCube, sweepCube } from './index.js';

/*
 * The cube kept by the writes must be the cube a rebuild computes from the records: same cells, same sums, same
 * histograms, after inserts, updates that move records between categories, places, statuses and towns, and sweeps.
 */

const HOUR = 3_600_000;
const START = Date.parse('2024-12-20T00:00:00+08:00');

const categories = [
  'labour.enterprise_dispute.wage_arrears',
  'labour.enterprise_dispute',
  'city_appearance.street_stall',
  'environment',
  undefined,
];
const places = [world.village, world.group, world.otherVillage, undefined];

const recordArb = fc.record({
  key: fc.integer({ min: 1, max: 40 }),
  kind: fc.constantFrom('complaint', 'case'),
  other: fc.boolean(),
  category: fc.constantFrom(...categories),
  place: fc.constantFrom(...places),
  department: fc.constantFrom(undefined, 'labour', 'market'),
  openedHours: fc.integer({ min: 0, max: 24 * 80 }),
  deadlineHours: fc.option(fc.integer({ min: 1, max: 24 * 20 }), { nil: undefined }),
  responseHours: fc.option(fc.integer({ min: 0, max: 48 }), { nil: undefined }),
  closedHours: fc.option(fc.integer({ min: 0, max: 24 * 30 }), { nil: undefined }),
  cancelled: fc.boolean(),
  difficult: fc.boolean(),
  satisfaction: fc.constantFrom(undefined, 'satisfied', 'basically_satisfied', 'dissatisfied'),
  resolved: fc.option(fc.boolean(), { nil: undefined }),
  reopenCount: fc.constantFrom(0, 0, 1),
  channel: fc.constantFrom('hotline_12345', 'web'),
  source: fc.constantFrom('patrol', 'report'),
});
type RecordSpec = fc.Arbitrary<unknown> extends never ? never : ReturnType<(typeof recordArb)['generate']>['value'];

function inputOf(spec: RecordSpec) {
  const openedAt = START + spec.openedHours * HOUR;
  const iso = (ms: number) => new Date(ms).toISOString();
  const closedAt = spec.closedHours === undefined ? undefined : openedAt + spec.closedHours * HOUR;
  const base = {
    townCode: spec.other ? world.otherTown : world.town,
    categoryCode: spec.category,
    placeCode: spec.other ? (spec.place === undefined ? undefined : world.otherTownVillage) : spec.place,
    departmentCode: spec.department,
    sourceSystem: 'cube-test',
    externalNo: `${spec.kind}-${spec.key}`,
    content: '测试记录',
    openedAt: iso(openedAt),
    deadlineAt: spec.deadlineHours === undefined ? undefined : iso(openedAt + spec.deadlineHours * HOUR),
    closedAt: closedAt === undefined ? undefined : iso(closedAt),
    difficult: spec.difficult,
  };
  if (spec.kind === 'case') {
    return {
      kind: 'case' as const,
      input: {
        ...base,
        source: spec.source,
        status: closedAt !== undefined && spec.cancelled ? 'cancelled' : undefined,
      },
    };
  }
  const response =
    spec.responseHours === undefined ? undefined : Math.min(openedAt + spec.responseHours * HOUR, closedAt ?? Infinity);
  return {
    kind: 'complaint' as const,
    input: {
      ...base,
      channel: spec.channel,
      firstResponseAt: response === undefined ? undefined : iso(response),
      status: closedAt !== undefined && spec.cancelled ? 'cancelled' : undefined,
      resolved: closedAt === undefined ? undefined : spec.resolved,
      satisfaction: closedAt === undefined ? undefined : spec.satisfaction,
      reopenCount: spec.reopenCount,
    },
  };
}

const cells = allCells;

async function writeBatch(db: Db, specs: readonly RecordSpec[]) {
  // One item per key and kind in a batch (a batch refuses repeats); later specs win.
  const byKey = new Map(specs.map((spec) => [`${spec.kind}-${spec.key}`, inputOf(spec)]));
  const complaints = [...byKey.values()].filter((r) => r.kind === 'complaint').map((r) => r.input);
  const cases = [...byKey.values()].filter((r) => r.kind === 'case').map((r) => r.input);
  const deps = recordDeps(db);
  const results = [];
  if (complaints.length > 0) {
    results.push(await upsertComplaints(deps, { items: complaints }));
  }
  if (cases.length > 0) {
    results.push(await upsertCases(deps, { items: cases }));
  }
  for (const result of results) {
    expect(result.results.filter((r) => r.outcome === 'rejected')).toEqual([]);
  }
}

describe.each(testDatabases)('the cube on %s', (dialect) => {
  const t = useTestStore(dialect);

  it('kept by the writes equals the rebuilt cube, every cuboid summing to the records', async () => {
    await seedRecordWorld(t.db);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(recordArb, { minLength: 1, maxLength: 25 }), { minLength: 1, maxLength: 4 }),
        async (batches) => {
          for (const batch of batches) {
            await writeBatch(t.db, batch);
          }
          const kept = await cells(t.db);
          const records =
            Number(
              (
                await t.db
                  .selectFrom('complaint')
                  .select((e) => e.fn.countAll().as('n'))
                  .executeTakeFirstOrThrow()
              ).n,
            ) +
            Number(
              (
                await t.db
                  .selectFrom('enforcement_case')
                  .select((e) => e.fn.countAll().as('n'))
                  .executeTakeFirstOrThrow()
              ).n,
            );
          for (const cuboid of CUBOIDS) {
            const sum = kept.filter((c) => Number(c.cuboid) === cuboid.id).reduce((n, c) => n + Number(c.records), 0);
            expect(sum, `cuboid ${cuboid.id}`).toBe(records);
          }
          const states = await readCubeStates(t.db);
          for (const state of states) {
            // With the worker thread on SQLite; the sweep test below rebuilds on this thread alone.
            await rebuildCube(t.db, { now: state.asOf, townId: state.townId, parallel: true });
          }
          expect(await cells(t.db)).toEqual(kept);
        },
      ),
      { numRuns: 6 },
    );
  });

  it('counts an open record overdue once the sweep passes its deadline, and not before', async () => {
    // The world and the records of the test above are there; their deadlines are long past.
    const now = Date.now();
    const deps = recordDeps(t.db);
    await upsertComplaints(deps, {
      items: [
        {
          townCode: world.town,
          sourceSystem: 'sweep-test',
          externalNo: 'S-1',
          content: '占道经营',
          openedAt: new Date(now - 2 * HOUR).toISOString(),
          deadlineAt: new Date(now + 10 * HOUR).toISOString(),
        },
      ],
    });
    const overdue = async () =>
      Number(
        (
          await t.db
            .selectFrom('cube_cell')
            .select((e) => e.fn.sum<number>('overdue').as('n'))
            .where('cuboid', '=', CUBOIDS[0]?.id as number)
            .executeTakeFirstOrThrow()
        ).n ?? 0,
      );
    const before = await overdue();
    expect(await sweepCube(t.db, now + 5 * HOUR)).toBe(0);
    expect(await sweepCube(t.db, now + 11 * HOUR)).toBe(1);
    expect(await overdue()).toBe(before + 1);
    // Sweeping again changes nothing; a rebuild at the same instant agrees.
    expect(await sweepCube(t.db, now + 12 * HOUR)).toBe(0);
    const kept = await cells(t.db);
    for (const state of await readCubeStates(t.db)) {
      await rebuildCube(t.db, { now: state.asOf, townId: state.townId, parallel: false });
    }
    expect(await cells(t.db)).toEqual(kept);
  });
});
