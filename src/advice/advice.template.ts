import { invalidField } from '../core/errors.js';
import { type Locale, weeksBetween } from '../core/time/index.js';

/*
 * Advice templates are plain text with placeholders in braces: `{place}{category}问题突增`. Each placeholder becomes a
 * whole phrase, unit included (`{count}` → `12件` / `12 records`), and a missing fact becomes a phrase that fits the
 * same slot (`{expected}` → `往常约3.2件`, or `往常水平` when the engine has no expectation), so a template reads well
 * whatever the engine knows. Literal braces are not allowed: every brace belongs to a placeholder.
 */

/** A name in both locales. */
export interface LocalName {
  zh: string;
  en: string;
}

/** What a template is filled with: the facts of a warning and the department its advice names. */
export interface FillFacts {
  category: LocalName | null;
  place: LocalName;
  villages: readonly LocalName[];
  /** ISO weeks `YYYYWW`: the latest week seen and the week the episode began. */
  week: number;
  sinceWeek: number;
  observed: number;
  expected: number | null;
  upperBound: number | null;
  terms: readonly string[];
  slopePerWeek: number | null;
  overdue: number | null;
  department?: LocalName | null;
}

export const placeholders = [
  'category',
  'place',
  'villages',
  'count',
  'expected',
  'upper',
  'week',
  'since',
  'weeks',
  'terms',
  'slope',
  'overdue',
  'department',
] as const;
export type Placeholder = (typeof placeholders)[number];

const known = new Set<string>(placeholders);

/** The fallbacks, each a phrase that stands where the fact would. */
const missing: Record<
  Locale,
  Record<'category' | 'expected' | 'upper' | 'weeks' | 'terms' | 'slope' | 'overdue' | 'count' | 'department', string>
> = {
  'zh-CN': {
    category: '各类事项',
    expected: '往常水平',
    upper: '预警上限',
    weeks: '近几周',
    terms: '一批新词',
    slope: '呈逐周上升态势',
    overdue: '多件',
    count: '若干件',
    department: '属地村（社区）和相关职能部门',
  },
  'en-US': {
    category: 'all matters',
    expected: 'the usual level',
    upper: 'the alert threshold',
    weeks: 'the past few weeks',
    terms: 'a cluster of new words',
    slope: 'rising week by week',
    overdue: 'several records',
    count: 'a number of records',
    department: 'the village and the departments concerned',
  },
};

const isNumber = (value: number | null | undefined): value is number =>
  typeof value === 'number' && Number.isFinite(value);

/** At most one decimal, without a trailing `.0`: 3.24 → 3.2, 4 → 4. */
function decimal(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return String(Object.is(rounded, -0) ? 0 : rounded);
}

function whole(value: number): string {
  return String(Math.round(value));
}

function records(value: number, locale: Locale): string {
  const n = whole(value);
  return locale === 'zh-CN' ? `${n}件` : `${n} ${n === '1' ? 'record' : 'records'}`;
}

/** `2025年第23周` / `week 23 of 2025`: formatted without validation, so a bad week never stops a draft. */
export function formatAdviceWeek(week: number, locale: Locale): string {
  const year = Math.floor(week / 100);
  const number = week % 100;
  return locale === 'zh-CN' ? `${year}年第${number}周` : `week ${number} of ${year}`;
}

/** Weeks from `since` to `week`, both counted; null when they are not ISO weeks or `since` comes later. */
function weeksSpanned(since: number, week: number): number | null {
  try {
    const between = weeksBetween(since, week);
    return between < 0 ? null : between + 1;
  } catch {
    return null;
  }
}

/** An English category name inside a sentence: "Noise nuisance" → "noise nuisance"; "PM2.5 …" stays. */
function inSentence(name: string): string {
  return /^[A-Z][a-z]/.test(name) ? name[0].toLowerCase() + name.slice(1) : name;
}

function value(name: Placeholder, facts: FillFacts, locale: Locale): string {
  const zh = locale === 'zh-CN';
  const fallback = missing[locale];
  const pick = (local: LocalName) => (zh ? local.zh : local.en || local.zh);
  const list = (items: readonly string[]) => items.join(zh ? '、' : ', ');
  switch (name) {
    case 'category':
      return facts.category ? (zh ? facts.category.zh : inSentence(pick(facts.category))) : fallback.category;
    case 'place':
      return pick(facts.place);
    case 'villages':
      return facts.villages.length > 0 ? list(facts.villages.map(pick)) : pick(facts.place);
    case 'count':
      return isNumber(facts.observed) ? records(facts.observed, locale) : fallback.count;
    case 'expected':
      if (!isNumber(facts.expected)) {
        return fallback.expected;
      }
      return zh ? `往常约${decimal(facts.expected)}件` : `the usual ${decimal(facts.expected)} records`;
    case 'upper':
      if (!isNumber(facts.upperBound)) {
        return fallback.upper;
      }
      return zh ? `预警上限${decimal(facts.upperBound)}件` : `the alert threshold of ${decimal(facts.upperBound)}`;
    case 'week':
      return formatAdviceWeek(facts.week, locale);
    case 'since':
      return formatAdviceWeek(facts.sinceWeek, locale);
    case 'weeks': {
      const weeks = weeksSpanned(facts.sinceWeek, facts.week);
      if (weeks === null) {
        return fallback.weeks;
      }
      return zh ? `${weeks}周` : `${weeks} ${weeks === 1 ? 'week' : 'weeks'}`;
    }
    case 'terms': {
      const terms = facts.terms.filter((term) => term.trim() !== '');
      if (terms.length === 0) {
        return fallback.terms;
      }
      const quoted = list(terms.map((term) => `“${term}”`));
      return zh ? `${quoted}等新词` : `new words such as ${quoted}`;
    }
    case 'slope':
      if (!isNumber(facts.slopePerWeek) || facts.slopePerWeek <= 0) {
        return fallback.slope;
      }
      return zh
        ? `平均每周增加${decimal(facts.slopePerWeek)}件`
        : `rising by about ${decimal(facts.slopePerWeek)} a week`;
    case 'overdue':
      return isNumber(facts.overdue) ? records(facts.overdue, locale) : fallback.overdue;
    case 'department': {
      if (!facts.department) {
        return fallback.department;
      }
      const name = pick(facts.department);
      // An English unit's name takes the article inside a sentence ("the Suxi Market Supervision Office").
      return !zh && /^[A-Z]/.test(name) && !/^the\s/i.test(name) ? `the ${name}` : name;
    }
  }
}

const PLACEHOLDER = /\{([^{}]*)\}/g;

/** Whether an English value placed after `before` starts a sentence (and so takes a capital). */
function startsSentence(before: string): boolean {
  const trimmed = before.replace(/[\s"“(（]+$/u, '');
  return trimmed === '' || /[.!?:\n]$/.test(trimmed) || /\n\s*$/.test(before);
}

/**
 * Fill a template with a warning's facts in one locale (zh-CN: `2025年第23周`, villages joined with 、; en-US:
 * `week 23 of 2025`, commas). One pass: a value containing braces is inserted as it is, never filled again. An
 * unknown placeholder is left untouched (validateTemplateText refuses them before a template is stored). Pure.
 */
export function fillTemplate(body: string, facts: FillFacts, locale: Locale): string {
  return body.replace(PLACEHOLDER, (whole, name: string, offset: number) => {
    if (!known.has(name)) {
      return whole;
    }
    const text = value(name as Placeholder, facts, locale);
    if (locale === 'en-US' && startsSentence(body.slice(0, offset)) && /^[a-z]/.test(text)) {
      return text[0].toUpperCase() + text.slice(1);
    }
    return text;
  });
}

/** The placeholders a text uses, in order of first use. */
export function placeholdersOf(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((match) => match[1]))];
}

/**
 * What is wrong with a template text, or null: an unknown placeholder, or a brace that opens no placeholder or closes
 * none (positions count characters from 1).
 */
export function templateTextProblem(text: string): string | null {
  let open = -1;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (char === '{') {
      if (open >= 0) {
        return `the brace at ${open + 1} is not closed before the next one at ${i + 1}`;
      }
      open = i;
    } else if (char === '}') {
      if (open < 0) {
        return `the closing brace at ${i + 1} has no opening brace`;
      }
      const name = text.slice(open + 1, i);
      if (!known.has(name)) {
        const shown = name.length > 40 ? `${name.slice(0, 40)}…` : name;
        return `unknown placeholder {${shown}}; use ${placeholders.map((p) => `{${p}}`).join(' ')}`;
      }
      open = -1;
    }
  }
  return open >= 0 ? `the brace at ${open + 1} is not closed` : null;
}

/** Refuse a bad template text: an invalid_input error naming `field` (`title`, `titleEn`, `body`, `bodyEn`). */
export function validateTemplateText(field: string, text: string): void {
  const problem = templateTextProblem(text);
  if (problem !== null) {
    throw invalidField(field, problem);
  }
}
