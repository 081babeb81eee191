import { type Actor, scopeOf } from '../auth/access.js';
import { invalidField } from '../core/errors.js';
import { addDays, parseDay, startOfDay } from '../core/time/index.js';
import { parseInput } from '../core/validation.js';
import type { Db } from '../store/database.js';
import { type AuditLink, auditHash, checkChain, GENESIS_HASH } from './audit.chain.js';
import { presentAuditEntry } from './audit.presenter.js';
import {
  type AuditFilter,
  auditRowsAfter,
  findTownId,
  insertAuditRows,
  lastAuditLink,
  listAuditRows,
  lockAuditChain,
} from './audit.repo.js';
import { type AuditPage, type AuditQuery, auditQuerySchema, type ChainVerification } from './audit.schema.js';

/** What happened, as the writer describes it. Personal data never goes in: pass masked values or field names. */
export interface AuditEntry {
  /** `<entity>.<verb>`: `complaint.create`, `complaint.update`, `complaint.pii_read`, `user.login`, `import.start`. */
  action: string;
  entity: string;
  entityId?: string | number | null;
  townId?: number | null;
  /** The changed fields before and after (JSON-serialisable). */
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  /** Why (required for unmasked reads of personal data). */
  reason?: string | null;
}

const json = (value: Record<string, unknown> | null | undefined) => (value == null ? null : JSON.stringify(value));

/**
 * Append entries to the audit chain, inside the caller's transaction (so an entry exists exactly when its write
 * does). Takes the chain's lock, reads the last link, hashes each entry onto it and inserts them.
 */
export async function appendAudit(db: Db, actor: Actor, entries: AuditEntry | readonly AuditEntry[], at = Date.now()) {
  const list = Array.isArray(entries) ? entries : [entries as AuditEntry];
  if (list.length === 0) {
    return;
  }
  await lockAuditChain(db);
  const last = await lastAuditLink(db);
  let seq = last?.seq ?? 0;
  let prevHash = last?.hash ?? GENESIS_HASH;
  const rows = list.map((entry) => {
    seq += 1;
    const link: AuditLink = {
      seq,
      at,
      actor_kind: actor.kind,
      actor_id: actor.id,
      actor_name: actor.name,
      ip: actor.ip ?? null,
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entityId == null ? null : String(entry.entityId),
      town_id: entry.townId ?? null,
      before: json(entry.before),
      after: json(entry.after),
      reason: entry.reason ?? null,
      prev_hash: prevHash,
    };
    prevHash = auditHash(link);
    return { ...link, hash: prevHash };
  });
  await insertAuditRows(db, rows);
}

const VERIFY_PAGE = 5_000;

/**
 * Recompute the whole chain from the first entry (`shanzhi audit verify`, `GET /api/audit/verify`): the entries
 * that verify before the first break, the break, and the last stored entry's link (its hash is what an operator
 * notes to detect later that entries were cut off the end, which no recomputation can see).
 */
export async function verifyAuditChain(db: Db): Promise<ChainVerification> {
  let previous: { seq: number; hash: string } | undefined;
  let entries = 0;
  let broken: ChainVerification['break'];
  for (;;) {
    const rows = await auditRowsAfter(db, previous?.seq ?? 0, VERIFY_PAGE);
    const found = broken ? undefined : checkChain(rows, previous);
    if (found) {
      broken = found;
      entries += rows.findIndex((row) => row.seq === found.seq);
    } else if (!broken) {
      entries += rows.length;
    }
    const last = rows.at(-1);
    if (last) {
      previous = { seq: last.seq, hash: last.hash };
    }
    if (rows.length < VERIFY_PAGE) {
      break;
    }
  }
  return { ok: broken === undefined, entries, ...(broken && { break: broken }), head: previous ?? null };
}

/** Who reads the log: the actor's `audit:read` scope decides which entries they see. */
export interface AuditReadDeps {
  db: Db;
  actor: Actor;
}

/** Epoch ms of a time bound: a day's start (`from`) or the next day's start (`to`, exclusive), or the instant. */
function boundMs(text: string, field: 'from' | 'to'): number {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const day = parseDay(text, field);
    return startOfDay(field === 'from' ? day : addDays(day, 1));
  }
  // The schema accepted it as an ISO instant with offset; `to` includes its own millisecond.
  return Date.parse(text) + (field === 'to' ? 1 : 0);
}

const encodeCursor = (seq: number) => Buffer.from(`s${seq}`, 'latin1').toString('base64url');

function decodeCursor(cursor: string): number {
  const match = /^s(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('latin1'));
  if (!match) {
    throw invalidField('cursor', 'not a cursor of this list (use nextCursor as given)');
  }
  return Number(match[1]);
}

/**
 * Search the audit log, newest first, a page at a time (keyset on seq). A reader with a scope of towns sees the
 * entries of those towns; entries of no town (sign-ins, users, the taxonomy) need the scope `all`.
 */
export async function listAudit(deps: AuditReadDeps, query: AuditQuery = {}): Promise<AuditPage> {
  const q = parseInput(auditQuerySchema, query);
  const filter: AuditFilter = {
    actorName: q.actor,
    entity: q.entity,
    entityId: q.entityId,
    ...(q.action?.endsWith('.*') ? { actionPrefix: q.action.slice(0, -1) } : { action: q.action }),
    fromMs: q.from === undefined ? undefined : boundMs(q.from, 'from'),
    toMs: q.to === undefined ? undefined : boundMs(q.to, 'to'),
    beforeSeq: q.cursor === undefined ? undefined : decodeCursor(q.cursor),
  };
  if (filter.fromMs !== undefined && filter.toMs !== undefined && filter.toMs <= filter.fromMs) {
    throw invalidField('to', 'must not be before from');
  }
  if (q.town !== undefined) {
    filter.townId = await findTownId(deps.db, q.town);
    if (filter.townId === undefined) {
      throw invalidField('town', `unknown town "${q.town}"`);
    }
  }
  const rows = await listAuditRows(deps.db, filter, scopeOf(deps.actor, 'audit:read'), q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    items: page.map(presentAuditEntry),
    nextCursor: rows.length > q.limit && last ? encodeCursor(last.seq) : null,
  };
}
