/**
 * Emerging issues (苗头性问题) as warning drafts: the complaint texts of the target week and the 26 before it (first
 * complaints only — a repeat, 再次反映…, says the same again; terms-cache.ts), in the town and in each village; bursting terms
 * grouped into issues by src/detect; the same terms found in the town and in villages become one issue: in its
 * village when only one village has it, else town-wide over those villages. Pure.
 */
import { type EmergingIssue, emergingIssues, type TermSegmenter } from '../../detect/index.js';
import { type DraftContext, placeName, type WarningDraft } from './drafts.js';
import { emergingSeverity } from './severity.js';
import type { CategoryNode } from './shape.js';
import type { SegmentedText } from './terms-cache.js';
import { emergingSummary } from './wording.js';

/** Weeks of texts before the target that make the baseline. */
export const EMERGING_BASELINE_WEEKS = 26;
/**
 * A word is new when no complaint of the baseline used it, or it comes this many times as often as before: a
 * category's stock phrases rising three- or fourfold with its count are the outbreak detector's business (on the
 * 10 M demo town they were 35 of 40 word issues a week), not new words.
 */
export const NEW_WORD_RATIO = 8;
/** Terms kept on a warning. */
const MAX_TERMS = 8;

interface Text {
  id: string;
  week: number;
  text: string;
  group: string | undefined;
  terms: readonly string[];
  source: SegmentedText;
}

/** The deepest category holding at least half the texts, or null. */
function commonCategory(texts: readonly Text[], ctx: DraftContext): CategoryNode | null {
  const counts = new Map<number, number>();
  for (const t of texts) {
    for (const id of ctx.shape.categories.get(t.source.categoryId)?.path ?? []) {
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
  }
  let best: CategoryNode | null = null;
  for (const [id, n] of counts) {
    const category = ctx.shape.categories.get(id);
    if (category !== undefined && n * 2 >= texts.length && (best === null || category.level > best.level)) {
      best = category;
    }
  }
  return best;
}

/**
 * The terms of the town's own names (its places and registered enterprises, whole and as segmented): a shop named in
 * five complaints of a week is a real cluster but no new word, and 云溪新村 is no issue.
 */
export function localTerms(names: readonly string[], segmenter: TermSegmenter): Set<string> {
  const terms = new Set<string>();
  for (const name of names) {
    terms.add(name);
    for (const term of segmenter.termsOf(name)) {
      terms.add(term);
    }
  }
  return terms;
}

/** Emerging issues of the target week, leaving out `localNames`' terms. */
export function emergingDrafts(
  complaints: readonly SegmentedText[],
  ctx: DraftContext,
  localNames: ReadonlySet<string> = new Set(),
): WarningDraft[] {
  const weekIndex = new Map(ctx.weeks.map((w, i) => [w, i]));
  const villageCodeOf = (placeId: number | null) => {
    const village = placeId === null ? undefined : ctx.shape.villageOfPlace.get(placeId);
    return village === undefined ? undefined : ctx.shape.villages.get(village)?.code;
  };
  const texts: Text[] = [];
  for (const c of complaints) {
    const week = weekIndex.get(c.week);
    if (week === undefined) {
      continue;
    }
    // The terms are given: the detector does not segment the text again.
    const terms = c.terms.filter((term) => !localNames.has(term));
    texts.push({ id: String(c.id), week, text: '', group: villageCodeOf(c.placeId), terms, source: c });
  }
  const issues = emergingIssues(texts, {
    week: ctx.target,
    baselineWeeks: EMERGING_BASELINE_WEEKS,
    byGroup: true,
  }).filter((issue) => issue.terms.some((t) => t.new || t.ratio >= NEW_WORD_RATIO));
  const villageByCode = new Map([...ctx.shape.villages.values()].map((v) => [v.code, v]));
  const thisWeek = texts.filter((t) => t.week === ctx.target);

  // Join the town's issue and the villages' issues that share a term.
  const merged: { issues: EmergingIssue[]; terms: Set<string> }[] = [];
  for (const issue of issues) {
    const terms = issue.terms.map((t) => t.term);
    const into = merged.find((m) => terms.some((t) => m.terms.has(t)));
    if (into) {
      into.issues.push(issue);
      for (const t of terms) {
        into.terms.add(t);
      }
    } else {
      merged.push({ issues: [issue], terms: new Set(terms) });
    }
  }

  return merged.map(({ issues: group, terms }) => {
    const villages = group.filter((i) => i.group !== null);
    const lead =
      villages.length === 1
        ? (villages[0] as EmergingIssue)
        : (group.find((i) => i.group === null) ?? (group[0] as EmergingIssue));
    // Never-seen terms first, then the lead issue's by count; a few name the issue and find its complaints.
    const ranked = [...lead.terms].sort((a, b) => Number(b.new) - Number(a.new));
    const termList = [
      ...new Set([
        ...group.flatMap((i) => i.terms.filter((t) => t.new).map((t) => t.term)),
        ...ranked.map((t) => t.term),
        ...terms,
      ]),
    ].slice(0, MAX_TERMS);
    const key = new Set(lead.terms.slice(0, 3).map((t) => t.term));
    const carriers = thisWeek.filter((t) => t.terms.some((term) => key.has(term)));
    const villageIds =
      villages.length === 1
        ? [villageByCode.get(villages[0]?.group as string)?.id as number]
        : [
            ...new Set(
              carriers.flatMap((t) => (t.group === undefined ? [] : [villageByCode.get(t.group)?.id as number])),
            ),
          ].sort((a, b) => a - b);
    const top = lead.terms[0];
    const expected = top?.expected ?? 0;
    const ratio = top ? top.count / Math.max(top.expected, 1e-9) : 0;
    const where = placeName(ctx.shape, villages.length === 1 ? villageIds : []);
    const week = ctx.weeks[ctx.target] as number;
    return {
      type: 'emerging',
      situation: 'new_term',
      category: commonCategory(carriers, ctx),
      villageIds,
      sinceWeek: week,
      week,
      observed: lead.textCount,
      expected: Math.round(expected * 100) / 100,
      upperBound: null,
      methods: [{ method: 'term-burst', observed: top?.count ?? 0, expected, upperbound: null, alarm: true }],
      ...emergingSeverity({ textCount: lead.textCount, ratio, villages: villageIds.length }),
      summary: emergingSummary({ where, week, terms: termList, textCount: lead.textCount, expected }),
      facts: {
        termDetails: lead.terms.map((t) => ({
          term: t.term,
          count: t.count,
          expected: t.expected,
          ratio: t.ratio,
          p: t.p,
          q: t.q,
          new: t.new,
        })),
        villageCodes: villages.map((v) => v.group),
      },
      terms: termList,
      departmentId: null,
      slopePerWeek: null,
      overdue: null,
      sampleIds: lead.exampleIds.map((id) => ({ kind: 'complaint' as const, id: Number(id) })),
    } satisfies WarningDraft;
  });
}
