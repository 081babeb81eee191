import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addWeeks, makeWeek } from '../../core/time/index.js';
import {
  departmentRatesChart,
  indicatorRadarChart,
  rankingChart,
  shareDonutChart,
  weeklyTrendChart,
} from './charts.js';
import { decodePng, makeVillages, PROTOTYPE_NAMES, prototypeChanges, xmlProblem } from './charts.testing.js';
import { villageMapChart } from './map-chart.js';
import { renderChart, renderChartSvg } from './render.js';
import type { ChartSpec } from './spec.js';

/*
 * Whatever the data, a builder gives a chart that renders to valid SVG: empty series, zeros, huge numbers, long
 * Chinese labels, emoji, XML specials, characters XML forbids.
 */

const cjk = fc
  .array(fc.integer({ min: 0x4e00, max: 0x9fff }), { minLength: 1, maxLength: 60 })
  .map((points) => String.fromCodePoint(...points));
const label = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 30 }),
  cjk,
  fc.constantFrom(
    '<b>&amp;"\'</b>',
    ']]>',
    '<!-- x -->',
    '&#0;',
    '镇<村>&"组"',
    '👩‍👩‍👧 家庭纠纷 🚧',
    '\u0000\u0007\uFFFE',
    '',
  ),
  fc.constantFrom(...PROTOTYPE_NAMES),
);
const count = fc.oneof(fc.nat({ max: 1000 }), fc.constant(0), fc.constantFrom(1e9, 1e15, Number.MAX_SAFE_INTEGER));
const value = fc.oneof(count, fc.double({ min: -1e12, max: 1e12, noNaN: true, noDefaultInfinity: true }));
const rate = fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null });
const text = fc.record({
  title: fc.option(label, { nil: undefined }),
  locale: fc.constantFrom('zh-CN', 'en-US'),
} as const);
const runs = { numRuns: 40 };

/** Renders to valid XML, and leaves Object.prototype as it was (labels are user data). */
function validSvg(spec: ChartSpec, width = 480, height = 300): void {
  const problem = xmlProblem(renderChartSvg(spec, { width, height }));
  expect(problem).toBeNull();
  expect(prototypeChanges()).toEqual([]);
}

describe('chart builders on random data', () => {
  it('weekly trend', () => {
    const series = fc
      .tuple(fc.integer({ min: 2000, max: 2030 }), fc.integer({ min: 1, max: 52 }), fc.nat({ max: 60 }))
      .chain(([year, week, length]) =>
        fc.record({
          weeks: fc.constant(Array.from({ length }, (_, i) => addWeeks(makeWeek(year, week), i))),
          thisYear: fc.array(count, { minLength: length, maxLength: length }),
          lastYear: fc.array(fc.option(count, { nil: null }), { minLength: length, maxLength: length }),
        }),
      );
    fc.assert(
      fc.property(text, series, fc.option(label, { nil: undefined }), (words, data, unit) => {
        validSvg(weeklyTrendChart({ ...words, ...data, unit }));
      }),
      runs,
    );
  });

  it('ranking and donut', () => {
    const items = fc.array(fc.record({ name: label, value: count }), { maxLength: 30 });
    fc.assert(
      fc.property(text, items, fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }), (words, data, top) => {
        validSvg(rankingChart({ ...words, items: data, top }));
        validSvg(shareDonutChart({ ...words, items: data, top }));
      }),
      runs,
    );
    fc.assert(
      fc.property(text, fc.array(fc.record({ name: label, value }), { maxLength: 20 }), (words, data) => {
        validSvg(rankingChart({ ...words, items: data }));
      }),
      runs,
    );
  });

  it('radar', () => {
    const radar = fc.nat({ max: 10 }).chain((axes) =>
      fc.record({
        indicators: fc.array(fc.record({ name: label, max: fc.option(count, { nil: undefined }) }), {
          minLength: axes,
          maxLength: axes,
        }),
        series: fc.array(fc.record({ name: label, values: fc.array(value, { minLength: axes, maxLength: axes }) }), {
          maxLength: 6,
        }),
      }),
    );
    fc.assert(
      fc.property(text, radar, (words, data) => {
        validSvg(indicatorRadarChart({ ...words, ...data }));
      }),
      runs,
    );
  });

  it('three rates', () => {
    const departments = fc.array(
      fc.record({ name: label, responseRate: rate, resolutionRate: rate, satisfactionRate: rate }),
      { maxLength: 14 },
    );
    fc.assert(
      fc.property(text, departments, (words, data) => {
        validSvg(departmentRatesChart({ ...words, departments: data }));
      }),
      runs,
    );
  });

  it('village map', () => {
    const map = fc.array(label, { maxLength: 12 }).chain((names) =>
      fc.record({
        names: fc.constant(names),
        values: fc.subarray(
          names.map((_, i) => `v${String(i + 1).padStart(2, '0')}`),
          { minLength: 0 },
        ),
        value: count,
      }),
    );
    fc.assert(
      fc.property(text, map, (words, { names, values, value: amount }) => {
        const geo = makeVillages(names.length, names);
        validSvg(villageMapChart({ ...words, geo, values: values.map((code, i) => ({ code, value: amount * i })) }));
      }),
      runs,
    );
  });

  it('the PNG step accepts what the SVG step gives', async () => {
    await fc.assert(
      fc.asyncProperty(
        text,
        fc.array(fc.record({ name: label, value: count }), { maxLength: 12 }),
        async (words, items) => {
          const { png } = await renderChart(rankingChart({ ...words, items }), { width: 200, height: 120, scale: 1 });
          expect(decodePng(png)).toMatchObject({ width: 200, height: 120 });
        },
      ),
      { numRuns: 8 },
    );
  });
});
