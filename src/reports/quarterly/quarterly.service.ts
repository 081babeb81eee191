import { invalidField } from '../../core/errors.js';
import { addDays, quarterEnd, quarterParts } from '../../core/time/index.js';
import { getPlace } from '../../places/index.js';
import { getStats } from '../../stats/index.js';
import { type Block, list, type ReportDocument, sheet } from '../document/index.js';
import { count, dropEmptyRuns } from '../shared/index.js';
import { figuresAt, quarterlyQueries, townFigures, villageFigures, villagesInView } from './quarterly.data.js';
import { referencesOf } from './quarterly.indicators.js';
import { periodsOf, profileOf, rankedVillages, ranksByScore, villageProfiles } from './quarterly.profile.js';
import { parseQuarterlyInput, type QuarterlyDeps, type QuarterlyPortraitInput } from './quarterly.schema.js';
import { villageSheet } from './quarterly.sheet.js';
import { textFor } from './quarterly.text.js';
import { figuresSection, findingsSection, overviewSection, villagesSection } from './quarterly.town.js';

/**
 * The quarterly governance portrait (基层治理综合画像) of a town: the six composite indicators of the town this
 * quarter against last quarter and the same quarter last year (table and radar), the figures they come from and the
 * weekly trend, the villages ranked on the composite score (table and chart), strengths and problems in sentences,
 * and a one-page sheet per village. Every number comes from getStats (six queries, `quarterlyQueries`) as the actor
 * sees them, or is an indicator function (quarterly.indicators.ts) of those numbers.
 */
export async function buildQuarterlyPortrait(
  deps: QuarterlyDeps,
  input: QuarterlyPortraitInput,
): Promise<ReportDocument> {
  const q = parseQuarterlyInput(input);
  const { quarter, locale } = q;
  const t = textFor(locale);
  const town = await getPlace(deps, q.townCode);
  if (town.level !== 'town') {
    throw invalidField('townCode', `${q.townCode} is a ${town.level}, not a town`);
  }
  const townName = locale === 'en-US' ? (town.nameEn ?? town.name) : town.name;
  const queries = quarterlyQueries(q.townCode, quarter);
  const read = (query: Parameters<typeof getStats>[1]) => getStats(deps, query);
  const [areas, townAreas, service, trend, categories, villageCategories] = await Promise.all([
    read(queries.areas),
    read(queries.townAreas),
    read(queries.service),
    read(queries.trend),
    read(queries.categories),
    read(queries.villageCategories),
  ]);

  const reached = new Set(
    service.rows.flatMap((row) =>
      row.keys.village?.code && count(row.values, 'records') > 0 ? [row.keys.village.code] : [],
    ),
  );
  const villages = await villagesInView(deps, q.townCode, reached);
  const periods = periodsOf(quarter);
  const byVillage = villageFigures(areas, service);
  const refs = referencesOf(villages.flatMap((v) => periods.window.map((p) => figuresAt(byVillage.get(v.code), p))));
  const townProfile = profileOf(townFigures(townAreas, service, villages.length), periods, refs);
  const profiles = villageProfiles(villages, byVillage, periods, refs, locale);
  const ranked = rankedVillages(profiles);
  const records = count(service.totals.find((row) => row.period === quarter)?.values, 'records');

  const blocks: Block[] = [
    ...overviewSection(townProfile, records, t, locale),
    ...figuresSection(service, townAreas, trend, periods, records, t, locale),
    ...villagesSection(ranked, t, locale),
    ...findingsSection(townProfile, ranked, categories, periods, t, locale),
  ];
  const ranks = ranksByScore(profiles);
  for (const village of profiles) {
    blocks.push(...villageSheet({ village, townProfile, ranks, ranked: ranked.length, villageCategories, t, locale }));
  }
  // The method closes the portrait on a page of its own, so the signature never pulls a sheet's last lines over.
  blocks.push(sheet(t.methodTitle), list(...t.method));
  const { year, quarter: number } = quarterParts(quarter);
  return {
    kind: 'portrait',
    locale,
    title: t.title(townName),
    subtitle: t.subtitle(year, number),
    addressee: t.addressee,
    blocks: blocks.map(dropEmptyRuns),
    issuer: t.issuer(townName),
    date: addDays(quarterEnd(quarter), 1),
  };
}
