import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { hostname } from 'node:os';
import { appendAudit } from '../audit/index.js';
import type { Actor } from '../auth/index.js';
import type { Db } from '../store/database.js';
import type { ImportStatus } from '../store/tables/intake.js';
import { inTransaction } from '../store/transaction.js';
import { findBatch, insertBatch, listRunningBatches, updateBatch } from './import.repo.js';
import type { ImportRequest } from './import.service.js';
import type { IntakeLookups } from './lookups.js';
import { matchKey } from './lookups.js';
import type { Profile } from './profile.schema.js';

/*
 * The life of an import batch row: opened running (with this process's pid and host, so the next import can tell a
 * dead one), its progress and heartbeat written with each transaction of rows, closed done or failed. A running batch
 * whose process is gone (same host, pid not alive) or silent for HEARTBEAT_TIMEOUT is marked interrupted. Opening
 * and closing a batch are audited (`import.start`, `import.finish`: the file's name and SHA-256, the counts) in the
 * transaction that writes the batch row.
 */

const HEARTBEAT_TIMEOUT_MS = 15 * 60_000;

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Mark running batches of dead importers interrupted. */
export async function markInterruptedBatches(db: Db, now = Date.now()): Promise<number> {
  const host = hostname();
  let marked = 0;
  for (const batch of await listRunningBatches(db)) {
    const dead =
      (batch.host === host && batch.pid !== null && batch.pid !== process.pid && !processAlive(batch.pid)) ||
      now - batch.heartbeat_at > HEARTBEAT_TIMEOUT_MS;
    if (dead) {
      await updateBatch(db, batch.id, { status: 'interrupted', finished_at: now });
      marked += 1;
    }
  }
  return marked;
}

/** SHA-256 of a file, hex: tells the same file imported again. */
export async function fileSha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
  }
  return hash.digest('hex');
}

/** Open a running batch for an import, and audit its start (by `actor`), in one transaction. */
export async function openBatch(
  db: Db,
  actor: Actor,
  what: { profile: Profile; request: ImportRequest; fileName: string; bytesTotal: number; lookups: IntakeLookups },
): Promise<number> {
  await markInterruptedBatches(db);
  const { profile, request } = what;
  const townCode = request.townCode === undefined ? undefined : what.lookups.townKeys.get(matchKey(request.townCode));
  const townId = townCode === undefined ? null : (what.lookups.towns.get(townCode)?.id ?? null);
  const sha256 = await fileSha256(request.file);
  const now = Date.now();
  return inTransaction(db, async (tx) => {
    const id = await insertBatch(tx, {
      town_id: townId,
      kind: profile.kind,
      source_system: profile.sourceSystem,
      profile: profile.name,
      file_name: what.fileName,
      file_sha256: sha256,
      file_bytes: what.bytesTotal,
      dry_run: request.dryRun ? 1 : 0,
      strict: request.strict ? 1 : 0,
      status: 'running',
      pid: process.pid,
      host: hostname(),
      heartbeat_at: now,
      started_at: now,
    });
    const after = {
      fileName: what.fileName,
      fileSha256: sha256,
      fileBytes: what.bytesTotal,
      profile: profile.name,
      kind: profile.kind,
      sourceSystem: profile.sourceSystem,
      dryRun: request.dryRun === true,
      strict: request.strict === true,
    };
    await appendAudit(tx, actor, { action: 'import.start', entity: 'import', entityId: id, townId, after }, now);
    return id;
  });
}

/** What an import did, for the finishing audit entry. */
export interface BatchCounts {
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  warned: number;
}

/** Close a batch done or failed, and audit its end (file, status, counts), in one transaction. */
export async function finishBatch(
  db: Db,
  actor: Actor,
  id: number,
  result: { status: Exclude<ImportStatus, 'running'>; error: string | null; counts: BatchCounts },
): Promise<void> {
  const { status, error, counts } = result;
  const now = Date.now();
  await inTransaction(db, async (tx) => {
    await updateBatch(tx, id, { status, error, finished_at: now });
    const batch = await findBatch(tx, { all: true, townIds: [] }, id);
    const after = { fileName: batch?.file_name, fileSha256: batch?.file_sha256, status, error, ...counts };
    await appendAudit(
      tx,
      actor,
      { action: 'import.finish', entity: 'import', entityId: id, townId: batch?.town_id ?? null, after },
      now,
    );
  });
}
