import type { Locale, Month } from '../../core/time/index.js';
import { monthParts } from '../../core/time/index.js';
import type { Stats, StatsRow } from '../../stats/index.js';
import { rankingChart } from '../charts/index.js';
import { type Block, chart, heading, type ParagraphBlock, paragraph, table } from '../document/index.js';
import { count, departmentTable, hoursOf, keyName, movesOf, percentText, RATES, value } from '../shared/index.js';
import { monthTrendChart } from './monthly.chart.js';
import type { Repeat } from './monthly.data.js';
import type { textFor } from './monthly.text.js';

/*
 * Sections 1–3 and 5 of the monthly advice, and the tables of section 4: each a pure function from stats answers
 * (and the words of the locale) to blocks. The service reads the numbers; these only write them.
 */

const TREND_CHART = { width: 640, height: 340 };
const VILLAGE_CHART = { width: 640, height: 360 };

export type Text = ReturnType<typeof textFor>;
export type Num = (x: number) => string;

/** Sentences as one paragraph: English sentences need a space between them, Chinese ones none. */
export function sentences(locale: Locale, ...parts: string[]): ParagraphBlock {
  return paragraph(parts.filter((p) => p !== '').join(locale === 'en-US' ? ' ' : ''));
}

export function overallSection(
  t: Text,
  overall: Stats,
  complaints: Stats,
  cases: Stats,
  trend: Stats,
  monthName: string,
  n: Num,
  locale: Locale,
): Block[] {
  const total = overall.totals[0];
  const records = count(total?.values, 'records');
  const blocks: Block[] = [heading(1, t.headings.overall)];
  if (records === 0) {
    blocks.push(paragraph(t.empty(monthName)));
  } else {
    blocks.push(
      sentences(
        locale,
        t.overall(
          monthName,
          {
            records: n(records),
            complaints: n(count(complaints.totals[0]?.values, 'records')),
            cases: n(count(cases.totals[0]?.values, 'records')),
          },
          t.change(value(total?.pop?.change, 'records'), locale, count(total?.pop?.values, 'records'), records),
          t.change(value(total?.yoy?.change, 'records'), locale, count(total?.yoy?.values, 'records'), records),
        ),
        t.difficultOverdue(
          n(count(total?.values, 'difficult')),
          n(count(total?.values, 'overdue')),
          t.change(
            value(total?.pop?.change, 'overdue'),
            locale,
            count(total?.pop?.values, 'overdue'),
            count(total?.values, 'overdue'),
          ),
        ),
      ),
    );
  }
  const compared = (stats: Stats, measure: string) => {
    const row = stats.totals[0];
    return [
      count(row?.values, measure),
      count(row?.pop?.values, measure),
      value(row?.pop?.change, measure),
      count(row?.yoy?.values, measure),
      value(row?.yoy?.change, measure),
    ];
  };
  const rowNames = t.tables.overallRows;
  blocks.push(
    table({
      caption: t.tables.overall,
      columns: [
        {},
        { format: 'number' },
        { format: 'number' },
        { format: 'percent', signed: true },
        { format: 'number' },
        { format: 'percent', signed: true },
      ],
      header: [t.tables.overallHeader],
      rows: [
        [rowNames[0] as string, ...compared(overall, 'records')],
        [rowNames[1] as string, ...compared(complaints, 'records')],
        [rowNames[2] as string, ...compared(cases, 'records')],
        [rowNames[3] as string, ...compared(overall, 'difficult')],
        [rowNames[4] as string, ...compared(overall, 'overdue')],
      ],
      notes: [t.tables.source(overall.asOf === null ? t.none : overall.asOf.slice(0, 16).replace('T', ' '))],
    }),
  );
  // The trend over 12 months, only when there is something to draw.
  const months = trend.totals.map((row) => row.period);
  const thisYear = trend.totals.map((row) => count(row.values, 'records'));
  const lastYear = trend.totals.map((row) => value(row.yoy?.values, 'records'));
  if (thisYear.some((x) => x > 0)) {
    const max = Math.max(...thisYear);
    const min = Math.min(...thisYear);
    const label = (i: number) => {
      const { year, month } = monthParts(months[i] as string);
      return t.monthName(year, month);
    };
    blocks.push(
      paragraph(t.trend(months.length, n(max), label(thisYear.indexOf(max)), n(min), label(thisYear.indexOf(min)))),
      chart(monthTrendChart({ months, thisYear, lastYear, unit: t.unit, locale }), TREND_CHART, t.tables.trendChart),
    );
  }
  return blocks;
}

export function categorySection(
  t: Text,
  categories: Stats,
  moves: Stats,
  month: Month,
  n: Num,
  locale: Locale,
): Block[] {
  const blocks: Block[] = [heading(1, t.headings.categories)];
  const moved = movesOf(moves, 'category2', month, locale);
  const movedText = (m: (typeof moved)[number]) => t.moved(m.name, n(m.before), n(m.now), m.now > m.before);
  const rising = moved.filter((m) => m.now > m.before).slice(0, 3);
  const falling = moved
    .filter((m) => m.now < m.before)
    .reverse()
    .slice(0, 3);
  const top = categories.rows.filter((row) => count(row.values, 'records') > 0);
  if (top.length === 0) {
    blocks.push(paragraph(t.noCategories));
    return blocks;
  }
  const first = top[0] as StatsRow;
  blocks.push(
    sentences(
      locale,
      t.topCategory(
        keyName(first, 'category2', locale),
        n(count(first.values, 'records')),
        percentText(count(first.share, 'records'), locale),
        t.change(
          value(first.yoy?.change, 'records'),
          locale,
          count(first.yoy?.values, 'records'),
          count(first.values, 'records'),
        ),
      ),
      rising.length > 0 ? t.rising(rising.map(movedText)) : '',
      falling.length > 0 ? t.falling(falling.map(movedText)) : '',
    ),
    table({
      caption: t.tables.categories,
      columns: [
        {},
        { format: 'number' },
        { format: 'percent' },
        { format: 'number' },
        { format: 'percent', signed: true },
        { format: 'number' },
        { format: 'percent', signed: true },
      ],
      header: [t.tables.categoriesHeader],
      rows: top.map((row) => [
        keyName(row, 'category2', locale),
        count(row.values, 'records'),
        value(row.share, 'records'),
        count(row.pop?.values, 'records'),
        value(row.pop?.change, 'records'),
        count(row.yoy?.values, 'records'),
        value(row.yoy?.change, 'records'),
      ]),
    }),
  );
  return blocks;
}

export function villageSection(t: Text, villages: Stats, records: number, n: Num, locale: Locale): Block[] {
  const blocks: Block[] = [heading(1, t.headings.villages)];
  const ranked = villages.rows
    .filter((row) => count(row.values, 'records') > 0)
    .sort((a, b) => count(b.values, 'records') - count(a.values, 'records'));
  if (ranked.length === 0) {
    blocks.push(paragraph(t.noVillages));
    return blocks;
  }
  const first = ranked[0] as StatsRow;
  const rising = ranked.filter((row) => (value(row.pop?.change, 'records') ?? 0) > 0).slice(0, 3);
  const totals = villages.totals[0];
  blocks.push(
    sentences(
      locale,
      t.topVillage(
        keyName(first, 'village', locale),
        n(count(first.values, 'records')),
        percentText(count(first.share, 'records'), locale),
      ),
      rising.length === 0
        ? ''
        : t.villagesRising(
            rising.map((row) =>
              t.villageMoved(
                keyName(row, 'village', locale),
                n(count(row.values, 'records')),
                t.change(value(row.pop?.change, 'records'), locale),
              ),
            ),
          ),
    ),
    table({
      caption: t.tables.villages,
      columns: [
        {},
        { format: 'number' },
        { format: 'percent' },
        { format: 'number' },
        { format: 'percent', signed: true },
        { format: 'percent', signed: true },
        { format: 'number' },
      ],
      header: [t.tables.villagesHeader],
      rows: ranked.map((row) => [
        keyName(row, 'village', locale),
        count(row.values, 'records'),
        value(row.share, 'records'),
        count(row.pop?.values, 'records'),
        value(row.pop?.change, 'records'),
        value(row.yoy?.change, 'records'),
        count(row.values, 'overdue'),
      ]),
      total: [
        t.tables.total,
        records,
        null,
        count(totals?.pop?.values, 'records'),
        value(totals?.pop?.change, 'records'),
        value(totals?.yoy?.change, 'records'),
        count(totals?.values, 'overdue'),
      ],
    }),
    chart(
      rankingChart({
        items: ranked.map((row) => ({ name: keyName(row, 'village', locale), value: count(row.values, 'records') })),
        top: 10,
        unit: t.unit,
        locale,
      }),
      VILLAGE_CHART,
      t.tables.villageChart,
    ),
  );
  return blocks;
}

/** How many repeat addresses or enterprises a table lists (the most records first); the sentence gives them all. */
export const MAX_REPEATS = 20;

export function repeatBlocks(t: Text, items: Repeat[], kind: 'addresses' | 'enterprises', n: Num): Block[] {
  if (items.length === 0) {
    return [paragraph(kind === 'addresses' ? t.noAddresses : t.noEnterprises)];
  }
  const first = items[0] as Repeat;
  const sentence = (kind === 'addresses' ? t.addresses : t.enterprises)(n(items.length), first.name, n(first.records));
  const second = (r: Repeat) => (kind === 'addresses' ? (r.village ?? t.none) : (r.creditCode ?? t.none));
  const shown = items.slice(0, MAX_REPEATS);
  const notes = [
    ...(items.length > shown.length ? [t.tables.listedTop(n(shown.length), n(items.length))] : []),
    ...(kind === 'addresses' ? [t.tables.addressNote] : []),
  ];
  return [
    paragraph(sentence),
    table({
      caption: kind === 'addresses' ? t.tables.addresses : t.tables.enterprises,
      columns: [{}, {}, {}, { format: 'number' }, { format: 'number' }, { format: 'number' }],
      header: [kind === 'addresses' ? t.tables.addressesHeader : t.tables.enterprisesHeader],
      rows: shown.map((r) => [r.name, second(r), r.category, r.complaints, r.cases, r.records]),
      ...(notes.length > 0 ? { notes } : {}),
    }),
  ];
}

export function departmentSection(
  t: Text,
  efficiency: Stats,
  departments: Stats,
  records: number,
  n: Num,
  locale: Locale,
): Block[] {
  const blocks: Block[] = [heading(1, t.headings.departments)];
  const eff = efficiency.totals[0]?.values;
  const handled = count(eff, 'handled');
  const rate = (x: number | null) => (x === null ? t.none : percentText(x, locale));
  const deptRows = departments.rows.filter(
    (row) => count(row.values, 'records') > 0 || count(row.values, 'handled') > 0,
  );
  const said = [
    handled === 0
      ? t.noHandled
      : t.efficiency(
          n(handled),
          String(hoursOf(value(eff, 'handlingMedian'))),
          String(hoursOf(value(eff, 'handlingP90'))),
        ),
    records === 0
      ? ''
      : t.rates(
          rate(value(eff, 'responseRate')),
          rate(value(eff, 'resolutionRate')),
          rate(value(eff, 'satisfactionRate')),
        ),
  ];
  // Sentences name departments; records nobody was assigned to are in the table, not blamed on a unit.
  const units = deptRows.filter((row) => row.keys.department?.code != null);
  const overdue = count(eff, 'overdue');
  const worst = [...units].sort((a, b) => count(b.values, 'overdue') - count(a.values, 'overdue'))[0];
  if (overdue > 0 && worst && count(worst.values, 'overdue') > 0) {
    said.push(t.worstOverdue(keyName(worst, 'department', locale), n(count(worst.values, 'overdue')), n(overdue)));
  }
  for (const measure of RATES) {
    const townRate = value(eff, measure);
    const low = units
      .filter((row) => value(row.values, measure) !== null)
      .sort((a, b) => (value(a.values, measure) as number) - (value(b.values, measure) as number))[0];
    const lowRate = low ? value(low.values, measure) : null;
    if (townRate !== null && low && lowRate !== null && lowRate < townRate && units.length > 1) {
      said.push(
        t.worstRate(
          keyName(low, 'department', locale),
          t.tables.departmentsHeader[5 + RATES.indexOf(measure)] as string,
          percentText(lowRate, locale),
          percentText(townRate, locale),
        ),
      );
      break;
    }
  }
  blocks.push(sentences(locale, ...said));
  if (deptRows.length > 0) {
    blocks.push(
      departmentTable({
        caption: t.tables.departments,
        header: t.tables.departmentsHeader,
        totalLabel: t.tables.total,
        rows: deptRows,
        totals: eff,
        locale,
      }),
    );
  }
  return blocks;
}
