import { type Locale, parseWeek, weekParts } from '../../core/time/index.js';
import type { Stats } from '../../stats/index.js';
import { rankingChart, weeklyTrendChart } from '../charts/index.js';
import { type Block, chart, heading, list, paragraph, table } from '../document/index.js';
import { count, countText, hoursOf, movesOf, value } from '../shared/index.js';
import { indicatorOfArea } from './quarterly.data.js';
import { type Profile, problemsOf, strengthsOf } from './quarterly.findings.js';
import { INDICATORS, LOAD_INDICATORS, type LoadIndicator, SCORE_KEYS, scoreChange } from './quarterly.indicators.js';
import {
  CHANGE_COLUMN,
  type Periods,
  radarBlock,
  SCORE_COLUMN,
  scoreCells,
  type VillageProfile,
} from './quarterly.profile.js';
import { type QuarterlyText, scoreText } from './quarterly.text.js';

/* The town's sections of the portrait: overview, figures and trend, village rankings, strengths and problems. */

const RADAR = { width: 560, height: 320 };
const TREND = { width: 640, height: 320 };
/** How many rising categories, leading and trailing villages the sentences name. */
const NAMED = 3;

export function overviewSection(profile: Profile, records: number, t: QuarterlyText, locale: Locale): Block[] {
  const composite = profile.now.composite;
  const blocks: Block[] = [heading(1, t.headings.overview)];
  if (records === 0 || composite === null) {
    blocks.push(paragraph(t.emptyQuarter));
  } else {
    blocks.push(
      paragraph(
        t.overview(
          countText(records, locale),
          scoreText(composite, locale),
          t.pointsChange(scoreChange(composite, profile.pop.composite), locale),
          t.pointsChange(scoreChange(composite, profile.yoy.composite), locale),
        ),
      ),
    );
  }
  blocks.push(
    table({
      caption: t.tables.indicators,
      columns: [{}, SCORE_COLUMN, SCORE_COLUMN, CHANGE_COLUMN, SCORE_COLUMN, CHANGE_COLUMN],
      header: [t.tables.indicatorsHeader],
      rows: SCORE_KEYS.map((key) => [t.names[key], ...scoreCells(profile, key)]),
      notes: [t.tables.indicatorsNote],
    }),
  );
  const radar = radarBlock(
    [
      { name: t.charts.thisQuarter, scores: profile.now },
      { name: t.charts.lastQuarter, scores: profile.pop },
    ],
    RADAR,
    t.charts.radar,
    t,
    locale,
  );
  return radar ? [...blocks, radar] : blocks;
}

/** The records of a load indicator's categories in one period: the sum of its top-level categories' rows. */
export function areaRecords(townAreas: Stats, period: string, indicator: LoadIndicator): number {
  return townAreas.rows
    .filter((row) => row.period === period && indicatorOfArea(row.keys.category1?.code) === indicator)
    .reduce((sum, row) => sum + count(row.values, 'records'), 0);
}

export function figuresSection(
  service: Stats,
  townAreas: Stats,
  trend: Stats,
  periods: Periods,
  records: number,
  t: QuarterlyText,
  locale: Locale,
): Block[] {
  const at = (period: string) => service.totals.find((row) => row.period === period)?.values;
  const three = [periods.now, periods.pop, periods.yoy];
  const rows = t.tables.figuresRows;
  const blocks: Block[] = [
    heading(1, t.headings.figures),
    table({
      caption: t.tables.figures,
      columns: [{}, { format: 'number' }, { format: 'number' }, { format: 'number' }],
      header: [t.tables.figuresHeader],
      rows: [
        [rows.records, ...three.map((p) => count(at(p), 'records'))],
        ...LOAD_INDICATORS.map((i) => [rows[i], ...three.map((p) => areaRecords(townAreas, p, i))]),
        [rows.overdue, ...three.map((p) => count(at(p), 'overdue'))],
      ],
    }),
    table({
      caption: t.tables.service,
      columns: [{}, { format: 'percent' }, { format: 'number', digits: 1 }, { format: 'percent' }],
      header: [t.tables.serviceHeader],
      rows: three.map((p, i) => [
        t.tables.serviceRows[i] as string,
        value(at(p), 'responseRate'),
        hoursOf(value(at(p), 'handlingMedian')),
        value(at(p), 'satisfactionRate'),
      ]),
      notes: [t.tables.source(service.asOf === null ? t.none : service.asOf.slice(0, 16).replace('T', ' '))],
    }),
  ];
  if (records === 0) {
    return blocks;
  }
  const weeks = trend.totals.map((row) => parseWeek(row.period, 'period'));
  const thisYear = trend.totals.map((row) => count(row.values, 'records'));
  const lastYear = trend.totals.map((row) => (row.yoy ? count(row.yoy.values, 'records') : null));
  const peak = thisYear.reduce((best, n, i) => (n > (thisYear[best] ?? 0) ? i : best), 0);
  blocks.push(
    paragraph(
      t.trendText(
        countText(weeks.length, locale),
        t.weekName(weekParts(weeks[peak] as number).week),
        countText(thisYear[peak] ?? 0, locale),
      ),
    ),
    chart(weeklyTrendChart({ weeks, thisYear, lastYear, unit: t.recordUnit, locale }), TREND, t.charts.trend),
  );
  return blocks;
}

export function villagesSection(ranked: readonly VillageProfile[], t: QuarterlyText, locale: Locale): Block[] {
  const blocks: Block[] = [heading(1, t.headings.villages)];
  const first = ranked[0];
  const last = ranked.at(-1);
  if (!first || !last) {
    return [...blocks, paragraph(t.noVillages)];
  }
  const score = (v: VillageProfile) => scoreText(v.profile.now.composite as number, locale);
  const rankOf = (v: VillageProfile) =>
    1 + ranked.filter((o) => (o.profile.now.composite as number) > (v.profile.now.composite as number)).length;
  blocks.push(
    paragraph(t.rankingText(first.name, score(first), last.name, score(last), countText(ranked.length, locale))),
    table({
      caption: t.tables.ranking,
      columns: [
        { format: 'number', align: 'center' },
        {},
        SCORE_COLUMN,
        ...INDICATORS.map(() => SCORE_COLUMN),
        CHANGE_COLUMN,
      ],
      header: [t.tables.rankingHeader],
      rows: ranked.map((v) => [
        rankOf(v),
        v.name,
        v.profile.now.composite,
        ...INDICATORS.map((i) => v.profile.now[i]),
        scoreChange(v.profile.now.composite, v.profile.pop.composite),
      ]),
    }),
    chart(
      rankingChart({
        items: ranked.map((v) => ({ name: v.name, value: v.profile.now.composite as number })),
        top: ranked.length,
        unit: t.scoreUnit,
        locale,
      }),
      { width: 640, height: Math.min(720, 120 + 26 * ranked.length) },
      t.charts.ranking,
    ),
  );
  return blocks;
}

/** The leading and trailing villages: up to three each, never the same village in both. */
function ends(ranked: readonly VillageProfile[]): { top: VillageProfile[]; bottom: VillageProfile[] } {
  const n = Math.min(NAMED, Math.floor(ranked.length / 2));
  return { top: ranked.slice(0, n), bottom: n === 0 ? [] : ranked.slice(-n).reverse() };
}

export function findingsSection(
  profile: Profile,
  ranked: readonly VillageProfile[],
  categories: Stats,
  periods: Periods,
  t: QuarterlyText,
  locale: Locale,
): Block[] {
  const named = (v: VillageProfile) => t.villageScore(v.name, scoreText(v.profile.now.composite as number, locale));
  const { top, bottom } = ends(ranked);
  const rising = movesOf(categories, 'category2', periods.now, locale)
    .filter((m) => m.now > m.before)
    .slice(0, NAMED)
    .map((m) => t.moved(m.name, countText(m.before, locale), countText(m.now, locale)));
  const strengths = strengthsOf(profile, t, locale, {
    yoy: true,
    extra: top.length > 0 ? [t.topVillages(top.map(named))] : [],
  });
  const problems = problemsOf(profile, t, locale, {
    yoy: true,
    extra: [
      ...(rising.length > 0 ? [t.rising(rising)] : []),
      ...(bottom.length > 0 ? [t.bottomVillages(bottom.map(named))] : []),
    ],
  });
  return [
    heading(1, t.headings.strengths),
    strengths.length > 0 ? list(...strengths) : paragraph(t.noStrengths),
    heading(1, t.headings.problems),
    problems.length > 0 ? list(...problems) : paragraph(t.noProblems),
  ];
}
