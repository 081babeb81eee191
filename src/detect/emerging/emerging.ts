/**
 * Emerging issues (苗头性问题) in complaint texts: segment the texts of a week and of the weeks before it, count the
 * texts containing each term, flag the terms that burst against their own history, and group the flagged terms that
 * come from the same complaints into issues with example complaints. Pure: texts in, issues out.
 */
import { invalidField } from '../../core/errors.js';
import {
  type BurstOptions,
  flagBursts,
  resolveBurstOptions,
  type TermBurst,
  type TermTest,
  termTests,
} from './burst.js';
import { DEFAULT_GROUP_OPTIONS, type GroupOptions, groupTerms } from './group-terms.js';
import { defaultSegmenter, type TermSegmenter } from './segment.js';
import { countTerms, emptyWeek, sumWeeks, type TermCountTable } from './term-counts.js';

/** A text to look at: a complaint's id, its week index, its text, and optionally its group (village code). */
export interface EmergingText {
  id: string;
  /** A consecutive week index (weeks since some start, not YYYYWW), so that week − 26 is 26 weeks earlier. */
  week: number;
  text: string;
  group?: string;
  /**
   * The text's terms if already segmented (termsOf of the same segmenter, e.g. kept from an earlier run); then the
   * text itself is not segmented again.
   */
  terms?: readonly string[];
}

export interface EmergingOptions extends BurstOptions, GroupOptions {
  /** The week to look at. */
  week: number;
  /** Weeks before `week` that make its baseline (default 26, half a year). */
  baselineWeeks: number;
  /** Fewest baseline weeks with texts a series needs to be tested (default 8); with less, every word looks new. */
  minBaselineWeeks: number;
  /** Also look in each group's texts on their own (default false: the town only). */
  byGroup: boolean;
  /** Defaults to the shared segmenter with the built-in governance dictionary. */
  segmenter: TermSegmenter;
}

/** One emerging issue: co-occurring bursting terms in one series (the town, or one group) in one week. */
export interface EmergingIssue {
  week: number;
  /** The group the issue was found in, or null for the whole town. */
  group: string | null;
  /** The bursting terms, by count (larger first), then by p-value. */
  terms: TermBurst[];
  /** This week's texts of the series that contain at least one of the terms. */
  textCount: number;
  /** Ids of up to `examples` texts, those with the most of the terms first. */
  exampleIds: string[];
}

type SeriesTest = TermTest & { series: string | null };

/**
 * Find the emerging issues of `options.week`. Only the texts of that week and of the `baselineWeeks` before it are
 * segmented. Each series (the town and, with `byGroup`, every group) is tested on its own; Benjamini–Hochberg runs
 * once over all the tests of the week, so the false-discovery level holds across series. Bad options are refused
 * with `invalid_input` naming the option. Issues come town first, then by group, each series largest issue first.
 */
export function emergingIssues(
  texts: Iterable<EmergingText>,
  options: Partial<EmergingOptions> & { week: number },
): EmergingIssue[] {
  const burst = resolveBurstOptions(options);
  const { week, baselineWeeks = 26, minBaselineWeeks = 8, byGroup = false } = options;
  const grouping: GroupOptions = {
    minJaccard: options.minJaccard ?? DEFAULT_GROUP_OPTIONS.minJaccard,
    examples: options.examples ?? DEFAULT_GROUP_OPTIONS.examples,
  };
  if (!Number.isSafeInteger(week)) {
    throw invalidField('week', `must be a whole week index, got ${week}`);
  }
  if (!(Number.isInteger(baselineWeeks) && baselineWeeks >= 1 && baselineWeeks <= 520)) {
    throw invalidField('baselineWeeks', `must be a whole number from 1 to 520, got ${baselineWeeks}`);
  }
  if (!(Number.isInteger(minBaselineWeeks) && minBaselineWeeks >= 0 && minBaselineWeeks <= baselineWeeks)) {
    throw invalidField('minBaselineWeeks', `must be a whole number from 0 to baselineWeeks, got ${minBaselineWeeks}`);
  }
  // Built only when a text needs segmenting: with pre-segmented texts jieba is never loaded.
  let segmenter = options.segmenter;
  const first = week - baselineWeeks;
  // The terms of this week's texts are kept (for grouping and examples); older texts only add to the counts.
  const current: { id: string; group: string | null; terms: readonly string[] }[] = [];
  const counts = countTerms(
    (function* () {
      let index = 0;
      for (const text of texts) {
        if (!Number.isSafeInteger(text.week)) {
          throw invalidField(`texts.${index}.week`, `must be a whole week index, got ${text.week}`);
        }
        index++;
        if (text.week < first || text.week > week) {
          continue;
        }
        let terms = text.terms;
        if (!terms) {
          segmenter ??= defaultSegmenter();
          terms = segmenter.termsOf(text.text);
        }
        if (text.week === week) {
          current.push({ id: text.id, group: text.group ?? null, terms });
        }
        yield { week: text.week, terms, group: text.group };
      }
    })(),
    { byGroup },
  );

  const series: [string | null, TermCountTable][] = [[null, counts.town], ...counts.groups];
  const tests: SeriesTest[] = [];
  for (const [key, table] of series) {
    const baseline = sumWeeks(table, first, week - 1);
    if (baseline.weeksWithTexts < minBaselineWeeks) {
      continue;
    }
    for (const test of termTests(table.get(week) ?? emptyWeek(), baseline, burst)) {
      tests.push({ ...test, series: key });
    }
  }
  const flagged = flagBursts(tests, burst);

  const issues: EmergingIssue[] = [];
  for (const [key] of series) {
    const bursts = new Map(flagged.filter((f) => f.series === key).map(({ series: _, ...b }) => [b.term, b]));
    if (bursts.size === 0) {
      continue;
    }
    const textsOf = new Map([...bursts.keys()].map((term) => [term, [] as string[]]));
    for (const text of current) {
      if (key !== null && text.group !== key) {
        continue;
      }
      for (const term of text.terms) {
        textsOf.get(term)?.push(text.id);
      }
    }
    const groups = groupTerms(
      [...textsOf].map(([term, ids]) => ({ term, texts: ids, tieBreak: bursts.get(term)?.p })),
      grouping,
    );
    for (const group of groups) {
      issues.push({
        week,
        group: key,
        terms: group.terms.map((term) => bursts.get(term) as TermBurst),
        textCount: group.textCount,
        exampleIds: group.exampleIds,
      });
    }
  }
  return issues;
}
