import { describe, expect, it } from 'vitest';
import { industryCodes } from '../enterprises/index.js';
import { defaultDepartments } from '../orgs/index.js';
import { demoCategories } from './categories.js';
import { CATEGORY_PROFILES, categoryProfile } from './category-profiles.js';
import { NEW_TERMS } from './outbreaks.js';
import { PHRASE_CODES } from './phrases.js';
import { ECONOMY_PHRASES } from './phrases-economy.js';
import { LIFE_PHRASES } from './phrases-life.js';
import { HOUR_WEIGHTS, holidayFactor, seasonalFactor, WEEKDAY_WEIGHTS } from './season.js';

const leaves = demoCategories();
const leafCodes = leaves.map((c) => c.code);

describe('category profiles', () => {
  it('cover exactly the leaves of the default taxonomy, with their phrases', () => {
    expect(leaves.length).toBeGreaterThanOrEqual(40);
    expect(CATEGORY_PROFILES.map((p) => p.code).sort()).toEqual([...leafCodes].sort());
    expect([...PHRASE_CODES].sort()).toEqual([...leafCodes].sort());
    expect(Object.keys(NEW_TERMS).every((code) => leafCodes.includes(code))).toBe(true);
  });

  it('hold values the model can use', () => {
    const departments = defaultDepartments.map((d) => d.code);
    for (const profile of CATEGORY_PROFILES) {
      expect(profile.weight).toBeGreaterThan(0);
      expect(profile.dispersion).toBeGreaterThan(0);
      expect(profile.caseShare >= 0 && profile.caseShare <= 1).toBe(true);
      expect(profile.deadlineDays).toBeGreaterThanOrEqual(1);
      expect(profile.industries.every((i) => (industryCodes as readonly string[]).includes(i))).toBe(true);
      if (profile.department !== undefined) {
        expect(departments).toContain(profile.department);
      }
      if (profile.caseShare > 0) {
        expect(profile.department).toBeDefined();
        expect(profile.law).toMatch(/^《.+》$/);
      }
      for (const shares of [profile.sources, profile.outcomes]) {
        expect(Math.abs(shares.reduce((s, x) => s + x, 0) - 1)).toBeLessThan(1e-9);
      }
    }
  });

  it('pins the labour-dispute story: every leaf under 涉企劳工纠纷 falls 64 % in the last year', () => {
    const disputes = CATEGORY_PROFILES.filter((p) => p.code.startsWith('labour.enterprise_dispute.'));
    expect(disputes.length).toBeGreaterThanOrEqual(3);
    expect(disputes.every((p) => p.lastYearChange === -0.64)).toBe(true);
    expect(CATEGORY_PROFILES.filter((p) => p.lastYearChange !== undefined)).toHaveLength(disputes.length);
  });

  it('gives an unknown leaf its area defaults and a small weight', () => {
    const profile = categoryProfile('noise.drones');
    expect(profile.hours).toBe('night');
    expect(profile.weight).toBe(0.5);
  });
});

describe('phrases and new terms', () => {
  it('never use an outbreak term in the ordinary vocabulary', () => {
    const vocabulary = JSON.stringify({ ...ECONOMY_PHRASES, ...LIFE_PHRASES });
    const terms = Object.values(NEW_TERMS).flatMap((list) => list.map((t) => t.term));
    expect(new Set(terms).size).toBe(terms.length);
    for (const term of terms) {
      expect(vocabulary).not.toContain(term);
    }
    for (const list of Object.values(NEW_TERMS)) {
      for (const entry of list) {
        expect(entry.sentence).toContain(entry.term);
      }
    }
  });

  it('give every leaf a subject, issues and a violation', () => {
    for (const code of PHRASE_CODES) {
      const phrases = { ...ECONOMY_PHRASES, ...LIFE_PHRASES }[code];
      expect(phrases?.subject.length).toBeGreaterThan(0);
      expect(phrases?.issues.length).toBeGreaterThanOrEqual(2);
      expect(phrases?.violation.length).toBeGreaterThan(0);
    }
  });
});

describe('season', () => {
  it('has 24 hour weights and 7 weekday weights per profile', () => {
    for (const weights of Object.values(HOUR_WEIGHTS)) {
      expect(weights).toHaveLength(24);
    }
    for (const weights of Object.values(WEEKDAY_WEIGHTS)) {
      expect(weights).toHaveLength(7);
    }
  });

  it('peaks a wave on its peak day and a bump on its anchor', () => {
    const wave = { peakDay: 200, amplitude: 0.5 };
    expect(seasonalFactor(wave, 200, 100)).toBeCloseTo(Math.exp(0.5), 6);
    expect(seasonalFactor(wave, 17, 100)).toBeLessThan(0.7);
    const beforeFestival = { bumps: [{ anchor: 'springFestival' as const, at: -21, width: 12, height: 2.5 }] };
    expect(seasonalFactor(beforeFestival, 20, -21)).toBeCloseTo(3.5, 6);
    expect(seasonalFactor(beforeFestival, 200, 150)).toBeCloseTo(1, 6);
    const nearNewYear = { bumps: [{ anchor: 'dayOfYear' as const, at: 360, width: 10, height: 1 }] };
    expect(seasonalFactor(nearNewYear, 3, 0)).toBeGreaterThan(1.5);
    const deepDip = { bumps: [{ anchor: 'dayOfYear' as const, at: 100, width: 10, height: -5 }] };
    expect(seasonalFactor(deepDip, 100, 0)).toBeGreaterThan(0);
  });

  it('empties the town over the Spring Festival and dips at National Day', () => {
    expect(holidayFactor(0, 2, 10)).toBeLessThan(0.5);
    expect(holidayFactor(10, 2, 20)).toBeLessThan(1);
    expect(holidayFactor(200, 10, 3)).toBeLessThan(1);
    expect(holidayFactor(200, 7, 15)).toBe(1);
  });
});
