import type { Locale } from '../../core/time/index.js';
import { INDICATORS, type Indicator, type Scores, scoreChange } from './quarterly.indicators.js';
import { pointsText, type QuarterlyText, scoreText } from './quarterly.text.js';

/*
 * Strengths and problems in sentences drawn from the scores: the highest and lowest indicators, the largest rise and
 * fall on last quarter (and on the same quarter last year), plus what the caller adds (villages, rising categories).
 */

/** A place's scores this quarter, last quarter (环比) and in the same quarter last year (同比). */
export interface Profile {
  now: Scores;
  pop: Scores;
  yoy: Scores;
}

interface Extreme {
  indicators: Indicator[];
  score: number;
}

/** The indicators with the highest and the lowest score this quarter (ties together); null without scores. */
export function extremesOf(scores: Scores): { best: Extreme; worst: Extreme } | null {
  const present = INDICATORS.filter((i) => scores[i] !== null);
  if (present.length === 0) {
    return null;
  }
  const values = present.map((i) => scores[i] as number);
  const high = Math.max(...values);
  const low = Math.min(...values);
  return {
    best: { indicators: present.filter((i) => scores[i] === high), score: high },
    worst: { indicators: present.filter((i) => scores[i] === low), score: low },
  };
}

/** The indicator that rose most and the one that fell most between two quarters (null when none moved that way). */
export function movesOf(
  now: Scores,
  before: Scores,
): { up: [Indicator, number] | null; down: [Indicator, number] | null } {
  let up: [Indicator, number] | null = null;
  let down: [Indicator, number] | null = null;
  for (const indicator of INDICATORS) {
    const change = scoreChange(now[indicator], before[indicator]);
    if (change !== null && change > 0 && (up === null || change > up[1])) {
      up = [indicator, change];
    }
    if (change !== null && change < 0 && (down === null || change < down[1])) {
      down = [indicator, change];
    }
  }
  return { up, down };
}

function names(indicators: Indicator[], t: QuarterlyText, locale: Locale): string {
  return indicators.map((i) => t.names[i]).join(locale === 'zh-CN' ? '、' : ', ');
}

/** Strengths: the best indicators (when they stand above the worst), the largest improvements, then `extra`. */
export function strengthsOf(
  profile: Profile,
  t: QuarterlyText,
  locale: Locale,
  options: { yoy: boolean; extra?: string[] },
): string[] {
  const out: string[] = [];
  const extremes = extremesOf(profile.now);
  if (extremes && extremes.best.score > extremes.worst.score) {
    out.push(t.best(names(extremes.best.indicators, t, locale), scoreText(extremes.best.score, locale)));
  }
  const pop = movesOf(profile.now, profile.pop).up;
  if (pop) {
    out.push(t.improved(t.names[pop[0]], pointsText(pop[1], locale)));
  }
  const yoy = options.yoy ? movesOf(profile.now, profile.yoy).up : null;
  if (yoy) {
    out.push(t.improvedYoy(t.names[yoy[0]], pointsText(yoy[1], locale)));
  }
  return [...out, ...(options.extra ?? [])];
}

/** Problems: the worst indicators, the largest declines, then `extra` (rising categories, trailing villages). */
export function problemsOf(
  profile: Profile,
  t: QuarterlyText,
  locale: Locale,
  options: { yoy: boolean; extra?: string[] },
): string[] {
  const out: string[] = [];
  const extremes = extremesOf(profile.now);
  if (extremes && extremes.worst.score < extremes.best.score) {
    out.push(t.worst(names(extremes.worst.indicators, t, locale), scoreText(extremes.worst.score, locale)));
  }
  const pop = movesOf(profile.now, profile.pop).down;
  if (pop) {
    out.push(t.declined(t.names[pop[0]], pointsText(pop[1], locale)));
  }
  const yoy = options.yoy ? movesOf(profile.now, profile.yoy).down : null;
  if (yoy) {
    out.push(t.declinedYoy(t.names[yoy[0]], pointsText(yoy[1], locale)));
  }
  return [...out, ...(options.extra ?? [])];
}

/** Tied indicators named briefly: one or two by name, more as "the first and n more". */
function fewNames(indicators: Indicator[], t: QuarterlyText, locale: Locale): string {
  return indicators.length > 2
    ? t.several(t.names[indicators[0] as Indicator], indicators.length)
    : names(indicators, t, locale);
}

/**
 * The village sheet's strengths and problems, short enough for its one page: the best indicator and the largest
 * improvement; the worst indicator, the largest decline and the rising categories (`rising`, already in words).
 */
export function sheetFindingsOf(
  profile: Profile,
  rising: string[],
  t: QuarterlyText,
  locale: Locale,
): { strengths: string[]; problems: string[] } {
  const strengths: string[] = [];
  const problems: string[] = [];
  const extremes = extremesOf(profile.now);
  if (extremes && extremes.best.score > extremes.worst.score) {
    strengths.push(t.bestShort(fewNames(extremes.best.indicators, t, locale), scoreText(extremes.best.score, locale)));
    problems.push(
      t.worstShort(fewNames(extremes.worst.indicators, t, locale), scoreText(extremes.worst.score, locale)),
    );
  }
  const { up, down } = movesOf(profile.now, profile.pop);
  if (up) {
    strengths.push(t.improvedShort(t.names[up[0]], pointsText(up[1], locale)));
  }
  if (down) {
    problems.push(t.declinedShort(t.names[down[0]], pointsText(down[1], locale)));
  }
  if (rising.length > 0) {
    problems.push(t.risingShort(rising));
  }
  return { strengths, problems };
}
