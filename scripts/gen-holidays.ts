/**
 * Writes src/core/time/holidays-cn.ts, the data of the Chinese working-day calendar, from the npm package
 * chinese-days (MIT, https://github.com/vsme/chinese-days), which transcribes the 国务院办公厅 holiday notices.
 * Shanzhi does not depend on the package: fetch it once, outside the repository, and point this script at it:
 *
 *   cd /tmp && npm pack chinese-days@1.5.7 && tar xzf chinese-days-1.5.7.tgz
 *   cd - && npx tsx scripts/gen-holidays.ts /tmp/package
 *   npx biome check src/core/time && npx vitest run src/core/time
 *
 * A year for which the package has no data is written as provisional: only the holidays that law fixes to calendar
 * dates, no lunar holidays and no make-up working days, until the State Council publishes that year's notice
 * (usually in November of the year before) and the package carries it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HolidayKey } from '../src/core/time/holiday-names.js';

const FIRST_YEAR = 2015;
const LAST_YEAR = 2027;
const OUTPUT = new URL('../src/core/time/holidays-cn.ts', import.meta.url);
const LINE_WIDTH = 120; // biome.json's; the output must pass `biome check` untouched.

/** The package names a day's holiday as "Spring Festival,春节,3"; its English name picks our key. */
const KEY_OF_PACKAGE_NAME: Readonly<Record<string, HolidayKey>> = {
  "New Year's Day": 'newYear',
  'Spring Festival': 'springFestival',
  'Tomb-sweeping Day': 'tombSweeping',
  'Labour Day': 'labourDay',
  'Dragon Boat Festival': 'dragonBoat',
  'Mid-autumn Festival': 'midAutumn',
  'National Day': 'nationalDay',
  'Anti-Fascist 70th Day': 'victoryDay',
};

/**
 * 全国年节及纪念日放假办法 (2024 revision, State Council Decree No. 795, in force from 2025): the statutory holidays on
 * fixed solar dates. The others follow the lunar calendar (春节, 端午, 中秋) or a solar term (清明).
 */
const FIXED_DATE_HOLIDAYS: ReadonlyArray<readonly [HolidayKey, readonly string[]]> = [
  ['newYear', ['01-01']],
  ['labourDay', ['05-01', '05-02']],
  ['nationalDay', ['10-01', '10-02', '10-03']],
];

interface PackageData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

type Grouped = Map<HolidayKey, string[]>;

interface YearEntry {
  notice: string | null;
  provisional: boolean;
  rest: Grouped;
  work: Grouped;
}

function keyOf(day: string, description: string): HolidayKey {
  const englishName = description.split(',')[0] ?? '';
  const key = KEY_OF_PACKAGE_NAME[englishName];
  if (!key) {
    throw new Error(`${day}: unknown holiday "${description}"; add it to HolidayKey and KEY_OF_PACKAGE_NAME`);
  }
  return key;
}

/** The year's days grouped by holiday, holidays in the order they first occur, days sorted. */
function groupYear(days: Record<string, string>, year: number): Grouped {
  const grouped: Grouped = new Map();
  const inYear = Object.keys(days)
    .filter((day) => day.startsWith(`${year}-`))
    .sort();
  for (const day of inYear) {
    const key = keyOf(day, days[day] ?? '');
    grouped.set(key, [...(grouped.get(key) ?? []), day]);
  }
  return grouped;
}

/** The notice URL the package's source cites above each year (`* 2024` then `* https://…`). */
function noticesOf(generateSource: string): Map<number, string> {
  const notices = new Map<number, string>();
  for (const match of generateSource.matchAll(/\*\s+(\d{4})\s*\n\s*\*\s+(https?:\/\/\S+)/g)) {
    notices.set(Number(match[1]), match[2] ?? '');
  }
  return notices;
}

function isWeekend(day: string): boolean {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/** The checks the calendar relies on; a package update that breaks one must not slip into our data. */
function check(year: number, entry: YearEntry): void {
  const rest = [...entry.rest.values()].flat();
  const work = [...entry.work.values()].flat();
  for (const day of work) {
    if (!isWeekend(day)) {
      throw new Error(`${year}: make-up working day ${day} is not a Saturday or Sunday`);
    }
    if (rest.includes(day)) {
      throw new Error(`${year}: ${day} is both a rest day and a make-up working day`);
    }
  }
}

function buildYear(year: number, data: PackageData, notices: Map<number, string>): YearEntry {
  const rest = groupYear(data.holidays, year);
  const work = groupYear(data.workdays, year);
  if (rest.size > 0) {
    return { notice: notices.get(year) ?? null, provisional: false, rest, work };
  }
  const fixed: Grouped = new Map(FIXED_DATE_HOLIDAYS.map(([key, days]) => [key, days.map((day) => `${year}-${day}`)]));
  return { notice: null, provisional: true, rest: fixed, work: new Map() };
}

const quote = (text: string): string => `'${text}'`;

/** An array property laid out as biome lays it out: on one line if it fits, else one element per line. */
function arrayProperty(indent: string, key: string, days: readonly string[]): string {
  const oneLine = `${indent}${key}: [${days.map(quote).join(', ')}],`;
  if (oneLine.length <= LINE_WIDTH) {
    return oneLine;
  }
  return [`${indent}${key}: [`, ...days.map((day) => `${indent}  ${quote(day)},`), `${indent}],`].join('\n');
}

function groupProperty(name: string, grouped: Grouped): string {
  if (grouped.size === 0) {
    return `    ${name}: {},`;
  }
  const lines = [...grouped].map(([key, days]) => arrayProperty('      ', key, days));
  return [`    ${name}: {`, ...lines, '    },'].join('\n');
}

function render(version: string, years: ReadonlyMap<number, YearEntry>): string {
  const provisional = [...years].filter(([, entry]) => entry.provisional).map(([year]) => year);
  const provisionalNote =
    provisional.length === 0
      ? ' * Every year is official.'
      : [
          ` * Provisional: ${provisional.join(', ')} (chinese-days ${version} has no notice yet). Only the fixed-date statutory holidays of`,
          ' * 全国年节及纪念日放假办法 are rest days (元旦 1 January, 劳动节 1–2 May, 国庆节 1–3 October); no lunar holidays and',
          ' * no make-up working days. Regenerate once the notice is published.',
        ].join('\n');
  const entries = [...years].map(([year, entry]) =>
    [
      `  ${year}: {`,
      `    notice: ${entry.notice === null ? 'null' : quote(entry.notice)},`,
      `    provisional: ${entry.provisional},`,
      groupProperty('rest', entry.rest),
      groupProperty('work', entry.work),
      '  },',
    ].join('\n'),
  );
  return `// Generated by scripts/gen-holidays.ts from chinese-days ${version} (MIT, © 2024 Yawei Sun,
// https://github.com/vsme/chinese-days). Do not edit by hand: fix the generator or the package and regenerate.
import type { HolidayYear } from './holiday-names.js';

/** First year of the working-day calendar; before it only weekends are rest days. */
export const HOLIDAY_FIRST_YEAR = ${FIRST_YEAR};
/** Last year of the working-day calendar; after it only weekends are rest days. */
export const HOLIDAY_LAST_YEAR = ${LAST_YEAR};

/**
 * The State Council's holiday arrangements (国务院办公厅关于…部分节假日安排的通知) by calendar year: rest days and make-up
 * working days, grouped by holiday.
${provisionalNote}
 */
export const CN_HOLIDAYS: Readonly<Record<number, HolidayYear>> = {
${entries.join('\n')}
};
`;
}

function main(packageDir: string): void {
  const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string };
  const data = JSON.parse(readFileSync(join(packageDir, 'dist/chinese-days.json'), 'utf8')) as PackageData;
  const notices = noticesOf(readFileSync(join(packageDir, 'src/holidays/generate.ts'), 'utf8'));
  const years = new Map<number, YearEntry>();
  for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) {
    const entry = buildYear(year, data, notices);
    check(year, entry);
    years.set(year, entry);
  }
  writeFileSync(OUTPUT, render(version, years));
  const provisional = [...years].filter(([, entry]) => entry.provisional).map(([year]) => year);
  console.log(`wrote ${OUTPUT.pathname}: ${FIRST_YEAR}–${LAST_YEAR}, provisional: ${provisional.join(', ') || 'none'}`);
}

main(process.argv[2] ?? '/tmp/package');
