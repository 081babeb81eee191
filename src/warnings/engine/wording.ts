/**
 * What a warning says, in Chinese and English, written from its figures (never canned sentences about trends).
 */
import { weekParts } from '../../core/time/index.js';
import type { MethodName } from '../../detect/index.js';
import type { Named } from './shape.js';

export function weekLabel(week: number): Named {
  const { year, week: n } = weekParts(week);
  return { zh: `${year}年第${n}周`, en: `week ${n} of ${year}` };
}

const METHOD_NAMES: Record<string, Named> = {
  'farrington-noufaily': { zh: 'Farrington（Noufaily）', en: 'Farrington (Noufaily)' },
  'ears-c1': { zh: 'EARS C1', en: 'EARS C1' },
  'ears-c2': { zh: 'EARS C2', en: 'EARS C2' },
  'ears-c3': { zh: 'EARS C3', en: 'EARS C3' },
  glrnb: { zh: 'GLR负二项控制图', en: 'the negative-binomial GLR chart' },
  'mann-kendall': { zh: 'Mann-Kendall趋势检验', en: 'the Mann-Kendall trend test' },
  'term-burst': { zh: '词频突发检验', en: 'the term-burst test' },
  'overdue-rule': { zh: '超期积压规则', en: 'the overdue-backlog rule' },
};

export type EngineMethod = MethodName | 'mann-kendall' | 'term-burst' | 'overdue-rule';

export function methodName(method: string): Named {
  return METHOD_NAMES[method] ?? { zh: method, en: method };
}

export function listNames(names: readonly Named[]): Named {
  return {
    zh: names.map((n) => n.zh).join('、'),
    en:
      names.length <= 2
        ? names.map((n) => n.en).join(' and ')
        : `${names
            .slice(0, -1)
            .map((n) => n.en)
            .join(', ')} and ${names.at(-1)?.en}`,
  };
}

/** A count or an expectation as people read it: whole numbers plain, others with one decimal. */
export function figure(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

export interface OutbreakWords {
  what: Named;
  where: Named;
  spread: boolean;
  week: number;
  sinceWeek: number;
  weeks: number;
  observed: number;
  expected: number | null;
  upperBound: number | null;
  methods: readonly string[];
}

export function outbreakSummary(w: OutbreakWords): Named {
  const week = weekLabel(w.week);
  const since = weekLabel(w.sinceWeek);
  const methods = listNames(w.methods.map(methodName));
  const expectedZh = w.expected === null ? '' : `，预期${figure(w.expected)}件`;
  const expectedEn = w.expected === null ? '' : ` against ${figure(w.expected)} expected`;
  const boundZh =
    w.upperBound === null
      ? ''
      : `、预警上限${figure(w.upperBound)}件（为上限的${figure(Math.round((w.observed / Math.max(w.upperBound, 0.1)) * 10) / 10)}倍）`;
  const boundEn = w.upperBound === null ? '' : ` (upper bound ${figure(w.upperBound)})`;
  const runZh = w.weeks > 1 ? `，自${since.zh}起已连续${w.weeks}周偏高` : '';
  const runEn = w.weeks > 1 ? `, high for ${w.weeks} weeks in a row since ${since.en}` : '';
  return {
    zh: `${w.where.zh}${w.spread ? '多地' : ''}“${w.what.zh}”${week.zh}共${w.observed}件${expectedZh}${boundZh}${runZh}；${methods.zh}判定异常。`,
    en: `${w.what.en} in ${w.where.en}: ${w.observed} records in ${week.en}${expectedEn}${boundEn}${runEn}; flagged by ${methods.en}.`,
  };
}

export interface TrendWords {
  what: Named;
  where: Named;
  week: number;
  weeks: number;
  first: number;
  last: number;
  slopePerWeek: number;
  mean: number;
}

export function trendSummary(w: TrendWords): Named {
  const week = weekLabel(w.week);
  const rise = Math.round(((w.slopePerWeek * w.weeks) / w.mean) * 100);
  return {
    zh: `${w.where.zh}“${w.what.zh}”近${w.weeks}周持续上升（截至${week.zh}）：每周约增加${figure(Math.round(w.slopePerWeek * 10) / 10)}件，由${w.first}件升至${w.last}件，累计升幅约${rise}%；Mann-Kendall趋势检验显著。`,
    en: `${w.what.en} in ${w.where.en} has risen for ${w.weeks} weeks (to ${week.en}): about ${figure(Math.round(w.slopePerWeek * 10) / 10)} more a week, from ${w.first} to ${w.last}, some ${rise}% over the window; the Mann-Kendall test is significant.`,
  };
}

export interface EmergingWords {
  where: Named;
  week: number;
  terms: readonly string[];
  textCount: number;
  expected: number;
}

export function emergingSummary(w: EmergingWords): Named {
  const week = weekLabel(w.week);
  const terms = w.terms.slice(0, 5);
  return {
    zh: `${w.where.zh}投诉中出现新的高频词“${terms.join('”“')}”：${week.zh}${w.textCount}件投诉提及，按以往约${figure(Math.round(w.expected * 10) / 10)}件；可能是苗头性问题。`,
    en: `New frequent words in complaints in ${w.where.en}: “${terms.join('”, “')}” in ${w.textCount} complaints in ${week.en}, against about ${figure(Math.round(w.expected * 10) / 10)} before; possibly an emerging issue.`,
  };
}

export interface BacklogWords {
  department: Named;
  what: Named | null;
  week: number;
  overdue: number;
  before: number;
}

export function backlogSummary(w: BacklogWords): Named {
  const week = weekLabel(w.week);
  const whatZh = w.what === null ? '' : `（以“${w.what.zh}”为主）`;
  const whatEn = w.what === null ? '' : ` (mostly ${w.what.en})`;
  return {
    zh: `${w.department.zh}超期未办结件积压：截至${week.zh}共${w.overdue}件${whatZh}，四周前为${w.before}件。`,
    en: `Overdue backlog at ${w.department.en}: ${w.overdue} records past their deadline and still open at ${week.en}${whatEn}, against ${w.before} four weeks before.`,
  };
}
