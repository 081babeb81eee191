import type { DemoCategory } from './categories.js';
import { type Random, WeightedChoice } from './random.js';
import type { DemoVillage } from './town.js';

/*
 * What the early-warning detectors are meant to find, injected into the demo town on purpose:
 * - outbreaks (苗头性问题 when they bring something new): one category in one village, or a few villages next to each
 *   other, jumps to 3–10 times its expected count for 1–4 weeks;
 * - drifts (倾向性问题): one category rises steadily over 8–20 weeks to 1.8–3 times its level and stays there.
 * Some outbreaks bring a new term into the complaint texts (a new scam's name, a new product), for the detector of
 * emerging words. Everything is drawn from the seed and reported in truth.json.
 */

export type EventKind = 'outbreak' | 'drift';

/** A term that appears in complaints only during one outbreak, and the sentence that carries it. */
export interface NewTerm {
  term: string;
  /** A clause of the complaint text containing the term. */
  sentence: string;
}

/** An injected event, by index into the model's categories, villages and weeks. */
export interface DemoEvent {
  /** `outbreak-01`, `drift-02`: stable names for truth.json and the tests. */
  id: string;
  kind: EventKind;
  category: number;
  villages: number[];
  /** First and last week index, inclusive. A drift's rise ends at lastWeek; its level stays raised after it. */
  firstWeek: number;
  lastWeek: number;
  /** Outbreak: expected count × multiplier during the weeks. Drift: the level reached at lastWeek. */
  multiplier: number;
  newTerm?: NewTerm;
}

/** How many events to inject, and where in time. */
export interface EventOptions {
  outbreaks: number;
  drifts: number;
  /** Events fall in this many weeks at the end: what the detectors monitor (EARS and GLR watch the last 104). */
  windowWeeks: number;
}

/** Twelve outbreaks and four drifts in the last two years. */
export const DEFAULT_EVENT_OPTIONS: EventOptions = { outbreaks: 12, drifts: 4, windowWeeks: 104 };

/**
 * New terms by category. Invented names, so that no real product or company is accused of anything, and never used by
 * the ordinary vocabulary of text.ts (a test checks), so a detector that finds them found the outbreak.
 */
export const NEW_TERMS: Readonly<Record<string, readonly NewTerm[]>> = {
  'market_order.consumer_dispute': [
    { term: '云仓盲盒', sentence: '在“云仓盲盒”小程序购买的商品与宣传严重不符，商家拒不退款' },
    { term: '闪兑积分卡', sentence: '商家推销“闪兑积分卡”，充值后积分无法兑换商品' },
  ],
  'market_order.false_advertising': [
    { term: '秒杀福袋', sentence: '商家在直播间以“秒杀福袋”名义销售，实际到手货不对板' },
  ],
  'market_order.pyramid_selling': [
    { term: '共享消费返利', sentence: '有人以“共享消费返利”模式拉人头，声称消费后可全额返现' },
  ],
  'market_order.counterfeit': [{ term: '星耀联名款', sentence: '店铺大量销售所谓“星耀联名款”玩具，疑似假冒' }],
  'food_safety.expired_food': [{ term: '临期折扣仓', sentence: '“临期折扣仓”出售已过保质期的零食饮料' }],
  'food_safety.catering': [{ term: '速享料理包', sentence: '外卖使用“速享料理包”加热出售，食用后腹泻' }],
  'fire_safety.ebike_charging': [{ term: '飞线快充桩', sentence: '有人私装“飞线快充桩”从楼上拉线给电动车充电' }],
  'noise.commercial': [{ term: '直播喊麦', sentence: '还有商户深夜在门口“直播喊麦”带货' }],
  'environment.odour': [{ term: '再生造粒', sentence: '附近作坊从事“再生造粒”加工，散发刺鼻塑料味' }],
  'city_appearance.street_stall': [{ term: '后备箱集市', sentence: '每晚路边出现“后备箱集市”，大量车辆占道摆卖' }],
  'housing.rental': [{ term: '胶囊床位', sentence: '房东将民房隔成“胶囊床位”出租，人员密集' }],
};

const MIN_GAP_WEEKS = 4;

/** Weeks and villages already taken per category, so that events in one series never overlap. */
class Occupancy {
  private readonly taken: { category: number; villages: Set<number>; from: number; to: number }[] = [];

  free(category: number, villages: number[], from: number, to: number): boolean {
    return !this.taken.some(
      (t) =>
        t.category === category &&
        villages.some((v) => t.villages.has(v)) &&
        from <= t.to + MIN_GAP_WEEKS &&
        to >= t.from - MIN_GAP_WEEKS,
    );
  }

  take(category: number, villages: number[], from: number, to: number): void {
    this.taken.push({ category, villages: new Set(villages), from, to });
  }
}

/** One village drawn by the square of the category's village shares, plus up to `extra` neighbours of the group. */
function villageCluster(
  random: Random,
  villages: readonly DemoVillage[],
  shares: Float64Array,
  extra: number,
): number[] {
  const index = new Map(villages.map((v, i) => [v.code, i]));
  const chosen = [
    new WeightedChoice(
      villages,
      Array.from(shares, (s) => s * s),
    ).index(random),
  ];
  for (let added = 0; added < extra; added++) {
    const candidates = [
      ...new Set(chosen.flatMap((i) => (villages[i] as DemoVillage).neighbours.map((c) => index.get(c) as number))),
    ].filter((i) => !chosen.includes(i));
    if (candidates.length === 0) {
      break;
    }
    const weights = candidates.map((i) => (shares[i] as number) + 1e-9);
    chosen.push(candidates[new WeightedChoice(candidates, weights).index(random)] as number);
  }
  return chosen.sort((a, b) => a - b);
}

/**
 * Draw the events. Outbreaks favour common categories and busy villages, where a detector has a series to work with;
 * about half of them are in categories that have new terms, and those carry one. Categories with a pinned last-year
 * trend (labour disputes) and the catch-all `other` leaves are left alone so their story stays as told.
 *
 * @param shares the village shares of each category (categories × villages, each row summing to 1)
 */
export function sampleEvents(
  random: Random,
  categories: readonly DemoCategory[],
  villages: readonly DemoVillage[],
  shares: readonly Float64Array[],
  weekCount: number,
  options: EventOptions = DEFAULT_EVENT_OPTIONS,
): DemoEvent[] {
  const eligible = categories
    .map((c, i) => ({ c, i }))
    .filter(({ c }) => c.profile.lastYearChange === undefined && !c.code.startsWith('other.'));
  const withTerms = eligible.filter(({ c }) => NEW_TERMS[c.code] !== undefined);
  // Squared weights and shares favour the busy series, where a multiple of the baseline is a visible number.
  const anyCategory = new WeightedChoice(
    eligible.map((e) => e.i),
    eligible.map((e) => e.c.profile.weight ** 2),
  );
  const termCategory = new WeightedChoice(
    withTerms.map((e) => e.i),
    withTerms.map((e) => e.c.profile.weight ** 2),
  );
  const window = Math.min(options.windowWeeks, weekCount);
  const occupancy = new Occupancy();
  const usedTerms = new Set<string>();
  const events: DemoEvent[] = [];

  const place = (kind: EventKind, number: number, withTerm: boolean): void => {
    for (let attempt = 0; attempt < 200; attempt++) {
      const category = withTerm ? termCategory.pick(random) : anyCategory.pick(random);
      const shareRow = shares[category] as Float64Array;
      const length = kind === 'outbreak' ? random.intBetween(1, 4) : random.intBetween(8, 20);
      const townWide = kind === 'drift' && random.chance(0.5);
      const extra = kind === 'outbreak' ? random.pick([0, 0, 0, 1, 1, 2]) : random.intBetween(1, 3);
      const cluster = townWide ? villages.map((_, i) => i) : villageCluster(random, villages, shareRow, extra);
      const firstWeek = weekCount - window + random.int(window - length + 1);
      const lastWeek = firstWeek + length - 1;
      if (!occupancy.free(category, cluster, firstWeek, kind === 'drift' ? weekCount : lastWeek)) {
        continue;
      }
      const terms = (NEW_TERMS[(categories[category] as DemoCategory).code] ?? []).filter(
        (t) => !usedTerms.has(t.term),
      );
      if (withTerm && terms.length === 0) {
        continue;
      }
      occupancy.take(category, cluster, firstWeek, kind === 'drift' ? weekCount : lastWeek);
      const event: DemoEvent = {
        id: `${kind}-${String(number).padStart(2, '0')}`,
        kind,
        category,
        villages: cluster,
        firstWeek,
        lastWeek,
        multiplier: Math.round((kind === 'outbreak' ? random.between(3, 10) : random.between(1.8, 3)) * 100) / 100,
      };
      if (withTerm) {
        event.newTerm = random.pick(terms);
        usedTerms.add(event.newTerm.term);
      }
      events.push(event);
      return;
    }
  };

  for (let i = 1; i <= options.outbreaks; i++) {
    place('outbreak', i, i % 2 === 1);
  }
  for (let i = 1; i <= options.drifts; i++) {
    place('drift', i, false);
  }
  return events;
}

/** A drift's multiplier in a week: rising linearly from its first week to its peak at lastWeek, then holding. */
export function driftLevel(event: DemoEvent, week: number): number {
  if (week < event.firstWeek) {
    return 1;
  }
  const progress = Math.min(1, (week - event.firstWeek + 1) / (event.lastWeek - event.firstWeek + 1));
  return 1 + (event.multiplier - 1) * progress;
}
