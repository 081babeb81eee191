import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../core/errors.js';
import { groupTerms, type TermTexts } from './group-terms.js';

describe('groupTerms', () => {
  it('groups terms from the same texts, terms by count, examples with the most terms first', () => {
    const groups = groupTerms([
      { term: '后备箱集市', texts: ['c1', 'c2', 'c3', 'c4'] },
      { term: '占道摆卖', texts: ['c2', 'c3', 'c4', 'c5', 'c6'] },
      { term: '大量车辆', texts: ['c3', 'c4'] },
      { term: '欠薪', texts: ['c7', 'c8', 'c9'] },
    ]);
    expect(groups).toEqual([
      { terms: ['占道摆卖', '后备箱集市', '大量车辆'], textCount: 6, exampleIds: ['c3', 'c4', 'c2'] },
      { terms: ['欠薪'], textCount: 3, exampleIds: ['c7', 'c8', 'c9'] },
    ]);
  });

  it('joins at Jaccard exactly at the threshold, not below it', () => {
    // |A ∩ B| = 3, |A ∪ B| = 10: 0.3.
    const a = { term: '甲', texts: ['1', '2', '3', '4', '5', '6'] };
    const b = { term: '乙', texts: ['4', '5', '6', '7', '8', '9', '10'] };
    expect(groupTerms([a, b])).toHaveLength(1);
    expect(groupTerms([a, b], { minJaccard: 0.31 })).toHaveLength(2);
  });

  it('links in a chain (single linkage): A~B and B~C put A and C together', () => {
    const groups = groupTerms([
      { term: 'A', texts: ['1', '2'] },
      { term: 'B', texts: ['2', '3'] },
      { term: 'C', texts: ['3', '4'] },
    ]);
    expect(groups.map((g) => g.terms.sort())).toEqual([['A', 'B', 'C']]);
  });

  it('orders terms of equal count by their tie-break, then by term', () => {
    const [group] = groupTerms([
      { term: '甲', texts: ['1', '2'], tieBreak: 0.5 },
      { term: '乙', texts: ['1', '2'], tieBreak: 0.5 },
      { term: '丙', texts: ['1', '2'], tieBreak: 0.01 },
    ]);
    expect(group?.terms).toEqual(['丙', '乙', '甲']);
  });

  it('gives no examples when asked for none, and refuses bad options or a term twice', () => {
    expect(groupTerms([{ term: '甲', texts: ['1'] }], { examples: 0 })[0]?.exampleIds).toEqual([]);
    for (const run of [
      () => groupTerms([], { minJaccard: 0 }),
      () => groupTerms([], { examples: -1 }),
      () =>
        groupTerms([
          { term: '甲', texts: ['1'] },
          { term: '甲', texts: ['2'] },
        ]),
    ]) {
      let error: unknown;
      try {
        run();
      } catch (caught) {
        error = caught;
      }
      expect(isAppError(error) && error.code === 'invalid_input').toBe(true);
    }
  });
});

describe('properties', () => {
  const termTexts = fc.uniqueArray(
    fc.record({
      term: fc.string({ minLength: 1, maxLength: 3 }),
      texts: fc.uniqueArray(fc.integer({ min: 1, max: 12 }).map(String), { maxLength: 6 }),
    }),
    { selector: (t) => t.term, maxLength: 10 },
  );
  const jaccard = fc.double({ min: 0.05, max: 1, noNaN: true });

  const partition = (items: readonly TermTexts[], minJaccard: number) =>
    groupTerms(items, { minJaccard })
      .map((g) => JSON.stringify([...g.terms].sort()))
      .sort();

  it('puts every term in exactly one group, with the union of its texts', () => {
    fc.assert(
      fc.property(termTexts, jaccard, (items, minJaccard) => {
        const groups = groupTerms(items, { minJaccard, examples: 100 });
        const all = groups.flatMap((g) => g.terms);
        expect(all.sort()).toEqual(items.map((i) => i.term).sort());
        for (const group of groups) {
          const union = new Set(items.filter((i) => group.terms.includes(i.term)).flatMap((i) => i.texts));
          expect(group.textCount).toBe(union.size);
          expect(new Set(group.exampleIds)).toEqual(union);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('does not depend on the order of the input (symmetric)', () => {
    fc.assert(
      fc.property(
        termTexts.chain((items) =>
          fc.tuple(fc.constant(items), fc.shuffledSubarray(items, { minLength: items.length })),
        ),
        jaccard,
        ([items, shuffled], minJaccard) => {
          expect(groupTerms(shuffled, { minJaccard })).toEqual(groupTerms(items, { minJaccard }));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives each group back whole when its terms are grouped again (idempotent)', () => {
    fc.assert(
      fc.property(termTexts, jaccard, (items, minJaccard) => {
        for (const key of partition(items, minJaccard)) {
          const terms: string[] = JSON.parse(key);
          const members = items.filter((i) => terms.includes(i.term));
          expect(partition(members, minJaccard)).toEqual([key]);
        }
      }),
      { numRuns: 300 },
    );
  });
});
