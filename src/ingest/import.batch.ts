import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { hostname } from 'node:os';
import type { Db } from '../store/database.js';
import type { ImportStatus } from '../store/tables/intake.js';
import { insertBatch, listRunningBatches, updateBatch } from './import.repo.js';
import type { ImportRequest } from './import.service.js';
import type { IntakeLookups } from './lookups.js';
import { matchKey } from './lookups.js';
import type { Profile } from './profile.schema.js';

/*
 * The life of an import batch row: opened running (with this process's pid and host, so the next import can tell a
 * dead one), its progress and heartbeat written with each transaction of rows, closed done or failed. A running batch
 * whose process is gone (same host, pid not alive) or silent for HEARTBEAT_TIMEOUT is marked interrupted.
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

export async function openBatch(
  db: Db,
  what: { profile: Profile; request: ImportRequest; fileName: string; bytesTotal: number; lookups: IntakeLookups },
): Promise<number> {
  await markInterruptedBatches(db);
  const { profile, request } = what;
  const townCode = request.townCode === undefined ? undefined : what.lookups.townKeys.get(matchKey(request.townCode));
  const now = Date.now();
  return insertBatch(db, {
    town_id: townCode === undefined ? null : (what.lookups.towns.get(townCode)?.id ?? null),
    kind: profile.kind,
    source_system: profile.sourceSystem,
    profile: profile.name,
    file_name: what.fileName,
    file_sha256: await fileSha256(request.file),
    file_bytes: what.bytesTotal,
    dry_run: request.dryRun ? 1 : 0,
    strict: request.strict ? 1 : 0,
    status: 'running',
    pid: process.pid,
    host: hostname(),
    heartbeat_at: now,
    started_at: now,
  });
}

export async function finishBatch(
  db: Db,
  id: number,
  status: Exclude<ImportStatus, 'running'>,
  error: string | null,
): Promise<void> {
  await updateBatch(db, id, { status, error, finished_at: Date.now() });
}
