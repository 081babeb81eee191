import { appendAudit } from '../audit/index.js';
import { requireTownScope } from '../auth/index.js';
import { conflict, invalidField, notFound } from '../core/errors.js';
import { parseInput } from '../core/validation.js';
import type { Db } from '../store/database.js';
import { inTransaction } from '../store/transaction.js';
import { inTreeOrder, presentCategory } from './category.presenter.js';
import {
  type CategoryRow,
  findCategoryByCode,
  findCategoryById,
  insertCategory,
  listCategoryRows,
  listChildren,
  listSubtree,
  updateCategoryRow,
} from './category.repo.js';
import {
  type Category,
  type CategoryLevel,
  type CreateCategoryInput,
  createCategorySchema,
  MAX_CATEGORY_LEVEL,
  type TaxonomyQuery,
  taxonomyQuerySchema,
} from './category.schema.js';
import { lockTaxonomyHead } from './taxonomy.repo.js';
import { recordTaxonomyVersion, type TaxonomyDeps, type TaxonomyWriteDeps } from './taxonomy.service.js';

const listQuerySchema = taxonomyQuerySchema.omit({ version: true });

/**
 * The category with this code, for other features that take a category code as input: an unknown code is bad input
 * in `field`, not a missing resource. A retired category is still found (old records keep it).
 */
export async function requireCategory(db: Db, code: string, field: string): Promise<CategoryRow> {
  const row = await findCategoryByCode(db, code);
  if (!row) {
    throw invalidField(field, `unknown category "${code}"`);
  }
  return row;
}

/** One category by code, retired or not. */
export async function getCategory(deps: TaxonomyDeps, code: string): Promise<Category> {
  const row = await findCategoryByCode(deps.db, code);
  if (!row) {
    throw notFound('category', code);
  }
  return presentCategory(row);
}

/** The current categories in tree order, optionally of one level; retired ones only when asked for. */
export async function listCategories(
  deps: TaxonomyDeps,
  query: Omit<TaxonomyQuery, 'version'> = {},
): Promise<Category[]> {
  const { level, includeRetired } = parseInput(listQuerySchema, query);
  const rows = (await listCategoryRows(deps.db)).filter(
    (r) => (level === undefined || r.level === level) && (includeRetired || r.retired === 0),
  );
  return inTreeOrder(rows.map(presentCategory));
}

/** The codes of a category and of everything below it, for filters and roll-ups by any level. */
export async function descendantCodes(db: Db, category: { id: number; level: CategoryLevel }): Promise<string[]> {
  return (await listSubtree(db, category)).map((r) => r.code);
}

/**
 * Add a category under its parent (or at level 1 without one) as a new taxonomy version. The level is the parent's
 * plus one, at most three; the parent must be active; the code is unique and sibling names are distinct. Needs
 * `taxonomy:write` in scope `all` (every town shares the taxonomy); audited as `category.create`.
 */
export async function createCategory(deps: TaxonomyWriteDeps, input: CreateCategoryInput): Promise<Category> {
  const data = parseInput(createCategorySchema, input);
  requireTownScope(deps.actor, 'taxonomy:write', null);
  return inTransaction(deps.db, async (db) => {
    const version = await lockTaxonomyHead(db);
    if (await findCategoryByCode(db, data.code)) {
      throw conflict(`category ${data.code} already exists`, { issues: [{ path: 'code', message: 'already exists' }] });
    }
    const parent = data.parentCode === undefined ? null : await requireParent(db, data.parentCode);
    const siblings = await listChildren(db, parent?.id ?? null);
    checkSiblingName(siblings, data.name);
    const sortOrder = data.sortOrder ?? Math.max(0, ...siblings.map((s) => s.sort_order)) + 10;
    const id = await addCategory(db, { ...data, sortOrder }, parent, Date.now());
    const note = data.note ?? `add ${data.code}`;
    await recordTaxonomyVersion(db, version + 1, note);
    const category = presentCategory(await loadById(db, id));
    await appendAudit(db, deps.actor, {
      action: 'category.create',
      entity: 'category',
      entityId: category.code,
      after: { ...category, taxonomyVersion: version + 1 },
      reason: note,
    });
    return category;
  });
}

/**
 * Insert one category below `parent` with its level and ancestor columns. The caller has checked the rules and
 * records the version.
 */
export async function addCategory(
  db: Db,
  data: { code: string; name: string; nameEn: string; sortOrder: number },
  parent: CategoryRow | null,
  now: number,
): Promise<number> {
  const level = (parent ? parent.level + 1 : 1) as CategoryLevel;
  const id = await insertCategory(db, {
    code: data.code,
    name: data.name,
    name_en: data.nameEn,
    level,
    parent_id: parent?.id ?? null,
    level1_id: parent?.level1_id ?? null,
    level2_id: parent?.level2_id ?? null,
    level3_id: null,
    sort_order: data.sortOrder,
    retired: 0,
    created_at: now,
    updated_at: now,
  });
  await updateCategoryRow(
    db,
    id,
    level === 1 ? { level1_id: id } : level === 2 ? { level2_id: id } : { level3_id: id },
  );
  return id;
}

/** The parent a category may be added or moved under: known, active and not at the deepest level. */
export async function requireParent(db: Db, code: string, level?: CategoryLevel): Promise<CategoryRow> {
  const parent = await requireCategory(db, code, 'parentCode');
  if (level === undefined && parent.level >= MAX_CATEGORY_LEVEL) {
    throw invalidField('parentCode', `"${code}" is at level ${parent.level}; the taxonomy has at most three levels`);
  }
  if (level !== undefined && parent.level !== level) {
    throw invalidField(
      'parentCode',
      `"${code}" is at level ${parent.level}; a move keeps the level, so pick a level-${level} parent`,
    );
  }
  if (parent.retired === 1) {
    throw invalidField('parentCode', `"${code}" is retired`);
  }
  return parent;
}

/** Siblings must have distinct Chinese names: imports map source categories by name. */
export function checkSiblingName(siblings: readonly CategoryRow[], name: string, selfId?: number): void {
  const same = siblings.find((s) => s.name === name && s.id !== selfId);
  if (same) {
    throw conflict(`"${name}" is already the name of ${same.code}`, {
      issues: [{ path: 'name', message: `already used by ${same.code}` }],
    });
  }
}

export async function loadById(db: Db, id: number): Promise<CategoryRow> {
  const row = await findCategoryById(db, id);
  if (!row) {
    throw notFound('category', id);
  }
  return row;
}
