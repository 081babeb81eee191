/**
 * One issue per real problem, not one per word: flagged terms that occur in the same texts of the week (后备箱集市,
 * 占道摆卖, 大量车辆 all come from the complaints about one night market) are grouped, and the texts that carry most
 * of a group's terms are its examples.
 */
import { invalidField } from '../../core/errors.js';
import { findRoot } from '../../core/union-find.js';

/** A flagged term and the ids of this week's texts containing it. */
export interface TermTexts {
  term: string;
  texts: readonly string[];
  /** Orders terms of equal count within an issue, smaller first (the burst's p-value); then the term itself. */
  tieBreak?: number;
}

/** Terms that belong together, with the texts that carry them. */
export interface TermGroup {
  /** The group's terms by number of texts, larger first. */
  terms: string[];
  /** How many distinct texts contain at least one of the terms. */
  textCount: number;
  /** Up to `examples` text ids, those with the most of the group's terms first (ties by id). */
  exampleIds: string[];
}

export interface GroupOptions {
  /** Two terms join when |A ∩ B| / |A ∪ B| of their text sets is at least this (default 0.3). */
  minJaccard: number;
  /** Example texts per group (default 3). */
  examples: number;
}

export const DEFAULT_GROUP_OPTIONS: GroupOptions = { minJaccard: 0.3, examples: 3 };

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Single-linkage grouping of terms by the Jaccard similarity of their text sets: two terms join when their
 * similarity is at least `minJaccard`, and groups are the connected components. The result does not depend on the
 * order of the input. Intersections are counted through the texts (each text adds one to every pair of flagged
 * terms it contains), so the work follows the overlaps rather than all pairs. Groups come largest first (by texts,
 * then by first term). A term listed twice is refused with `invalid_input`.
 */
export function groupTerms(items: readonly TermTexts[], options: Partial<GroupOptions> = {}): TermGroup[] {
  const minJaccard = options.minJaccard ?? DEFAULT_GROUP_OPTIONS.minJaccard;
  const examples = options.examples ?? DEFAULT_GROUP_OPTIONS.examples;
  if (!(minJaccard > 0 && minJaccard <= 1)) {
    throw invalidField('minJaccard', `must be in (0, 1], got ${minJaccard}`);
  }
  if (!(Number.isInteger(examples) && examples >= 0)) {
    throw invalidField('examples', `must be a whole number of at least 0, got ${examples}`);
  }
  const seen = new Set<string>();
  const sets = items.map((item, index) => {
    if (seen.has(item.term)) {
      throw invalidField(`terms.${index}.term`, `"${item.term}" is listed twice`);
    }
    seen.add(item.term);
    return new Set(item.texts);
  });
  // Text id → the indices of the terms it contains.
  const termsOfText = new Map<string, number[]>();
  sets.forEach((texts, index) => {
    for (const id of texts) {
      const list = termsOfText.get(id);
      if (list) {
        list.push(index);
      } else {
        termsOfText.set(id, [index]);
      }
    }
  });
  const shared = new Map<number, number>();
  const n = items.length;
  for (const list of termsOfText.values()) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = Math.min(list[i] as number, list[j] as number);
        const b = Math.max(list[i] as number, list[j] as number);
        shared.set(a * n + b, (shared.get(a * n + b) ?? 0) + 1);
      }
    }
  }
  const parent = items.map((_, i) => i);
  for (const [key, intersection] of shared) {
    const a = Math.floor(key / n);
    const b = key % n;
    const union = (sets[a] as Set<string>).size + (sets[b] as Set<string>).size - intersection;
    if (intersection / union >= minJaccard) {
      parent[findRoot(parent, a)] = findRoot(parent, b);
    }
  }
  const members = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const root = findRoot(parent, i);
    const list = members.get(root);
    if (list) {
      list.push(i);
    } else {
      members.set(root, [i]);
    }
  }
  const groups = [...members.values()].map((indices): TermGroup => {
    indices.sort(
      (a, b) =>
        (sets[b] as Set<string>).size - (sets[a] as Set<string>).size ||
        (items[a]?.tieBreak ?? 0) - (items[b]?.tieBreak ?? 0) ||
        compareText((items[a] as TermTexts).term, (items[b] as TermTexts).term),
    );
    const hits = new Map<string, number>();
    for (const i of indices) {
      for (const id of sets[i] as Set<string>) {
        hits.set(id, (hits.get(id) ?? 0) + 1);
      }
    }
    const ranked = [...hits].sort((a, b) => b[1] - a[1] || compareText(a[0], b[0]));
    return {
      terms: indices.map((i) => (items[i] as TermTexts).term),
      textCount: hits.size,
      exampleIds: ranked.slice(0, examples).map(([id]) => id),
    };
  });
  return groups.sort((a, b) => b.textCount - a.textCount || compareText(a.terms[0] ?? '', b.terms[0] ?? ''));
}
