import type { Expression, ExpressionBuilder, Insertable, Selectable, SqlBool, Updateable } from 'kysely';
import type { Scope } from '../auth/index.js';
import type { Database, Db } from '../store/database.js';
import type { MonthlyProblemTable, WarningTable } from '../store/tables/warnings.js';
import { warningScopeCondition } from './warning.repo.js';

/*
 * The problems of the month, read through their warning: whoever reads the warning reads its problems of the month.
 */

export type MonthlyProblemRow = Selectable<MonthlyProblemTable> & {
  town_code: string;
  town_name: string;
  warning_type: 'outbreak' | 'trend' | 'emerging' | 'backlog';
  warning_severity: 'red' | 'orange' | 'yellow' | 'blue';
  warning_status: 'new' | 'acknowledged' | 'rectifying' | 'closed' | 'dismissed';
  warning_summary: string;
  category_code: string | null;
  category_name: string | null;
  place_code: string;
  place_name: string;
};

export interface MonthlyProblemFilter {
  townId?: number;
  month?: string;
  status?: 'open' | 'done';
  warningId?: number;
  id?: number;
}

function selectMonthlyProblems(db: Db) {
  return db
    .selectFrom('monthly_problem as mp')
    .innerJoin('warning as w', 'w.id', 'mp.warning_id')
    .innerJoin('place as town', 'town.id', 'mp.town_id')
    .innerJoin('place as pl', 'pl.id', 'w.place_id')
    .leftJoin('category as cat', 'cat.id', 'w.category_id')
    .selectAll('mp')
    .select([
      'town.code as town_code',
      'town.name as town_name',
      'w.type as warning_type',
      'w.severity as warning_severity',
      'w.status as warning_status',
      'w.summary as warning_summary',
      'cat.code as category_code',
      'cat.name as category_name',
      'pl.code as place_code',
      'pl.name as place_name',
    ]);
}

type MonthlyProblemEb = ExpressionBuilder<Database & { w: WarningTable; mp: MonthlyProblemTable }, 'w' | 'mp'>;

function conditions(eb: MonthlyProblemEb, scope: Scope, filter: MonthlyProblemFilter): Expression<SqlBool>[] {
  const all: Expression<SqlBool>[] = [];
  const within = warningScopeCondition(eb, scope);
  if (within) {
    all.push(within);
  }
  if (filter.townId !== undefined) {
    all.push(eb('mp.town_id', '=', filter.townId));
  }
  if (filter.month !== undefined) {
    all.push(eb('mp.month', '=', filter.month));
  }
  if (filter.status !== undefined) {
    all.push(eb('mp.status', '=', filter.status));
  }
  if (filter.warningId !== undefined) {
    all.push(eb('mp.warning_id', '=', filter.warningId));
  }
  if (filter.id !== undefined) {
    all.push(eb('mp.id', '=', filter.id));
  }
  return all;
}

/** The problems of the month whose warnings lie within `scope`, newest month first. */
export async function listMonthlyProblemRows(
  db: Db,
  scope: Scope,
  filter: MonthlyProblemFilter,
): Promise<MonthlyProblemRow[]> {
  return selectMonthlyProblems(db)
    .where((eb) => eb.and(conditions(eb, scope, filter)))
    .orderBy('mp.month', 'desc')
    .orderBy('mp.id', 'desc')
    .execute();
}

/** The problem of the month with this id when its warning lies within `scope`. */
export async function findMonthlyProblemRow(db: Db, scope: Scope, id: number): Promise<MonthlyProblemRow | undefined> {
  return selectMonthlyProblems(db)
    .where((eb) => eb.and(conditions(eb, scope, { id })))
    .executeTakeFirst();
}

/** Whether the warning is already its town's problem of this month. */
export async function findMonthlyProblemId(
  db: Db,
  townId: number,
  month: string,
  warningId: number,
): Promise<number | undefined> {
  const row = await db
    .selectFrom('monthly_problem')
    .select('id')
    .where('town_id', '=', townId)
    .where('month', '=', month)
    .where('warning_id', '=', warningId)
    .executeTakeFirst();
  return row === undefined ? undefined : Number(row.id);
}

export async function insertMonthlyProblem(db: Db, row: Insertable<MonthlyProblemTable>): Promise<number> {
  const { id } = await db.insertInto('monthly_problem').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(id);
}

export async function updateMonthlyProblemRow(
  db: Db,
  id: number,
  patch: Updateable<MonthlyProblemTable>,
): Promise<void> {
  await db.updateTable('monthly_problem').set(patch).where('id', '=', id).execute();
}
