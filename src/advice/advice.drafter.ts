import type { Db } from '../store/database.js';
import type { WarningSituation } from '../store/tables/warnings.js';
import type { AdviceTemplate } from './advice.defaults.js';
import { type AdviceDepartment, type AdviceLibrary, loadAdviceLibrary } from './advice.library.js';
import { fillTemplate, type LocalName } from './advice.template.js';

/** What the warnings engine knows about a warning, to draft its advice from. */
export interface AdviceFacts {
  situation: WarningSituation;
  /** The warning's category (any level); null when none (e.g. a town-wide backlog). */
  categoryId: number | null;
  category: LocalName | null;
  /** The village, or the town when it spreads. */
  place: LocalName;
  villages: LocalName[];
  /** ISO weeks `YYYYWW`. */
  week: number;
  sinceWeek: number;
  observed: number;
  expected: number | null;
  upperBound: number | null;
  terms: string[];
  slopePerWeek: number | null;
  overdue: number | null;
}

/** The advice for one warning: the template used, its title and text in both locales, and the department named. */
export interface DraftedAdvice {
  code: string;
  title: string;
  titleEn: string;
  advice: string;
  adviceEn: string;
  departmentId: number | null;
  department: LocalName | null;
}

/** Texts to fill: a template's, or an edit of them (the settings page's preview). */
export type TemplateTexts = Pick<AdviceTemplate, 'code' | 'title' | 'titleEn' | 'body' | 'bodyEn'>;

/** Fill a template's texts with the facts and the department. Pure. */
export function renderAdvice(
  template: TemplateTexts,
  facts: AdviceFacts,
  department: AdviceDepartment | null,
): DraftedAdvice {
  const filled = { ...facts, department: department?.name ?? null };
  return {
    code: template.code,
    title: fillTemplate(template.title, filled, 'zh-CN'),
    titleEn: fillTemplate(template.titleEn, filled, 'en-US'),
    advice: fillTemplate(template.body, filled, 'zh-CN'),
    adviceEn: fillTemplate(template.bodyEn, filled, 'en-US'),
    departmentId: department?.id ?? null,
    department: department?.name ?? null,
  };
}

/** Draft from a library already loaded: the template chosen for the facts, the department that answers for them. */
export function draftFromLibrary(library: AdviceLibrary, facts: AdviceFacts): DraftedAdvice {
  return renderAdvice(library.choose(facts.situation, facts.categoryId), facts, library.department(facts.categoryId));
}

/**
 * A drafter for many warnings of one town in one engine run: the town's templates, departments and the taxonomy are
 * read once, then each draft is a synchronous, pure call. It does not see edits made after it was created.
 */
export async function createAdviceDrafter(db: Db, townId: number): Promise<(facts: AdviceFacts) => DraftedAdvice> {
  const library = await loadAdviceLibrary(db, townId);
  return (facts) => draftFromLibrary(library, facts);
}

/**
 * The advice for one warning: the town's active template for the situation and the most specific category match
 * (the category, its ancestors, then one for every category; a generic built-in always exists), filled with the
 * facts, naming the active department whose responsibilities hold the category or its nearest ancestor.
 */
export async function draftAdvice(db: Db, townId: number, facts: AdviceFacts): Promise<DraftedAdvice> {
  return (await createAdviceDrafter(db, townId))(facts);
}
