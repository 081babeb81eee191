import { createAdviceDrafter } from '../../advice/index.js';
import { addDays, type Day, type Locale, type Month, startOfDay } from '../../core/time/index.js';
import type { WarningDetail } from '../../warnings/index.js';
import { type Block, heading, list, paragraph, table } from '../document/index.js';
import { countText } from '../shared/index.js';
import { DUE_WORKING_DAYS, dueDayOf, type HotSpot, monthProblems, monthWarnings, monthWeeks } from './monthly.data.js';
import { selectCategoryNames } from './monthly.repo.js';
import type { MonthlyDeps } from './monthly.schema.js';
import { type FollowUp, type Severity, textFor } from './monthly.text.js';

/*
 * Sections 6 and 7 of the monthly advice: recommendations drafted from the month's warnings and the recurring hot
 * spots (who, what, where, by when), and how last month's recommendations were followed up.
 */

const OPEN = new Set(['new', 'acknowledged', 'rectifying']);

export interface Recommendation {
  severity: string;
  matter: string;
  who: string;
  where: string;
  due: Day;
  sentence: string;
}

interface Context {
  deps: MonthlyDeps;
  townId: number;
  townCode: string;
  month: Month;
  reported: Day;
  locale: Locale;
}

function matterOf(w: WarningDetail, locale: Locale): string {
  const category = w.category?.name ?? (locale === 'en-US' ? 'all matters' : '各类事项');
  return locale === 'en-US' ? `${category}, ${w.place.name}` : `${w.place.name}${category}`;
}

function whereOf(w: WarningDetail, locale: Locale): string {
  return w.villages.length > 0 ? w.villages.map((v) => v.name).join(locale === 'en-US' ? ', ' : '、') : w.place.name;
}

/** Whether an open warning already covers a hot spot: a village it concerns and a category on the spot's line. */
async function uncovered(ctx: Context, spots: HotSpot[], warnings: WarningDetail[]): Promise<HotSpot[]> {
  const codes = warnings.flatMap((w) => (w.category ? [w.category.code] : []));
  const ids = spots.flatMap((s) => (s.categoryId === null ? [] : [s.categoryId]));
  const categories = await selectCategoryNames(ctx.deps.db, ids, codes);
  const byId = new Map(categories.map((c) => [c.id, c]));
  const byCode = new Map(categories.map((c) => [c.code, c]));
  return spots.filter((spot) => {
    const own = spot.categoryId === null ? undefined : byId.get(spot.categoryId);
    return !warnings.some((w) => {
      const inVillage = w.place.code === spot.villageCode || w.villages.some((v) => v.code === spot.villageCode);
      const c = w.category ? byCode.get(w.category.code) : undefined;
      const sameLine =
        w.category === null ||
        (c !== undefined && (c.level2Id === spot.categoryId || (c.level === 1 && c.id === own?.level1Id)));
      return inVillage && sameLine;
    });
  });
}

/** Section 6: the month's open warnings (red first) and the uncovered recurring hot spots, as recommendations. */
export async function adviceSection(ctx: Context, spots: HotSpot[]): Promise<Block[]> {
  const { locale, reported } = ctx;
  const t = textFor(locale);
  const n = (x: number) => countText(x, locale);
  const warnings = await monthWarnings(ctx.deps, ctx.townCode, ctx.month);
  const open = warnings.filter((w) => OPEN.has(w.status));
  const closed = warnings.filter((w) => w.status === 'closed').length;
  const recs: Recommendation[] = open.map((w) => {
    const who = w.department?.name ?? t.noDepartment;
    const due = dueDayOf(w, reported);
    const summary = locale === 'en-US' ? w.summaryEn || w.summary : w.summary;
    const advice = locale === 'en-US' ? w.adviceEn || w.advice : w.advice;
    return {
      severity: t.severity[w.severity as Severity],
      matter: matterOf(w, locale),
      who,
      where: whereOf(w, locale),
      due,
      sentence: t.adviceItem(t.severity[w.severity as Severity], summary, advice, who, t.day(due)),
    };
  });
  const draft = await createAdviceDrafter(ctx.deps.db, ctx.townId);
  // Only the drafter's department is used: the library's texts speak of weeks, the advice here of months.
  const week = monthWeeks(ctx.month).last;
  const spotDue = dueDayOf({ dueDay: null, severity: 'yellow' }, reported);
  for (const spot of await uncovered(ctx, spots, open)) {
    const drafted = draft({
      situation: 'slow_rise',
      categoryId: spot.categoryId,
      category: { zh: spot.category, en: spot.category },
      place: { zh: spot.village, en: spot.village },
      villages: [],
      week,
      sinceWeek: week,
      observed: spot.records[0] as number,
      expected: null,
      upperBound: null,
      terms: [],
      slopePerWeek: null,
      overdue: null,
    });
    const who = drafted.department
      ? locale === 'en-US'
        ? drafted.department.en
        : drafted.department.zh
      : t.noDepartment;
    const now = n(spot.records[0] as number);
    recs.push({
      severity: t.spotSeverity,
      matter: locale === 'en-US' ? `${spot.category}, ${spot.village}` : `${spot.village}${spot.category}`,
      who,
      where: spot.village,
      due: spotDue,
      sentence: t.spotAdvice(spot.village, spot.category, now, n(spot.recurring), who, t.day(spotDue)),
    });
  }
  const blocks: Block[] = [heading(1, t.headings.advice)];
  if (recs.length === 0) {
    blocks.push(paragraph(t.noAdvice(n(closed))));
    return blocks;
  }
  const red = open.filter((w) => w.severity === 'red').length;
  blocks.push(
    paragraph(t.adviceCount(n(recs.length), n(red), n(recs.length - open.length), n(closed))),
    table({
      caption: t.tables.advice,
      columns: [{ align: 'center' }, { align: 'center' }, {}, {}, {}, { align: 'center' }],
      header: [t.tables.adviceHeader],
      rows: recs.map((r, i) => [String(i + 1), r.severity, r.matter, r.who, r.where, r.due]),
      notes: [
        t.tables.dueNote(
          t.dueRule(n(DUE_WORKING_DAYS.red ?? 5), n(DUE_WORKING_DAYS.orange ?? 10), n(DUE_WORKING_DAYS.yellow ?? 15)),
        ),
      ],
    }),
    list(...recs.map((r) => r.sentence)),
  );
  return blocks;
}

/** The status a warning had at an instant, from its history; null when its history starts later. */
function statusAt(w: WarningDetail, ms: number): string | null {
  const before = w.events.filter((e) => Date.parse(e.at) < ms);
  return before.at(-1)?.toStatus ?? null;
}

/** How a recommendation of last month stands at this report's date. */
function followUpOf(w: WarningDetail, due: Day, reported: Day): FollowUp {
  if (w.status === 'closed' || w.status === 'dismissed') {
    return w.status;
  }
  if (due < reported) {
    return 'overdue';
  }
  return w.status as FollowUp;
}

/**
 * Section 7: last month's recommendations — the warnings seen last month that were still open at the end of last
 * month's report date — with their status now, and last month's problem of the month.
 */
export async function followUpSection(ctx: Context, lastMonth: Month, lastReported: Day): Promise<Block[]> {
  const { locale, reported } = ctx;
  const t = textFor(locale);
  const n = (x: number) => countText(x, locale);
  const end = startOfDay(addDays(lastReported, 1));
  const warnings = (await monthWarnings(ctx.deps, ctx.townCode, lastMonth)).filter((w) => {
    const then = statusAt(w, end);
    return then === null || OPEN.has(then);
  });
  const blocks: Block[] = [heading(1, t.headings.followUp)];
  if (warnings.length === 0) {
    blocks.push(paragraph(t.noFollowUp));
  } else {
    const rows = warnings.map((w) => {
      const due = dueDayOf(w, lastReported);
      const state = followUpOf(w, due, reported);
      const note =
        state === 'closed' ? w.result : state === 'dismissed' ? w.dismissReason : state === 'new' ? null : w.actions;
      return {
        state,
        cells: [
          matterOf(w, locale),
          w.owner ?? w.department?.name ?? t.noDepartment,
          due,
          t.followUpStatus[state],
          note ?? t.none,
        ],
      };
    });
    const order: FollowUp[] = ['closed', 'overdue', 'rectifying', 'acknowledged', 'new', 'dismissed'];
    const parts = order
      .map((state) => [state, rows.filter((r) => r.state === state).length] as const)
      .filter(([, k]) => k > 0)
      .map(([state, k]) => t.followUpPart(t.followUpStatus[state], n(k)));
    blocks.push(
      paragraph(t.followUpCount(n(rows.length), parts.join(locale === 'en-US' ? ', ' : '，'))),
      table({
        caption: t.tables.followUp,
        columns: [{}, {}, { align: 'center' }, { align: 'center' }, {}],
        header: [t.tables.followUpHeader],
        rows: rows.map((r) => r.cells),
      }),
    );
  }
  const problems = await monthProblems(ctx.deps, ctx.townCode, lastMonth);
  blocks.push(heading(2, t.headings.problem));
  blocks.push(
    paragraph(
      problems.length === 0
        ? t.noProblem
        : problems.map((p) => t.problem(p.title, p.owner, p.status, p.outcome)).join(''),
    ),
  );
  return blocks;
}
