import { describe, expect, it } from 'vitest';
import { glmFit, poissonFamily } from './glm.js';
import { glmNb, thetaMl } from './glm-nb.js';

const t = Array.from({ length: 30 }, (_, i) => i + 1);

/** Intercept, cos(2πt/52), sin(2πt/52), as R builds `cos(2*1*pi/52*t)`. */
function harmonics(): Float64Array {
  const n = t.length;
  const x = new Float64Array(3 * n);
  t.forEach((week, i) => {
    const angle = ((2 * 1 * Math.PI) / 52) * week;
    x[i] = 1;
    x[i + n] = Math.cos(angle);
    x[i + 2 * n] = Math.sin(angle);
  });
  return x;
}

function close(actual: number, expected: number, relative: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(relative * Math.abs(expected));
}

// Expected values printed by R 4.2.2 / MASS 7.3 with options(digits = 17).
describe('glmFit (R glm.fit)', () => {
  it('fits a Poisson regression with harmonics as R does', () => {
    const y = [2, 0, 1, 4, 3, 5, 2, 1, 0, 3, 6, 2, 4, 1, 0, 2, 3, 5, 7, 4, 2, 1, 3, 2, 8, 5, 3, 2, 1, 4];
    const fit = glmFit({ x: harmonics(), n: 30, p: 3, y, family: poissonFamily });
    expect(fit.converged).toBe(true);
    expect(fit.iterations).toBe(5);
    close(fit.coefficients[0], 0.9176977820097209, 1e-12);
    close(fit.coefficients[1], -0.2962309121895143, 1e-12);
    close(fit.coefficients[2], 0.134947189356821, 1e-12);
    close(fit.deviance, 42.76268581818761, 1e-12);
  });
});

describe('glmNb (MASS glm.nb)', () => {
  const y = [0, 0, 5, 1, 0, 12, 3, 0, 1, 0, 8, 2, 0, 0, 4, 15, 1, 0, 2, 0, 6, 0, 1, 9, 0, 3, 0, 0, 7, 1];

  it('estimates θ and the coefficients as MASS does', () => {
    const model = glmNb(harmonics(), 30, 3, y);
    close(model.theta, 0.4373309003481894, 1e-9);
    close(model.fit.coefficients[0], 0.7340271910199019, 1e-9);
    close(model.fit.coefficients[1], -0.14208068883683436, 1e-9);
    close(model.fit.coefficients[2], 0.4345449551173465, 1e-9);
    expect(model.thetaWarning).toBeNull();
  });

  it('reports the iteration limit for Poisson-like data, as MASS warns', () => {
    const mean = 4;
    const poissonLike = t.map((week) => mean + ((week * 7) % 3) - 1);
    expect(thetaMl(poissonLike, new Array(30).fill(mean)).warning).not.toBeNull();
  });
});
