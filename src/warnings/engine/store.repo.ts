/** The warnings the engine writes: the candidates a finding may continue, inserts, new figures, villages, events. */
import type { SelectQueryBuilder } from 'kysely';
import type { Database, Db } from '../../store/database.js';
import type { WarningStatus, WarningTable, WarningType } from '../../store/tables/warnings.js';

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

/** The town's warning with `key`, if any (a rerun for an older week finds the warning it made then). */
export async function selectWarningByKey(db: Db, townId: number, key: string): Promise<OpenWarning | undefined> {
  const [found] = await selectWarnings(db, townId, (q) => q.where('key', '=', key));
  return found;
}
