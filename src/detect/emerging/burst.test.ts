import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../core/errors.js';
import { benjaminiHochberg } from '../algorithms/fdr.js';
import { burstingTerms, flagBursts, resolveBurstOptions, termTests } from './burst.js';
import type { WeekTerms } from './term-counts.js';

const week = (texts: number, terms: Record<string, number>): WeekTerms => ({
  texts,
  terms: new Map(Object.entries(terms)),
});

describe('termTests', () => {
  it('expects the baseline rate plus the prior, scaled to this week, and takes the exact Poisson tail', () => {
    const current = week(100, { 后备箱集市: 3, 欠薪: 3, 噪声扰民: 2 });
    const baseline = week(1000, { 欠薪: 4 });
    const tests = termTests(current, baseline, { priorCount: 1 });
    // 噪声扰民 is below minCount (3) and is not tested.
    expect(tests.map((t) => t.term)).toEqual(['后备箱集市', '欠薪']);
    const [fresh, known] = tests;
    expect(fresh?.expected).toBeCloseTo(0.1, 12);
    expect(fresh?.new).toBe(true);
    // 100 × (4 + 1) / 1000 = 0.5; R: ppois(2, 0.5, lower.tail = FALSE) = 0.01438768.
    expect(known?.expected).toBeCloseTo(0.5, 12);
    expect(known?.ratio).toBeCloseTo(6, 12);
    expect(known?.p).toBeCloseTo(1 - Math.exp(-0.5) * (1 + 0.5 + 0.125), 14);
    expect(known?.p).toBeCloseTo(0.01438768, 8);
    expect(known?.new).toBe(false);
  });

  it('tests nothing without a baseline or without texts this week', () => {
    expect(termTests(week(10, { 欠薪: 5 }), week(0, {}))).toEqual([]);
    expect(termTests(week(0, {}), week(100, { 欠薪: 5 }))).toEqual([]);
  });
});

describe('flagBursts', () => {
  it('adjusts with Benjamini–Hochberg over all tests, then keeps q ≤ level and ratio ≥ minRatio', () => {
    const current = week(200, { 新词: 6, 常见词: 40, 略升: 12, 稀有: 3 });
    const baseline = week(5000, { 常见词: 900, 略升: 150, 稀有: 10 });
    const tests = termTests(current, baseline);
    const { qValues } = benjaminiHochberg(tests.map((t) => t.p));
    const flagged = flagBursts(tests);
    for (const burst of flagged) {
      const index = tests.findIndex((t) => t.term === burst.term);
      expect(burst.q).toBe(qValues[index]);
      expect(burst.q).toBeLessThanOrEqual(0.01);
      expect(burst.ratio).toBeGreaterThanOrEqual(3);
    }
    // 新词: never seen, 6 texts where 0.02 are expected. 略升: 12 where 6.02 are expected, significant at 0.05
    // (p ≈ 0.02) but not three times its usual. 常见词: as usual.
    expect(flagged.map((b) => b.term)).toEqual(['新词']);
    expect(flagged[0]?.new).toBe(true);
    expect(burstingTerms(current, baseline, { minRatio: 1, fdrLevel: 0.2 }).map((b) => b.term)).toContain('略升');
  });

  it('orders flagged terms by q, then count, then term', () => {
    const current = week(100, { 乙: 5, 甲: 5, 丙: 9 });
    const flagged = burstingTerms(current, week(2000, {}));
    // 丙 has the smallest p; 乙 and 甲 tie on q and count, and 乙 (U+4E59) sorts before 甲 (U+7532).
    expect(flagged.map((b) => b.term)).toEqual(['丙', '乙', '甲']);
  });
});

describe('options', () => {
  it('refuses bad values, naming the option', () => {
    const bad: [string, Record<string, number>][] = [
      ['minCount', { minCount: 0 }],
      ['minCount', { minCount: 2.5 }],
      ['minRatio', { minRatio: 0.5 }],
      ['fdrLevel', { fdrLevel: 0 }],
      ['fdrLevel', { fdrLevel: Number.NaN }],
      ['priorCount', { priorCount: 0 }],
    ];
    for (const [field, options] of bad) {
      let error: unknown;
      try {
        resolveBurstOptions(options);
      } catch (caught) {
        error = caught;
      }
      expect(isAppError(error) && error.code === 'invalid_input' && error.message.startsWith(`${field}:`)).toBe(true);
    }
  });
});

describe('properties', () => {
  const options = fc.record({
    minCount: fc.integer({ min: 1, max: 5 }),
    minRatio: fc.double({ min: 1, max: 5, noNaN: true }),
    fdrLevel: fc.double({ min: 0.001, max: 1, noNaN: true }),
    priorCount: fc.double({ min: 0.01, max: 2, noNaN: true }),
  });

  it('never flags a term present in every week at a steady rate', () => {
    // Each week has m·d texts of which m·c contain the term: the same rate c/d, whatever the week's volume.
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 0, max: 20 }),
        fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 1, maxLength: 26 }),
        fc.integer({ min: 1, max: 30 }),
        options,
        (d, cRaw, baselineMultiples, m, opts) => {
          const c = Math.min(cRaw, d);
          const total = baselineMultiples.reduce((a, b) => a + b, 0);
          const baseline = week(total * d, { 常见词: total * c });
          const current = week(m * d, { 常见词: m * c });
          expect(burstingTerms(current, baseline, opts)).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('flags only tested terms with count ≥ minCount, ratio ≥ minRatio and q ≤ the level', () => {
    const counts = fc.dictionary(fc.constantFrom('甲', '乙', '丙', '丁', '戊', '己'), fc.integer({ min: 0, max: 30 }));
    fc.assert(
      fc.property(counts, counts, fc.integer({ min: 30, max: 100 }), options, (now, before, texts, opts) => {
        const current = week(texts, now);
        const baseline = week(texts * 10, before);
        const tests = termTests(current, baseline, opts);
        for (const burst of flagBursts(tests, opts)) {
          expect(burst.count).toBeGreaterThanOrEqual(opts.minCount);
          expect(burst.ratio).toBeGreaterThanOrEqual(opts.minRatio);
          expect(burst.q).toBeLessThanOrEqual(opts.fdrLevel);
          expect(burst.q).toBeGreaterThanOrEqual(burst.p);
          expect(burst.new).toBe((before[burst.term] ?? 0) === 0);
        }
      }),
      { numRuns: 300 },
    );
  });
});
