import { z } from 'zod';
import { scopeOf } from '../auth/index.js';
import { type FieldIssue, isAppError } from '../core/errors.js';
import { parseInput, toFieldIssues } from '../core/validation.js';
import type { Db } from '../store/database.js';
import { inTransaction } from '../store/transaction.js';
import { checkRecordWrite } from './record.access.js';
import { createRefResolver, type RecordRefs } from './record.refs.js';
import type { RecordCoreData } from './record.schema.js';
import { type RecordWriteDeps, upsertApiRecords } from './record.service.js';
import { type RecordInsert, type RecordTable, recordKey } from './record.upsert.js';
import { selectByKeys } from './record.upsert.repo.js';

/*
 * Batches of records through the API (`POST /api/complaints/batch`, `POST /api/cases/batch`): every item is
 * validated on its own and answered on its own; the valid ones are upserted together in one transaction, so a
 * database failure writes none of them. An item repeating the (sourceSystem, externalNo) of an earlier valid item of
 * the same batch is rejected: which of two versions should win is the sender's to say, by sending one. An item the
 * sender's records:write does not reach (its town, or as stored) is rejected with code `forbidden`; the others go on.
 */

export const MAX_BATCH_ITEMS = 1_000;

export const recordBatchSchema = z.object({
  items: z
    .array(z.unknown())
    .min(1)
    .max(MAX_BATCH_ITEMS)
    .describe(`1 to ${MAX_BATCH_ITEMS} records, each as the single POST takes it`),
});

const batchOutcomes = ['inserted', 'updated', 'unchanged', 'rejected'] as const;
export type BatchOutcome = (typeof batchOutcomes)[number];

export const recordBatchResultSchema = z.object({
  results: z.array(
    z.object({
      /** The item's position in `items`, from 0. */
      index: z.number(),
      outcome: z.enum(batchOutcomes),
      /** Why it was rejected: `invalid_input` (see errors) or `forbidden` (beyond the sender's records:write). */
      code: z.enum(['invalid_input', 'forbidden']).optional(),
      /** The record's id, unless rejected. */
      id: z.number().optional(),
      /** Why it was rejected: `path` names the field as `items.<index>.<field>`. */
      errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    }),
  ),
  counts: z.object({ inserted: z.number(), updated: z.number(), unchanged: z.number(), rejected: z.number() }),
});
export type RecordBatchResult = z.infer<typeof recordBatchResultSchema>;
type ItemResult = RecordBatchResult['results'][number];

/** What differs between complaints and cases in a batch. */
export interface RecordBatchSpec<D extends RecordCoreData> {
  table: RecordTable;
  /** The schema of one item: the single POST's body. */
  schema: z.ZodType<D>;
  /** The stored row of a valid item; throws invalid_input naming a field to reject the item. */
  row(db: Db, data: D, refs: RecordRefs, now: number): Promise<RecordInsert>;
}

/** `items.<index>.<path>`: a field of one item, as the caller sent it. */
function itemIssues(index: number, issues: readonly FieldIssue[]): FieldIssue[] {
  return issues.map((issue) => ({
    path: issue.path === '(input)' ? `items.${index}` : `items.${index}.${issue.path}`,
    message: issue.message,
  }));
}

/**
 * Validate and upsert a batch of records: one reference resolver and one upsert for the whole batch, in one
 * transaction. Returns each item's outcome in order (rejected ones with their field errors) and the counts.
 */
export async function upsertRecordBatch<D extends RecordCoreData>(
  deps: RecordWriteDeps,
  input: unknown,
  spec: RecordBatchSpec<D>,
): Promise<RecordBatchResult> {
  const { items } = parseInput(recordBatchSchema, input);
  const results: ItemResult[] = [];
  const valid: { index: number; data: D }[] = [];
  for (const [index, item] of items.entries()) {
    const parsed = spec.schema.safeParse(item);
    if (parsed.success) {
      valid.push({ index, data: parsed.data });
    } else {
      const errors = itemIssues(index, toFieldIssues(parsed.error));
      results[index] = { index, outcome: 'rejected', code: 'invalid_input', errors };
    }
  }

  await inTransaction(deps.db, async (db) => {
    const resolver = createRefResolver();
    const now = Date.now();
    const accepted: { index: number; row: RecordInsert }[] = [];
    const firstOfKey = new Map<string, number>();
    for (const { index, data } of valid) {
      let row: RecordInsert;
      try {
        row = await spec.row(db, data, await resolver.resolve(db, data), now);
      } catch (error) {
        if (!isAppError(error) || error.code !== 'invalid_input') {
          throw error;
        }
        const issues = error.details?.issues ?? [{ path: '(input)', message: error.message }];
        results[index] = { index, outcome: 'rejected', code: 'invalid_input', errors: itemIssues(index, issues) };
        continue;
      }
      const key = recordKey(row.source_system, row.external_no);
      const first = firstOfKey.get(key);
      if (first !== undefined) {
        const message = `same sourceSystem and externalNo as item ${first}: send each record once per batch`;
        const errors = [{ path: `items.${index}.externalNo`, message }];
        results[index] = { index, outcome: 'rejected', code: 'invalid_input', errors };
        continue;
      }
      firstOfKey.set(key, index);
      accepted.push({ index, row });
    }
    const permitted = await permittedItems(deps, db, spec.table, accepted, results);
    const writes = await upsertApiRecords(
      { ...deps, db },
      spec.table,
      permitted.map((a) => a.row),
    );
    permitted.forEach(({ index }, i) => {
      const write = writes[i];
      if (write) {
        results[index] = { index, outcome: write.outcome, id: write.id };
      }
    });
  });

  const counts = { inserted: 0, updated: 0, unchanged: 0, rejected: 0 };
  for (const result of results) {
    counts[result.outcome] += 1;
  }
  return { results, counts };
}

/**
 * The items the sender's records:write reaches, as written and as stored; the others are answered `forbidden`. (The
 * upsert checks again as it writes, so a concurrent write cannot slip an item past this.)
 */
async function permittedItems(
  deps: RecordWriteDeps,
  db: Db,
  table: RecordTable,
  items: { index: number; row: RecordInsert }[],
  results: ItemResult[],
): Promise<{ index: number; row: RecordInsert }[]> {
  const scope = scopeOf(deps.actor, 'records:write');
  if (scope.all || items.length === 0) {
    return items;
  }
  const stored = await selectByKeys(
    db,
    table,
    items.map((item) => item.row),
  );
  return items.filter(({ index, row }) => {
    try {
      checkRecordWrite(scope, 'records:write', row, stored.get(recordKey(row.source_system, row.external_no)) ?? null);
      return true;
    } catch (error) {
      if (!isAppError(error)) {
        throw error;
      }
      results[index] = {
        index,
        outcome: 'rejected',
        code: 'forbidden',
        errors: [{ path: `items.${index}`, message: error.message }],
      };
      return false;
    }
  });
}
