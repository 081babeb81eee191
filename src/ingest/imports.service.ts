import type { z } from 'zod';
import { notFound } from '../core/errors.js';
import { parseInput } from '../core/validation.js';
import { presentBatch, presentIssue } from './import.presenter.js';
import { findBatch, listBatches, listIssues } from './import.repo.js';
import {
  type ImportBatch,
  listBatchesQuerySchema,
  listIssuesQuerySchema,
  type profileSummarySchema,
} from './import.schema.js';
import type { ImportDeps } from './import.service.js';
import { listProfiles } from './profile.service.js';

/** What the import routes need: the import's dependencies, with the data folder uploads and profiles live in. */
export type ImportServiceDeps = ImportDeps & { dataDir: string };

export async function getBatch(deps: ImportServiceDeps, id: number): Promise<ImportBatch> {
  const row = await findBatch(deps.db, id);
  if (!row) {
    throw notFound('import', id);
  }
  return presentBatch(row);
}

export async function listBatchPage(deps: ImportServiceDeps, query: z.input<typeof listBatchesQuerySchema>) {
  const { limit, before } = parseInput(listBatchesQuerySchema, query);
  const rows = await listBatches(deps.db, limit + 1, before);
  const items = rows.slice(0, limit).map(presentBatch);
  return { items, nextBefore: rows.length > limit ? (items[items.length - 1]?.id ?? null) : null };
}

export async function listIssuePage(
  deps: ImportServiceDeps,
  batchId: number,
  query: z.input<typeof listIssuesQuerySchema>,
) {
  const { severity, limit, after } = parseInput(listIssuesQuerySchema, query);
  await getBatch(deps, batchId);
  const rows = await listIssues(deps.db, batchId, { severity, limit: limit + 1, afterId: after });
  const items = rows.slice(0, limit).map(presentIssue);
  return { items, nextAfter: rows.length > limit ? (items[items.length - 1]?.id ?? null) : null };
}

export function listProfileSummaries(deps: ImportServiceDeps): z.infer<typeof profileSummarySchema>[] {
  return listProfiles(deps.dataDir).map(({ profile, origin }) => ({
    name: profile.name,
    title: profile.title,
    description: profile.description ?? null,
    kind: profile.kind,
    sourceSystem: profile.sourceSystem,
    origin,
    columns: profile.columns.map((c) => ({ header: c.header, field: c.field, type: c.format.type })),
  }));
}
