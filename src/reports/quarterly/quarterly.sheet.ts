import type { Locale } from '../../core/time/index.js';
import type { Stats, StatsRow } from '../../stats/index.js';
import { type Block, bold, type ColumnSpec, paragraph, sheet, table } from '../document/index.js';
import { count, countText, keyName } from '../shared/index.js';
import { type Profile, sheetFindingsOf } from './quarterly.findings.js';
import { SCORE_KEYS, type ScoreKey, scoreChange } from './quarterly.indicators.js';
import { CHANGE_COLUMN, radarBlock, SCORE_COLUMN, scoreCells, type VillageProfile } from './quarterly.profile.js';
import { type QuarterlyText, scoreText } from './quarterly.text.js';

/*
 * One A4 page per village: a summary with its main categories, its indicators with change and rank, a radar of the
 * village against the town, and its strengths and problems. Kept short to fit the page: a seven-row table, one
 * 560 × 210 chart and two short paragraphs of findings.
 */

const RADAR = { width: 560, height: 210 };
/** How many categories the summary names, and how many rising ones the problems name. */
const TOP_CATEGORIES = 3;
const RISING = 1;

/*
 * The sheet table's columns. zh-CN lets the renderer weigh them by content (one header line); en-US takes fixed
 * weights, because content weights squeeze its short headers (Change, Rank) into broken words.
 */
const SHEET_COLUMNS: { spec: ColumnSpec; width: number }[] = [
  { spec: {}, width: 5 },
  { spec: SCORE_COLUMN, width: 3 },
  { spec: SCORE_COLUMN, width: 3 },
  { spec: CHANGE_COLUMN, width: 3 },
  { spec: SCORE_COLUMN, width: 3 },
  { spec: CHANGE_COLUMN, width: 3 },
  { spec: { format: 'number' }, width: 3 },
];

export interface SheetInput {
  village: VillageProfile;
  townProfile: Profile;
  ranks: Record<ScoreKey, Map<string, number>>;
  /** How many villages have a composite score (the rank is out of these). */
  ranked: number;
  villageCategories: Stats;
  t: QuarterlyText;
  locale: Locale;
}

/** The village's second-level categories this quarter (with last quarter in `pop`), most records first. */
export function categoriesOf(villageCategories: Stats, code: string, locale: Locale): StatsRow[] {
  return villageCategories.rows
    .filter((row) => row.keys.village?.code === code && count(row.values, 'records') > 0)
    .sort(
      (a, b) =>
        count(b.values, 'records') - count(a.values, 'records') ||
        keyName(a, 'category2', locale).localeCompare(keyName(b, 'category2', locale)),
    );
}

export function villageSheet(input: SheetInput): Block[] {
  const { village, townProfile, ranks, t, locale } = input;
  const { profile } = village;
  const n = (x: number) => countText(x, locale);
  const blocks: Block[] = [sheet(t.sheetTitle(village.name))];
  const categories = categoriesOf(input.villageCategories, village.code, locale);
  const rank = ranks.composite.get(village.code);
  const composite = profile.now.composite;
  const top = categories
    .slice(0, TOP_CATEGORIES)
    .map((row) => t.category(keyName(row, 'category2', locale), n(count(row.values, 'records'))));
  if (village.figures.records === 0) {
    blocks.push(paragraph(t.sheetEmpty));
  } else {
    blocks.push(
      paragraph(
        composite === null || rank === undefined
          ? t.sheetSummaryUnranked(n(village.figures.records))
          : t.sheetSummary(
              n(village.figures.records),
              scoreText(composite, locale),
              n(rank),
              n(input.ranked),
              t.pointsChange(scoreChange(composite, profile.pop.composite), locale),
            ),
        top.length > 0 ? t.topCategories(top) : '',
      ),
    );
  }
  blocks.push(
    // No captions on the sheet: its title says whose figures these are, and the page has no line to spare.
    table({
      columns: SHEET_COLUMNS.map((column) =>
        locale === 'en-US' ? { ...column.spec, width: column.width } : column.spec,
      ),
      header: [t.tables.sheetHeader],
      rows: SCORE_KEYS.map((key) => [t.names[key], ...scoreCells(profile, key), ranks[key].get(village.code) ?? null]),
    }),
  );
  const radar = radarBlock(
    [
      { name: village.name, scores: profile.now },
      { name: t.charts.town, scores: townProfile.now },
    ],
    RADAR,
    undefined,
    t,
    locale,
  );
  if (radar) {
    blocks.push(radar);
  }
  if (village.figures.records === 0) {
    return blocks;
  }
  const rising = categories
    .filter((row) => count(row.values, 'records') > count(row.pop?.values, 'records'))
    .sort(
      (a, b) =>
        count(b.values, 'records') -
        count(b.pop?.values, 'records') -
        (count(a.values, 'records') - count(a.pop?.values, 'records')),
    )
    .slice(0, RISING)
    .map((row) =>
      t.movedShort(
        keyName(row, 'category2', locale),
        n(count(row.pop?.values, 'records')),
        n(count(row.values, 'records')),
      ),
    );
  const { strengths, problems } = sheetFindingsOf(profile, rising, t, locale);
  blocks.push(
    paragraph(bold(t.sheetStrengths), strengths.length > 0 ? t.joinShort(strengths) : t.noStrengths),
    paragraph(bold(t.sheetProblems), problems.length > 0 ? t.joinShort(problems) : t.noProblems),
  );
  return blocks;
}
