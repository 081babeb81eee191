import { addMonths, type Month, monthParts } from '../../core/time/index.js';
import { requireTown } from '../../records/index.js';
import { getStats } from '../../stats/index.js';
import { type Block, heading, paragraph, type ReportDocument, table } from '../document/index.js';
import { count, countText, dropEmptyRuns } from '../shared/index.js';
import { adviceSection, followUpSection } from './monthly.advice.js';
import { hotSpots, monthlyQueries, repeatAddresses, repeatEnterprises, reportDate } from './monthly.data.js';
import { type MonthlyAdviceInput, type MonthlyDeps, parseMonthlyInput } from './monthly.schema.js';
import {
  categorySection,
  departmentSection,
  overallSection,
  repeatBlocks,
  villageSection,
} from './monthly.sections.js';
import { textFor } from './monthly.text.js';

/**
 * The monthly enforcement advice (基层执法建议) of a town: the month's figures with 环比/同比 and a 12-month trend,
 * categories and villages with their moves, recurring hot spots with repeat addresses and enterprises, department
 * performance, recommendations (who, what, where, by when) drafted from the month's warnings and the advice library,
 * and the follow-up of last month's. Numbers come from getStats (monthlyQueries), the warnings services and a scoped
 * count of records by address and enterprise, as the actor sees them. Rules: docs/reports.md.
 */
export async function buildMonthlyAdvice(deps: MonthlyDeps, input: MonthlyAdviceInput): Promise<ReportDocument> {
  const q = parseMonthlyInput(input);
  const { month, locale } = q;
  const t = textFor(locale);
  const town = await requireTown(deps.db, q.townCode, 'townCode');
  const townId = Number(town.id);
  const townName = locale === 'en-US' ? (town.name_en ?? town.name) : town.name;
  const queries = monthlyQueries(q.townCode, month);
  const read = (query: Parameters<typeof getStats>[1]) => getStats(deps, query);
  const [overall, complaints, cases, trend, categories, moves, villages, spotsStats, efficiency, departments] =
    await Promise.all([
      read(queries.overall),
      read(queries.complaints),
      read(queries.cases),
      read(queries.trend),
      read(queries.categories),
      read(queries.categoryMoves),
      read(queries.villages),
      read(queries.hotSpots),
      read(queries.efficiency),
      read(queries.departments),
    ]);
  const n = (x: number) => countText(x, locale);
  const monthName = (m: Month) => {
    const { year, month: number } = monthParts(m);
    return t.monthName(year, number);
  };
  const records = count(overall.totals[0]?.values, 'records');
  const reported = reportDate(month);
  const blocks: Block[] = [
    ...overallSection(t, overall, complaints, cases, trend, monthName(month), n, locale),
    ...categorySection(t, categories, moves, month, n, locale),
    ...villageSection(t, villages, records, n, locale),
  ];

  // 4. Recurring hot spots, repeat addresses and enterprises.
  const spots = hotSpots(spotsStats, month, locale);
  const addresses = await repeatAddresses(deps, townId, month, locale);
  const enterprises = await repeatEnterprises(deps, townId, month, locale);
  blocks.push(heading(1, t.headings.hotSpots), heading(2, t.headings.spots));
  if (spots.length === 0) {
    blocks.push(paragraph(t.noSpots));
  } else {
    const history = [0, 1, 2, 3].map((i) => monthName(addMonths(month, -i)));
    blocks.push(
      paragraph(
        t.spots(n(spots.length)),
        locale === 'en-US' ? ' ' : '',
        spots
          .map((s) => t.spot(s.village, s.category, n(s.records[0] as number), n(s.recurring)))
          .join(locale === 'en-US' ? '; ' : '；'),
        locale === 'en-US' ? '.' : '。',
      ),
      table({
        caption: t.tables.spots,
        columns: [{}, {}, { format: 'number' }, { format: 'number' }, { format: 'number' }, { format: 'number' }],
        header: [t.tables.spotsHeader(history)],
        rows: spots.map((s) => [s.village, s.category, ...s.records]),
      }),
    );
  }
  blocks.push(heading(2, t.headings.addresses));
  blocks.push(...repeatBlocks(t, addresses, 'addresses', n));
  blocks.push(heading(2, t.headings.enterprises));
  blocks.push(...repeatBlocks(t, enterprises, 'enterprises', n));

  // 5. Department performance.
  blocks.push(...departmentSection(t, efficiency, departments, records, n, locale));

  // 6 and 7. Recommendations and last month's follow-up.
  const ctx = { deps, townId, townCode: q.townCode, month, reported, locale };
  blocks.push(...(await adviceSection(ctx, spots)));
  const lastMonth = addMonths(month, -1);
  blocks.push(...(await followUpSection(ctx, lastMonth, reportDate(lastMonth))));

  const { year, month: number } = monthParts(month);
  return {
    kind: 'advice',
    locale,
    title: t.title(townName),
    subtitle: t.subtitle(year, number),
    addressee: t.addressee,
    blocks: blocks.map(dropEmptyRuns),
    issuer: t.issuer(townName),
    date: reported,
  };
}
