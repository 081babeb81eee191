import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Scope } from '../auth/index.js';
import { scopeOf, systemActor } from '../auth/index.js';
import { addPeriods, dayOf, formatPeriod, periodOf } from '../core/time/index.js';
import { createPlace } from '../places/index.js';
import { caseSources, complaintChannels } from '../records/index.js';
import { recordDeps, seedRecordWorld, type TestGrant, testActor, world } from '../records/record.testing.js';
import type { Db } from '../store/database.js';
import { testDatabases, useTestStore } from '../store/testing.js';
import { createCategory } from '../taxonomy/index.js';
import { MEASURE_NAMES, MEASURES } from './stats.measures.js';
import { STATS_DIMENSIONS, STATS_SOURCES } from './stats.schema.js';
import { type TestRecord, writeRecords } from './stats.testing.js';
import { checked, checkStats, type PropertyQuery } from './stats-check.testing.js';
import { loadOracleWorld, type OracleFact, type OracleWorld, oracleFacts } from './stats-oracle.testing.js';

/*
 * THE correctness target of the stats API: random records (every category level, unknown places, villages and groups,
 * both kinds, every source, departments, statuses, deadlines, responses, satisfaction, handling times, over three
 * years, then updates that move them) written through upsertRecords with the cube kept; then random queries, whose
 * every number must equal the one computed straight from the records (stats-oracle.testing.ts).
 */

const OTHER_GROUP = '330782100202-01';
const LEAF = 'civility';
const PLACES: Record<string, (string | undefined)[]> = {
  [world.town]: [undefined, world.village, world.group, world.otherVillage, OTHER_GROUP],
  [world.otherTown]: [undefined, world.otherTownVillage],
};
const CATEGORIES = [
  'labour',
  'labour.enterprise_dispute',
  'labour.enterprise_dispute.wage_arrears',
  'labour.illegal_employment',
  'city_appearance.street_stall',
  'other.unclassified',
  LEAF,
];
const START = Date.parse('2024-01-01T00:00:00+08:00');
const END = Date.parse('2027-01-10T00:00:00+08:00');
const MINUTE = 60_000;

const recordArb = fc.record({
  kind: fc.constantFrom('complaint' as const, 'case' as const),
  town: fc.constantFrom(world.town, world.town, world.otherTown),
  place: fc.nat(10),
  category: fc.constantFrom(...CATEGORIES),
  department: fc.constantFrom(undefined, 'labour', 'market'),
  channel: fc.constantFrom(...complaintChannels),
  source: fc.constantFrom(...caseSources),
  // Over three years, half of them in the last four months (as_of, week 53 of 2026 and its January part).
  openedMinute: fc.oneof(
    fc.integer({ min: 0, max: (END - START) / MINUTE }),
    fc.integer({ min: (END - START) / MINUTE - 100 * 24 * 60, max: (END - START) / MINUTE }),
  ),
  // Edges on purpose: answered exactly 24 h after receipt, closed exactly at the deadline.
  deadlineHours: fc.option(fc.oneof(fc.constantFrom(24, 48), fc.integer({ min: 0, max: 24 * 40 }))),
  responseMinutes: fc.option(fc.oneof(fc.constantFrom(1439, 1440, 1441), fc.integer({ min: 0, max: 48 * 60 }))),
  closeMinutes: fc.option(fc.oneof(fc.constantFrom(0, 1, 1440, 2880), fc.integer({ min: 0, max: 60 * 24 * 60 }))),
  cancelled: fc.boolean(),
  resolved: fc.option(fc.boolean()),
  satisfaction: fc.option(
    fc.constantFrom('satisfied' as const, 'basically_satisfied' as const, 'dissatisfied' as const),
  ),
  reopenCount: fc.constantFrom(0, 0, 1, 2),
  difficult: fc.boolean(),
});
type RecordSpec = typeof recordArb extends fc.Arbitrary<infer T> ? T : never;

function toRecord(spec: RecordSpec, externalNo: string): TestRecord {
  const places = PLACES[spec.town] as (string | undefined)[];
  const openedAt = START + spec.openedMinute * MINUTE;
  const closedAt = spec.closeMinutes === null ? undefined : openedAt + spec.closeMinutes * MINUTE;
  const core = {
    townCode: spec.town,
    categoryCode: spec.category,
    placeCode: places[spec.place % places.length],
    departmentCode: spec.department,
    sourceSystem: 'prop',
    externalNo,
    content: '属性测试',
    openedAt,
    deadlineAt: spec.deadlineHours === null ? undefined : openedAt + spec.deadlineHours * 3_600_000,
    firstResponseAt: spec.responseMinutes === null ? undefined : openedAt + spec.responseMinutes * MINUTE,
    closedAt,
    difficult: spec.difficult,
  };
  const status = closedAt === undefined ? undefined : spec.cancelled ? ('cancelled' as const) : ('closed' as const);
  if (spec.kind === 'case') {
    return { kind: 'case', input: { ...core, source: spec.source, status } };
  }
  return {
    kind: 'complaint',
    input: {
      ...core,
      channel: spec.channel,
      status,
      resolved: spec.resolved ?? undefined,
      satisfaction: spec.satisfaction ?? undefined,
      reopenCount: spec.reopenCount,
    },
  };
}

const DAYS = Math.floor(
  (Date.parse('2027-01-31T00:00:00+08:00') - Date.parse('2023-12-01T00:00:00+08:00')) / 86_400_000,
);
/** Mostly absent: a query with every filter set is mostly empty. */
const sometimes = <T>(arb: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: fc.constant(null), weight: 4 }, { arbitrary: arb, weight: 1 });

const queryArb = fc
  .record({
    period: fc.constantFrom('week' as const, 'month' as const, 'quarter' as const, 'year' as const),
    day: fc.oneof(fc.integer({ min: 0, max: DAYS }), fc.integer({ min: DAYS - 150, max: DAYS })),
    count: fc.integer({ min: 1, max: 30 }),
    defaultRange: fc.boolean(),
    measures: fc.shuffledSubarray([...MEASURE_NAMES], { minLength: 1, maxLength: 4 }),
    by: fc.shuffledSubarray([...STATS_DIMENSIONS], { maxLength: 2 }),
    compare: fc.subarray(['yoy' as const, 'pop' as const]),
    top: sometimes(fc.integer({ min: 1, max: 4 })),
    share: fc.boolean(),
    town: sometimes(fc.constantFrom(world.town, world.otherTown)),
    category: sometimes(fc.constantFrom(...CATEGORIES)),
    place: sometimes(fc.constantFrom(world.city, world.town, world.village, world.group, world.otherVillage)),
    department: sometimes(fc.constantFrom('labour', 'market')),
    source: sometimes(fc.constantFrom(...STATS_SOURCES)),
    kind: sometimes(fc.constantFrom('complaint' as const, 'case' as const)),
  })
  .map((r): PropertyQuery => {
    const from = periodOf(r.period, dayOf(Date.parse('2023-12-01T00:00:00+08:00') + r.day * 86_400_000));
    const to = addPeriods(from, Math.min(r.count, { week: 30, month: 14, quarter: 6, year: 3 }[r.period]) - 1);
    let measures = r.measures;
    if (r.top !== null && r.by.length > 0 && MEASURES[measures[0] as 'records'].kind === 'duration') {
      // Rank by an exact measure, so the oracle can judge the ranking (durations are read from histograms).
      measures = ['records', ...measures.filter((m) => m !== 'records')];
    }
    const query: PropertyQuery = { period: r.period, measures: measures.join(','), by: r.by.join(',') };
    if (!r.defaultRange || r.period === 'year') {
      Object.assign(query, { from: formatPeriod(from), to: formatPeriod(to) });
    }
    if (r.compare.length > 0) {
      query.compare = r.compare.join(',');
    }
    if (r.top !== null && r.by.length > 0) {
      query.top = r.top;
    }
    query.share = r.share;
    for (const key of ['town', 'category', 'place', 'department', 'source', 'kind'] as const) {
      if (r[key] !== null) {
        Object.assign(query, { [key]: r[key] });
      }
    }
    return query;
  });

/** The grants a reader may hold at random: towns, villages (one with a group), departments of both towns. */
const GRANTS: TestGrant[] = [
  { role: 'leader', kind: 'town', code: world.town },
  { role: 'leader', kind: 'town', code: world.otherTown },
  { role: 'village_secretary', kind: 'village', code: world.village },
  { role: 'village_secretary', kind: 'village', code: world.otherVillage },
  { role: 'village_secretary', kind: 'village', code: world.otherTownVillage },
  { role: 'department_staff', kind: 'department', code: `${world.town}/labour` },
  { role: 'department_staff', kind: 'department', code: `${world.town}/market` },
  { role: 'department_staff', kind: 'department', code: `${world.otherTown}/labour` },
];

/** Whether a record lies within a scope, by the oracle's own walk up the place tree. */
function inScope(oracle: OracleWorld, fact: OracleFact, scope: Scope): boolean {
  if (scope.all || scope.townIds.includes(fact.townId)) {
    return true;
  }
  const place = fact.placeId === null ? undefined : oracle.places.get(fact.placeId);
  const village = place === undefined ? undefined : place.level === 'village' ? place.id : place.parentId;
  if (village != null && scope.villageIds.includes(village)) {
    return true;
  }
  return fact.dims.department !== 0 && scope.departmentIds.includes(fact.dims.department as number);
}

async function clearRecords(db: Db): Promise<void> {
  for (const table of ['record_change', 'enforcement_case', 'complaint', 'cube_cell', 'cube_state'] as const) {
    await db.deleteFrom(table).execute();
  }
}

describe.each(testDatabases)('every stats number equals the records on %s', (dialect) => {
  const t = useTestStore(dialect);
  beforeAll(async () => {
    await seedRecordWorld(t.db);
    await createPlace(
      { db: t.db, actor: systemActor('test') },
      { code: OTHER_GROUP, name: '第二组', level: 'group', parentCode: world.otherVillage },
    );
    await createCategory(
      { db: t.db, actor: systemActor('test') },
      { code: LEAF, name: '文明创建', nameEn: 'Civility' },
    );
  });

  it('with random records, updates that move them, and random queries', async () => {
    let run = 0;
    checked.values = 0;
    checked.records = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(recordArb, { minLength: 30, maxLength: 150, size: 'max' }),
        fc.array(fc.tuple(fc.nat(), recordArb), { minLength: 1, maxLength: 25, size: 'max' }),
        fc.array(queryArb, { minLength: 4, maxLength: 12, size: 'max' }),
        async (specs, updates, queries) => {
          run += 1;
          await clearRecords(t.db);
          const no = (i: number) => `P${run}-${i}`;
          const first = specs.map((spec, i) => toRecord(spec, no(i)));
          await writeRecords(
            t.db,
            [...first].sort((a, b) => a.kind.localeCompare(b.kind)),
          );
          const moved = updates.map(([index, spec]) => {
            const i = index % specs.length;
            return toRecord({ ...spec, kind: (specs[i] as RecordSpec).kind }, no(i));
          });
          await writeRecords(t.db, moved);
          const oracle = await loadOracleWorld(t.db);
          const facts = oracleFacts(oracle);
          for (const query of queries) {
            await checkStats(recordDeps(t.db), oracle, facts, query);
          }
        },
      ),
      { numRuns: dialect === 'sqlite' ? 25 : 15 },
    );
    // The runs compared real numbers and listed records, not only empty cells.
    expect(checked.values).toBeGreaterThan(100);
    expect(checked.records).toBeGreaterThan(10);
  }, 600_000);
  it('within a random reader’s scope, against the oracle cut down to that scope', async () => {
    let run = 0;
    const before = { ...checked };
    await fc.assert(
      fc.asyncProperty(
        fc.array(recordArb, { minLength: 30, maxLength: 120, size: 'max' }),
        fc.subarray(GRANTS),
        fc.array(queryArb, { minLength: 3, maxLength: 8, size: 'max' }),
        async (specs, grants, queries) => {
          run += 1;
          await clearRecords(t.db);
          const records = specs.map((spec, i) => toRecord(spec, `S${run}-${i}`));
          await writeRecords(
            t.db,
            [...records].sort((a, b) => a.kind.localeCompare(b.kind)),
          );
          const actor = await testActor(t.db, `reader-${run}`, grants);
          const scope = scopeOf(actor, 'stats:read');
          const oracle = await loadOracleWorld(t.db);
          const facts = oracleFacts(oracle).filter((fact) => inScope(oracle, fact, scope));
          for (const query of queries) {
            await checkStats(recordDeps(t.db, actor), oracle, facts, query);
          }
        },
      ),
      { numRuns: dialect === 'sqlite' ? 12 : 6 },
    );
    expect(checked.values).toBeGreaterThan(before.values + 20);
  }, 600_000);
});
