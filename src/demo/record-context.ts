import { defaultDepartments } from '../orgs/index.js';
import type { DemoCategory } from './categories.js';
import type { DemoEnterprise } from './enterprises.js';
import { cellIndex, type DemoModel } from './model.js';
import type { NewTerm } from './outbreaks.js';
import { WeightedChoice } from './random.js';
import type { ComplaintDraft } from './record-draft.js';
import { HOUR_WEIGHTS, type HourProfile } from './season.js';
import type { DemoCaseOutcome, DemoCaseSource } from './text.js';
import type { DemoTownMap } from './town.js';

/*
 * Everything the record generator looks up per record, prepared once per demo town: per-category choices, the
 * enterprises a category's records may name in each village, the repeat probability that yields the configured share,
 * and where the outbreaks' new terms go.
 */

export interface RecordOptions {
  /** Share of complaints that repeat an earlier complaint (same address and category within days). */
  repeatShare: number;
  /** Share of records flagged difficult (疑难); categories differ, the total is this. */
  difficultShare: number;
}

/** Channels of complaints and their shares: the 12345 hotline dominates, the web (浙里办) is second. */
export const CHANNEL_SHARES: Readonly<Record<ComplaintDraft['channel'], number>> = {
  hotline_12345: 0.62,
  web: 0.2,
  phone: 0.1,
  visit: 0.08,
};

const SOURCES: readonly DemoCaseSource[] = ['patrol', 'complaint_referral', 'department_referral', 'report'];
const OUTCOMES: readonly DemoCaseOutcome[] = ['penalty', 'warning', 'rectified', 'no_violation', 'transferred'];

/** What the generator needs of one category. */
export interface CategoryRuntime {
  category: DemoCategory;
  /** Probability that a record of the category is difficult. */
  difficult: number;
  complaintHours: WeightedChoice<number>;
  caseHours: WeightedChoice<number>;
  sources: WeightedChoice<DemoCaseSource>;
  outcomes: WeightedChoice<DemoCaseOutcome>;
  /** The enterprises its records may name, per village index (empty: none fit). */
  enterprises: readonly (readonly DemoEnterprise[])[];
  departmentName: string;
}

/** The generator's lookups for one demo town (see buildRecordContext). */
export interface RecordContext {
  model: DemoModel;
  map: DemoTownMap;
  options: RecordOptions;
  categories: readonly CategoryRuntime[];
  channels: WeightedChoice<ComplaintDraft['channel']>;
  /** Probability that a complaint after the first of its village, category and week repeats an earlier one. */
  repeatProbability: number;
  /** Outbreak cells with a new term: the term, and the share of the cell's complaints that carry it. */
  newTerms: ReadonlyMap<number, { term: NewTerm; share: number }>;
  /** Enterprises by credit code (a repeat names the enterprise its original named). */
  enterprises: ReadonlyMap<string, DemoEnterprise>;
}

function hourChoice(profile: HourProfile): WeightedChoice<number> {
  return new WeightedChoice(
    HOUR_WEIGHTS[profile].map((_, hour) => hour),
    HOUR_WEIGHTS[profile],
  );
}

/** The name of a default department in the demo town (云溪镇综合行政执法队, 云溪市场监管所 …). */
function departmentName(code: string | undefined, townName: string): string {
  const unit = defaultDepartments.find((d) => d.code === code) ?? defaultDepartments[0];
  const short = townName.replace(/(镇|街道|乡)$/, '');
  return (unit?.name ?? '{town}综合行政执法队').replace('{town}', townName).replace('{short}', short);
}

/**
 * The repeat probability q of a complaint slot after the first in its cell, so that repeats are `share` of all
 * complaints in expectation: a cell of n records has X ~ Binomial(n, 1 − caseShare) complaints and q·(X − 1)⁺ repeats,
 * and E[(X − 1)⁺] = nπ − 1 + (1 − π)ⁿ. Capped at 1: a tiny demo town has too few busy cells for a large share.
 */
function repeatProbability(model: DemoModel, share: number): number {
  let complaints = 0;
  let repeatable = 0;
  const C = model.categories.length;
  const V = model.villages.length;
  for (let i = 0; i < model.counts.length; i++) {
    const n = model.counts[i] as number;
    if (n > 0) {
      const pi = 1 - (model.categories[Math.floor(i / V) % C]?.profile.caseShare ?? 0);
      complaints += n * pi;
      repeatable += n * pi - 1 + (1 - pi) ** n;
    }
  }
  return repeatable > 0 ? Math.min(1, (share * complaints) / repeatable) : 0;
}

/** Prepare the generator's lookups for a model. */
export function buildRecordContext(
  model: DemoModel,
  map: DemoTownMap,
  enterprises: readonly DemoEnterprise[],
  options: RecordOptions,
): RecordContext {
  const C = model.categories.length;
  const V = model.villages.length;
  const totals = new Float64Array(C);
  model.counts.forEach((n, i) => {
    totals[Math.floor(i / V) % C] += n;
  });
  const all = totals.reduce((s, x) => s + x, 0);
  const meanDifficulty =
    all > 0 ? model.categories.reduce((s, c, i) => s + (totals[i] as number) * c.profile.difficulty, 0) / all : 1;

  const byVillage = new Map<string, DemoEnterprise[]>();
  for (const e of enterprises) {
    byVillage.set(e.villageCode, [...(byVillage.get(e.villageCode) ?? []), e]);
  }

  const categories = model.categories.map((category): CategoryRuntime => {
    const profile = category.profile;
    return {
      category,
      difficult: Math.min(0.5, (options.difficultShare * profile.difficulty) / meanDifficulty),
      complaintHours: hourChoice(profile.hours),
      caseHours: hourChoice(profile.hours === 'evening' || profile.hours === 'night' ? 'evening' : 'office'),
      sources: new WeightedChoice(SOURCES, profile.sources),
      outcomes: new WeightedChoice(OUTCOMES, profile.outcomes),
      enterprises: model.villages.map((village) => {
        const local = byVillage.get(village.code) ?? [];
        const fitting = local.filter((e) => profile.industries.includes(e.industry));
        return profile.enterpriseShare === 0 ? [] : fitting.length > 0 ? fitting : local;
      }),
      departmentName: departmentName(profile.department, map.town.name),
    };
  });

  const newTerms = new Map<number, { term: NewTerm; share: number }>();
  for (const event of model.events) {
    if (event.newTerm) {
      for (let w = event.firstWeek; w <= event.lastWeek; w++) {
        for (const v of event.villages) {
          const i = cellIndex(model, w, event.category, v);
          const expected = model.expected[i] as number;
          const excess = expected - (model.baseline[i] as number);
          newTerms.set(i, { term: event.newTerm, share: expected > 0 ? excess / expected : 0 });
        }
      }
    }
  }

  const channelCodes = Object.keys(CHANNEL_SHARES) as ComplaintDraft['channel'][];
  return {
    model,
    map,
    options,
    categories,
    channels: new WeightedChoice(
      channelCodes,
      channelCodes.map((c) => CHANNEL_SHARES[c]),
    ),
    repeatProbability: repeatProbability(model, options.repeatShare),
    newTerms,
    enterprises: new Map(enterprises.map((e) => [e.creditCode, e])),
  };
}
