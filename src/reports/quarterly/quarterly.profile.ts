import { addQuarters, type Locale, type Quarter } from '../../core/time/index.js';
import { indicatorRadarChart } from '../charts/index.js';
import { type Cell, type ChartBlock, chart } from '../document/index.js';
import { figuresAt, type QuarterFigures, type VillageInView } from './quarterly.data.js';
import type { Profile } from './quarterly.findings.js';
import {
  INDICATORS,
  type PlaceQuarter,
  type References,
  ranksOf,
  SCORE_KEYS,
  type ScoreKey,
  type Scores,
  scoreChange,
  scorePlace,
} from './quarterly.indicators.js';
import type { QuarterlyText } from './quarterly.text.js';

/* The scored places of a portrait — the town and each village in view — and the pieces both sections draw from them. */

export interface Periods {
  now: Quarter;
  pop: Quarter;
  yoy: Quarter;
  /** The reference window: this quarter and the three before. */
  window: Quarter[];
}

export function periodsOf(quarter: Quarter): Periods {
  return {
    now: quarter,
    pop: addQuarters(quarter, -1),
    yoy: addQuarters(quarter, -4),
    window: [0, -1, -2, -3].map((n) => addQuarters(quarter, n)),
  };
}

/** The town's or a village's three quarters scored against the portrait's references. */
export function profileOf(
  byPeriod: Map<string, PlaceQuarter> | undefined,
  periods: Periods,
  refs: References,
): Profile {
  return {
    now: scorePlace(figuresAt(byPeriod, periods.now), refs),
    pop: scorePlace(figuresAt(byPeriod, periods.pop), refs),
    yoy: scorePlace(figuresAt(byPeriod, periods.yoy), refs),
  };
}

export interface VillageProfile {
  code: string;
  name: string;
  figures: PlaceQuarter;
  profile: Profile;
}

export function villageProfiles(
  villages: readonly VillageInView[],
  figures: QuarterFigures,
  periods: Periods,
  refs: References,
  locale: Locale,
): VillageProfile[] {
  return villages.map((v) => ({
    code: v.code,
    name: locale === 'en-US' ? (v.nameEn ?? v.name) : v.name,
    figures: figuresAt(figures.get(v.code), periods.now),
    profile: profileOf(figures.get(v.code), periods, refs),
  }));
}

/** Each score's ranks among the villages this quarter (1 = best; ties share a rank). */
export function ranksByScore(villages: readonly VillageProfile[]): Record<ScoreKey, Map<string, number>> {
  return Object.fromEntries(
    SCORE_KEYS.map((key) => [key, ranksOf(villages.map((v) => ({ key: v.code, score: v.profile.now[key] })))]),
  ) as Record<ScoreKey, Map<string, number>>;
}

/** The villages with a composite score this quarter, best first (ties by code). */
export function rankedVillages(villages: readonly VillageProfile[]): VillageProfile[] {
  return villages
    .filter((v) => v.profile.now.composite !== null)
    .sort(
      (a, b) =>
        (b.profile.now.composite as number) - (a.profile.now.composite as number) || a.code.localeCompare(b.code),
    );
}

/** A score row: this quarter, last quarter, the change, the same quarter last year, the change. */
export function scoreCells(profile: Profile, key: ScoreKey): Cell[] {
  return [
    profile.now[key],
    profile.pop[key],
    scoreChange(profile.now[key], profile.pop[key]),
    profile.yoy[key],
    scoreChange(profile.now[key], profile.yoy[key]),
  ];
}

/** Below this height (CSS px) the radar is lifted clear of its legend. */
const SHORT_RADAR = 280;

export const SCORE_COLUMN = { format: 'number', digits: 1 } as const;
export const CHANGE_COLUMN = { format: 'number', digits: 1, signed: true } as const;

/**
 * A radar of the indicators the series all have (an axis needs a value in each), 0–100; null when none is left.
 * Its caption says when an indicator was left out for lack of data.
 */
export function radarBlock(
  series: { name: string; scores: Scores }[],
  size: { width: number; height: number },
  caption: string | undefined,
  t: QuarterlyText,
  locale: Locale,
): ChartBlock | null {
  const axes = INDICATORS.filter((i) => series.every((s) => s.scores[i] !== null));
  if (axes.length < 3) {
    return null;
  }
  const spec = indicatorRadarChart({
    indicators: axes.map((i) => ({ name: t.names[i], max: 100 })),
    series: series.map((s) => ({ name: s.name, values: axes.map((i) => s.scores[i] as number) })),
    locale,
  });
  if (size.height < SHORT_RADAR && !Array.isArray(spec.option.radar)) {
    // A short radar (the village sheet's) would put its lowest axis name on the legend: lift and shrink it a little.
    spec.option.radar = { ...spec.option.radar, center: ['50%', '44%'], radius: '60%' };
  }
  const note =
    axes.length < INDICATORS.length
      ? `${locale === 'zh-CN' ? '（' : ' ('}${t.charts.radarNote}${locale === 'zh-CN' ? '）' : ')'}`
      : '';
  return caption === undefined ? chart(spec, size) : chart(spec, size, `${caption}${note}`);
}
