import { listDepartmentRows } from '../orgs/index.js';
import type { Db } from '../store/database.js';
import type { WarningSituation } from '../store/tables/warnings.js';
import { listCategoryRows } from '../taxonomy/index.js';
import { type AdviceTemplate, builtinAdviceTemplates } from './advice.defaults.js';
import { type AdviceTemplateRow, listTownTemplateRows } from './advice.repo.js';
import type { LocalName } from './advice.template.js';

/** A template as it stands in one town: the built-in, the town's own, or the town's edit of a built-in. */
export interface EffectiveTemplate extends AdviceTemplate {
  active: boolean;
  origin: 'builtin' | 'town' | 'edited';
  /** The built-in under the same code, when there is one. */
  builtin: AdviceTemplate | null;
  /** When the town last stored its version (epoch ms); null for a built-in as shipped. */
  updatedAt: number | null;
}

/** A department the advice names. */
export interface AdviceDepartment {
  id: number;
  code: string;
  name: LocalName;
}

const builtinByCode = new Map(builtinAdviceTemplates.map((template) => [template.code, template]));

/** The built-in under a code, if any. */
export function findBuiltin(code: string): AdviceTemplate | undefined {
  return builtinByCode.get(code);
}

/** Whether a code is the generic built-in of a situation, which every town keeps (drafting falls back on it). */
export function isGenericBuiltin(code: string): boolean {
  const builtin = builtinByCode.get(code);
  return builtin !== undefined && builtin.categoryCode === null;
}

/** A town's row over the built-in with its code (if any). */
export function effectiveOf(row: AdviceTemplateRow): EffectiveTemplate {
  const builtin = builtinByCode.get(row.code) ?? null;
  return {
    code: row.code,
    categoryCode: row.category_code,
    situation: row.situation,
    title: row.title,
    titleEn: row.title_en,
    body: row.body,
    bodyEn: row.body_en,
    active: row.active === 1,
    origin: builtin ? 'edited' : 'town',
    builtin,
    updatedAt: Number(row.updated_at),
  };
}

/**
 * The library in effect in a town: every built-in, each replaced by the town's row with its code, plus the town's own
 * templates; inactive ones included (marked). Pure. Ordered by situation, then category code (none first), then code.
 */
export function mergeLibrary(
  builtins: readonly AdviceTemplate[],
  rows: readonly AdviceTemplateRow[],
): EffectiveTemplate[] {
  const byCode = new Map<string, EffectiveTemplate>();
  for (const builtin of builtins) {
    byCode.set(builtin.code, { ...builtin, active: true, origin: 'builtin', builtin, updatedAt: null });
  }
  for (const row of rows) {
    byCode.set(row.code, effectiveOf(row));
  }
  const order = (situation: WarningSituation) =>
    ['village_surge', 'spread', 'slow_rise', 'new_term', 'overdue_backlog'].indexOf(situation);
  return [...byCode.values()].sort(
    (a, b) =>
      order(a.situation) - order(b.situation) ||
      (a.categoryCode ?? '').localeCompare(b.categoryCode ?? '') ||
      a.code.localeCompare(b.code),
  );
}

interface CategoryNode {
  code: string;
  parentId: number | null;
  name: LocalName;
}

/** A category and its ancestors, nearest first, as codes (bounded: a corrupt cycle must not loop). */
function chainOf(categories: ReadonlyMap<number, CategoryNode>, categoryId: number | null): string[] {
  const chain: string[] = [];
  let id = categoryId;
  while (id !== null && chain.length < 10) {
    const node = categories.get(id);
    if (!node) {
      break;
    }
    chain.push(node.code);
    id = node.parentId;
  }
  return chain;
}

/**
 * The template a warning gets: among the active templates of its situation, the one for the most specific category
 * of the chain (the category itself, then its ancestors, then a template for every category); at the same level a
 * town's own or edited template before a built-in, then by code. The shipped generic template is the last resort.
 */
export function chooseTemplate(
  templates: readonly EffectiveTemplate[],
  situation: WarningSituation,
  chain: readonly string[],
): AdviceTemplate {
  let best: { template: EffectiveTemplate; rank: number } | undefined;
  for (const template of templates) {
    if (!template.active || template.situation !== situation) {
      continue;
    }
    const rank = template.categoryCode === null ? chain.length : chain.indexOf(template.categoryCode);
    if (rank < 0) {
      continue;
    }
    const better =
      best === undefined ||
      rank < best.rank ||
      (rank === best.rank &&
        ((template.origin !== 'builtin' && best.template.origin === 'builtin') ||
          ((template.origin === 'builtin') === (best.template.origin === 'builtin') &&
            template.code < best.template.code)));
    if (better) {
      best = { template, rank };
    }
  }
  return best?.template ?? (builtinByCode.get(`generic.${situation}`) as AdviceTemplate);
}

interface DepartmentDuty {
  department: AdviceDepartment;
  responsibilities: readonly string[];
}

function parseResponsibilities(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * The department that answers for a category: the active unit whose responsibilities hold the category itself, else
 * its nearest ancestor (most specific wins: `noise.industrial` goes to ecology though `noise` is the enforcement
 * team's). Two units with the same duty: the one first by code. Null when none answers.
 */
export function departmentFor(duties: readonly DepartmentDuty[], chain: readonly string[]): AdviceDepartment | null {
  for (const code of chain) {
    const duty = duties.find((candidate) => candidate.responsibilities.includes(code));
    if (duty) {
      return duty.department;
    }
  }
  return null;
}

/** Everything drafting needs about one town, loaded once. */
export interface AdviceLibrary {
  townId: number;
  templates: readonly EffectiveTemplate[];
  choose(situation: WarningSituation, categoryId: number | null): AdviceTemplate;
  department(categoryId: number | null): AdviceDepartment | null;
  categoryId(code: string): number | undefined;
  categoryCode(id: number | null): string | null;
  categoryName(id: number | null): LocalName | null;
}

/** Load a town's library: its template rows over the built-ins, its active departments, and the taxonomy. */
export async function loadAdviceLibrary(db: Db, townId: number): Promise<AdviceLibrary> {
  // One after another: inside a transaction the three share one connection.
  const rows = await listTownTemplateRows(db, townId);
  const departments = await listDepartmentRows(db, townId, { active: 1 });
  const categoryRows = await listCategoryRows(db);
  const templates = mergeLibrary(builtinAdviceTemplates, rows);
  const categories = new Map<number, CategoryNode>(
    categoryRows.map((row) => [
      Number(row.id),
      {
        code: row.code,
        parentId: row.parent_id === null ? null : Number(row.parent_id),
        name: { zh: row.name, en: row.name_en },
      },
    ]),
  );
  const idByCode = new Map([...categories].map(([id, node]) => [node.code, id]));
  const duties: DepartmentDuty[] = departments.map((row) => ({
    department: { id: Number(row.id), code: row.code, name: { zh: row.name, en: row.name_en ?? row.name } },
    responsibilities: parseResponsibilities(row.responsibilities),
  }));
  return {
    townId,
    templates,
    choose: (situation, categoryId) => chooseTemplate(templates, situation, chainOf(categories, categoryId)),
    department: (categoryId) => departmentFor(duties, chainOf(categories, categoryId)),
    categoryId: (code) => idByCode.get(code),
    categoryCode: (id) => (id === null ? null : (categories.get(id)?.code ?? null)),
    categoryName: (id) => (id === null ? null : (categories.get(id)?.name ?? null)),
  };
}
