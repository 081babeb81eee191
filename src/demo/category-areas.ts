import type { Industry } from '../enterprises/index.js';
import type { Bump, DayProfile, HourProfile, Seasonality } from './season.js';

/*
 * The vocabulary of category profiles (category-profiles.ts): what a profile holds, the seasonal shapes several
 * categories share, and the defaults each taxonomy area (level-1 category) gives its leaves.
 */

/** What a category's volume in a village follows. */
export type Driver = 'population' | 'commerce' | 'enterprises';

/** The "1+8" units of src/orgs (defaultDepartments codes). */
export type DepartmentCode =
  | 'enforcement'
  | 'market'
  | 'ecology'
  | 'labour'
  | 'emergency'
  | 'natural_resources'
  | 'housing'
  | 'health'
  | 'transport';

/** Shares of case sources: [patrol, complaint referral, department referral, report]. */
export type SourceShares = readonly [number, number, number, number];
/** Shares of case outcomes: [penalty, warning, rectified, no violation, transferred]. */
export type OutcomeShares = readonly [number, number, number, number, number];

/** How one leaf category behaves in the demo town (see category-profiles.ts for the values). */
export interface CategoryProfile {
  /** A leaf code of the default taxonomy. */
  code: string;
  /** Relative volume: roughly the category's share of all records in per mille. */
  weight: number;
  /** Negative-binomial size k of a village-week count: small is bursty (variance = μ + μ²/k). */
  dispersion: number;
  driver: Driver;
  /** Share of the category's records that are enforcement cases; the rest are complaints. */
  caseShare: number;
  department?: DepartmentCode;
  season?: Seasonality;
  /** Change per year (0.1 = +10 % a year, log-linear over the whole span). */
  annualTrend: number;
  /** Change of the last 52 weeks against the 52 before (−0.64 = down 64 % year over year), if the category has one. */
  lastYearChange?: number;
  hours: HourProfile;
  days: DayProfile;
  /** Complaint deadline in working days; the median handling time is a fraction of it (see complaints.ts). */
  deadlineDays: number;
  /** Median handling time of a case, working days. */
  caseDays: number;
  /** How much more often than average a record of this category is difficult (1 = average). */
  difficulty: number;
  /** Share of records that name an enterprise, and which industries. */
  enterpriseShare: number;
  industries: readonly Industry[];
  sources: SourceShares;
  outcomes: OutcomeShares;
  /** Median fine of a penalty, yuan (log-normal). */
  fineYuan: number;
  /** The law a case cites. */
  law: string;
}

/* Seasonal shapes shared by several categories. */
/** Summer evenings: stalls, shopfronts and noise when people are out late (peak mid-July). */
export const SUMMER_EVENINGS: Seasonality = { peakDay: 200, amplitude: 0.5 };
/** Summer: heat spoils food, windows stay open, water and power run short (peak late July). */
export const SUMMER: Seasonality = { peakDay: 205, amplitude: 0.3 };
/** Winter: heating, dry air and indoor crowding raise fire and gas hazards (the 冬春火灾防控 campaign season). */
export const WINTER: Seasonality = { peakDay: 15, amplitude: 0.35 };
/**
 * Wage arrears before the Spring Festival: workers want to be paid before they go home, and the State Council's
 * yearly winter campaign on wage arrears (根治欠薪冬季专项行动, from mid-November to the festival) draws complaints.
 */
export const PRE_SPRING_FESTIVAL: Bump = { anchor: 'springFestival', at: -21, width: 12, height: 2.5 };
/** The plum rains (梅雨, mid-June to early July) and the typhoon season (August–September) flood and damage. */
export const RAIN_AND_TYPHOONS: Seasonality = {
  bumps: [
    { anchor: 'dayOfYear', at: 175, width: 12, height: 1.2 },
    { anchor: 'dayOfYear', at: 228, width: 20, height: 0.8 },
  ],
};
/** Job seeking and moving after the festival (the 春风行动 job fairs), when the migrant workforce returns. */
export const AFTER_SPRING_FESTIVAL: Seasonality = {
  bumps: [{ anchor: 'springFestival', at: 20, width: 10, height: 1.2 }],
};
/** School terms: quiet in the summer and winter holidays. */
export const SCHOOL_TERMS: Seasonality = {
  bumps: [
    { anchor: 'dayOfYear', at: 212, width: 22, height: -0.75 },
    { anchor: 'springFestival', at: 0, width: 16, height: -0.6 },
  ],
};
/** Burning straw after the harvests (rapeseed and wheat in late May, rice in October–November). */
export const HARVESTS: Seasonality = {
  bumps: [
    { anchor: 'dayOfYear', at: 150, width: 10, height: 0.8 },
    { anchor: 'dayOfYear', at: 300, width: 15, height: 1.2 },
  ],
};
/** The residents' medical insurance collection period (September to December). */
export const INSURANCE_COLLECTION: Seasonality = { bumps: [{ anchor: 'dayOfYear', at: 320, width: 30, height: 0.8 }] };
/** Travel peaks: before the Spring Festival and at National Day. */
export const TRAVEL_PEAKS: Seasonality = {
  bumps: [
    { anchor: 'springFestival', at: -5, width: 6, height: 0.8 },
    { anchor: 'dayOfYear', at: 275, width: 4, height: 0.6 },
  ],
};

/** What a taxonomy area (level-1 category) sets for all its leaves unless a leaf says otherwise. */
export type AreaDefaults = Omit<CategoryProfile, 'code' | 'weight'>;

/** What a leaf gets when neither its area nor the leaf itself says otherwise. */
export const BASE_PROFILE: AreaDefaults = {
  dispersion: 4,
  driver: 'population',
  caseShare: 0,
  annualTrend: 0,
  hours: 'daytime',
  days: 'flat',
  deadlineDays: 5,
  caseDays: 15,
  difficulty: 1,
  enterpriseShare: 0,
  industries: [],
  sources: [0.55, 0.3, 0.1, 0.05],
  outcomes: [0.3, 0.2, 0.4, 0.05, 0.05],
  fineYuan: 2000,
  law: '',
};

/** Defaults by taxonomy area (level-1 code): department, driver, case share, handling, sources, outcomes, law. */
export const AREA_PROFILES: Readonly<Record<string, AreaDefaults>> = {
  // 市场秩序: market supervision; shops and online sellers.
  market_order: {
    ...BASE_PROFILE,
    driver: 'commerce',
    department: 'market',
    caseShare: 0.3,
    deadlineDays: 7,
    caseDays: 20,
    sources: [0.4, 0.35, 0.15, 0.1],
    outcomes: [0.4, 0.2, 0.3, 0.05, 0.05],
    fineYuan: 5000,
    law: '《中华人民共和国产品质量法》',
  },
  // 市容环境: the enforcement team's daily patrol work.
  city_appearance: {
    ...BASE_PROFILE,
    driver: 'commerce',
    department: 'enforcement',
    caseShare: 0.5,
    deadlineDays: 3,
    caseDays: 2,
    difficulty: 0.5,
    sources: [0.8, 0.15, 0.03, 0.02],
    outcomes: [0.2, 0.2, 0.55, 0.03, 0.02],
    fineYuan: 500,
    law: '《城市市容和环境卫生管理条例》',
  },
  // 违法建设: long cases, often contested.
  illegal_construction: {
    ...BASE_PROFILE,
    department: 'enforcement',
    caseShare: 0.5,
    annualTrend: -0.1,
    deadlineDays: 10,
    caseDays: 30,
    difficulty: 2,
    sources: [0.5, 0.3, 0.15, 0.05],
    outcomes: [0.35, 0.05, 0.45, 0.05, 0.1],
    fineYuan: 20_000,
    law: '《中华人民共和国城乡规划法》',
  },
  // 劳动保障: follows the workforce of the enterprises.
  labour: {
    ...BASE_PROFILE,
    driver: 'enterprises',
    department: 'labour',
    caseShare: 0.15,
    days: 'weekday',
    hours: 'office',
    deadlineDays: 10,
    caseDays: 15,
    difficulty: 2,
    enterpriseShare: 0.95,
    industries: ['manufacturing', 'textiles', 'jewellery', 'small_commodities', 'logistics', 'construction'],
    sources: [0.15, 0.65, 0.15, 0.05],
    outcomes: [0.15, 0.15, 0.6, 0.05, 0.05],
    fineYuan: 20_000,
    law: '《保障农民工工资支付条例》',
  },
  // 食品安全: market supervision again, around restaurants and food shops.
  food_safety: {
    ...BASE_PROFILE,
    driver: 'commerce',
    department: 'market',
    caseShare: 0.35,
    deadlineDays: 5,
    caseDays: 15,
    enterpriseShare: 0.7,
    industries: ['catering', 'retail'],
    sources: [0.45, 0.4, 0.1, 0.05],
    outcomes: [0.4, 0.25, 0.3, 0.05, 0],
    fineYuan: 5000,
    law: '《中华人民共和国食品安全法》',
  },
  // 消防安全: urgent; Yiwu's workshops with living quarters (三合一) are the classic hazard.
  fire_safety: {
    ...BASE_PROFILE,
    department: 'emergency',
    caseShare: 0.4,
    season: WINTER,
    deadlineDays: 2,
    caseDays: 10,
    sources: [0.6, 0.2, 0.15, 0.05],
    outcomes: [0.35, 0.2, 0.4, 0.05, 0],
    fineYuan: 5000,
    law: '《中华人民共和国消防法》',
  },
  // 生态环境: factories' emissions, mostly.
  environment: {
    ...BASE_PROFILE,
    driver: 'enterprises',
    department: 'ecology',
    caseShare: 0.3,
    deadlineDays: 7,
    caseDays: 25,
    enterpriseShare: 0.6,
    industries: ['manufacturing', 'textiles', 'jewellery'],
    sources: [0.4, 0.4, 0.15, 0.05],
    outcomes: [0.4, 0.15, 0.35, 0.05, 0.05],
    fineYuan: 50_000,
    law: '《中华人民共和国大气污染防治法》',
  },
  // 噪声扰民: evenings and nights, complaints far more than cases.
  noise: {
    ...BASE_PROFILE,
    department: 'enforcement',
    caseShare: 0.25,
    season: SUMMER,
    hours: 'night',
    dispersion: 3,
    deadlineDays: 3,
    caseDays: 10,
    sources: [0.2, 0.7, 0.05, 0.05],
    outcomes: [0.3, 0.3, 0.35, 0.05, 0],
    fineYuan: 5000,
    law: '《中华人民共和国噪声污染防治法》',
  },
  // 交通与停车.
  traffic: {
    ...BASE_PROFILE,
    driver: 'commerce',
    department: 'transport',
    caseShare: 0,
    deadlineDays: 5,
    caseDays: 1,
    difficulty: 0.5,
    sources: [0.85, 0.1, 0.03, 0.02],
    outcomes: [0.6, 0.3, 0.1, 0, 0],
    fineYuan: 150,
    law: '《中华人民共和国道路交通安全法》',
  },
  // 住房与物业.
  housing: {
    ...BASE_PROFILE,
    department: 'housing',
    caseShare: 0.05,
    deadlineDays: 7,
    caseDays: 20,
    difficulty: 1.5,
    sources: [0.3, 0.5, 0.15, 0.05],
    outcomes: [0.2, 0.3, 0.4, 0.05, 0.05],
    fineYuan: 10_000,
    law: '《物业管理条例》',
  },
  // 公共设施: maintenance requests, never cases.
  public_facilities: { ...BASE_PROFILE, department: 'housing', deadlineDays: 5 },
  // 社会保障: questions and grievances about benefits.
  social_security: { ...BASE_PROFILE, department: 'labour', days: 'weekday', hours: 'office', deadlineDays: 10 },
  // 安全生产.
  work_safety: {
    ...BASE_PROFILE,
    driver: 'enterprises',
    department: 'emergency',
    caseShare: 0.45,
    deadlineDays: 3,
    caseDays: 15,
    enterpriseShare: 0.85,
    industries: ['manufacturing', 'logistics', 'textiles', 'construction'],
    sources: [0.6, 0.2, 0.15, 0.05],
    outcomes: [0.4, 0.2, 0.35, 0.05, 0],
    fineYuan: 20_000,
    law: '《中华人民共和国安全生产法》',
  },
  // 矛盾纠纷: mediation, not enforcement.
  disputes: { ...BASE_PROFILE, deadlineDays: 10, difficulty: 1.5 },
  other: { ...BASE_PROFILE },
};
