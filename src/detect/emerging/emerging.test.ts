import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../core/errors.js';
import { type EmergingText, emergingIssues } from './emerging.js';
import { defaultSegmenter, type TermSegmenter } from './segment.js';

const BACKGROUND = [
  '小区楼下烧烤店油烟扰民，影响居民休息',
  '工地夜间施工噪声扰民，严重影响睡眠',
  '某公司拖欠工资，工人多次讨薪无果',
  '路边有人占道经营，堵塞交通',
  '楼道里电动车充电，存在安全隐患',
  '物业服务差，物业费收费不合理',
];
const NEW_ISSUE = [
  '在直播间购买的盲盒与宣传不符，商家拒不退款',
  '直播间卖的盲盒全是次品，商家拒不退款',
  '孩子在直播间买盲盒花了几千元，商家拒不退款',
  '直播间盲盒货不对板，申请退款被拒',
  '直播间抽盲盒，商家拒不退款',
];

/** Weeks 0..19 with two texts of each background matter a week (villages alternating), and the new issue in week 19. */
function town(): EmergingText[] {
  const texts: EmergingText[] = [];
  for (let week = 0; week < 20; week++) {
    BACKGROUND.forEach((text, i) => {
      for (let copy = 0; copy < 2; copy++) {
        texts.push({ id: `w${week}-${i}-${copy}`, week, text, group: copy === 0 ? '村A' : '村B' });
      }
    });
  }
  NEW_ISSUE.forEach((text, i) => {
    texts.push({ id: `new-${i}`, week: 19, text, group: '村A' });
  });
  return texts;
}

describe('emergingIssues', () => {
  it('finds the new issue of the week as one issue with its complaints as examples', () => {
    const issues = emergingIssues(town(), { week: 19, baselineWeeks: 12 });
    expect(issues).toHaveLength(1);
    const [issue] = issues;
    const terms = issue?.terms.map((t) => t.term) ?? [];
    expect(terms).toEqual(expect.arrayContaining(['直播间', '盲盒', '拒不退款']));
    expect(terms[0]).toBe('直播间');
    expect(issue?.week).toBe(19);
    expect(issue?.group).toBeNull();
    expect(issue?.textCount).toBe(5);
    expect(issue?.exampleIds).toHaveLength(3);
    for (const id of issue?.exampleIds ?? []) {
      expect(id).toMatch(/^new-/);
    }
    const top = issue?.terms[0];
    expect(top?.count).toBe(5);
    expect(top?.new).toBe(true);
    expect(top?.ratio).toBeCloseTo(5 / top.expected, 12);
    // None of the steady background matters is flagged.
    expect(issues.flatMap((i) => i.terms).some((t) => t.term.includes('油烟'))).toBe(false);
  });

  it('finds nothing in an ordinary week', () => {
    expect(emergingIssues(town(), { week: 18, baselineWeeks: 12 })).toEqual([]);
  });

  it('also finds the issue in its village with byGroup, controlling false discoveries across all series', () => {
    const townOnly = emergingIssues(town(), { week: 19, baselineWeeks: 12 });
    const issues = emergingIssues(town(), { week: 19, baselineWeeks: 12, byGroup: true });
    expect(issues.map((i) => i.group)).toEqual([null, '村A']);
    const village = issues[1];
    expect(village?.terms.map((t) => t.term)).toContain('盲盒');
    expect(village?.exampleIds.every((id) => id.startsWith('new-'))).toBe(true);
    // More tests (town + two villages) make each q-value at least as large as with the town alone.
    const q = (list: typeof issues) => list[0]?.terms.find((t) => t.term === '盲盒')?.q ?? Number.NaN;
    expect(q(issues)).toBeGreaterThanOrEqual(q(townOnly));
  });

  it('needs minBaselineWeeks weeks of history', () => {
    const recent = town().filter((t) => t.week >= 13);
    expect(emergingIssues(recent, { week: 19, baselineWeeks: 12 })).toEqual([]);
    expect(emergingIssues(recent, { week: 19, baselineWeeks: 12, minBaselineWeeks: 6 })).toHaveLength(1);
  });

  it('segments only the texts of the week and its baseline, and none that come segmented', () => {
    const seen: number[] = [];
    const counting: TermSegmenter = {
      cut: (text) => defaultSegmenter().cut(text),
      termsOf: (text) => {
        seen.push(text.length);
        return defaultSegmenter().termsOf(text);
      },
    };
    const texts = town();
    emergingIssues(texts, { week: 19, baselineWeeks: 5, minBaselineWeeks: 5, segmenter: counting });
    expect(seen).toHaveLength(texts.filter((t) => t.week >= 14).length);

    const refusing: TermSegmenter = {
      cut: () => [],
      termsOf: () => {
        throw new Error('must not segment');
      },
    };
    const segmented = texts.map((t) => ({ ...t, terms: defaultSegmenter().termsOf(t.text) }));
    const issues = emergingIssues(segmented, { week: 19, baselineWeeks: 12, segmenter: refusing });
    expect(issues).toEqual(emergingIssues(texts, { week: 19, baselineWeeks: 12 }));
  });

  it('refuses bad options and weeks, naming them', () => {
    const cases: [string, () => unknown][] = [
      ['week', () => emergingIssues([], { week: 1.5 })],
      ['baselineWeeks', () => emergingIssues([], { week: 1, baselineWeeks: 0 })],
      ['minBaselineWeeks', () => emergingIssues([], { week: 1, baselineWeeks: 4, minBaselineWeeks: 5 })],
      ['minCount', () => emergingIssues([], { week: 1, minCount: 0 })],
      ['minJaccard', () => emergingIssues(town(), { week: 19, minJaccard: 2 })],
      [
        'texts.1.week',
        () =>
          emergingIssues(
            [
              { id: 'a', week: 1, text: '' },
              { id: 'b', week: Number.NaN, text: '' },
            ],
            { week: 1 },
          ),
      ],
    ];
    for (const [field, run] of cases) {
      let error: unknown;
      try {
        run();
      } catch (caught) {
        error = caught;
      }
      expect(isAppError(error) && error.code === 'invalid_input' && error.message.startsWith(`${field}:`)).toBe(true);
    }
  });

  it('keeps its issues consistent with the texts, whatever they are (property)', () => {
    const text = fc.record({
      id: fc.string({ minLength: 1, maxLength: 4 }),
      week: fc.integer({ min: 0, max: 12 }),
      text: fc.constant(''),
      group: fc.option(fc.constantFrom('村A', '村B'), { nil: undefined }),
      terms: fc.uniqueArray(fc.constantFrom<string>('欠薪', '油烟', '盲盒', '直播间', '渣土车', '群租房'), {
        maxLength: 4,
      }),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(text, { selector: (t) => t.id, maxLength: 120 }),
        fc.boolean(),
        fc.integer({ min: 1, max: 3 }),
        (texts, byGroup, minCount) => {
          const issues = emergingIssues(texts, {
            week: 12,
            baselineWeeks: 8,
            minBaselineWeeks: 1,
            byGroup,
            minCount,
            minRatio: 1,
            fdrLevel: 0.5,
          });
          for (const issue of issues) {
            const series = texts.filter((t) => t.week === 12 && (issue.group === null || t.group === issue.group));
            const ids = new Set(series.map((t) => t.id));
            for (const term of issue.terms) {
              expect(term.count).toBe(series.filter((t) => t.terms.includes(term.term)).length);
              expect(term.count).toBeGreaterThanOrEqual(minCount);
              expect(term.count).toBeLessThanOrEqual(series.length);
            }
            expect(issue.textCount).toBeLessThanOrEqual(series.length);
            for (const id of issue.exampleIds) {
              expect(ids.has(id)).toBe(true);
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
