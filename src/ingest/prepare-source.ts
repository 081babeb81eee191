import { AppError, type ErrorCode, type ErrorDetails, invalidField, isAppError } from '../core/errors.js';
import { bulkCipher, type Cipher, createCipher } from '../core/pii/index.js';
import { CreditReceiver, startWorker } from '../workers/channel.js';
import type { IntakeLookups } from './lookups.js';
import { type PreparedBatch, prepareBatches } from './prepare.js';
import type { Profile } from './profile.schema.js';
import { providedColumns } from './provided-columns.js';
import { openTable, type Table } from './readers/index.js';
import { compileMapper } from './row-mapper.js';

/*
 * Where an import takes its prepared batches from: a worker thread (reading, mapping, validating, building and
 * encrypting rows on the other core while this thread writes), or this thread for small files and when there is no
 * secret to hand a worker. Both run the same prepareBatches.
 */

export interface PrepareRequest {
  file: string;
  fileName: string;
  profile: Profile;
  lookups: IntakeLookups;
  townCode: string | undefined;
  batchSize: number;
  strict: boolean;
}

export interface PreparedSource {
  /** Columns of the profile the file lacks, and headers no column reads. */
  missing: string[];
  ignored: string[];
  /** The stored columns the file speaks for (see provided-columns.ts). */
  columns: string[];
  bytesTotal: number;
  batches: AsyncIterable<PreparedBatch>;
  close(): Promise<void>;
}

/** Files at least this big are prepared on a worker (starting one costs about half a second). */
export const WORKER_MIN_BYTES = 4 * 1024 * 1024;
/**
 * Old-generation room for the worker: the lookups, a few batches and the reader's buffers. With a limit V8 collects
 * before the heap grows far past what is live, which keeps the import under its memory bar.
 */
const WORKER_HEAP_MB = 96;
/** Batches a worker may prepare ahead of the writer. */
export const WINDOW = 3;

/** What the worker posts: first `ready` (or `failed`), then batches, then `end` (or `failed`). */
export type WorkerMessage =
  | { type: 'ready'; missing: string[]; ignored: string[]; columns: string[]; bytesTotal: number }
  | { type: 'batch'; batch: PreparedBatch }
  | { type: 'end' }
  | { type: 'failed'; error: { code?: string; message: string; details?: unknown } };

export interface WorkerData extends PrepareRequest {
  secret: string;
}

export async function openPreparedSource(
  request: PrepareRequest,
  crypto: { cipher: Cipher; secret?: string | undefined },
  size: number,
): Promise<PreparedSource> {
  if (crypto.secret !== undefined && size >= WORKER_MIN_BYTES) {
    return workerSource({ ...request, secret: crypto.secret });
  }
  return threadSource(request, crypto.cipher);
}

/** The request's file as a table; a file that cannot be read at all is bad input in `file`. */
export async function openRequestTable(request: PrepareRequest): Promise<Table> {
  try {
    return await openTable(request.file, { encoding: request.profile.encoding, fileName: request.fileName });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw invalidField('file', `cannot read ${request.fileName}: ${reason}`);
  }
}

async function threadSource(request: PrepareRequest, cipher: Cipher): Promise<PreparedSource> {
  const table = await openRequestTable(request);
  try {
    const mapper = compileMapper(request.profile, table.header, request.lookups, { townCode: request.townCode });
    return {
      missing: mapper.missing.map((c) => c.header),
      ignored: [...mapper.ignored],
      columns: [...providedColumns(request.profile, mapper)],
      bytesTotal: table.bytesTotal,
      batches: prepareBatches(table.rows, () => table.bytesRead(), { ...request, mapper, cipher }),
      close: () => table.close(),
    };
  } catch (error) {
    await table.close();
    throw error;
  }
}

function revive(error: { code?: string; message: string; details?: unknown }): Error {
  return error.code === undefined
    ? new Error(error.message)
    : new AppError(error.code as ErrorCode, error.message, error.details as ErrorDetails);
}

async function workerSource(data: WorkerData): Promise<PreparedSource> {
  const worker = startWorker(new URL(`./prepare.worker${extension()}`, import.meta.url), data, {
    heapMb: WORKER_HEAP_MB,
  });
  const messages = new CreditReceiver<WorkerMessage>(worker, 'import worker');
  const first = await messages.next().catch(async (error: unknown) => {
    await worker.terminate();
    throw error;
  });
  if (first.type !== 'ready') {
    await worker.terminate();
    throw first.type === 'failed' ? revive(first.error) : new Error(`import worker: unexpected ${first.type}`);
  }
  async function* batches(): AsyncGenerator<PreparedBatch> {
    for (;;) {
      const message = await messages.next();
      if (message.type === 'end') {
        return;
      }
      if (message.type === 'failed') {
        throw revive(message.error);
      }
      if (message.type === 'batch') {
        yield message.batch;
      }
    }
  }
  return {
    missing: first.missing,
    ignored: first.ignored,
    columns: first.columns,
    bytesTotal: first.bytesTotal,
    batches: batches(),
    close: async () => {
      await worker.terminate();
    },
  };
}

/** `.ts` when running from the sources (tsx), `.js` when compiled. */
function extension(): string {
  return import.meta.url.endsWith('.ts') ? '.ts' : '.js';
}

/** An error as the worker posts it: an AppError keeps its code and details, anything else its message. */
export function serializeError(error: unknown): { code?: string; message: string; details?: unknown } {
  if (isAppError(error)) {
    return { code: error.code, message: error.message, details: error.details };
  }
  return { message: error instanceof Error ? error.message : String(error) };
}

/** The worker's cipher: the bulk one (docs/decisions/0006-bulk-cipher-for-intake.md). */
export function workerCipher(secret: string): Cipher {
  return bulkCipher(createCipher({ secret }), secret);
}
