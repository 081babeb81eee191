import type { Day } from './types.js';

/*
 * The vocabulary of the Chinese working-day calendar. The data itself lives in holidays-cn.ts (generated); the
 * lookups in cn-calendar.ts.
 */

/** The holidays of the State Council's arrangements, including the one-off Victory Day of 2015. */
export const HOLIDAY_KEYS = [
  'newYear',
  'springFestival',
  'tombSweeping',
  'labourDay',
  'dragonBoat',
  'midAutumn',
  'nationalDay',
  'victoryDay',
] as const;

/** One of HOLIDAY_KEYS: a stable name for a holiday, for code and i18n keys. */
export type HolidayKey = (typeof HOLIDAY_KEYS)[number];

/** The locales Shanzhi speaks (zh-CN first). */
export type Locale = 'zh-CN' | 'en-US';

/** Display names of the holidays: the short Chinese name the notices use, and the usual English one. */
export const HOLIDAY_NAMES: Readonly<Record<HolidayKey, Readonly<Record<Locale, string>>>> = {
  newYear: { 'zh-CN': '元旦', 'en-US': "New Year's Day" },
  springFestival: { 'zh-CN': '春节', 'en-US': 'Spring Festival' },
  tombSweeping: { 'zh-CN': '清明节', 'en-US': 'Tomb-sweeping Day' },
  labourDay: { 'zh-CN': '劳动节', 'en-US': 'Labour Day' },
  dragonBoat: { 'zh-CN': '端午节', 'en-US': 'Dragon Boat Festival' },
  midAutumn: { 'zh-CN': '中秋节', 'en-US': 'Mid-autumn Festival' },
  nationalDay: { 'zh-CN': '国庆节', 'en-US': 'National Day' },
  victoryDay: {
    'zh-CN': '中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日',
    'en-US': '70th Anniversary of the Victory of the War of Resistance',
  },
};

/** One calendar year of the State Council's holiday arrangement, grouped by holiday. */
export interface HolidayYear {
  /**
   * The 国务院办公厅 notice for this year's arrangement, or null while none is published. Days around New Year can
   * come from the neighbouring year's notice: 2018-12-29..31 belong to the 2019 New Year break.
   */
  readonly notice: string | null;
  /** True while the year holds only what law fixes in advance, before the notice: see holidays-cn.ts. */
  readonly provisional: boolean;
  /** Rest days of each break as the notice lists them (weekdays, and the weekend days it names). */
  readonly rest: Readonly<Partial<Record<HolidayKey, readonly Day[]>>>;
  /** Make-up working days (调休上班): weekend days worked in exchange for weekdays off. */
  readonly work: Readonly<Partial<Record<HolidayKey, readonly Day[]>>>;
}
