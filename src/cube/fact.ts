import type { RecordKind } from '../store/tables/intake.js';
import type { ComplaintTable, EnforcementCaseTable } from '../store/tables/records.js';
import type { Cuboid } from './cuboids.js';
import { bucketOf } from './histogram.js';

/*
 * What one record adds to the cube: its dimensions at every level and its measures. The definitions of the measures
 * (docs/stats.md) live here and nowhere else; the stats property test checks them against the records.
 */

/** The counts a cell sums, in the order of `RecordFact.counts`; the last two are sums of milliseconds. */
export const COUNT_MEASURES = [
  'records',
  'difficult',
  'closed',
  'cancelled',
  'overdue',
  'reopened',
  'response_due',
  'responded',
  'resolution_due',
  'resolved',
  'rated',
  'satisfied',
  'handled',
  'handling_ms_sum',
  'work_ms_sum',
] as const;
export type CountMeasure = (typeof COUNT_MEASURES)[number];

/** A complaint is responded to in time when its first response came within 24 hours of receipt. */
export const RESPONSE_LIMIT_MS = 24 * 3_600_000;

/** The columns of a stored record the cube reads (both tables have them; channel or source by kind). */
export type FactColumns = Pick<
  ComplaintTable & EnforcementCaseTable,
  | 'town_id'
  | 'category_id'
  | 'place_id'
  | 'department_id'
  | 'opened_at'
  | 'opened_day'
  | 'opened_week'
  | 'deadline_at'
  | 'first_response_at'
  | 'closed_at'
  | 'difficult'
  | 'handling_ms'
  | 'handling_work_ms'
> & {
  status: string;
  channel?: string;
  source?: string;
  resolved?: number | null;
  satisfaction?: string | null;
  reopen_count?: number;
};

/** Where categories and places sit in their trees, for one batch of facts. */
export interface FactLookups {
  /** A category's ancestors at levels 1, 2 and 3, its own id where it is shallower. */
  categoryLevels(categoryId: number): readonly [number, number, number];
  /** The village a place lies in (itself for a village), 0 when it is not in one. */
  villageOf(placeId: number): number;
}

/** Where a record falls: its dimensions at every level (what cellKeyOf reads). */
export interface FactDims {
  townId: number;
  month: number;
  week: number;
  kind: RecordKind;
  source: string;
  departmentId: number;
  categories: readonly [number, number, number];
  village: number;
  /** The record's own place; 0 when unknown. */
  place: number;
}

export interface RecordFact extends FactDims {
  counts: readonly number[];
  handlingBucket: number | null;
  workBucket: number | null;
}

const flag = (value: boolean): number => (value ? 1 : 0);

/** A record as the cube counts it, with overdue judged at `asOf` (see CubeStateTable). */
export function factOf(kind: RecordKind, row: FactColumns, asOf: number, lookups: FactLookups): RecordFact {
  const cancelled = row.status === 'cancelled';
  const closed = row.status === 'closed';
  const deadline = row.deadline_at === null ? null : Number(row.deadline_at);
  const closedAt = row.closed_at === null ? Number.POSITIVE_INFINITY : Number(row.closed_at);
  const overdue = !cancelled && deadline !== null && deadline < Math.min(closedAt, asOf);
  const complaint = kind === 'complaint';
  const firstResponse = row.first_response_at === null ? null : Number(row.first_response_at);
  const responded = complaint && firstResponse !== null && firstResponse - Number(row.opened_at) <= RESPONSE_LIMIT_MS;
  const handled = closed && row.handling_ms !== null && row.handling_work_ms !== null;
  const satisfaction = row.satisfaction ?? null;
  const handlingMs = handled ? Number(row.handling_ms) : 0;
  const workMs = handled ? Number(row.handling_work_ms) : 0;
  const placeId = row.place_id === null ? 0 : Number(row.place_id);
  return {
    townId: Number(row.town_id),
    month: Number(row.opened_day.slice(0, 4)) * 100 + Number(row.opened_day.slice(5, 7)),
    week: Number(row.opened_week),
    kind,
    source: (complaint ? row.channel : row.source) ?? '',
    departmentId: row.department_id === null ? 0 : Number(row.department_id),
    categories: lookups.categoryLevels(Number(row.category_id)),
    village: placeId === 0 ? 0 : lookups.villageOf(placeId),
    place: placeId,
    counts: [
      1,
      flag(Number(row.difficult) === 1),
      flag(closed),
      flag(cancelled),
      flag(overdue),
      flag(complaint && Number(row.reopen_count ?? 0) > 0),
      flag(complaint),
      flag(responded),
      flag(complaint && closed),
      flag(Number(row.resolved ?? 0) === 1),
      flag(satisfaction !== null),
      flag(satisfaction === 'satisfied' || satisfaction === 'basically_satisfied'),
      flag(handled),
      handlingMs,
      workMs,
    ],
    handlingBucket: handled ? bucketOf(handlingMs) : null,
    workBucket: handled ? bucketOf(workMs) : null,
  };
}

/** The key of the cell a fact adds to in a cuboid, in cube_cell's key order after town_id and cuboid. */
export interface CellKey {
  townId: number;
  cuboid: number;
  month: number;
  week: number;
  categoryId: number;
  placeId: number;
  kind: RecordKind;
  source: string;
  departmentId: number;
}

export function cellKeyOf(cuboid: Cuboid, fact: FactDims): CellKey {
  return {
    townId: fact.townId,
    cuboid: cuboid.id,
    month: fact.month,
    week: fact.week,
    categoryId: cuboid.category === 0 ? 0 : (fact.categories[cuboid.category - 1] as number),
    placeId: cuboid.place === 0 ? fact.townId : cuboid.place === 1 ? fact.village : fact.place,
    kind: fact.kind,
    source: cuboid.source ? fact.source : '',
    departmentId: cuboid.department ? fact.departmentId : 0,
  };
}
