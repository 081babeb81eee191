import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../core/errors.js';
import { countTerms, sumWeeks, type TermCountInput } from './term-counts.js';

const items: TermCountInput[] = [
  { week: 1, terms: ['欠薪', '工地'], group: '村A' },
  { week: 1, terms: ['欠薪', '欠薪'], group: '村B' },
  { week: 1, terms: ['噪声扰民'] },
  { week: 2, terms: ['欠薪'], group: '村A' },
  { week: 4, terms: [], group: '村A' },
];

describe('countTerms', () => {
  it('counts texts per week and the texts containing each term, a repeated term once', () => {
    const { town, groups } = countTerms(items);
    expect(town.get(1)?.texts).toBe(3);
    expect(Object.fromEntries(town.get(1)?.terms ?? [])).toEqual({ 欠薪: 2, 工地: 1, 噪声扰民: 1 });
    expect(town.get(2)?.texts).toBe(1);
    expect(town.get(4)).toEqual({ texts: 1, terms: new Map() });
    expect(town.has(3)).toBe(false);
    expect(groups.size).toBe(0);
  });

  it('counts per group when asked; texts without a group count for the town only', () => {
    const { town, groups } = countTerms(items, { byGroup: true });
    expect(town.get(1)?.texts).toBe(3);
    expect([...groups.keys()].sort()).toEqual(['村A', '村B']);
    expect(groups.get('村A')?.get(1)).toEqual({
      texts: 1,
      terms: new Map([
        ['欠薪', 1],
        ['工地', 1],
      ]),
    });
    expect(groups.get('村B')?.get(1)?.terms.get('欠薪')).toBe(1);
    expect(groups.get('村A')?.get(2)?.texts).toBe(1);
  });

  it('refuses a week that is not a whole number, naming the text', () => {
    let error: unknown;
    try {
      countTerms([
        { week: 1, terms: [] },
        { week: 1.5, terms: [] },
      ]);
    } catch (caught) {
      error = caught;
    }
    expect(isAppError(error) && error.code === 'invalid_input' && error.message.startsWith('texts.1.week:')).toBe(true);
  });

  it('never counts a term in more texts than the week has, and groups add up to the town (property)', () => {
    const item = fc.record({
      week: fc.integer({ min: 0, max: 5 }),
      terms: fc.array(fc.constantFrom<string>('欠薪', '噪声', '油烟', '渣土车', 'ktv'), { maxLength: 6 }),
      group: fc.option(fc.constantFrom('村A', '村B', '村C'), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(item, { maxLength: 60 }), (list) => {
        const { town, groups } = countTerms(list, { byGroup: true });
        let total = 0;
        for (const [week, counts] of town) {
          total += counts.texts;
          expect(counts.texts).toBe(list.filter((i) => i.week === week).length);
          for (const [term, count] of counts.terms) {
            expect(count).toBeGreaterThan(0);
            expect(count).toBeLessThanOrEqual(counts.texts);
            expect(count).toBe(list.filter((i) => i.week === week && i.terms.includes(term)).length);
            let grouped = 0;
            for (const table of groups.values()) {
              grouped += table.get(week)?.terms.get(term) ?? 0;
            }
            expect(grouped).toBeLessThanOrEqual(count);
          }
        }
        expect(total).toBe(list.length);
        for (const table of groups.values()) {
          for (const counts of table.values()) {
            for (const count of counts.terms.values()) {
              expect(count).toBeLessThanOrEqual(counts.texts);
            }
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('sumWeeks', () => {
  it('adds up the weeks in the range and counts those with texts', () => {
    const { town } = countTerms(items);
    const sum = sumWeeks(town, 1, 3);
    expect(sum.texts).toBe(4);
    expect(sum.weeksWithTexts).toBe(2);
    expect(Object.fromEntries(sum.terms)).toEqual({ 欠薪: 3, 工地: 1, 噪声扰民: 1 });
    expect(sumWeeks(town, 5, 9)).toEqual({ texts: 0, terms: new Map(), weeksWithTexts: 0 });
  });
});
