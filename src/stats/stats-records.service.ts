import { type Actor, scopeOf } from '../auth/index.js';
import { invalidField } from '../core/errors.js';
import type { Cipher } from '../core/pii/index.js';
import { type Period, periodRange, townIso } from '../core/time/index.js';
import { parseInput } from '../core/validation.js';
import { requirePlace } from '../places/index.js';
import {
  type CaseRow,
  type ComplaintRow,
  caseSources,
  complaintChannels,
  listCaseRows,
  listComplaintRows,
  presentCase,
  presentComplaint,
  type RecordFilter,
} from '../records/index.js';
import type { Db } from '../store/database.js';
import { resolveStatsAccess } from './stats.access.js';
import { flagApplies, type RecordConditions, recordCondition, selectPlaceIdsWithin } from './stats.repo.js';
import {
  type StatsRecordPage,
  type StatsRecordsQuery,
  type StatsRecordsQueryData,
  statsRecordsQuerySchema,
} from './stats.schema.js';
import { resolveScope, type StatsScope, subtreeIds } from './stats.scope.js';

export interface StatsRecordsDeps {
  db: Db;
  /** Decrypts complainants to mask them (records' presenters). */
  cipher: Cipher;
  /** Who asks: the records listed are those both their stats:read and their records:read reach. */
  actor: Actor;
}

type Kind = 'complaint' | 'case';
/** Within one opening instant complaints come before cases; the cursor carries (openedAt, kind rank, id). */
const RANK: Record<Kind, number> = { complaint: 0, case: 1 };
const UNKNOWN = '_unknown';

/**
 * The records behind a number of the stats API, newest first: the same filters and periods, the row's keys
 * (`category1`…`category3`, `village`, `group` with `_unknown`, `department` with `_none`) and a flag naming the
 * measure (difficult, overdue at the cube's as_of, …). Complainants are masked as in every record list. Only the
 * records both the actor's stats:read (the numbers it sees) and its records:read (the records it may open) reach.
 */
export async function listStatsRecords(deps: StatsRecordsDeps, input: StatsRecordsQuery): Promise<StatsRecordPage> {
  const q = parseInput(statsRecordsQuerySchema, input);
  if (q.cursor !== undefined && q.offset !== undefined) {
    throw invalidField('cursor', 'give cursor or offset, not both');
  }
  const statsScope = scopeOf(deps.actor, 'stats:read');
  const readScope = scopeOf(deps.actor, 'records:read');
  const access = await resolveStatsAccess(deps.db, statsScope);
  const scope = await resolveScope(deps.db, q, { allowNone: true, towns: access.towns });
  const within = await keyConditions(deps.db, scope, q);
  const first = periodRange(scope.periods[0] as Period);
  const last = periodRange(scope.periods.at(-1) as Period);
  const filter: RecordFilter = { fromDay: first.fromDay, toDay: last.toDay };
  if (scope.category) {
    filter.category = { id: Number(scope.category.id), level: scope.category.level as 1 | 2 | 3 };
  }
  const after = q.cursor === undefined ? undefined : decodeCursor(q.cursor);
  const fetch = q.limit + (q.offset ?? 0) + 1;
  const now = Date.now();
  const found: { openedAt: number; rank: number; id: number; item: StatsRecordPage['items'][number] }[] = [];
  for (const kind of ['complaint', 'case'] as const) {
    if (!wanted(scope, q, kind) || scope.townIds.length === 0) {
      continue;
    }
    const conditions: RecordConditions = { kind, flag: q.flag, within, source: scope.source, access: statsScope };
    if (q.town !== undefined || q.place !== undefined) {
      conditions.townIds = scope.townIds;
    }
    const paging = {
      limit: fetch,
      order: 'desc' as const,
      after: after && {
        openedAt: after.openedAt,
        id: RANK[kind] > after.rank ? Number.MAX_SAFE_INTEGER : RANK[kind] < after.rank ? 0 : after.id,
      },
    };
    const where = { ...filter, where: recordCondition(conditions) };
    const rows =
      kind === 'complaint'
        ? (await listComplaintRows(deps.db, readScope, where, paging)).map((row: ComplaintRow) => ({
            row,
            item: { kind, ...presentComplaint(row, deps.cipher, now) },
          }))
        : (await listCaseRows(deps.db, readScope, where, paging)).map((row: CaseRow) => ({
            row,
            item: { kind, ...presentCase(row, now) },
          }));
    for (const { row, item } of rows) {
      found.push({ openedAt: Number(row.opened_at), rank: RANK[kind], id: Number(row.id), item });
    }
  }
  found.sort((a, b) => b.openedAt - a.openedAt || a.rank - b.rank || b.id - a.id);
  const page = found.slice(q.offset ?? 0, (q.offset ?? 0) + q.limit);
  const lastRow = page.at(-1);
  const more = found.length > (q.offset ?? 0) + q.limit;
  return {
    asOf: scope.asOf === null ? null : townIso(scope.asOf),
    items: page.map((entry) => entry.item),
    nextCursor: more && lastRow ? encodeCursor(lastRow) : null,
  };
}

function wanted(scope: StatsScope, q: StatsRecordsQueryData, kind: Kind): boolean {
  if (scope.kind !== undefined && scope.kind !== kind) {
    return false;
  }
  const sources: readonly string[] = kind === 'complaint' ? complaintChannels : caseSources;
  return flagApplies(q.flag, kind) && (scope.source === undefined || sources.includes(scope.source));
}

/** The row-key parameters and the place and department filters as id lists (null: the column is null). */
async function keyConditions(db: Db, scope: StatsScope, q: StatsRecordsQueryData) {
  const within: RecordConditions['within'] = [];
  for (const level of [1, 2, 3] as const) {
    const code = q[`category${level}`];
    if (code === undefined) {
      continue;
    }
    const field = `category${level}`;
    const category = scope.categoryByCode.get(code);
    if (!category) {
      throw invalidField(field, `unknown category "${code}"`);
    }
    if (category.level > level) {
      throw invalidField(field, `"${code}" is a level-${category.level} category, not a key of level ${level}`);
    }
    // A category shallower than the level is the key of its own records only (ragged tree).
    const ids = category.level === level ? subtreeIds(scope, category) : [Number(category.id)];
    within.push({ column: 'category_id', ids });
  }
  if (scope.place) {
    within.push({ column: 'place_id', ids: scope.place.within });
  }
  for (const field of ['village', 'group'] as const) {
    const code = q[field];
    if (code === undefined) {
      continue;
    }
    if (code === UNKNOWN) {
      within.push({ column: 'place_id', ids: null });
      continue;
    }
    const place = await requirePlace(db, code, field);
    const fits = field === 'village' ? place.level === 'village' : place.level === 'village' || place.level === 'group';
    if (!fits) {
      throw invalidField(
        field,
        `"${code}" is a ${place.level}, not a ${field === 'village' ? 'village' : 'village or group'}`,
      );
    }
    within.push({
      column: 'place_id',
      ids: field === 'village' ? await selectPlaceIdsWithin(db, place.id) : [place.id],
    });
  }
  if (scope.departmentIds !== undefined) {
    within.push({ column: 'department_id', ids: scope.departmentIds });
  }
  return within;
}

function encodeCursor(entry: { openedAt: number; rank: number; id: number }): string {
  return Buffer.from(`${entry.openedAt}.${entry.rank}.${entry.id}`, 'latin1').toString('base64url');
}

function decodeCursor(cursor: string): { openedAt: number; rank: number; id: number } {
  const match = /^(\d{1,16})\.([01])\.(\d{1,16})$/.exec(Buffer.from(cursor, 'base64url').toString('latin1'));
  const [openedAt, rank, id] = [Number(match?.[1]), Number(match?.[2]), Number(match?.[3])];
  if (!match || !Number.isSafeInteger(openedAt) || !Number.isSafeInteger(id)) {
    throw invalidField('cursor', 'not a cursor of this list (use nextCursor as given)');
  }
  return { openedAt, rank, id };
}
