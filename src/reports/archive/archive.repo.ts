import type { Insertable, Selectable } from 'kysely';
import type { Scope } from '../../auth/index.js';
import type { Db } from '../../store/database.js';
import type { ReportTable, ReportTypeName } from '../../store/tables/reports.js';

/*
 * The queries of the report archive. Reports are town documents: every read is limited to the towns the reader's
 * scope holds whole (a village's or department's grant reaches none, since a report shows the whole town).
 */

export type ReportRow = Selectable<ReportTable> & { town_code: string; town_name: string };
/** A list row: everything but the (large) document and sources. */
export type ReportSummaryRow = Omit<ReportRow, 'document' | 'sources'>;

export interface ReportFilter {
  townId?: number;
  type?: ReportTypeName;
  period?: string;
  locale?: string;
}

function scoped(scope: Scope) {
  return (db: Db) => {
    const query = db.selectFrom('report as r').innerJoin('place as town', 'town.id', 'r.town_id');
    if (scope.all) {
      return query;
    }
    // An empty list would be `in ()`, which SQL refuses: -1 is no town.
    return query.where('r.town_id', 'in', scope.townIds.length > 0 ? [...scope.townIds] : [-1]);
  };
}

const SUMMARY = [
  'r.id',
  'r.town_id',
  'r.type',
  'r.period',
  'r.locale',
  'r.version',
  'r.title',
  'r.trigger',
  'r.created_by',
  'r.created_at',
  'town.code as town_code',
  'town.name as town_name',
] as const;

/** Newest first, `limit` + 1 rows from `offset` (the caller tells whether there is a next page). */
export async function selectReports(
  db: Db,
  scope: Scope,
  filter: ReportFilter,
  page: { limit: number; offset: number },
): Promise<ReportSummaryRow[]> {
  let query = scoped(scope)(db).select(SUMMARY);
  if (filter.townId !== undefined) {
    query = query.where('r.town_id', '=', filter.townId);
  }
  if (filter.type !== undefined) {
    query = query.where('r.type', '=', filter.type);
  }
  if (filter.period !== undefined) {
    query = query.where('r.period', '=', filter.period);
  }
  if (filter.locale !== undefined) {
    query = query.where('r.locale', '=', filter.locale as 'zh-CN');
  }
  return query
    .orderBy('r.created_at', 'desc')
    .orderBy('r.id', 'desc')
    .limit(page.limit + 1)
    .offset(page.offset)
    .execute();
}

export async function selectReport(db: Db, scope: Scope, id: number): Promise<ReportRow | undefined> {
  return scoped(scope)(db)
    .select([...SUMMARY, 'r.document', 'r.sources'])
    .where('r.id', '=', id)
    .executeTakeFirst();
}

/** The latest version number of a town's report of a type, period and locale (0 when there is none). */
export async function selectLatestVersion(
  db: Db,
  key: { townId: number; type: ReportTypeName; period: string; locale: string },
): Promise<number> {
  const row = await db
    .selectFrom('report')
    .select((eb) => eb.fn.max('version').as('version'))
    .where('town_id', '=', key.townId)
    .where('type', '=', key.type)
    .where('period', '=', key.period)
    .where('locale', '=', key.locale as 'zh-CN')
    .executeTakeFirst();
  return Number(row?.version ?? 0);
}

export async function insertReport(db: Db, row: Insertable<ReportTable>): Promise<number> {
  const inserted = await db.insertInto('report').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(inserted.id);
}
