import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { coversTown, type Scope } from '../auth/index.js';
import { complaintIdsByExternalNo, type RecordInsert, type RecordWrite, upsertRecords } from '../records/index.js';
import type { Db } from '../store/database.js';
import { inTransaction } from '../store/transaction.js';
import { importWriteScope } from './import.access.js';
import { finishBatch, openBatch } from './import.batch.js';
import { insertIssues, updateBatch } from './import.repo.js';
import type { ImportCounts, ImportDeps, ImportIssue, ImportRequest, ImportResult } from './import.types.js';
import { loadIntakeLookups } from './lookups.js';
import type { PreparedBatch, PreparedIssue } from './prepare.js';
import { openPreparedSource, type PreparedSource } from './prepare-source.js';
import type { Profile } from './profile.schema.js';
import { loadProfile } from './profile.service.js';
import { rowIssue } from './row-mapper.js';

/*
 * The import pipeline: read → map and validate each row (the same zod schemas as REST) → upsert in batched
 * transactions keyed by (source system, external number), each transaction also storing the batch's row issues and
 * progress. A killed import leaves whole batches only; running the same import again converges to the data of a clean
 * run, because every write is an upsert. `--strict` runs in one transaction and stops at the first bad row.
 * Reading and preparing rows runs on a worker thread for big files (prepare-source.ts); this thread writes.
 */

/** Prepared batches (2,000 rows each by default) written in one transaction. */
const BATCHES_PER_TRANSACTION = 3;

export type {
  ImportCounts,
  ImportDeps,
  ImportIssue,
  ImportProgress,
  ImportRequest,
  ImportResult,
} from './import.types.js';

/** Issues carried in the result; the batch in the store keeps them all. */
export const MAX_REPORTED = 10_000;
const DEFAULT_BATCH_SIZE = 2_000;

/** Stops a strict import at its first bad row (rolls back its one transaction). */
class StrictStop extends Error {}

/** An import started: its batch id at once (the API answers with it), its result when done. */
export interface StartedImport {
  batchId: number;
  done: Promise<ImportResult>;
}

/**
 * Start importing a file: checks the actor's imports:write against the town the import names (forbidden before
 * anything is stored), opens the batch and returns its id; the rows are written in the background (`done`).
 */
export async function startImport(deps: ImportDeps, request: ImportRequest): Promise<StartedImport> {
  const loaded = loadProfile(request.profile, deps.dataDir);
  const profile: Profile = request.sourceSystem
    ? { ...loaded.profile, sourceSystem: request.sourceSystem }
    : loaded.profile;
  const lookups = await loadIntakeLookups(deps.db);
  const scope = importWriteScope(deps.actor, lookups, request.townCode);
  const fileName = request.fileName ?? basename(request.file);
  const source = await openPreparedSource(
    {
      file: request.file,
      fileName,
      profile,
      lookups,
      townCode: request.townCode,
      batchSize: request.batchSize ?? DEFAULT_BATCH_SIZE,
      strict: request.strict === true,
    },
    deps,
    (await stat(request.file)).size,
  );
  let batchId: number;
  try {
    const what = { profile, request, fileName, bytesTotal: source.bytesTotal, lookups };
    batchId = await openBatch(deps.db, deps.actor, what);
  } catch (error) {
    await source.close();
    throw error;
  }
  const run = new ImportRun(deps, request, profile, source, { id: batchId, scope }, fileName);
  return { batchId, done: run.execute().finally(() => source.close()) };
}

/** Import a file and wait for the result (the CLI). */
export async function runImport(deps: ImportDeps, request: ImportRequest): Promise<ImportResult> {
  return (await startImport(deps, request)).done;
}

class ImportRun {
  private readonly counts: ImportCounts = { rows: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0, warned: 0 };
  private bytesRead = 0;
  /** Rows warned here (their complaint link), beyond those the preparer counted. */
  private linkWarned = 0;
  /** Rows rejected here (a town beyond the importer's imports:write), beyond those the preparer rejected. */
  private scopeRejected = 0;
  private readonly batchId: number;
  private readonly scope: Scope;
  private readonly rejects: ImportIssue[] = [];
  private readonly warnings: ImportIssue[] = [];
  private readonly started = performance.now();
  private readonly columns: ReadonlySet<string>;

  constructor(
    private readonly deps: ImportDeps,
    private readonly request: ImportRequest,
    private readonly profile: Profile,
    private readonly source: PreparedSource,
    batch: { id: number; scope: Scope },
    private readonly fileName: string,
  ) {
    this.columns = new Set(source.columns);
    this.batchId = batch.id;
    this.scope = batch.scope;
  }

  async execute(): Promise<ImportResult> {
    let error: string | null = null;
    try {
      if (this.request.strict) {
        await inTransaction(this.deps.db, async (tx) => {
          for await (const batch of this.source.batches) {
            const writes: RecordWrite[] = [];
            await this.write(tx, batch, writes);
            await this.deps.afterWrite(tx, writes);
          }
        });
      } else {
        const batches = this.source.batches[Symbol.asyncIterator]();
        let more = true;
        while (more) {
          // A few prepared batches per transaction, the roll-ups applied once for all of them: the cube's coarse
          // cells are read and rewritten once per transaction, which at 2,000 rows cost the import about a third.
          await inTransaction(this.deps.db, async (tx) => {
            const writes: RecordWrite[] = [];
            for (let i = 0; i < BATCHES_PER_TRANSACTION && more; i++) {
              const next = await batches.next();
              if (next.done) {
                more = false;
              } else {
                await this.write(tx, next.value, writes);
              }
            }
            await this.deps.afterWrite(tx, writes);
          });
          this.progress();
        }
      }
    } catch (caught) {
      if (!(caught instanceof StrictStop)) {
        const message = caught instanceof Error ? caught.message : String(caught);
        await finishBatch(this.deps.db, this.deps.actor, this.batchId, {
          status: 'failed',
          error: message,
          counts: this.counts,
        });
        throw caught;
      }
      // The one transaction rolled back: nothing of the file is stored. Keep the issue that stopped it.
      error = caught.message;
      this.counts.inserted = this.counts.updated = this.counts.unchanged = 0;
      await inTransaction(this.deps.db, (tx) => this.storeIssues(tx, this.rejects.slice(-1), 'reject'));
    }
    await finishBatch(this.deps.db, this.deps.actor, this.batchId, {
      status: error === null ? 'done' : 'failed',
      error,
      counts: this.counts,
    });
    this.progress();
    return this.result(error);
  }

  private progress(): void {
    this.request.onProgress?.({
      batchId: this.batchId,
      ...this.counts,
      bytesRead: this.bytesRead,
      bytesTotal: this.source.bytesTotal,
    });
  }

  /**
   * One prepared batch in the caller's transaction: its records, its issues, the batch's progress. The records' writes
   * are added to `writes`, for the roll-ups the caller applies before it commits.
   */
  private async write(tx: Db, batch: PreparedBatch, writes: RecordWrite[]): Promise<void> {
    const issues = [...batch.issues];
    const rows = this.withinScope(batch, await this.link(tx, batch, issues), issues);
    if (rows.length > 0) {
      const table = this.profile.kind === 'complaint' ? 'complaint' : 'enforcement_case';
      const written = await upsertRecords(tx, table, rows, {
        cipher: this.deps.cipher,
        origin: 'import',
        batchId: this.batchId,
        now: Date.now(),
        dryRun: this.request.dryRun === true,
        columns: this.columns,
        afterWrite: async (_, batchWrites) => {
          writes.push(...batchWrites);
        },
      });
      for (const write of written) {
        this.counts[write.outcome] += 1;
      }
    }
    Object.assign(this.counts, {
      rows: batch.rowsRead,
      rejected: batch.rejected + this.scopeRejected,
      warned: batch.warned + this.linkWarned,
    });
    this.bytesRead = batch.bytesRead;
    for (const issue of issues) {
      const list = issue.severity === 'reject' ? this.rejects : this.warnings;
      if (list.length < MAX_REPORTED) {
        list.push({
          file: this.fileName,
          line: issue.line,
          column: issue.column,
          value: issue.value,
          reason: issue.reason,
          code: issue.code,
          params: issue.params,
        });
      }
    }
    if (batch.stop !== undefined) {
      throw new StrictStop(batch.stop);
    }
    await this.storeIssues(tx, issues);
    await updateBatch(tx, this.batchId, {
      rows_read: this.counts.rows,
      bytes_read: this.bytesRead,
      inserted: this.counts.inserted,
      updated: this.counts.updated,
      unchanged: this.counts.unchanged,
      rejected: this.counts.rejected,
      warned: this.counts.warned,
      heartbeat_at: Date.now(),
    });
  }

  private async storeIssues(
    tx: Db,
    issues: readonly (PreparedIssue | ImportIssue)[],
    severity?: 'reject' | 'warning',
  ): Promise<void> {
    await insertIssues(
      tx,
      issues.map((issue) => ({
        batch_id: this.batchId,
        severity: severity ?? (issue as PreparedIssue).severity,
        file: this.fileName,
        line: issue.line,
        column_name: issue.column,
        value: issue.value,
        reason: issue.reason,
        code: issue.code,
        params: JSON.stringify(issue.params),
      })),
    );
  }

  /**
   * The rows of towns the importer's imports:write covers; a row of another town (a file's town column may name any)
   * is rejected with its line, and in strict mode stops the import.
   */
  private withinScope(batch: PreparedBatch, rows: RecordInsert[], issues: PreparedIssue[]): RecordInsert[] {
    if (this.scope.all) {
      return rows;
    }
    const column = this.profile.columns.find((c) => c.field === 'townCode')?.header ?? null;
    return rows.filter((row, index) => {
      if (coversTown(this.scope, Number(row.town_id))) {
        return true;
      }
      const line = batch.lines[index] as number;
      const issue = rowIssue(column, null, 'town_out_of_scope', { field: 'townCode' });
      this.scopeRejected += 1;
      issues.push({ severity: 'reject', line, ...issue });
      if (this.request.strict) {
        throw new StrictStop(`line ${line}${column ? `, column ${column}` : ''}: ${issue.reason}`);
      }
      return false;
    });
  }

  /**
   * Cases: the complaint each row names, by its number in the profile's complaint source system and in the same town;
   * a number that matches none leaves the link empty, with a warning.
   */
  private async link(tx: Db, batch: PreparedBatch, issues: PreparedIssue[]): Promise<RecordInsert[]> {
    const numbers = batch.links.filter((n): n is string => n !== null);
    if (numbers.length === 0) {
      return batch.rows;
    }
    const source = this.profile.complaintSourceSystem ?? this.profile.sourceSystem;
    const found = await complaintIdsByExternalNo(tx, source, numbers);
    const warnedLines = new Set(issues.filter((i) => i.severity === 'warning').map((i) => i.line));
    const column = this.profile.columns.find((c) => c.field === 'complaintExternalNo')?.header ?? null;
    return batch.rows.map((row, index) => {
      const number = batch.links[index];
      if (number === null || number === undefined) {
        return row;
      }
      const complaint = found.get(number);
      if (complaint && complaint.townId === row.town_id) {
        return { ...row, complaint_id: complaint.id };
      }
      const line = batch.lines[index] as number;
      if (!warnedLines.has(line)) {
        warnedLines.add(line);
        this.linkWarned += 1;
      }
      issues.push({
        severity: 'warning',
        line,
        ...rowIssue(column, number, 'unknown_source_complaint', { field: 'complaintExternalNo' }),
      });
      return row;
    });
  }

  private result(error: string | null): ImportResult {
    return {
      batchId: this.batchId,
      status: error === null ? 'done' : 'failed',
      file: this.fileName,
      profile: this.profile.name,
      kind: this.profile.kind,
      sourceSystem: this.profile.sourceSystem,
      dryRun: this.request.dryRun === true,
      strict: this.request.strict === true,
      ...this.counts,
      seconds: (performance.now() - this.started) / 1000,
      missingColumns: this.source.missing,
      ignoredColumns: this.source.ignored,
      rejects: this.rejects,
      warnings: this.warnings,
      error,
    };
  }
}
