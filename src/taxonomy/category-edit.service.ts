import type { Updateable } from 'kysely';
import { appendAudit, changedFields } from '../audit/index.js';
import { type Actor, requireTownScope } from '../auth/index.js';
import { invalidField, notFound } from '../core/errors.js';
import { parseInput } from '../core/validation.js';
import type { Db } from '../store/database.js';
import type { CategoryTable } from '../store/tables/taxonomy.js';
import { inTransaction } from '../store/transaction.js';
import { presentCategory } from './category.presenter.js';
import {
  type CategoryRow,
  findCategoryByCode,
  listChildren,
  listSubtree,
  updateCategoryRow,
  updateSubtree,
} from './category.repo.js';
import {
  type Category,
  type CategoryLevel,
  type UpdateCategoryInput,
  updateCategorySchema,
} from './category.schema.js';
import { checkSiblingName, loadById, requireParent } from './category.service.js';
import { UNCLASSIFIED_CODE } from './default-taxonomy.js';
import { lockTaxonomyHead } from './taxonomy.repo.js';
import { recordTaxonomyVersion, type TaxonomyWriteDeps } from './taxonomy.service.js';

/**
 * Edit a category as a new taxonomy version: rename, re-sort, move under another parent of the same level (its
 * subtree moves with it), retire or restore. Retiring retires everything below too; restoring brings back the whole
 * branch and needs an active parent. A patch that changes nothing records no version. Needs `taxonomy:write` in
 * scope `all`; audited as `category.update`, one entry per category the edit changed (a move or a retirement
 * changes the whole subtree).
 */
export async function updateCategory(
  deps: TaxonomyWriteDeps,
  code: string,
  input: UpdateCategoryInput,
): Promise<Category> {
  const patch = parseInput(updateCategorySchema, input);
  requireTownScope(deps.actor, 'taxonomy:write', null);
  return inTransaction(deps.db, async (db) => {
    const version = await lockTaxonomyHead(db);
    const row = await findCategoryByCode(db, code);
    if (!row) {
      throw notFound('category', code);
    }
    const subtreeBefore = (await listSubtree(db, row)).map(presentCategory);
    const changes: string[] = [];
    const parent = await applyMove(db, row, patch.parentCode, changes);
    const fields: Updateable<CategoryTable> = {};
    if (patch.name !== undefined && patch.name !== row.name) {
      fields.name = patch.name;
      changes.push(`rename ${code} to ${patch.name}`);
    }
    if (patch.name !== undefined || parent !== undefined) {
      checkSiblingName(
        await listChildren(db, parent === undefined ? row.parent_id : parent.id),
        patch.name ?? row.name,
        row.id,
      );
    }
    if (patch.nameEn !== undefined && patch.nameEn !== row.name_en) {
      fields.name_en = patch.nameEn;
      changes.push(`rename ${code} to ${patch.nameEn}`);
    }
    if (patch.sortOrder !== undefined && patch.sortOrder !== row.sort_order) {
      fields.sort_order = patch.sortOrder;
      changes.push(`re-sort ${code}`);
    }
    if (Object.keys(fields).length > 0) {
      await updateCategoryRow(db, row.id, { ...fields, updated_at: Date.now() });
    }
    if (patch.retired !== undefined && patch.retired !== (row.retired === 1)) {
      await applyRetired(db, row, patch.retired);
      changes.push(`${patch.retired ? 'retire' : 'restore'} ${code}`);
    }
    if (changes.length > 0) {
      const note = patch.note ?? changes.join('; ');
      await recordTaxonomyVersion(db, version + 1, note);
      await auditSubtree(db, deps.actor, row, subtreeBefore, note);
    }
    return presentCategory(await loadById(db, row.id));
  });
}

/** One `category.update` entry per category of the edited subtree whose presented fields changed. */
async function auditSubtree(db: Db, actor: Actor, root: CategoryRow, before: Category[], note: string): Promise<void> {
  const after = new Map((await listSubtree(db, root)).map((r) => [r.code, presentCategory(r)]));
  const entries = before.flatMap((old) => {
    const changes = changedFields(old, after.get(old.code) ?? old);
    return changes
      ? [{ action: 'category.update', entity: 'category', entityId: old.code, reason: note, ...changes }]
      : [];
  });
  await appendAudit(db, actor, entries);
}

/** Move `row` under `parentCode` when that is a change; returns the new parent, or undefined when it stays put. */
async function applyMove(
  db: Db,
  row: CategoryRow,
  parentCode: string | null | undefined,
  changes: string[],
): Promise<CategoryRow | undefined> {
  if (parentCode === undefined || parentCode === row.parent_code) {
    return undefined;
  }
  if (row.level === 1) {
    throw invalidField('parentCode', 'a level-1 category has no parent; a move keeps the level');
  }
  if (parentCode === null) {
    throw invalidField('parentCode', `a level-${row.level} category needs a parent; a move keeps the level`);
  }
  const parent = await requireParent(db, parentCode, (row.level - 1) as CategoryLevel);
  const now = Date.now();
  await updateCategoryRow(db, row.id, { parent_id: parent.id, updated_at: now });
  // Everything below keeps its own ancestors at and below `row`'s level and takes the new parent's above it.
  await updateSubtree(db, row, {
    level1_id: parent.level1_id,
    ...(row.level === 3 && { level2_id: parent.level2_id }),
    updated_at: now,
  });
  changes.push(`move ${row.code} under ${parent.code}`);
  return parent;
}

async function applyRetired(db: Db, row: CategoryRow, retired: boolean): Promise<void> {
  if (retired) {
    const subtree = await listSubtree(db, row);
    if (subtree.some((c) => c.code === UNCLASSIFIED_CODE)) {
      throw invalidField('retired', `${UNCLASSIFIED_CODE} must stay: intake files unmapped records under it`);
    }
  } else if (row.parent_id !== null && (await loadById(db, row.parent_id)).retired === 1) {
    throw invalidField('retired', `its parent ${row.parent_code} is retired; restore that first`);
  }
  await updateSubtree(db, row, { retired: retired ? 1 : 0, updated_at: Date.now() });
}
