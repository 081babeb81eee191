import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../core/errors.js';
import {
  type FillFacts,
  fillTemplate,
  placeholders,
  templateTextProblem,
  validateTemplateText,
} from './advice.template.js';

const facts: FillFacts = {
  category: { zh: '噪声扰民', en: 'Noise nuisance' },
  place: { zh: '苏华村', en: 'Suhua Village' },
  villages: [
    { zh: '苏华村', en: 'Suhua' },
    { zh: '西山下村', en: 'Xishanxia' },
  ],
  week: 202523,
  sinceWeek: 202521,
  observed: 12,
  expected: 3.24,
  upperBound: 7.86,
  terms: ['欠薪', '跑路'],
  slopePerWeek: 1.25,
  overdue: 9,
  department: { zh: '苏溪镇综合行政执法队', en: 'Suxi Town Comprehensive Administrative Law Enforcement Team' },
};

const none: FillFacts = {
  ...facts,
  category: null,
  villages: [],
  expected: null,
  upperBound: null,
  terms: [],
  slopePerWeek: null,
  overdue: null,
  department: null,
};

const every = placeholders.map((name) => `{${name}}`).join('|');

describe('fillTemplate', () => {
  it('fills every placeholder in Chinese', () => {
    expect(fillTemplate(every, facts, 'zh-CN').split('|')).toEqual([
      '噪声扰民',
      '苏华村',
      '苏华村、西山下村',
      '12件',
      '往常约3.2件',
      '预警上限7.9件',
      '2025年第23周',
      '2025年第21周',
      '3周',
      '“欠薪”、“跑路”等新词',
      '平均每周增加1.3件',
      '9件',
      '苏溪镇综合行政执法队',
    ]);
  });

  it('fills every placeholder in English, a category in lower case inside a sentence', () => {
    expect(fillTemplate(every, facts, 'en-US').split('|')).toEqual([
      'Noise nuisance',
      'Suhua Village',
      'Suhua, Xishanxia',
      '12 records',
      'the usual 3.2 records',
      'the alert threshold of 7.9',
      'week 23 of 2025',
      'week 21 of 2025',
      '3 weeks',
      'new words such as “欠薪”, “跑路”',
      'rising by about 1.3 a week',
      '9 records',
      'the Suxi Town Comprehensive Administrative Law Enforcement Team',
    ]);
    expect(fillTemplate('{department} should lead', facts, 'en-US')).toBe(
      'The Suxi Town Comprehensive Administrative Law Enforcement Team should lead',
    );
    const unnamed = { ...facts, department: { zh: '苏溪镇专班', en: '苏溪镇专班' } };
    expect(fillTemplate('with {department}', unnamed, 'en-US')).toBe('with 苏溪镇专班');
    expect(fillTemplate('More {category} in {place}.', facts, 'en-US')).toBe('More noise nuisance in Suhua Village.');
    expect(fillTemplate('{category} rising', facts, 'en-US')).toBe('Noise nuisance rising');
  });

  it('reads well without the facts it may lack', () => {
    const zh =
      '截至{week}，{place}涉及{category}的件数高于{expected}、超过{upper}，{slope}，超期{overdue}，出现{terms}；由{department}牵头，持续{weeks}。';
    expect(fillTemplate(zh, { ...none, sinceWeek: 202530 }, 'zh-CN')).toBe(
      '截至2025年第23周，苏华村涉及各类事项的件数高于往常水平、超过预警上限，呈逐周上升态势，超期多件，出现一批新词；由属地村（社区）和相关职能部门牵头，持续近几周。',
    );
    const en = '{department} should lead. It is above {expected} and over {upper}, {slope}; {overdue} are overdue.';
    expect(fillTemplate(en, none, 'en-US')).toBe(
      'The village and the departments concerned should lead. It is above the usual level and over the alert threshold, rising week by week; several records are overdue.',
    );
    expect(fillTemplate('{villages}', none, 'zh-CN')).toBe('苏华村');
  });

  it('counts one record and one week in the singular, and crosses year ends', () => {
    const one = { ...facts, observed: 1, week: 202501, sinceWeek: 202501 };
    expect(fillTemplate('{count} for {weeks}', one, 'en-US')).toBe('1 record for 1 week');
    expect(fillTemplate('{weeks}', { ...facts, week: 202502, sinceWeek: 202451 }, 'zh-CN')).toBe('4周');
    expect(fillTemplate('{weeks}', { ...facts, week: 202102, sinceWeek: 202053 }, 'en-US')).toBe('3 weeks');
  });

  it('falls back for a falling or unknown slope, and shows an English name missing as the Chinese one', () => {
    expect(fillTemplate('{slope}', { ...facts, slopePerWeek: -2 }, 'zh-CN')).toBe('呈逐周上升态势');
    expect(fillTemplate('{slope}', { ...facts, slopePerWeek: Number.NaN }, 'en-US')).toBe('Rising week by week');
    expect(fillTemplate('it is {slope}', { ...facts, slopePerWeek: null }, 'en-US')).toBe('it is rising week by week');
    expect(fillTemplate('in {place}', { ...facts, place: { zh: '苏华村', en: '' } }, 'en-US')).toBe('in 苏华村');
  });

  it('inserts values as they are, never filling them again, and leaves unknown placeholders alone', () => {
    const tricky = { ...facts, place: { zh: '{count}村', en: '$& {count}' } };
    expect(fillTemplate('{place}', tricky, 'zh-CN')).toBe('{count}村');
    expect(fillTemplate('in {place}', tricky, 'en-US')).toBe('in $& {count}');
    expect(fillTemplate('{nope} {count}', facts, 'zh-CN')).toBe('{nope} 12件');
  });

  it('never throws and leaves no braces of a valid template (property)', () => {
    const text = fc
      .array(
        fc.oneof(
          fc.string().map((s) => s.replace(/[{}]/g, '')),
          fc.constantFrom(...placeholders).map((p) => `{${p}}`),
        ),
      )
      .map((parts) => parts.join(''));
    const name = fc.record({
      zh: fc.string().map((s) => s.replace(/[{}]/g, '')),
      en: fc.string().map((s) => s.replace(/[{}]/g, '')),
    });
    const number = fc.oneof(fc.double(), fc.integer());
    const randomFacts = fc.record({
      category: fc.option(name, { nil: null }),
      place: name,
      villages: fc.array(name, { maxLength: 4 }),
      week: fc.integer(),
      sinceWeek: fc.integer(),
      observed: number,
      expected: fc.option(number, { nil: null }),
      upperBound: fc.option(number, { nil: null }),
      terms: fc.array(
        fc.string().map((s) => s.replace(/[{}]/g, '')),
        { maxLength: 4 },
      ),
      slopePerWeek: fc.option(number, { nil: null }),
      overdue: fc.option(number, { nil: null }),
      department: fc.option(name, { nil: null }),
    });
    fc.assert(
      fc.property(text, randomFacts, fc.constantFrom('zh-CN' as const, 'en-US' as const), (body, f, locale) => {
        expect(templateTextProblem(body)).toBeNull();
        const filled = fillTemplate(body, f, locale);
        expect(filled).not.toMatch(/[{}]/);
      }),
      { numRuns: 300 },
    );
  });
});

describe('validateTemplateText', () => {
  const problem = (text: string) => {
    try {
      validateTemplateText('bodyEn', text);
      return null;
    } catch (error) {
      if (!isAppError(error)) {
        throw error;
      }
      return { message: error.message, path: error.details?.issues?.[0]?.path };
    }
  };

  it('accepts known placeholders and text without braces', () => {
    expect(problem('本周{count}，由{department}牵头')).toBeNull();
    expect(problem('')).toBeNull();
  });

  it('refuses unknown placeholders and unbalanced braces, naming the field', () => {
    expect(problem('本周{counts}')).toEqual({
      message: expect.stringMatching(/^bodyEn: unknown placeholder \{counts\}/),
      path: 'bodyEn',
    });
    expect(problem('{}')?.message).toMatch(/unknown placeholder \{\}/);
    expect(problem('a {count')?.message).toBe('bodyEn: the brace at 3 is not closed');
    expect(problem('a } b')?.message).toBe('bodyEn: the closing brace at 3 has no opening brace');
    expect(problem('{{count}}')?.message).toBe('bodyEn: the brace at 1 is not closed before the next one at 2');
    expect(problem('{ count }')?.message).toMatch(/unknown placeholder \{ count \}/);
  });

  it('agrees with a reference check on any text (fuzz)', () => {
    const alphabet = fc.constantFrom('{', '}', 'a', '中', ' ', ...placeholders.map((p) => `{${p}}`), 'count', 'place');
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.array(alphabet).map((parts) => parts.join('')),
        ),
        (text) => {
          // Reference: remove the known placeholders; what is left must hold no brace.
          const valid = !/[{}]/.test(text.replace(new RegExp(`\\{(${placeholders.join('|')})\\}`, 'g'), ''));
          const found = problem(text);
          expect(found === null).toBe(valid);
          if (found) {
            expect(found.path).toBe('bodyEn');
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});
