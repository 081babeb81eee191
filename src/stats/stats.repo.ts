import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Scope } from '../auth/index.js';
import type { CountMeasure } from '../cube/index.js';
import { RESPONSE_LIMIT_MS } from '../cube/index.js';
import { type RecordEb, scopeCondition } from '../records/index.js';
import type { Db } from '../store/database.js';
import type { HistogramColumn } from './stats.measures.js';
import type { StatsPeriodKind } from './stats.periods.js';
import type { GroupColumn } from './stats.plan.js';
import type { RecordFlag } from './stats.schema.js';

/*
 * The SQL of the stats API (both databases): cube cells by period, the names of what keys point at, and the
 * conditions of the records behind a number.
 */

const TRUE = sql<SqlBool>`1 = 1`;
const FALSE = sql<SqlBool>`1 = 0`;

/** Ids per IN list: far below both databases' limits on bound parameters. */
const CHUNK = 1_000;

function chunks<T>(values: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < values.length; start += CHUNK) {
    out.push(values.slice(start, start + CHUNK));
  }
  return out;
}

/** The ids of the towns (within a city or town, when given). */
export async function selectTownIds(db: Db, withinId?: number): Promise<number[]> {
  let query = db.selectFrom('place').select('place.id').where('place.level', '=', 'town');
  if (withinId !== undefined) {
    query = query
      .innerJoin('place_closure', 'place_closure.descendant_id', 'place.id')
      .where('place_closure.ancestor_id', '=', withinId);
  }
  return (await query.execute()).map((row) => Number(row.id));
}

/** A place and everything within it. */
export async function selectPlaceIdsWithin(db: Db, id: number): Promise<number[]> {
  const rows = await db.selectFrom('place_closure').select('descendant_id').where('ancestor_id', '=', id).execute();
  return rows.map((row) => Number(row.descendant_id));
}

/** Every place within any of these (themselves included). */
export async function selectPlaceIdsWithinAny(db: Db, ids: readonly number[]): Promise<number[]> {
  const out = new Set<number>();
  for (const part of chunks(ids)) {
    const rows = await db
      .selectFrom('place_closure')
      .select('descendant_id')
      .where('ancestor_id', 'in', part)
      .execute();
    for (const row of rows) {
      out.add(Number(row.descendant_id));
    }
  }
  return [...out];
}

/** The towns these places lie in. */
export async function selectTownsOfPlaces(db: Db, ids: readonly number[]): Promise<number[]> {
  const out = new Set<number>();
  for (const part of chunks(ids)) {
    const rows = await db.selectFrom('place').select('town_id').where('id', 'in', part).execute();
    for (const row of rows) {
      if (row.town_id !== null) {
        out.add(Number(row.town_id));
      }
    }
  }
  return [...out];
}

/** The towns these departments belong to. */
export async function selectTownsOfDepartments(db: Db, ids: readonly number[]): Promise<number[]> {
  const out = new Set<number>();
  for (const part of chunks(ids)) {
    const rows = await db.selectFrom('department').select('town_id').where('id', 'in', part).execute();
    for (const row of rows) {
      out.add(Number(row.town_id));
    }
  }
  return [...out];
}

export interface CategoryNames {
  id: number;
  code: string;
  name: string;
  name_en: string;
  level: number;
  level1_id: number | null;
  level2_id: number | null;
  level3_id: number | null;
}

/** Every category (a few hundred): keys roll up through them and filters expand to their subtrees. */
export async function selectCategories(db: Db): Promise<CategoryNames[]> {
  return db
    .selectFrom('category')
    .select(['id', 'code', 'name', 'name_en', 'level', 'level1_id', 'level2_id', 'level3_id'])
    .execute();
}

export interface NamedRow {
  id: number;
  code: string;
  name: string;
  name_en: string | null;
}
export type PlaceNames = NamedRow & { level: string; parent_id: number | null };

export async function selectPlaces(db: Db, ids: readonly number[]): Promise<PlaceNames[]> {
  const out: PlaceNames[] = [];
  for (const part of chunks(ids)) {
    const rows = await db
      .selectFrom('place')
      .select(['id', 'code', 'name', 'name_en', 'level', 'parent_id'])
      .where('id', 'in', part)
      .execute();
    out.push(...rows);
  }
  return out;
}

export async function selectDepartments(db: Db, ids: readonly number[]): Promise<NamedRow[]> {
  const out: NamedRow[] = [];
  for (const part of chunks(ids)) {
    out.push(
      ...(await db
        .selectFrom('department')
        .select(['id', 'code', 'name', 'name_en'])
        .where('id', 'in', part)
        .execute()),
    );
  }
  return out;
}

/** The departments with this code in these towns. */
export async function selectDepartmentIds(db: Db, townIds: readonly number[], code: string): Promise<number[]> {
  const out: number[] = [];
  for (const part of chunks(townIds)) {
    const rows = await db
      .selectFrom('department')
      .select('id')
      .where('code', '=', code)
      .where('town_id', 'in', part)
      .execute();
    out.push(...rows.map((row) => Number(row.id)));
  }
  return out;
}

/** What one read of cells asks for: a cuboid, towns, a month range (weeks too), filters, groups and columns. */
export interface CellQuery {
  townIds: readonly number[];
  cuboid: number;
  periodKind: StatsPeriodKind;
  fromMonth: number;
  toMonth: number;
  fromWeek?: number | undefined;
  toWeek?: number | undefined;
  categoryIds?: readonly number[] | undefined;
  placeIds?: readonly number[] | undefined;
  departmentIds?: readonly number[] | undefined;
  source?: string | undefined;
  kind?: string | undefined;
  /**
   * The reader's scope where it holds towns only in part: a cell counts when its town is one of `townIds`, its place
   * one of `placeIds` or its department one of `departmentIds` (the cuboid must keep place and department then).
   */
  access?: { townIds: readonly number[]; placeIds: readonly number[]; departmentIds: readonly number[] } | undefined;
  group: readonly GroupColumn[];
  counts: readonly CountMeasure[];
  histograms: readonly HistogramColumn[];
}

/** A cell's period number: YYYYWW, YYYYMM, YYYY*10+quarter or YYYY (integer division on both databases). */
function periodExpression(kind: StatsPeriodKind): RawBuilder<number> {
  switch (kind) {
    case 'week':
      return sql<number>`week`;
    case 'month':
      return sql<number>`month`;
    case 'quarter':
      return sql<number>`(month / 100) * 10 + (month % 100 + 2) / 3`;
    case 'year':
      return sql<number>`month / 100`;
  }
}

/**
 * The cells of a query: summed by period and group columns (`p`, the group columns, one sum per count column), or,
 * when a histogram is asked, every cell with its histogram texts, summed by the caller.
 */
export async function selectCells(db: Db, q: CellQuery): Promise<Record<string, unknown>[]> {
  const period = periodExpression(q.periodKind);
  const grouped = q.histograms.length === 0;
  let query = db
    .selectFrom('cube_cell')
    .where('town_id', 'in', q.townIds)
    .where('cuboid', '=', q.cuboid)
    .where('month', '>=', q.fromMonth)
    .where('month', '<=', q.toMonth)
    .select(period.as('p'))
    .select(q.group);
  if (q.fromWeek !== undefined && q.toWeek !== undefined) {
    query = query.where('week', '>=', q.fromWeek).where('week', '<=', q.toWeek);
  }
  if (q.categoryIds) {
    query = query.where('category_id', 'in', q.categoryIds);
  }
  if (q.placeIds) {
    query = query.where('place_id', 'in', q.placeIds);
  }
  if (q.departmentIds) {
    query = query.where('department_id', 'in', q.departmentIds);
  }
  if (q.source !== undefined) {
    query = query.where('source', '=', q.source);
  }
  if (q.kind !== undefined) {
    query = query.where('kind', '=', q.kind as 'complaint');
  }
  const { access } = q;
  if (access) {
    query = query.where((eb) => {
      const any: Expression<SqlBool>[] = [];
      if (access.townIds.length > 0) {
        any.push(eb('town_id', 'in', [...access.townIds]));
      }
      if (access.placeIds.length > 0) {
        any.push(eb('place_id', 'in', [...access.placeIds]));
      }
      if (access.departmentIds.length > 0) {
        any.push(eb('department_id', 'in', [...access.departmentIds]));
      }
      return any.length === 0 ? FALSE : eb.or(any);
    });
  }
  if (grouped) {
    return query
      .select(q.counts.map((column) => sql<number>`sum(${sql.ref(column)})`.as(column)))
      .groupBy([period, ...q.group])
      .execute();
  }
  return query.select([...q.counts, ...q.histograms]).execute();
}

/** Conditions on the records behind a number (`r` is the record; the cube's rules of src/cube/fact.ts). */
export interface RecordConditions {
  kind: 'complaint' | 'case';
  flag?: RecordFlag | undefined;
  townIds?: readonly number[] | undefined;
  /** Each: the column's value is one of the ids, or (null) the column is null. */
  within: { column: 'category_id' | 'place_id' | 'department_id'; ids: readonly number[] | null }[];
  source?: string | undefined;
  /** What the reader's stats:read reaches (the list's own scope is records:read, applied by the records' repo). */
  access?: Scope | undefined;
}

/** The flag's condition on a record of this kind (overdue judged at its town's cube as_of, as the cube does). */
function flagCondition(flag: RecordFlag, complaint: boolean): Expression<SqlBool> {
  const respondedInTime = sql<SqlBool>`(r.first_response_at is not null and r.first_response_at - r.opened_at <= ${RESPONSE_LIMIT_MS})`;
  const satisfied = sql<SqlBool>`r.satisfaction in ('satisfied', 'basically_satisfied')`;
  switch (flag) {
    case 'difficult':
      return sql<SqlBool>`r.difficult = 1`;
    case 'closed':
      return sql<SqlBool>`r.status = 'closed'`;
    case 'cancelled':
      return sql<SqlBool>`r.status = 'cancelled'`;
    case 'handled':
      return sql<SqlBool>`(r.status = 'closed' and r.handling_ms is not null and r.handling_work_ms is not null)`;
    case 'overdue':
      return sql<SqlBool>`(r.status <> 'cancelled' and r.deadline_at is not null
        and (r.closed_at is null or r.deadline_at < r.closed_at)
        and r.deadline_at < (select s.as_of from cube_state s where s.town_id = r.town_id))`;
    case 'unresolved':
      return complaint
        ? sql<SqlBool>`(r.status = 'closed' and (r.resolved is null or r.resolved <> 1))`
        : sql<SqlBool>`r.status = 'closed'`;
  }
  if (!complaint) {
    return FALSE;
  }
  switch (flag) {
    case 'reopened':
      return sql<SqlBool>`r.reopen_count > 0`;
    case 'responded':
      return respondedInTime;
    case 'unresponded':
      return sql<SqlBool>`not ${respondedInTime}`;
    case 'resolved':
      return sql<SqlBool>`r.resolved = 1`;
    case 'rated':
      return sql<SqlBool>`r.satisfaction is not null`;
    case 'satisfied':
      return satisfied;
    case 'dissatisfied':
      return sql<SqlBool>`r.satisfaction = 'dissatisfied'`;
  }
}

function inOrNull(column: string, ids: readonly number[] | null): Expression<SqlBool> {
  if (ids === null) {
    return sql<SqlBool>`${sql.ref(column)} is null`;
  }
  return ids.length === 0 ? FALSE : sql<SqlBool>`${sql.ref(column)} in (${sql.join(ids)})`;
}

/** The records' extra condition (records' RecordFilter.where). */
export function recordCondition(c: RecordConditions): (eb: RecordEb) => Expression<SqlBool> {
  return (eb) => {
    const all: Expression<SqlBool>[] = [TRUE];
    if (c.flag) {
      all.push(flagCondition(c.flag, c.kind === 'complaint'));
    }
    if (c.townIds) {
      all.push(inOrNull('r.town_id', c.townIds));
    }
    for (const { column, ids } of c.within) {
      all.push(inOrNull(`r.${column}`, ids));
    }
    if (c.source !== undefined) {
      all.push(sql<SqlBool>`${sql.ref(c.kind === 'complaint' ? 'r.channel' : 'r.source')} = ${c.source}`);
    }
    const reach = c.access && scopeCondition(eb, c.access);
    if (reach) {
      all.push(reach);
    }
    return eb.and(all);
  };
}

/** Whether a flag can hold for a record of this kind (the complaint-only measures never hold for a case). */
export function flagApplies(flag: RecordFlag | undefined, kind: 'complaint' | 'case'): boolean {
  return kind === 'complaint' || flag === undefined || CASE_FLAGS.has(flag);
}

const CASE_FLAGS = new Set<RecordFlag>(['difficult', 'overdue', 'closed', 'cancelled', 'unresolved', 'handled']);
