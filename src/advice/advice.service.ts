import { appendAudit, changedFields } from '../audit/index.js';
import { type Actor, requireTownGrant, requireTownScope } from '../auth/index.js';
import { AppError, type FieldIssue, invalidField, invalidFields, notFound } from '../core/errors.js';
import { parseInput } from '../core/validation.js';
import { type PlaceRow, requirePlace } from '../places/index.js';
import type { Db } from '../store/database.js';
import { inTransaction } from '../store/transaction.js';
import { requireCategory } from '../taxonomy/index.js';
import { builtinAdviceTemplates } from './advice.defaults.js';
import { effectiveOf, findBuiltin, isGenericBuiltin, mergeLibrary } from './advice.library.js';
import { auditedTemplate, presentTemplate } from './advice.presenter.js';
import {
  type AdviceTemplateRow,
  deleteTownTemplateRow,
  findTownTemplateRow,
  listTownTemplateRows,
  upsertTownTemplateRow,
} from './advice.repo.js';
import {
  type AdviceTemplateView,
  adviceCodeSchema,
  completeTemplateSchema,
  type ListTemplatesQuery,
  listTemplatesQuerySchema,
  type PutTemplateInput,
  putTemplateSchema,
  type TownQuery,
  townQuerySchema,
} from './advice.schema.js';

export interface AdviceDeps {
  db: Db;
  /** The clock of writes and of the preview's sample week (tests move it). */
  now?: () => number;
}

export interface AdviceActorDeps extends AdviceDeps {
  actor: Actor;
}

/** The town of a request, by the `town` query parameter: unknown or not a town's code is bad input in `town`. */
export async function requireAdviceTown(db: Db, query: TownQuery): Promise<PlaceRow> {
  const { town } = parseInput(townQuerySchema, query);
  const place = await requirePlace(db, town, 'town');
  if (place.level !== 'town') {
    throw invalidField('town', `"${town}" is a ${place.level}, not a town`);
  }
  return place;
}

function parseCode(code: string): string {
  return parseInput(adviceCodeSchema, code);
}

/**
 * The advice library in effect in a town: the built-ins, each replaced by the town's version with its code, and the
 * town's own templates, switched-off ones included (`active: false`). Readable by whoever holds `warnings:read`
 * anywhere in the town.
 */
export async function listAdviceTemplates(
  deps: AdviceActorDeps,
  query: ListTemplatesQuery,
): Promise<AdviceTemplateView[]> {
  const { situation } = parseInput(listTemplatesQuerySchema, query);
  const town = await requireAdviceTown(deps.db, query);
  requireTownGrant(deps.actor, 'warnings:read', town.id);
  const library = mergeLibrary(builtinAdviceTemplates, await listTownTemplateRows(deps.db, town.id));
  return library
    .filter((template) => situation === undefined || template.situation === situation)
    .map((template) => presentTemplate(template, town.code));
}

/** One template as it stands in a town. */
export async function getAdviceTemplate(
  deps: AdviceActorDeps,
  code: string,
  query: TownQuery,
): Promise<AdviceTemplateView> {
  const templateCode = parseCode(code);
  const town = await requireAdviceTown(deps.db, query);
  requireTownGrant(deps.actor, 'warnings:read', town.id);
  const row = await findTownTemplateRow(deps.db, town.id, templateCode);
  if (row) {
    return presentTemplate(effectiveOf(row), town.code);
  }
  const builtin = findBuiltin(templateCode);
  if (!builtin) {
    throw notFound('advice template', `${templateCode} of town ${town.code}`);
  }
  return presentTemplate(mergeLibrary([builtin], [])[0], town.code);
}

const fields = ['categoryCode', 'situation', 'title', 'titleEn', 'body', 'bodyEn'] as const;

/**
 * Store the town's version of a template (create, or replace its own): fields left out keep the values of the version
 * in effect; a new code needs them all. A built-in's code keeps its category and situation, and the generic built-in
 * of a situation cannot be switched off (drafting falls back on it). Needs `advice:write` over the whole town;
 * audited as `advice_template.create` (a new code) or `advice_template.update` (with the changed fields).
 */
export async function putAdviceTemplate(
  deps: AdviceActorDeps,
  code: string,
  query: TownQuery,
  input: PutTemplateInput,
): Promise<AdviceTemplateView> {
  const templateCode = parseCode(code);
  const patch = parseInput(putTemplateSchema, input);
  return inTransaction(deps.db, async (db) => {
    const town = await requireAdviceTown(db, query);
    requireTownScope(deps.actor, 'advice:write', town.id);
    const row = await findTownTemplateRow(db, town.id, templateCode);
    const builtin = findBuiltin(templateCode);
    const current = row ? effectiveOf(row) : builtin ? mergeLibrary([builtin], [])[0] : undefined;
    if (!current) {
      const issues: FieldIssue[] = fields
        .filter((field) => patch[field] === undefined)
        .map((field) => ({ path: field, message: `required for a new template (${templateCode})` }));
      if (issues.length > 0) {
        throw invalidFields(issues);
      }
    }
    const data = parseInput(completeTemplateSchema, {
      categoryCode: patch.categoryCode !== undefined ? patch.categoryCode : current?.categoryCode,
      situation: patch.situation ?? current?.situation,
      title: patch.title ?? current?.title,
      titleEn: patch.titleEn ?? current?.titleEn,
      body: patch.body ?? current?.body,
      bodyEn: patch.bodyEn ?? current?.bodyEn,
      active: patch.active ?? current?.active ?? true,
    });
    if (builtin && data.situation !== builtin.situation) {
      throw invalidField(
        'situation',
        `the built-in ${templateCode} is for ${builtin.situation}; add a new code for another`,
      );
    }
    if (builtin && data.categoryCode !== builtin.categoryCode) {
      throw invalidField(
        'categoryCode',
        `the built-in ${templateCode} is for ${builtin.categoryCode ?? 'every category'}; add a new code for another`,
      );
    }
    if (!data.active && isGenericBuiltin(templateCode)) {
      throw invalidField(
        'active',
        `${templateCode} is the fallback of its situation and stays on; edit its text instead`,
      );
    }
    if (data.categoryCode !== null) {
      await requireCategory(db, data.categoryCode, 'categoryCode');
    }
    const now = deps.now?.() ?? Date.now();
    const next: AdviceTemplateRow = {
      id: row?.id ?? 0,
      town_id: town.id,
      code: templateCode,
      category_code: data.categoryCode,
      situation: data.situation,
      title: data.title,
      title_en: data.titleEn,
      body: data.body,
      body_en: data.bodyEn,
      active: data.active ? 1 : 0,
      created_at: row?.created_at ?? now,
      updated_at: now,
    };
    const after = effectiveOf(next);
    const changes = current ? changedFields(auditedTemplate(current), auditedTemplate(after)) : undefined;
    if (row && !changes) {
      return presentTemplate(effectiveOf(row), town.code);
    }
    const { id: _id, ...insert } = next;
    await upsertTownTemplateRow(db, insert);
    await appendAudit(
      db,
      deps.actor,
      {
        action: current ? 'advice_template.update' : 'advice_template.create',
        entity: 'advice_template',
        entityId: `${town.code}/${templateCode}`,
        townId: town.id,
        before: current ? (changes?.before ?? null) : null,
        after: current ? (changes?.after ?? null) : auditedTemplate(after),
        reason: builtin && !row ? `edit of the built-in ${templateCode}` : null,
      },
      now,
    );
    return presentTemplate(after, town.code);
  });
}

/**
 * Remove the town's version of a template: a built-in under its code is in effect again, a template of the town's
 * own is gone. 404 when the town has no version under the code. Needs `advice:write` over the whole town; audited as
 * `advice_template.delete` with what was removed.
 */
export async function deleteAdviceTemplate(deps: AdviceActorDeps, code: string, query: TownQuery): Promise<void> {
  const templateCode = parseCode(code);
  await inTransaction(deps.db, async (db) => {
    const town = await requireAdviceTown(db, query);
    requireTownScope(deps.actor, 'advice:write', town.id);
    const row = await findTownTemplateRow(db, town.id, templateCode);
    if (!row || !(await deleteTownTemplateRow(db, town.id, templateCode))) {
      throw new AppError('not_found', `town ${town.code} has no advice template of its own under ${templateCode}`);
    }
    const now = deps.now?.() ?? Date.now();
    await appendAudit(
      db,
      deps.actor,
      {
        action: 'advice_template.delete',
        entity: 'advice_template',
        entityId: `${town.code}/${templateCode}`,
        townId: town.id,
        before: auditedTemplate(effectiveOf(row)),
        reason: findBuiltin(templateCode) ? `back to the built-in ${templateCode}` : null,
      },
      now,
    );
  });
}
