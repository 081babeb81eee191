/**
 * What the engine reads (the town's shape, the base cuboid's weekly counts, complaint texts, sample records, overdue
 * records) and writes (warnings, their villages and events, its runs). Town-wide reads: the engine runs as the
 * system for a whole town; people's reads of warnings are scoped in warning.repo.ts.
 */
import { type Insertable, type SelectQueryBuilder, sql } from 'kysely';
import type { Database, Db } from '../../store/database.js';
import type { ComplaintTermsTable, WarningStatus, WarningTable, WarningType } from '../../store/tables/warnings.js';
import type { CellCount } from './series.js';
import type { CategoryNode, TownShape, VillageNode } from './shape.js';

export async function selectTownShape(db: Db, townId: number): Promise<TownShape | undefined> {
  const town = await db
    .selectFrom('place')
    .select(['id', 'code', 'name', 'name_en'])
    .where('id', '=', townId)
    .where('level', '=', 'town')
    .executeTakeFirst();
  if (town === undefined) {
    return undefined;
  }
  const categoryRows = await db
    .selectFrom('category')
    .select(['id', 'code', 'name', 'name_en', 'level', 'level1_id', 'level2_id', 'level3_id'])
    .execute();
  const categories = new Map<number, CategoryNode>();
  for (const row of categoryRows) {
    // A category is its own ancestor at its level (category.level<n>_id), so the path ends with its id.
    const path = [row.level1_id, row.level2_id, row.level3_id].slice(0, Number(row.level)).map(Number);
    categories.set(Number(row.id), {
      id: Number(row.id),
      code: row.code,
      name: { zh: row.name, en: row.name_en },
      level: Number(row.level),
      path,
    });
  }
  const placeRows = await db
    .selectFrom('place')
    .select(['id', 'code', 'name', 'name_en', 'level', 'parent_id'])
    .where('town_id', '=', townId)
    .where('level', 'in', ['village', 'group'])
    .orderBy('code')
    .execute();
  const villages = new Map<number, VillageNode>();
  const villageOfPlace = new Map<number, number>();
  for (const row of placeRows) {
    if (row.level === 'village') {
      villages.set(Number(row.id), {
        id: Number(row.id),
        code: row.code,
        name: { zh: row.name, en: row.name_en ?? row.name },
      });
      villageOfPlace.set(Number(row.id), Number(row.id));
    }
  }
  for (const row of placeRows) {
    if (row.level === 'group' && row.parent_id !== null && villages.has(Number(row.parent_id))) {
      villageOfPlace.set(Number(row.id), Number(row.parent_id));
    }
  }
  return {
    town: { id: Number(town.id), code: town.code, name: { zh: town.name, en: town.name_en ?? town.name } },
    categories,
    villages,
    villageOfPlace,
  };
}

/** Records by week × own category × own place (both kinds, every source and department), from the base cuboid. */
export async function selectWeeklyCells(
  db: Db,
  townId: number,
  fromWeek: number,
  toWeek: number,
): Promise<CellCount[]> {
  const rows = await db
    .selectFrom('cube_cell')
    .select(['week', 'category_id', 'place_id', sql<number>`sum(records)`.as('records')])
    .where('town_id', '=', townId)
    .where('cuboid', '=', 0)
    .where('week', '>=', fromWeek)
    .where('week', '<=', toWeek)
    .groupBy(['week', 'category_id', 'place_id'])
    .execute();
  return rows.map((r) => ({
    week: Number(r.week),
    categoryId: Number(r.category_id),
    placeId: Number(r.place_id) === 0 ? null : Number(r.place_id),
    records: Number(r.records),
  }));
}

/** The first week holding any record of the town (the base cuboid's), or undefined for an empty town. */
export async function selectFirstWeek(db: Db, townId: number): Promise<number | undefined> {
  const row = await db
    .selectFrom('cube_cell')
    .select(sql<number | null>`min(week)`.as('week'))
    .where('town_id', '=', townId)
    .where('cuboid', '=', 0)
    .executeTakeFirst();
  return row?.week === null || row?.week === undefined ? undefined : Number(row.week);
}

export interface ComplaintText {
  id: number;
  week: number;
  categoryId: number;
  placeId: number | null;
  updatedAt: number;
}

/** A complaint of the weeks with its cached terms, if the cache holds any (of whatever version and dictionary). */
export interface ComplaintVersion extends ComplaintText {
  cached: { updatedAt: number; dictionary: string; repeat: boolean; terms: string } | null;
}

/** The complaints of the weeks (without cancelled ones), each with what the terms cache holds for it. */
export async function selectComplaintVersions(
  db: Db,
  townId: number,
  fromWeek: number,
  toWeek: number,
): Promise<ComplaintVersion[]> {
  const rows = await db
    .selectFrom('complaint as c')
    .leftJoin('complaint_terms as t', 't.complaint_id', 'c.id')
    .select([
      'c.id',
      'c.opened_week',
      'c.category_id',
      'c.place_id',
      'c.updated_at',
      't.updated_at as cached_at',
      't.dictionary',
      't.repeat',
      't.terms',
    ])
    .where('c.town_id', '=', townId)
    .where('c.opened_week', '>=', fromWeek)
    .where('c.opened_week', '<=', toWeek)
    .where('c.status', '!=', 'cancelled')
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    week: Number(r.opened_week),
    categoryId: Number(r.category_id),
    placeId: r.place_id === null ? null : Number(r.place_id),
    updatedAt: Number(r.updated_at),
    cached:
      r.cached_at === null || r.terms === null
        ? null
        : {
            updatedAt: Number(r.cached_at),
            dictionary: r.dictionary ?? '',
            repeat: Number(r.repeat) === 1,
            terms: r.terms,
          },
  }));
}

/** The titles and contents of complaints, by id. */
export async function selectComplaintContents(
  db: Db,
  ids: readonly number[],
): Promise<Map<number, { title: string | null; content: string }>> {
  const texts = new Map<number, { title: string | null; content: string }>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('complaint')
      .select(['id', 'title', 'content'])
      .where('id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const r of rows) {
      texts.set(Number(r.id), { title: r.title, content: r.content });
    }
  }
  return texts;
}

export async function upsertCachedTerms(db: Db, rows: readonly Insertable<ComplaintTermsTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('complaint_terms')
      .values(rows.slice(i, i + 500))
      .onConflict((oc) =>
        oc.column('complaint_id').doUpdateSet((eb) => ({
          week: eb.ref('excluded.week'),
          updated_at: eb.ref('excluded.updated_at'),
          dictionary: eb.ref('excluded.dictionary'),
          repeat: eb.ref('excluded.repeat'),
          terms: eb.ref('excluded.terms'),
        })),
      )
      .execute();
  }
}

/** Drops the town's cached terms of weeks before `week` (no later run needs them). */
export async function pruneCachedTerms(db: Db, townId: number, week: number): Promise<void> {
  await db.deleteFrom('complaint_terms').where('town_id', '=', townId).where('week', '<', week).execute();
}

export interface SampleQuery {
  townId: number;
  week: number;
  /** The category and its subtree (by its level's column), or every category. */
  category: CategoryNode | null;
  /** Places (villages and their groups); empty for the whole town. */
  placeIds: readonly number[];
  limit: number;
}

/** The latest records of an issue's cells in its week: difficult ones first, complaints and cases both. */
export async function selectSampleRecords(
  db: Db,
  q: SampleQuery,
): Promise<{ kind: 'complaint' | 'case'; id: number }[]> {
  const found: { kind: 'complaint' | 'case'; id: number; difficult: number; opened: number }[] = [];
  for (const [table, kind] of [
    ['complaint', 'complaint'],
    ['enforcement_case', 'case'],
  ] as const) {
    let query = db
      .selectFrom(table)
      .select(['id', 'difficult', 'opened_at'])
      .where('town_id', '=', q.townId)
      .where('opened_week', '=', q.week);
    if (q.category !== null) {
      const column = `level${q.category.level}_id` as 'level1_id' | 'level2_id' | 'level3_id';
      const categoryId = q.category.id;
      query = query.where('category_id', 'in', (eb) =>
        eb.selectFrom('category').select('id').where(column, '=', categoryId),
      );
    }
    if (q.placeIds.length > 0) {
      query = query.where('place_id', 'in', q.placeIds);
    }
    const rows = await query.orderBy('difficult', 'desc').orderBy('opened_at', 'desc').limit(q.limit).execute();
    found.push(
      ...rows.map((r) => ({ kind, id: Number(r.id), difficult: Number(r.difficult), opened: Number(r.opened_at) })),
    );
  }
  return found
    .sort((a, b) => b.difficult - a.difficult || b.opened - a.opened)
    .slice(0, q.limit)
    .map(({ kind, id }) => ({ kind, id }));
}

export interface OverdueCount {
  departmentId: number | null;
  categoryId: number;
  /** Open and past the deadline at the instant asked. */
  overdue: number;
}

/**
 * Records open and past their deadline at instant `at` (opened before it, not closed by it), by department and
 * category: those still open and those closed after `at`, each read through the (town, closed_at) index.
 */
export async function selectOverdueAt(db: Db, townId: number, at: number): Promise<OverdueCount[]> {
  const counts: OverdueCount[] = [];
  for (const table of ['complaint', 'enforcement_case'] as const) {
    for (const open of [true, false]) {
      // Deadline and opening are counted, not filtered on, so that the planner reads the (town, closed_at) index.
      let query = db
        .selectFrom(table)
        .select([
          'department_id',
          'category_id',
          sql<number>`sum(case when deadline_at < ${at} and opened_at <= ${at} then 1 else 0 end)`.as('n'),
        ])
        .where('town_id', '=', townId)
        .where('status', '!=', 'cancelled');
      query = open ? query.where('closed_at', 'is', null) : query.where('closed_at', '>', at);
      const rows = await query.groupBy(['department_id', 'category_id']).execute();
      counts.push(
        ...rows
          .filter((r) => Number(r.n) > 0)
          .map((r) => ({
            departmentId: r.department_id === null ? null : Number(r.department_id),
            categoryId: Number(r.category_id),
            overdue: Number(r.n),
          })),
      );
    }
  }
  return counts;
}

export async function selectPlacesWithin(db: Db, villageIds: readonly number[]): Promise<number[]> {
  if (villageIds.length === 0) {
    return [];
  }
  const rows = await db
    .selectFrom('place_closure')
    .select('descendant_id')
    .where('ancestor_id', 'in', villageIds)
    .execute();
  return rows.map((r) => Number(r.descendant_id));
}

export interface OpenWarning {
  id: number;
  key: string;
  type: WarningType;
  status: WarningStatus;
  category_id: number | null;
  department_id: number | null;
  since_week: number;
  week: number;
  observed: number;
  severity: string;
  methods: string;
  facts: string;
  villageIds: number[];
}

/** The town's warnings of a type last seen at or after `sinceWeek`: the candidates a finding may continue. */
export function selectRecentWarnings(
  db: Db,
  townId: number,
  type: WarningType,
  sinceWeek: number,
): Promise<OpenWarning[]> {
  return selectWarnings(db, townId, (q) => q.where('type', '=', type).where('week', '>=', sinceWeek));
}

type WarningQuery = SelectQueryBuilder<Database, 'warning', object>;

async function selectWarnings(
  db: Db,
  townId: number,
  filter: (q: WarningQuery) => WarningQuery,
): Promise<OpenWarning[]> {
  const rows = await filter(db.selectFrom('warning').where('town_id', '=', townId))
    .select([
      'id',
      'key',
      'type',
      'status',
      'category_id',
      'department_id',
      'since_week',
      'week',
      'observed',
      'severity',
      'methods',
      'facts',
    ])
    .orderBy('id')
    .execute();
  const villages =
    rows.length === 0
      ? []
      : await db
          .selectFrom('warning_village')
          .select(['warning_id', 'village_id'])
          .where(
            'warning_id',
            'in',
            rows.map((r) => r.id),
          )
          .execute();
  return rows.map((r) => ({
    ...r,
    id: Number(r.id),
    category_id: r.category_id === null ? null : Number(r.category_id),
    department_id: r.department_id === null ? null : Number(r.department_id),
    since_week: Number(r.since_week),
    week: Number(r.week),
    observed: Number(r.observed),
    villageIds: villages.filter((v) => Number(v.warning_id) === Number(r.id)).map((v) => Number(v.village_id)),
  }));
}

export type WarningFindings = Omit<
  WarningTable,
  | 'id'
  | 'town_id'
  | 'key'
  | 'status'
  | 'owner'
  | 'due_day'
  | 'actions'
  | 'result'
  | 'dismiss_reason'
  | 'created_at'
  | 'updated_at'
>;

export async function insertWarning(
  db: Db,
  row: WarningFindings & { town_id: number; key: string; created_at: number },
): Promise<number> {
  const inserted = await db
    .insertInto('warning')
    .values({
      ...row,
      updated_at: row.created_at,
      status: 'new',
      owner: null,
      due_day: null,
      actions: null,
      result: null,
      dismiss_reason: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(inserted.id);
}

/** New figures for a warning; `updatedAt` only when they changed what people see. */
export async function updateWarningFindings(
  db: Db,
  id: number,
  findings: WarningFindings,
  updatedAt?: number,
): Promise<void> {
  await db
    .updateTable('warning')
    .set(updatedAt === undefined ? findings : { ...findings, updated_at: updatedAt })
    .where('id', '=', id)
    .execute();
}

export async function replaceWarningVillages(db: Db, warningId: number, villageIds: readonly number[]): Promise<void> {
  await db.deleteFrom('warning_village').where('warning_id', '=', warningId).execute();
  if (villageIds.length > 0) {
    await db
      .insertInto('warning_village')
      .values(villageIds.map((village_id) => ({ warning_id: warningId, village_id })))
      .execute();
  }
}

export async function insertWarningEvent(
  db: Db,
  event: { warning_id: number; at: number; action: string; to_status: WarningStatus; details: string; note?: string },
): Promise<void> {
  await db
    .insertInto('warning_event')
    .values({
      ...event,
      from_status: event.action === 'detected' ? null : event.to_status,
      actor_kind: 'system',
      actor_id: 'warnings-engine',
      actor_name: '预警引擎',
      note: event.note ?? null,
    })
    .execute();
}

export async function insertRun(
  db: Db,
  run: { town_id: number; week: number; trigger: 'import' | 'schedule' | 'cli' | 'api'; started_at: number },
): Promise<number> {
  const inserted = await db
    .insertInto('warning_run')
    .values({ ...run, finished_at: null, error: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(inserted.id);
}

export async function finishRun(
  db: Db,
  id: number,
  result: { finished_at: number; series: number; created: number; updated: number; error: string | null },
): Promise<void> {
  await db.updateTable('warning_run').set(result).where('id', '=', id).execute();
}

export async function selectDepartmentNames(db: Db, townId: number): Promise<Map<number, { zh: string; en: string }>> {
  const rows = await db
    .selectFrom('department')
    .select(['id', 'name', 'name_en'])
    .where('town_id', '=', townId)
    .where('active', '=', 1)
    .orderBy('code')
    .execute();
  return new Map(rows.map((r) => [Number(r.id), { zh: r.name, en: r.name_en ?? r.name }]));
}

/** The town's warning with `key`, if any (a rerun for an older week finds the warning it made then). */
export async function selectWarningByKey(db: Db, townId: number, key: string): Promise<OpenWarning | undefined> {
  const [found] = await selectWarnings(db, townId, (q) => q.where('key', '=', key));
  return found;
}

/** Towns holding records (those the cube keeps). */
export async function selectTownsWithRecords(db: Db): Promise<number[]> {
  const rows = await db.selectFrom('cube_state').select('town_id').orderBy('town_id').execute();
  return rows.map((r) => Number(r.town_id));
}

/** Severity and summary of warnings, most severe first (what the CLI prints after a run). */
export async function selectWarningLines(
  db: Db,
  ids: readonly number[],
): Promise<{ id: number; severity: string; status: string; summary: string; summary_en: string }[]> {
  if (ids.length === 0) {
    return [];
  }
  const rows = await db
    .selectFrom('warning')
    .select(['id', 'severity', 'status', 'summary', 'summary_en', 'score'])
    .where('id', 'in', ids)
    .orderBy('score', 'desc')
    .orderBy('id')
    .execute();
  return rows.map(({ score: _score, ...r }) => ({ ...r, id: Number(r.id) }));
}

/** Towns whose records were written at or after `since` (the cube moves a town's as-of instant on every write). */
export async function selectTownsWrittenSince(db: Db, since: number): Promise<number[]> {
  const rows = await db
    .selectFrom('cube_state')
    .select('town_id')
    .where('as_of', '>=', since)
    .orderBy('town_id')
    .execute();
  return rows.map((r) => Number(r.town_id));
}

export async function selectRuns(db: Db, townId: number, limit: number) {
  const rows = await db
    .selectFrom('warning_run')
    .selectAll()
    .where('town_id', '=', townId)
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    week: Number(r.week),
    trigger: r.trigger,
    startedAt: Number(r.started_at),
    finishedAt: r.finished_at === null ? null : Number(r.finished_at),
    series: Number(r.series),
    created: Number(r.created),
    updated: Number(r.updated),
    error: r.error,
  }));
}

/** When the engine last finished a run for the town's week without error, or undefined. */
export async function selectLastGoodRun(db: Db, townId: number, week: number): Promise<number | undefined> {
  const row = await db
    .selectFrom('warning_run')
    .select(sql<number | null>`max(started_at)`.as('at'))
    .where('town_id', '=', townId)
    .where('week', '=', week)
    .where('finished_at', 'is not', null)
    .where('error', 'is', null)
    .executeTakeFirst();
  return row?.at === null || row?.at === undefined ? undefined : Number(row.at);
}

/** The names of the town's places and registered enterprises: words the emerging-word detector should not flag. */
export async function selectLocalNames(db: Db, townId: number): Promise<string[]> {
  const [places, enterprises] = await Promise.all([
    db
      .selectFrom('place')
      .select('name')
      .where((eb) => eb.or([eb('town_id', '=', townId), eb('id', '=', townId)]))
      .execute(),
    db.selectFrom('enterprise').select('name').where('town_id', '=', townId).execute(),
  ]);
  return [...places, ...enterprises].map((r) => r.name);
}
