import { type Insertable, type Selectable, sql } from 'kysely';
import type { Scope } from '../auth/access.js';
import type { Db } from '../store/database.js';
import { dialectOf } from '../store/dialect.js';
import type { AuditLogTable } from '../store/tables/auth.js';

export type AuditRow = Selectable<AuditLogTable>;

/** Any number: the key of the one PostgreSQL advisory lock that orders appends to the audit chain. */
const AUDIT_LOCK_KEY = 7_3110_0001;

/**
 * Take the audit chain for this transaction: on PostgreSQL an advisory transaction lock, so processes append one
 * after another; SQLite has a single writer already. (Should two appends race anyway, `seq` is the primary key:
 * the second fails rather than fork the chain.)
 */
export async function lockAuditChain(db: Db): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    await sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`.execute(db);
  }
}

/** The last entry's seq and hash, or undefined for an empty log. */
export async function lastAuditLink(db: Db): Promise<{ seq: number; hash: string } | undefined> {
  const row = await db
    .selectFrom('audit_log')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { seq: Number(row.seq), hash: row.hash } : undefined;
}

/** Rows per INSERT: 16 columns × 500 stays under both databases' limits on bound parameters. */
const ROWS_PER_STATEMENT = 500;

/** Insert chained rows, a statement per 500. */
export async function insertAuditRows(db: Db, rows: Insertable<AuditLogTable>[]): Promise<void> {
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    await db
      .insertInto('audit_log')
      .values(rows.slice(start, start + ROWS_PER_STATEMENT))
      .execute();
  }
}

/** Up to `limit` entries after `afterSeq`, in chain order. */
export async function auditRowsAfter(db: Db, afterSeq: number, limit: number): Promise<AuditRow[]> {
  const rows = await db
    .selectFrom('audit_log')
    .selectAll()
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map(toAuditRow);
}

/** PostgreSQL may return bigint as text (store/open.ts parses it, but a raw pg pool may not); the chain hashes numbers. */
function toAuditRow<T extends AuditRow>(row: T): T {
  return {
    ...row,
    seq: Number(row.seq),
    at: Number(row.at),
    actor_id: row.actor_id === null ? null : Number(row.actor_id),
    town_id: row.town_id === null ? null : Number(row.town_id),
  };
}

/** What `listAuditRows` filters by; every field optional. `toMs` is exclusive. */
export interface AuditFilter {
  actorName?: string;
  action?: string;
  /** Actions starting with this text (`complaint.`). */
  actionPrefix?: string;
  entity?: string;
  entityId?: string;
  fromMs?: number;
  toMs?: number;
  townId?: number;
  /** Keyset paging: only entries older than this seq. */
  beforeSeq?: number;
}

/** An entry with the code of its town, for listing. */
export type AuditListRow = AuditRow & { town_code: string | null };

/**
 * Entries matching the filter within the reader's scope, newest first, at most `limit`. A scope of towns reads the
 * entries of those towns; entries of no town (sign-ins, the taxonomy, users) only `scope.all` reads.
 */
export async function listAuditRows(db: Db, filter: AuditFilter, scope: Scope, limit: number): Promise<AuditListRow[]> {
  if (!scope.all && scope.townIds.length === 0) {
    return [];
  }
  let query = db.selectFrom('audit_log as a').leftJoin('place as town', 'town.id', 'a.town_id').selectAll('a');
  if (!scope.all) {
    query = query.where('a.town_id', 'in', [...scope.townIds]);
  }
  if (filter.actorName !== undefined) {
    query = query.where('a.actor_name', '=', filter.actorName);
  }
  if (filter.action !== undefined) {
    query = query.where('a.action', '=', filter.action);
  }
  if (filter.actionPrefix !== undefined) {
    // substr rather than LIKE: `_` is a wildcard there and common in action names.
    query = query.where(sql`substr(a.action, 1, ${filter.actionPrefix.length})`, '=', filter.actionPrefix);
  }
  if (filter.entity !== undefined) {
    query = query.where('a.entity', '=', filter.entity);
  }
  if (filter.entityId !== undefined) {
    query = query.where('a.entity_id', '=', filter.entityId);
  }
  if (filter.fromMs !== undefined) {
    query = query.where('a.at', '>=', filter.fromMs);
  }
  if (filter.toMs !== undefined) {
    query = query.where('a.at', '<', filter.toMs);
  }
  if (filter.townId !== undefined) {
    query = query.where('a.town_id', '=', filter.townId);
  }
  if (filter.beforeSeq !== undefined) {
    query = query.where('a.seq', '<', filter.beforeSeq);
  }
  const rows = await query.select('town.code as town_code').orderBy('a.seq', 'desc').limit(limit).execute();
  return rows.map((row) => ({ ...toAuditRow(row), town_code: row.town_code }));
}

/** A town's id by its place code, or undefined when no town has it. */
export async function findTownId(db: Db, code: string): Promise<number | undefined> {
  const row = await db
    .selectFrom('place')
    .select('id')
    .where('code', '=', code)
    .where('level', '=', 'town')
    .executeTakeFirst();
  return row?.id;
}
