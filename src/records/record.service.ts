import { appendAudit } from '../audit/index.js';
import { type Actor, scopeOf } from '../auth/index.js';
import { invalidField } from '../core/errors.js';
import type { Cipher } from '../core/pii/index.js';
import { parseDay, parseWeek, townIso } from '../core/time/index.js';
import { requireDepartment } from '../orgs/index.js';
import { requirePlace } from '../places/index.js';
import type { Db } from '../store/database.js';
import type { RecordKind } from '../store/tables/intake.js';
import { requireCategory } from '../taxonomy/index.js';
import { maskPersonalText } from './personal-text.js';
import { checkRecordWrite, type RecordWritePermission } from './record.access.js';
import { recordAuditEntries } from './record.audit.js';
import { requireTown } from './record.refs.js';
import type { RecordFilter, RecordPaging } from './record.repo.js';
import type { RecordChange, RecordListQuery } from './record.schema.js';
import {
  type AfterWrite,
  type RecordInsert,
  type RecordTable,
  type RecordWrite,
  type UpsertOutcome,
  upsertRecords,
} from './record.upsert.js';
import { selectChanges } from './record.upsert.repo.js';

/*
 * The rules complaints and enforcement cases share: writing through the upsert (a second record under the same
 * (sourceSystem, externalNo) updates the first), and turning list queries into filters and pages.
 * Resolving codes is in record.refs.ts, deriving the stored rows in record.rows.ts.
 */

export interface RecordDeps {
  db: Db;
  /** Encrypts personal data at rest and decrypts it for masking (core/pii). */
  cipher: Cipher;
  /**
   * Who asks: reads see what their records:read reaches (the rest is not there: 404), writes go where their
   * records:write reaches (elsewhere: 403), and each write is audited under their name.
   */
  actor: Actor;
}

/** What writing records needs besides: the roll-ups every write keeps current in its transaction (updateCube). */
export interface RecordWriteDeps extends RecordDeps {
  afterWrite: AfterWrite;
}

/** What the record routes are given: the write deps without the actor, which each request brings. */
export type RecordRouteDeps = Omit<RecordWriteDeps, 'actor'>;

/** A record written by the API and how: `inserted` (new key), `updated` (changed fields), `unchanged`. */
export interface RecordWriteResult<R> {
  outcome: UpsertOutcome;
  record: R;
}

/** The response header that tells how a single POST wrote its record: `inserted`, `updated` or `unchanged`. */
export const WRITE_HEADER = 'shanzhi-write';

/** The HTTP status of a write: 201 when it created the record, 200 when the key was already there. */
export function writeStatus(outcome: UpsertOutcome): 200 | 201 {
  return outcome === 'inserted' ? 201 : 200;
}

/** How a write through the API is checked: by records:write (REST, the default) or open311:submit (Open311). */
export interface RecordWriteOptions {
  permission?: RecordWritePermission;
}

/**
 * Upsert rows written through the API (origin `api`, no import batch) inside the caller's transaction: every row must
 * lie where the actor's `permission` reaches (as stored and as written; else forbidden and nothing is written), and
 * every insert or update leaves an audit entry with the fields written or changed (personal data masked).
 */
export async function upsertApiRecords(
  deps: RecordWriteDeps,
  table: RecordTable,
  rows: readonly RecordInsert[],
  permission: RecordWritePermission = 'records:write',
): Promise<RecordWrite[]> {
  const { db, cipher, afterWrite, actor } = deps;
  const scope = scopeOf(actor, permission);
  const writes = await upsertRecords(db, table, rows, {
    cipher,
    origin: 'api',
    batchId: null,
    now: Date.now(),
    afterWrite,
    permit: (row, before) => checkRecordWrite(scope, permission, row, before),
  });
  await appendAudit(db, actor, recordAuditEntries(writes));
  return writes;
}

const TEXT_COLUMNS = ['title', 'content', 'address', 'external_no'] as const;

/** A list query's codes resolved to ids (unknown ones are invalid_input naming the parameter) and its paging. */
export async function resolveRecordQuery(
  db: Db,
  query: RecordListQuery,
): Promise<{ filter: RecordFilter; paging: RecordPaging }> {
  const filter: RecordFilter = {};
  if (query.town !== undefined) {
    filter.townId = (await requireTown(db, query.town, 'town')).id;
  }
  if (query.week !== undefined) {
    filter.week = parseWeek(query.week, 'week');
  }
  if (query.from !== undefined) {
    filter.fromDay = parseDay(query.from, 'from');
  }
  if (query.to !== undefined) {
    filter.toDay = parseDay(query.to, 'to');
    if (filter.fromDay !== undefined && filter.toDay < filter.fromDay) {
      throw invalidField('to', `must not be before from (${filter.fromDay})`);
    }
  }
  if (query.category !== undefined) {
    filter.category = await requireCategory(db, query.category, 'category');
  }
  if (query.place !== undefined) {
    filter.place = await requirePlace(db, query.place, 'place');
  }
  if (query.department !== undefined) {
    if (filter.townId === undefined) {
      throw invalidField('department', 'department codes belong to a town: give town too');
    }
    filter.departmentId = (await requireDepartment(db, filter.townId, query.department, 'department')).id;
  }
  if (query.difficult !== undefined) {
    filter.difficult = query.difficult;
  }
  const text = query.q?.trim();
  if (text) {
    filter.text = {
      value: text,
      columns: /[0-9]{7}/.test(text.replace(/[\s()+-]/g, '')) ? ['external_no'] : TEXT_COLUMNS,
    };
  }
  if (query.cursor !== undefined && query.offset !== undefined) {
    throw invalidField('cursor', 'give cursor or offset, not both');
  }
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  // One row more than asked tells whether there is a next page.
  return { filter, paging: { limit: query.limit + 1, offset: query.offset, after, order: query.order } };
}

function decodeCursor(cursor: string): { openedAt: number; id: number } {
  const match = /^(\d{1,16})\.(\d{1,16})$/.exec(Buffer.from(cursor, 'base64url').toString('latin1'));
  const openedAt = Number(match?.[1]);
  const id = Number(match?.[2]);
  if (!match || !Number.isSafeInteger(openedAt) || !Number.isSafeInteger(id)) {
    throw invalidField('cursor', 'not a cursor of this list (use nextCursor as given)');
  }
  return { openedAt, id };
}

/** A page with `total` added when the query asked for it (`count` runs only then). */
export async function withTotal<P extends object>(
  page: P,
  asked: boolean,
  count: () => Promise<number>,
): Promise<P & { total?: number }> {
  return asked ? { ...page, total: await count() } : page;
}

/**
 * A record's changes, oldest first, as the API names its fields: `*_id` references only as changed (their ids mean
 * nothing outside), instants as town ISO text, free text with the personal data it carries masked unless `reveal`.
 */
export async function recordHistory(db: Db, kind: RecordKind, id: number, reveal: boolean): Promise<RecordChange[]> {
  const rows = await selectChanges(db, kind, id);
  return rows.map((row) => {
    const changes: RecordChange['changes'] = {};
    for (const [column, entry] of Object.entries(JSON.parse(row.changes) as Record<string, Record<string, unknown>>)) {
      const base = column.replace(/_id$/, '');
      const field = base.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
      if (column.endsWith('_id') || !('from' in entry || 'to' in entry)) {
        changes[field] = { changed: true };
        continue;
      }
      const value = (raw: unknown) => {
        if (raw === null || raw === undefined) {
          return null;
        }
        if (column.endsWith('_at') && (typeof raw === 'number' || /^[0-9]+$/.test(String(raw)))) {
          return townIso(Number(raw));
        }
        if (typeof raw === 'string') {
          return reveal ? raw : maskPersonalText(raw);
        }
        return typeof raw === 'number' || typeof raw === 'boolean' ? raw : String(raw);
      };
      changes[field] = { from: value(entry.from), to: value(entry.to) };
    }
    const at = Number(row.changed_at);
    return { changedAt: townIso(at), changedAtMs: at, origin: row.origin, changes };
  });
}

/** The page of presented items and the cursor after its last row, from rows fetched with one row extra. */
export function toPage<R extends { opened_at: number; id: number }, P>(
  rows: R[],
  limit: number,
  present: (row: R) => P,
): { items: P[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > limit && last ? Buffer.from(`${last.opened_at}.${last.id}`, 'latin1').toString('base64url') : null;
  return { items: page.map(present), nextCursor };
}
