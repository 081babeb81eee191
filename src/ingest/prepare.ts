import type { z } from 'zod';
import type { Cipher } from '../core/pii/index.js';
import { normalizeCreditCode } from '../enterprises/index.js';
import {
  type CaseData,
  type ComplaintData,
  caseRow,
  complaintRow,
  createCaseSchema,
  createComplaintSchema,
  type RecordInsert,
  recordKey,
} from '../records/index.js';
import { zodIssueCode } from './issue-text.js';
import type { IntakeLookups } from './lookups.js';
import type { Profile } from './profile.schema.js';
import type { TableRow } from './readers/index.js';
import { type RowIssue, type RowMapper, rowIssue } from './row-mapper.js';

/*
 * The pure half of an import: rows of cells → batches of stored rows and row issues, with nothing read from the store
 * (the lookups were loaded before). It runs on a worker thread for big files (see prepare-source.ts) or on this one.
 */

/** An issue of one row, as stored with the batch. */
export interface PreparedIssue extends RowIssue {
  severity: 'reject' | 'warning';
  line: number;
}

/** One transaction's worth of work. Counts are running totals over the file so far. */
export interface PreparedBatch {
  rows: RecordInsert[];
  /** The file line of each row. */
  lines: number[];
  /** Cases: the complaint number each row names (the store resolves it), else null. */
  links: (string | null)[];
  issues: PreparedIssue[];
  rowsRead: number;
  rejected: number;
  warned: number;
  bytesRead: number;
  /** Strict mode: the first bad row, which stops the import (no batch follows). */
  stop?: string;
}

export interface PrepareOptions {
  profile: Profile;
  lookups: IntakeLookups;
  mapper: RowMapper;
  cipher: Cipher;
  batchSize: number;
  strict: boolean;
}

/** Batches of a table's rows, split where the batch is full or a key repeats within it. */
export async function* prepareBatches(
  rows: AsyncIterable<TableRow>,
  bytesRead: () => number,
  options: PrepareOptions,
): AsyncGenerator<PreparedBatch> {
  const preparer = new Preparer(options);
  for await (const row of rows) {
    const full = preparer.add(row);
    if (preparer.stopped || full) {
      yield preparer.take(bytesRead());
      if (preparer.stopped) {
        return;
      }
    }
  }
  yield preparer.take(bytesRead());
}

class Preparer {
  private batch: PreparedBatch = emptyBatch();
  private readonly keys = new Set<string>();
  private rowsRead = 0;
  private rejected = 0;
  private warned = 0;
  stopped = false;
  private readonly schema: z.ZodType<ComplaintData | CaseData>;
  private readonly now = Date.now();

  constructor(private readonly options: PrepareOptions) {
    this.schema = (options.profile.kind === 'complaint' ? createComplaintSchema : createCaseSchema) as z.ZodType<
      ComplaintData | CaseData
    >;
  }

  /** Add a row; true when the batch should be written now (full, or the row's key is already in it). */
  add(row: TableRow): boolean {
    this.rowsRead += 1;
    const prepared = this.prepare(row);
    if (!prepared) {
      return this.batch.issues.length >= this.options.batchSize;
    }
    const key = recordKey(prepared.row.source_system, prepared.row.external_no);
    if (this.keys.has(key)) {
      // The same record twice in one batch: write what is there first, so the later row updates the earlier.
      this.carry = prepared;
      return true;
    }
    this.push(prepared);
    return this.batch.rows.length >= this.options.batchSize;
  }

  /** A row held back for the next batch (its key repeated one in the batch being taken). */
  private carry: { row: RecordInsert; line: number; link: string | null } | undefined;

  private push(prepared: { row: RecordInsert; line: number; link: string | null }): void {
    this.keys.add(recordKey(prepared.row.source_system, prepared.row.external_no));
    this.batch.rows.push(prepared.row);
    this.batch.lines.push(prepared.line);
    this.batch.links.push(prepared.link);
  }

  take(bytesRead: number): PreparedBatch {
    const batch = this.batch;
    Object.assign(batch, { rowsRead: this.rowsRead, rejected: this.rejected, warned: this.warned, bytesRead });
    this.batch = emptyBatch();
    this.keys.clear();
    if (this.carry) {
      this.push(this.carry);
      this.carry = undefined;
    }
    return batch;
  }

  private issue(severity: PreparedIssue['severity'], line: number, issues: readonly RowIssue[]): void {
    for (const issue of issues) {
      this.batch.issues.push({ severity, line, ...issue, value: issue.value?.slice(0, 1000) ?? null });
    }
  }

  private reject(line: number, issues: readonly RowIssue[]): void {
    this.rejected += 1;
    const list = issues.length > 0 ? issues : [rowIssue(null, null, 'rejected')];
    this.issue('reject', line, list);
    if (this.options.strict) {
      const first = list[0] as RowIssue;
      this.stopped = true;
      this.batch.stop = `line ${line}${first.column ? `, column ${first.column}` : ''}: ${first.reason}`;
    }
  }

  /** A row → its stored row, or its issues recorded (and undefined). */
  private prepare(row: TableRow): { row: RecordInsert; line: number; link: string | null } | undefined {
    const { mapper, lookups, profile, cipher } = this.options;
    if (row.error !== undefined) {
      this.reject(row.line, [rowIssue(null, null, 'unreadable_row', { detail: row.error.reason })]);
      return undefined;
    }
    const mapped = mapper.map(row.cells);
    const town = mapped.town;
    if (mapped.rejects.length > 0 || !town) {
      this.reject(row.line, mapped.rejects);
      return undefined;
    }
    const link = mapped.input.complaintExternalNo;
    mapped.input.complaintExternalNo = undefined;
    const parsed = this.schema.safeParse(mapped.input);
    if (!parsed.success) {
      this.reject(
        row.line,
        parsed.error.issues.map((issue) => {
          const field = issue.path.length > 0 ? String(issue.path[0]) : '(input)';
          const { code, params } = zodIssueCode(issue, field, mapped.input[field]);
          return rowIssue(mapper.columnOf(field), mapper.quote(field, row.cells), code, params);
        }),
      );
      return undefined;
    }
    const data = parsed.data;
    const categoryId = lookups.categoryIds.get(data.categoryCode ?? lookups.unclassifiedCode);
    if (categoryId === undefined) {
      this.reject(row.line, [
        rowIssue(mapper.columnOf('categoryCode'), data.categoryCode ?? null, 'unknown_category_code', {
          field: 'categoryCode',
        }),
      ]);
      return undefined;
    }
    const warnings = mapped.warnings;
    const enterpriseId = data.enterpriseCreditCode
      ? lookups.enterprises.get(normalizeCreditCode(data.enterpriseCreditCode))
      : undefined;
    if (data.enterpriseCreditCode && enterpriseId === undefined) {
      warnings.push(
        rowIssue(mapper.columnOf('enterpriseCreditCode'), data.enterpriseCreditCode, 'unknown_enterprise', {
          field: 'enterpriseCreditCode',
        }),
      );
    }
    if (warnings.length > 0) {
      this.warned += 1;
      this.issue('warning', row.line, warnings);
    }
    const refs = {
      townId: town.id,
      categoryId,
      placeId: data.placeCode === undefined ? null : (town.placeIds.get(data.placeCode) ?? null),
      departmentId: data.departmentCode === undefined ? null : (town.departmentIds.get(data.departmentCode) ?? null),
      enterpriseId: enterpriseId ?? null,
    };
    const stored =
      profile.kind === 'complaint'
        ? complaintRow(data as ComplaintData, refs, cipher, this.now)
        : caseRow(data as CaseData, refs, null, this.now);
    return { row: stored, line: row.line, link: typeof link === 'string' ? link : null };
  }
}

function emptyBatch(): PreparedBatch {
  return { rows: [], lines: [], links: [], issues: [], rowsRead: 0, rejected: 0, warned: 0, bytesRead: 0 };
}
