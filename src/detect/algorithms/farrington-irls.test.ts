import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { farringtonBaseline } from './farrington-baseline.js';
import { fitGrouped } from './farrington-irls.js';
import { glmFit, poissonFamily } from './glm.js';
import { qrQuadraticForm } from './qr.js';

/** R's design for the same data: intercept, wtime, treatment dummies of groups 2..p. */
function rDesign(
  weeks: Float64Array,
  groups: Int32Array,
  groupCount: number,
  trend: boolean,
): { x: Float64Array; p: number } {
  const n = weeks.length;
  const p = 1 + (trend ? 1 : 0) + groupCount - 1;
  const x = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    x[i] = 1;
    if (trend) {
      x[i + n] = weeks[i];
    }
    if (groups[i] > 0) {
      x[i + (groups[i] + (trend ? 1 : 0)) * n] = 1;
    }
  }
  return { x, p };
}

function close(actual: number, expected: number, relative = 1e-9): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(relative * Math.max(Math.abs(expected), 1e-12));
}

describe('grouped IRLS = R glm.fit on the dummy-coded design', () => {
  it('gives the same iterations, fitted values, weights, hat values and prediction variance', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat({ max: 25 }), { minLength: 312, maxLength: 312 }),
        fc.constantFrom(1, 10),
        fc.boolean(),
        (counts, noPeriods, trend) => {
          const k = 300;
          const data = farringtonBaseline(counts, k, {
            b: 5,
            w: 3,
            noPeriods,
            pastWeeksNotIncluded: noPeriods === 1 ? 3 : 26,
            freq: 52,
          });
          const grouped = fitGrouped(data, trend);
          const { x, p } = rDesign(data.weeks, data.groups, data.groupCount, trend);
          const n = data.weeks.length;
          const general = glmFit({ x, n, p, y: Array.from(data.counts), family: poissonFamily });
          expect(grouped.converged).toBe(general.converged);
          for (let i = 0; i < n; i += 17) {
            close(grouped.mu[i], general.mu[i]);
            close(grouped.workingWeights[i], general.workingWeights[i]);
          }
          if (trend) {
            close(grouped.slope, general.coefficients[1], 1e-7);
          }
          // Hat value of point 0 and the prediction variance at week k in the current group.
          const row0 = Array.from({ length: p }, (_, j) => x[j * n] * Math.sqrt(general.workingWeights[0]));
          const g0 = data.groups[0];
          const deviation = data.weeks[0] - grouped.weekShift - grouped.groupMeanWeek[g0];
          const hat0 =
            grouped.workingWeights[0] *
            (1 / grouped.groupWeight[g0] + (trend ? (deviation * deviation) / grouped.withinGroupWeekSquares : 0));
          close(hat0, qrQuadraticForm(general.qr, row0), 1e-7);
        },
      ),
      { numRuns: 25 },
    );
  });
});
