import { describe, expect, it } from 'vitest';
import { parseInput } from '../core/validation.js';
import { type DefaultCategory, defaultTaxonomy } from '../taxonomy/index.js';
import { builtinAdviceTemplates, situations } from './advice.defaults.js';
import { completeTemplateSchema } from './advice.schema.js';
import { type FillFacts, fillTemplate } from './advice.template.js';

function codesOf(categories: readonly DefaultCategory[]): string[] {
  return categories.flatMap((category) => [category.code, ...codesOf(category.children ?? [])]);
}

const facts: FillFacts = {
  category: { zh: '市容环境', en: 'City appearance' },
  place: { zh: '苏华村', en: 'Suhua Village' },
  villages: [
    { zh: '苏华村', en: 'Suhua' },
    { zh: '西山下村', en: 'Xishanxia' },
  ],
  week: 202523,
  sinceWeek: 202520,
  observed: 14,
  expected: 4.2,
  upperBound: 8.6,
  terms: ['预付卡'],
  slopePerWeek: 1.4,
  overdue: 9,
  department: { zh: '苏溪镇综合行政执法队', en: 'Suxi Town Comprehensive Administrative Law Enforcement Team' },
};
const sparse: FillFacts = {
  ...facts,
  expected: null,
  upperBound: null,
  terms: [],
  slopePerWeek: null,
  overdue: null,
  department: null,
};

describe('the built-in advice library', () => {
  it('has 25–40 templates with unique codes made of category and situation', () => {
    expect(builtinAdviceTemplates.length).toBeGreaterThanOrEqual(25);
    expect(builtinAdviceTemplates.length).toBeLessThanOrEqual(40);
    const codes = builtinAdviceTemplates.map((template) => template.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const template of builtinAdviceTemplates) {
      expect(template.code).toBe(`${template.categoryCode ?? 'generic'}.${template.situation}`);
    }
  });

  it('has a generic template for every situation', () => {
    for (const situation of situations) {
      const generic = builtinAdviceTemplates.filter((t) => t.situation === situation && t.categoryCode === null);
      expect(generic.map((t) => t.code)).toEqual([`generic.${situation}`]);
    }
  });

  it('names only categories of the default taxonomy', () => {
    const known = new Set(codesOf(defaultTaxonomy));
    for (const template of builtinAdviceTemplates) {
      if (template.categoryCode !== null) {
        expect(known, template.code).toContain(template.categoryCode);
      }
    }
  });

  it('passes the same validation a town edit does', () => {
    for (const template of builtinAdviceTemplates) {
      expect(() => parseInput(completeTemplateSchema, { ...template, active: true }), template.code).not.toThrow();
    }
  });

  it('fills every template in both locales, with the facts and without the optional ones', () => {
    for (const template of builtinAdviceTemplates) {
      for (const f of [facts, sparse]) {
        const zh = fillTemplate(`${template.title}\n${template.body}`, f, 'zh-CN');
        const en = fillTemplate(`${template.titleEn}\n${template.bodyEn}`, f, 'en-US');
        for (const text of [zh, en]) {
          expect(text, template.code).not.toMatch(/[{}]|undefined|null|NaN/);
        }
        // The Chinese text stays Chinese: the only Latin letters come from no fact (the facts' zh names are Chinese).
        expect(zh.replace(/PM2\.5/g, ''), template.code).not.toMatch(/[A-Za-z]/);
        expect(en, template.code).toMatch(/^[A-Z]/);
      }
    }
  });

  it('names who acts in every text (the department, or the village committees where they lead)', () => {
    for (const template of builtinAdviceTemplates) {
      expect(template.body, template.code).toMatch(/\{department\}/);
      expect(template.bodyEn, template.code).toMatch(/\{department\}/);
    }
  });
});
