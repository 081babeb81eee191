/**
 * Issues → warning drafts: the figures, the methods that agree, the severity, the summary and the facts the advice
 * and the warnings centre read. Pure; engine.service.ts adds samples and advice and stores them.
 */
import type { WarningSeverity, WarningSituation, WarningType } from '../../store/tables/warnings.js';
import type { Issue } from './dedupe.js';
import { type OutbreakAlarm, primaryDetection } from './outbreaks.js';
import type { Series } from './series.js';
import { outbreakSeverity, trendSeverity } from './severity.js';
import type { CategoryNode, Named, TownShape } from './shape.js';
import type { TrendAlarm } from './trends.js';
import { outbreakSummary, trendSummary } from './wording.js';

export interface MethodFigure {
  method: string;
  observed: number;
  expected: number | null;
  upperbound: number | null;
  alarm: boolean;
}

export interface ChartSeries {
  weeks: number[];
  observed: number[];
  expected: (number | null)[];
  upperbound: (number | null)[];
}

export interface WarningDraft {
  type: WarningType;
  situation: WarningSituation;
  category: CategoryNode | null;
  villageIds: number[];
  sinceWeek: number;
  week: number;
  observed: number;
  expected: number | null;
  upperBound: number | null;
  methods: MethodFigure[];
  severity: WarningSeverity;
  score: number;
  summary: Named;
  /** Facts beyond the columns (series for the chart, also-seen-at cells, slope, terms …), stored as JSON. */
  facts: Record<string, unknown>;
  /** Terms of an emerging issue (continuing issues share one). */
  terms: string[];
  /** The department a backlog is about; otherwise the advice names one from the category. */
  departmentId: number | null;
  slopePerWeek: number | null;
  overdue: number | null;
  /** Sample records when the detector knows them (emerging); otherwise the store picks the issue's latest. */
  sampleIds: { kind: 'complaint' | 'case'; id: number }[] | null;
}

export interface DraftContext {
  shape: TownShape;
  /** The engine's weeks (consecutive ISO weeks), and the target's index among them. */
  weeks: readonly number[];
  target: number;
}

/** Weeks shown on a warning's chart. */
export const CHART_WEEKS = 26;

export function placeName(shape: TownShape, villageIds: readonly number[]): Named {
  const only = villageIds.length === 1 ? shape.villages.get(villageIds[0] as number) : undefined;
  return only?.name ?? shape.town.name;
}

export function categoryName(category: CategoryNode | null): Named {
  return category?.name ?? { zh: '全部类别', en: 'all categories' };
}

function chartOf(series: Series, ctx: DraftContext): ChartSeries {
  const to = ctx.target + 1;
  const from = Math.max(1, to - CHART_WEEKS + 1);
  const detection = primaryDetection(Array.from(series.counts.subarray(0, to)), from, to);
  return {
    weeks: ctx.weeks.slice(from - 1, to),
    observed: Array.from(series.counts.subarray(from - 1, to)),
    expected: detection?.expected ?? [],
    upperbound: detection?.upperbound ?? [],
  };
}

function cellLabel(shape: TownShape, cell: { category: CategoryNode | null; villageId: number | null }) {
  return {
    categoryCode: cell.category?.code ?? null,
    villageCode: cell.villageId === null ? null : (shape.villages.get(cell.villageId)?.code ?? null),
  };
}

export function outbreakDraft(issue: Issue<OutbreakAlarm>, ctx: DraftContext): WarningDraft {
  const single = issue.villageIds.length === 1 ? (issue.villageIds[0] as number) : null;
  const candidates = [...issue.members, ...issue.alsoAt];
  const at = candidates.find((a) => a.series.category === issue.category && a.series.villageId === single);
  const lead = at ?? (issue.members[0] as OutbreakAlarm);
  const observed = at
    ? (at.series.counts[ctx.target] as number)
    : issue.members.reduce((n, m) => n + (m.series.counts[ctx.target] as number), 0);
  const memberExpected = issue.members.map((m) => m.verdicts[0]?.expected ?? null);
  const expected = at
    ? (at.verdicts[0]?.expected ?? null)
    : memberExpected.every((e) => e !== null)
      ? memberExpected.reduce<number>((n, e) => n + (e as number), 0)
      : null;
  const upperBound = at ? (at.verdicts[0]?.upperbound ?? null) : null;
  const methods: MethodFigure[] = lead.verdicts.map((v) => ({ ...v }));
  for (const other of candidates) {
    for (const v of other.verdicts) {
      const mine = methods.find((m) => m.method === v.method);
      if (mine !== undefined && !mine.alarm && v.alarm) {
        mine.alarm = true;
      }
    }
  }
  const since = Math.min(...issue.members.map((m) => m.since));
  const weeks = ctx.target - since + 1;
  const spread = issue.villageIds.length !== 1;
  const agreeing = methods.filter((m) => m.alarm).map((m) => m.method);
  return {
    type: 'outbreak',
    situation: spread ? 'spread' : 'village_surge',
    category: issue.category,
    villageIds: issue.villageIds,
    sinceWeek: ctx.weeks[since] as number,
    week: ctx.weeks[ctx.target] as number,
    observed,
    expected,
    upperBound,
    methods,
    ...outbreakSeverity({
      observed,
      upperBound,
      expected,
      weeks,
      villages: issue.villageIds.length,
      agreeing: agreeing.length,
    }),
    summary: outbreakSummary({
      what: categoryName(issue.category),
      where: placeName(ctx.shape, issue.villageIds),
      spread: spread && issue.villageIds.length > 1,
      week: ctx.weeks[ctx.target] as number,
      sinceWeek: ctx.weeks[since] as number,
      weeks,
      observed,
      expected,
      upperBound,
      methods: agreeing,
    }),
    facts: {
      weeks,
      series: chartOf(lead.series, ctx),
      seriesCell: cellLabel(ctx.shape, lead.series),
      members: issue.members.map((m) => ({ ...cellLabel(ctx.shape, m.series), observed: m.series.counts[ctx.target] })),
      alsoAt: issue.alsoAt.map((m) => ({ ...cellLabel(ctx.shape, m.series), observed: m.series.counts[ctx.target] })),
    },
    terms: [],
    departmentId: null,
    slopePerWeek: null,
    overdue: null,
    sampleIds: null,
  };
}

export function trendDraft(issue: Issue<TrendAlarm>, ctx: DraftContext): WarningDraft {
  const lead = issue.members[0] as TrendAlarm;
  const { result, series, from, mean } = lead;
  const slope = result.slopePerWeek ?? 0;
  const weeks = ctx.target - from + 1;
  const rise = (slope * weeks) / mean;
  const observed = series.counts[ctx.target] as number;
  return {
    type: 'trend',
    situation: 'slow_rise',
    category: issue.category,
    villageIds: issue.villageIds,
    sinceWeek: ctx.weeks[from] as number,
    week: ctx.weeks[ctx.target] as number,
    observed,
    expected: Math.round(mean * 10) / 10,
    upperBound: null,
    methods: [{ method: 'mann-kendall', observed, expected: mean, upperbound: null, alarm: true }],
    ...trendSeverity({ rise, qValue: result.qValue, mean }),
    summary: trendSummary({
      what: categoryName(issue.category),
      where: placeName(ctx.shape, issue.villageIds),
      week: ctx.weeks[ctx.target] as number,
      weeks,
      first: series.counts[from] as number,
      last: observed,
      slopePerWeek: slope,
      mean,
    }),
    facts: {
      weeks,
      slopePerWeek: slope,
      slopeLow: result.slopeLow,
      slopeHigh: result.slopeHigh,
      pValue: result.pUpward,
      qValue: result.qValue,
      tau: result.tau,
      series: chartOf(series, ctx),
      seriesCell: cellLabel(ctx.shape, series),
      members: issue.members.map((m) => cellLabel(ctx.shape, m.series)),
    },
    terms: [],
    departmentId: null,
    slopePerWeek: slope,
    overdue: null,
    sampleIds: null,
  };
}
