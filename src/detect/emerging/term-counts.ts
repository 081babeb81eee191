/**
 * Weekly term counts: per week, how many texts there were and how many of them contain each term, for the whole town
 * and, when asked, per group (a village). A count is of texts, not mentions, so it never exceeds the week's texts.
 * Plain Maps keyed by the term strings the segmenter made: the town's map and a group's share the same strings, and
 * only the weeks given are kept (the caller passes the weeks it needs, not the whole history).
 */
import { invalidField } from '../../core/errors.js';

/** One week of one series: its number of texts and, per term, the texts containing it. */
export interface WeekTerms {
  texts: number;
  terms: Map<string, number>;
}

/** The weeks of one series (the town, or one group), by week index. */
export type TermCountTable = Map<number, WeekTerms>;

/** The terms of one text, in a week and optionally a group. */
export interface TermCountInput {
  /** A consecutive week index (weeks since some start), so that week − 26 is 26 weeks earlier. */
  week: number;
  terms: Iterable<string>;
  group?: string;
}

/** Counts for the whole town, and per group when counted by group (else the map is empty). */
export interface TermCounts {
  town: TermCountTable;
  groups: Map<string, TermCountTable>;
}

/** An empty week, for the weeks that have no texts. */
export function emptyWeek(): WeekTerms {
  return { texts: 0, terms: new Map() };
}

function weekOf(table: TermCountTable, week: number): WeekTerms {
  let counts = table.get(week);
  if (!counts) {
    counts = emptyWeek();
    table.set(week, counts);
  }
  return counts;
}

/**
 * Count texts and term-containing texts per week (and per group with `byGroup`; texts without a group then count
 * for the town only). A term repeated within one text counts once. A week that is not a safe integer is refused
 * with `invalid_input` naming the item (`texts.N.week`).
 */
export function countTerms(items: Iterable<TermCountInput>, options: { byGroup?: boolean } = {}): TermCounts {
  const town: TermCountTable = new Map();
  const groups = new Map<string, TermCountTable>();
  let index = 0;
  for (const item of items) {
    if (!Number.isSafeInteger(item.week)) {
      throw invalidField(`texts.${index}.week`, `must be a whole week index, got ${item.week}`);
    }
    const distinct = new Set(item.terms);
    const weeks = [weekOf(town, item.week)];
    if (options.byGroup && item.group !== undefined) {
      let table = groups.get(item.group);
      if (!table) {
        table = new Map();
        groups.set(item.group, table);
      }
      weeks.push(weekOf(table, item.week));
    }
    for (const counts of weeks) {
      counts.texts += 1;
      for (const term of distinct) {
        counts.terms.set(term, (counts.terms.get(term) ?? 0) + 1);
      }
    }
    index++;
  }
  return { town, groups };
}

/**
 * The counts of weeks `from..to` (inclusive) of a table added up, with the number of those weeks that had texts:
 * the baseline a week is compared with.
 */
export function sumWeeks(table: TermCountTable, from: number, to: number): WeekTerms & { weeksWithTexts: number } {
  const total: WeekTerms & { weeksWithTexts: number } = { texts: 0, terms: new Map(), weeksWithTexts: 0 };
  for (const [week, counts] of table) {
    if (week < from || week > to || counts.texts === 0) {
      continue;
    }
    total.texts += counts.texts;
    total.weeksWithTexts += 1;
    for (const [term, count] of counts.terms) {
      total.terms.set(term, (total.terms.get(term) ?? 0) + count);
    }
  }
  return total;
}
