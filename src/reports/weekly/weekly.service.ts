import { invalidField } from '../../core/errors.js';
import { addDays, addWeeks, formatWeek, type IsoWeek, weekEnd, weekParts, weekStart } from '../../core/time/index.js';
import { getPlace } from '../../places/index.js';
import { getStats, type Stats, type StatsRow } from '../../stats/index.js';
import { rankingChart } from '../charts/index.js';
import { type Block, bold, chart, heading, list, paragraph, type ReportDocument, table } from '../document/index.js';
import { departmentTable, dropEmptyRuns, EFFICIENCY_MEASURES, RATES } from '../shared/index.js';
import { categoryMoves, count, keyName, value, weekWarnings } from './weekly.data.js';
import { parseWeeklyInput, type WeeklyBulletinInput, type WeeklyDeps } from './weekly.schema.js';
import { countText, hoursOf, percentText, type Severity, textFor } from './weekly.text.js';

const CHART = { width: 640, height: 360 };

/** The numbers the bulletin is written from, every one read through getStats with these exact queries. */
export function weeklyQueries(townCode: string, week: IsoWeek) {
  const w = formatWeek(week);
  const prev = formatWeek(addWeeks(week, -1));
  const one = { town: townCode, period: 'week' as const, from: w, to: w };
  return {
    overall: { ...one, measures: 'records,difficult,overdue', compare: 'yoy,pop' },
    complaints: { ...one, kind: 'complaint' as const, measures: 'records', compare: 'yoy,pop' },
    cases: { ...one, kind: 'case' as const, measures: 'records', compare: 'yoy,pop' },
    categories: { ...one, by: 'category2', measures: 'records', top: 10, share: true, compare: 'pop' },
    categoryMoves: { town: townCode, period: 'week' as const, from: prev, to: w, by: 'category2', measures: 'records' },
    villages: { ...one, by: 'village', measures: 'records,overdue', share: true, compare: 'pop' },
    efficiency: { ...one, measures: EFFICIENCY_MEASURES.join(',') },
    departments: { ...one, by: 'department', measures: ['records', ...EFFICIENCY_MEASURES].join(',') },
  };
}

/**
 * The weekly case bulletin (案件信息通报) of a town for an ISO week: overall figures with 同比/环比, the top 10
 * categories with shares and the categories rising and falling on last week, villages ranked (table and chart),
 * handling efficiency by department, the week's warnings with their advice, and points for next week written from
 * those numbers. Every number comes from getStats (docs/stats.md) or listWarnings/getWarning, as the actor sees them.
 */
export async function buildWeeklyBulletin(deps: WeeklyDeps, input: WeeklyBulletinInput): Promise<ReportDocument> {
  const q = parseWeeklyInput(input);
  const { week, locale } = q;
  const t = textFor(locale);
  const town = await getPlace(deps, q.townCode);
  if (town.level !== 'town') {
    throw invalidField('townCode', `${q.townCode} is a ${town.level}, not a town`);
  }
  const townName = locale === 'en-US' ? (town.nameEn ?? town.name) : town.name;
  const queries = weeklyQueries(q.townCode, week);
  const read = (query: Parameters<typeof getStats>[1]) => getStats(deps, query);
  const [overall, complaints, cases, categories, moves, villages, efficiency, departments] = await Promise.all([
    read(queries.overall),
    read(queries.complaints),
    read(queries.cases),
    read(queries.categories),
    read(queries.categoryMoves),
    read(queries.villages),
    read(queries.efficiency),
    read(queries.departments),
  ]);
  const warnings = await weekWarnings(deps, q.townCode, week, locale);

  const total = overall.totals[0];
  const records = count(total?.values, 'records');
  const span = t.span(t.day(weekStart(week)), t.day(weekEnd(week)));
  const n = (x: number) => countText(x, locale);
  const blocks: Block[] = [heading(1, t.headings.overall)];

  if (records === 0) {
    blocks.push(paragraph(t.empty(span)));
  } else {
    const c = complaints.totals[0];
    const k = cases.totals[0];
    blocks.push(
      paragraph(
        t.overall(
          span,
          { records: n(records), complaints: n(count(c?.values, 'records')), cases: n(count(k?.values, 'records')) },
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
        [t.tables.overallRows[0] as string, ...compared(overall, 'records')],
        [t.tables.overallRows[1] as string, ...compared(complaints, 'records')],
        [t.tables.overallRows[2] as string, ...compared(cases, 'records')],
        [t.tables.overallRows[3] as string, ...compared(overall, 'difficult')],
        [t.tables.overallRows[4] as string, ...compared(overall, 'overdue')],
      ],
      notes: [t.tables.source(overall.asOf === null ? t.none : overall.asOf.slice(0, 16).replace('T', ' '))],
    }),
  );

  // Categories: the top 10 with shares, and the moves on last week.
  blocks.push(heading(1, t.headings.categories));
  const moved = categoryMoves(moves, formatWeek(week), locale);
  const rising = moved.filter((m) => m.now > m.before).slice(0, 3);
  const falling = moved
    .filter((m) => m.now < m.before)
    .reverse()
    .slice(0, 3);
  const movedText = (m: (typeof moved)[number]) => t.moved(m.name, n(m.before), n(m.now), m.now > m.before);
  const top = categories.rows.filter((row) => count(row.values, 'records') > 0);
  if (top.length === 0) {
    blocks.push(paragraph(t.noCategories));
  } else {
    const first = top[0] as StatsRow;
    const sentences = [
      t.topCategory(
        keyName(first, 'category2', locale),
        n(count(first.values, 'records')),
        percentText(count(first.share, 'records'), locale),
      ),
    ];
    if (rising.length > 0) {
      sentences.push(t.rising(rising.map(movedText)));
    }
    if (falling.length > 0) {
      sentences.push(t.falling(falling.map(movedText)));
    }
    blocks.push(
      paragraph(...sentences),
      table({
        caption: t.tables.categories,
        columns: [
          {},
          { format: 'number' },
          { format: 'percent' },
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
        ]),
      }),
    );
  }

  // Villages ranked.
  blocks.push(heading(1, t.headings.villages));
  const ranked = villages.rows
    .filter((row) => count(row.values, 'records') > 0)
    .sort((a, b) => count(b.values, 'records') - count(a.values, 'records'));
  if (ranked.length === 0) {
    blocks.push(paragraph(t.noVillages));
  } else {
    const first = ranked[0] as StatsRow;
    blocks.push(
      paragraph(
        t.topVillage(
          keyName(first, 'village', locale),
          n(count(first.values, 'records')),
          percentText(count(first.share, 'records'), locale),
        ),
      ),
      table({
        caption: t.tables.villages,
        columns: [
          {},
          { format: 'number' },
          { format: 'number' },
          { format: 'percent', signed: true },
          { format: 'number' },
        ],
        header: [t.tables.villagesHeader],
        rows: ranked.map((row) => [
          keyName(row, 'village', locale),
          count(row.values, 'records'),
          count(row.pop?.values, 'records'),
          value(row.pop?.change, 'records'),
          count(row.values, 'overdue'),
        ]),
        total: [
          t.tables.total,
          records,
          count(villages.totals[0]?.pop?.values, 'records'),
          null,
          count(villages.totals[0]?.values, 'overdue'),
        ],
      }),
    );
    const ranking = rankingChart({
      items: ranked.map((row) => ({ name: keyName(row, 'village', locale), value: count(row.values, 'records') })),
      top: 10,
      unit: t.unit,
      locale,
    });
    blocks.push(chart(ranking, CHART, t.tables.chart));
  }

  // Handling efficiency.
  blocks.push(heading(1, t.headings.efficiency));
  const eff = efficiency.totals[0]?.values;
  const handled = count(eff, 'handled');
  const rate = (x: number | null) => (x === null ? t.none : percentText(x, locale));
  blocks.push(
    paragraph(
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
    ),
  );
  const deptRows = departments.rows.filter(
    (row) => count(row.values, 'records') > 0 || count(row.values, 'handled') > 0,
  );
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

  // The week's warnings with their advice.
  blocks.push(heading(1, t.headings.warnings));
  const red = warnings.filter((w) => w.severity === 'red');
  if (warnings.length === 0) {
    blocks.push(paragraph(t.noWarnings));
  } else {
    blocks.push(paragraph(t.warningsCount(n(warnings.length), n(red.length))));
    for (const w of warnings) {
      blocks.push(heading(2, t.warningHeading(t.severity[w.severity as Severity], w.summary)));
      if (w.advice !== '') {
        blocks.push(paragraph(bold(t.advice), w.advice));
      }
    }
  }

  // Points for next week, each written from the numbers above.
  const points: string[] = [];
  if (records === 0) {
    points.push(t.nextEmpty);
  }
  if (rising.length > 0) {
    points.push(t.nextRising(rising.map(movedText)));
  }
  if (red.length > 0) {
    points.push(
      t.nextRed(
        n(red.length),
        red.map((w) => w.summary),
      ),
    );
  }
  const overdue = count(eff, 'overdue');
  const worstOverdue = [...deptRows].sort((a, b) => count(b.values, 'overdue') - count(a.values, 'overdue'))[0];
  if (overdue > 0 && worstOverdue && count(worstOverdue.values, 'overdue') > 0) {
    points.push(
      t.nextOverdue(n(overdue), keyName(worstOverdue, 'department', locale), n(count(worstOverdue.values, 'overdue'))),
    );
  }
  for (const measure of RATES) {
    const townRate = value(eff, measure);
    const worst = deptRows
      .filter((row) => value(row.values, measure) !== null)
      .sort((a, b) => (value(a.values, measure) as number) - (value(b.values, measure) as number))[0];
    const worstRate = worst ? value(worst.values, measure) : null;
    if (townRate !== null && worst && worstRate !== null && worstRate < townRate && deptRows.length > 1) {
      points.push(
        t.nextRate(
          keyName(worst, 'department', locale),
          t.rateNames[measure],
          percentText(worstRate, locale),
          percentText(townRate, locale),
        ),
      );
      break;
    }
  }
  const risingVillage = ranked.find((row) => (value(row.pop?.change, 'records') ?? 0) > 0);
  if (risingVillage) {
    points.push(
      t.nextVillage(
        keyName(risingVillage, 'village', locale),
        n(count(risingVillage.values, 'records')),
        t.change(value(risingVillage.pop?.change, 'records'), locale, count(risingVillage.pop?.values, 'records')),
      ),
    );
  }
  if (points.length === 0) {
    points.push(t.nextSteady(n(records)));
  }
  blocks.push(heading(1, t.headings.next), list(...points));

  const { year, week: weekNo } = weekParts(week);
  return {
    kind: 'bulletin',
    locale,
    title: t.title(townName),
    subtitle: t.subtitle(year, weekNo),
    addressee: t.addressee,
    blocks: blocks.map(dropEmptyRuns),
    issuer: t.issuer(townName),
    date: addDays(weekEnd(week), 1),
  };
}
