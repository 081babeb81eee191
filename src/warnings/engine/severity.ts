/**
 * How serious a warning is: points for how far above the bound, how long, how wide, how many methods agree and how
 * many records, by type; 5 points or more is red (红), 4 orange (橙), 2–3 yellow (黄), 1 blue (蓝) — the four levels
 * Chinese early-warning practice uses. `score` adds a fraction (how unusual, capped) to order warnings of one level.
 */
import type { WarningSeverity } from '../../store/tables/warnings.js';

export interface Severity {
  severity: WarningSeverity;
  score: number;
}

function level(points: number): WarningSeverity {
  return points >= 5 ? 'red' : points === 4 ? 'orange' : points >= 2 ? 'yellow' : 'blue';
}

const fraction = (x: number, cap: number) => Math.min(Math.max(x, 0), cap) / (cap + 1);

export function outbreakSeverity(f: {
  observed: number;
  upperBound: number | null;
  expected: number | null;
  weeks: number;
  villages: number;
  agreeing: number;
}): Severity {
  const bound = f.upperBound ?? f.expected ?? 1;
  const exceedance = f.observed / Math.max(bound, 1);
  let points = exceedance >= 2 ? 3 : exceedance >= 1.5 ? 2 : 1;
  if (f.agreeing >= 3) {
    points++;
  }
  if (f.weeks >= 2) {
    points++;
  }
  if (f.villages >= 3) {
    points++;
  }
  if (f.observed >= 20) {
    points++;
  }
  return { severity: level(points), score: points + fraction(exceedance, 10) };
}

export function trendSeverity(f: { rise: number; qValue: number; mean: number }): Severity {
  let points = 1;
  if (f.rise >= 1) {
    points++;
  }
  if (f.qValue <= 0.001) {
    points++;
  }
  if (f.mean >= 10) {
    points++;
  }
  return { severity: level(points), score: points + fraction(f.rise, 5) };
}

export function emergingSeverity(f: { textCount: number; ratio: number; villages: number }): Severity {
  let points = 1;
  if (f.textCount >= 10) {
    points++;
  }
  if (f.ratio >= 10) {
    points++;
  }
  if (f.villages >= 2) {
    points++;
  }
  return { severity: level(points), score: points + fraction(f.ratio, 50) };
}

export function backlogSeverity(f: { overdue: number; growth: number }): Severity {
  let points = 1;
  if (f.overdue >= 30) {
    points++;
  }
  if (f.growth >= 2) {
    points++;
  }
  if (f.overdue >= 100) {
    points++;
  }
  return { severity: level(points), score: points + fraction(f.growth, 10) };
}
