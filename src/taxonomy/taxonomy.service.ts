import { z } from 'zod';
import type { Actor } from '../auth/index.js';
import { invalidField } from '../core/errors.js';
import { parseInput } from '../core/validation.js';
import type { Db } from '../store/database.js';
import { inTreeOrder, presentCategory, presentTaxonomyVersion } from './category.presenter.js';
import { listCategoryRows } from './category.repo.js';
import {
  type Category,
  categorySchema,
  type Taxonomy,
  type TaxonomyQuery,
  type TaxonomyVersion,
  taxonomyQuerySchema,
} from './category.schema.js';
import {
  findTaxonomyVersion,
  insertTaxonomyVersion,
  listTaxonomyVersionRows,
  readTaxonomyHead,
  setTaxonomyHead,
} from './taxonomy.repo.js';

export interface TaxonomyDeps {
  db: Db;
}

/** Edits know who edits: the taxonomy is shared by every town, so editing it needs `taxonomy:write` in scope `all`. */
export interface TaxonomyWriteDeps extends TaxonomyDeps {
  actor: Actor;
}

const snapshotSchema = z.array(categorySchema);

/** Every category as the live rows have it now, retired ones included, in tree order. */
export async function currentCategories(db: Db): Promise<Category[]> {
  return inTreeOrder((await listCategoryRows(db)).map(presentCategory));
}

/**
 * Close an edit: store the whole tree as version `version` with its note and make it the current one. Call it last,
 * inside the edit's transaction, after `lockTaxonomyHead` gave the version before.
 */
export async function recordTaxonomyVersion(db: Db, version: number, note: string): Promise<void> {
  const categories = await currentCategories(db);
  await insertTaxonomyVersion(db, {
    version,
    created_at: Date.now(),
    note,
    category_count: categories.length,
    snapshot: JSON.stringify(categories),
  });
  await setTaxonomyHead(db, version);
}

/**
 * The taxonomy as of a version (absent: the current one), flat in tree order, optionally one level only and without
 * retired categories. Read from the version's snapshot, so the version number and the tree always match.
 */
export async function getTaxonomy(deps: TaxonomyDeps, query: TaxonomyQuery = {}): Promise<Taxonomy> {
  const { version, level, includeRetired } = parseInput(taxonomyQuerySchema, query);
  const head = await readTaxonomyHead(deps.db);
  const wanted = version ?? head;
  if (wanted === 0) {
    return { version: 0, categories: [] };
  }
  const row = await findTaxonomyVersion(deps.db, wanted);
  if (!row) {
    throw invalidField('version', `no taxonomy version ${wanted}; the latest is ${head}`);
  }
  const categories = snapshotSchema
    .parse(JSON.parse(row.snapshot))
    .filter((c) => (level === undefined || c.level === level) && (includeRetired || !c.retired));
  return { version: row.version, categories };
}

/** The history of the taxonomy, newest first: version, when, why and how many categories it had. */
export async function listTaxonomyVersions(deps: TaxonomyDeps): Promise<TaxonomyVersion[]> {
  return (await listTaxonomyVersionRows(deps.db)).map(presentTaxonomyVersion);
}
