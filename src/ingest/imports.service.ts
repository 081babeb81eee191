import type { z } from 'zod';
import type { Actor } from '../auth/index.js';
import { notFound } from '../core/errors.js';
import { parseInput } from '../core/validation.js';
import { importReadScope } from './import.access.js';
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

/** What reading batches needs: the store and who asks. */
export interface ImportReadDeps {
  db: ImportDeps['db'];
  actor: Actor;
}

/** One import batch, when the actor's imports:read reaches its town (else not_found). */
export async function getBatch(deps: ImportReadDeps, id: number): Promise<ImportBatch> {
  const row = await findBatch(deps.db, importReadScope(deps.actor), id);
  if (!row) {
    throw notFound('import', id);
  }
  return presentBatch(row);
}

/** The batches of the towns the actor's imports:read reaches, newest first. */
export async function listBatchPage(deps: ImportReadDeps, query: z.input<typeof listBatchesQuerySchema>) {
  const { limit, before } = parseInput(listBatchesQuerySchema, query);
  const rows = await listBatches(deps.db, importReadScope(deps.actor), limit + 1, before);
  const items = rows.slice(0, limit).map(presentBatch);
  return { items, nextBefore: rows.length > limit ? (items[items.length - 1]?.id ?? null) : null };
}

/** The issues of a batch the actor reaches (else not_found); cells of personal data were stored masked. */
export async function listIssuePage(
  deps: ImportReadDeps,
  batchId: number,
  query: z.input<typeof listIssuesQuerySchema>,
) {
  const { severity, limit, after, locale } = parseInput(listIssuesQuerySchema, query);
  await getBatch(deps, batchId);
  const rows = await listIssues(deps.db, batchId, { severity, limit: limit + 1, afterId: after });
  const items = rows.slice(0, limit).map((row) => presentIssue(row, locale));
  return { items, nextAfter: rows.length > limit ? (items[items.length - 1]?.id ?? null) : null };
}

export function listProfileSummaries(deps: { dataDir: string }): z.infer<typeof profileSummarySchema>[] {
  return listProfiles(deps.dataDir).map(({ profile, origin }) => ({
    name: profile.name,
    title: profile.title,
    description: profile.description ?? null,
    kind: profile.kind,
    sourceSystem: profile.sourceSystem,
    origin,
    columns: profile.columns.map((c) => ({
      header: c.header,
      field: c.field,
      type: c.format.type,
      map: 'map' in c.format && c.format.map ? c.format.map : null,
    })),
  }));
}
