/**
 * The warnings engine: for one town and week, read the weekly series from the cube (every category level × the town
 * and each village), run the detectors (outbreaks, trends, emerging words, overdue backlogs), keep one warning per
 * real issue, score it, draft its advice and store it idempotently. Runs after imports, on schedule, from the CLI.
 */

import { createAdviceDrafter } from '../../advice/index.js';
import { appendAudit } from '../../audit/index.js';
import { type Actor, systemActor } from '../../auth/index.js';
import { invalidField, notFound } from '../../core/errors.js';
import { addWeeks, dayOf, isoWeekOf, startOfDay, weekEnd, weeksBetween } from '../../core/time/index.js';
import { requireTown } from '../../records/index.js';
import type { Db } from '../../store/database.js';
import { inTransaction } from '../../store/transaction.js';
import { backlogDrafts } from './backlog.js';
import { dedupe } from './dedupe.js';
import { type EngineSegmenter, loadSegmenter } from './dictionary.js';
import {
  type DraftContext,
  type MethodFigure,
  outbreakDraft,
  placeName,
  trendDraft,
  type WarningDraft,
} from './drafts.js';
import { EMERGING_BASELINE_WEEKS, emergingDrafts, localTerms } from './emerging.js';
import {
  selectDepartmentNames,
  selectFirstWeek,
  selectLocalNames,
  selectOverdueAt,
  selectPlacesWithin,
  selectSampleRecords,
  selectTownShape,
  selectWeeklyCells,
} from './engine.repo.js';
import { DEFAULT_OUTBREAK_OPTIONS, findOutbreaks } from './outbreaks.js';
import { finishRun, insertRun, selectTownsWrittenSince } from './run.repo.js';
import { buildSeries } from './series.js';
import { cellsRelated, type Named, type TownShape } from './shape.js';
import { type StoredDraft, storeFindings } from './store.js';
import type { WarningFindings } from './store.repo.js';
import { segmentedTexts } from './terms-cache.js';
import { findTrends } from './trends.js';

export interface EngineDeps {
  db: Db;
  now?: () => number;
  /** Where the town's own governance words live (dictionary.ts); without it, the built-in dictionary. */
  dataDir?: string;
  /** The segmenter for complaint texts (tests); default the data folder's dictionary. */
  segmenter?: EngineSegmenter;
  actor?: Actor;
}

export type EngineTrigger = 'import' | 'schedule' | 'cli' | 'api';

export interface EngineInput {
  town: { id: number } | { code: string };
  /** ISO week YYYYWW; default the last complete week. */
  week?: number;
  trigger: EngineTrigger;
}

export interface EngineResult {
  runId: number;
  town: { id: number; code: string; name: string };
  week: number;
  series: number;
  found: Record<WarningDraft['type'], number>;
  created: number[];
  updated: number[];
  unchanged: number[];
  ms: number;
}

/** Weeks of history read: Farrington's five years back, its window, and the weeks monitored. */
const HISTORY_WEEKS = 5 * 52 + 3 + 1 + DEFAULT_OUTBREAK_OPTIONS.window;
const SAMPLES = 5;
const BACKLOG_LOOKBACK_MS = 28 * 86_400_000;

/** The last complete ISO week at an instant, in the town's time. */
export function lastCompleteWeek(now: number): number {
  return addWeeks(isoWeekOf(dayOf(now)), -1);
}

export async function runWarningsEngine(deps: EngineDeps, input: EngineInput): Promise<EngineResult> {
  const clock = deps.now ?? Date.now;
  const started = clock();
  const townId = 'id' in input.town ? input.town.id : (await requireTown(deps.db, input.town.code, 'town')).id;
  const shape = await selectTownShape(deps.db, townId);
  if (shape === undefined) {
    throw notFound('town', townId);
  }
  const week = input.week ?? lastCompleteWeek(started);
  if (weeksBetween(week, isoWeekOf(dayOf(started))) < 0) {
    throw invalidField('week', `week ${week} has not begun yet`);
  }
  const runId = await insertRun(deps.db, { town_id: shape.town.id, week, trigger: input.trigger, started_at: started });
  try {
    const { drafts, series } = await detect(deps, shape, week, started);
    const found = await prepare(deps.db, shape, drafts, started);
    const stored = await inTransaction(deps.db, async (trx) => {
      const result = await storeFindings(trx, shape, found, started);
      await appendAudit(
        trx,
        deps.actor ?? systemActor('warnings-engine'),
        {
          action: 'warnings.run',
          entity: 'warning_run',
          entityId: runId,
          townId: shape.town.id,
          after: { week, trigger: input.trigger, created: result.created, updated: result.updated },
        },
        started,
      );
      return result;
    });
    const count = (type: WarningDraft['type']) => drafts.filter((d) => d.type === type).length;
    await finishRun(deps.db, runId, {
      finished_at: clock(),
      series,
      created: stored.created.length,
      updated: stored.updated.length,
      error: null,
    });
    return {
      runId,
      town: { id: shape.town.id, code: shape.town.code, name: shape.town.name.zh },
      week,
      series,
      found: {
        outbreak: count('outbreak'),
        trend: count('trend'),
        emerging: count('emerging'),
        backlog: count('backlog'),
      },
      ...stored,
      ms: clock() - started,
    };
  } catch (error) {
    await finishRun(deps.db, runId, {
      finished_at: clock(),
      series: 0,
      created: 0,
      updated: 0,
      error: error instanceof Error ? error.message : String(error),
    });
    throw error;
  }
}

async function detect(
  deps: EngineDeps,
  shape: TownShape,
  week: number,
  now: number,
): Promise<{ drafts: WarningDraft[]; series: number }> {
  const first = await selectFirstWeek(deps.db, shape.town.id);
  if (first === undefined || first > week) {
    return { drafts: [], series: 0 };
  }
  const start = Math.max(first, addWeeks(week, -(HISTORY_WEEKS - 1)));
  const weeks: number[] = [];
  for (let w = start; w <= week; w = addWeeks(w, 1)) {
    weeks.push(w);
  }
  const ctx: DraftContext = { shape, weeks, target: weeks.length - 1 };
  const series = buildSeries(shape, weeks, await selectWeeklyCells(deps.db, shape.town.id, start, week));

  const outbreaks = dedupe(findOutbreaks(series, ctx.target), (a) => {
    const v = a.verdicts[0];
    return (v?.observed ?? 0) - (v?.expected ?? 0);
  });
  const drafts = outbreaks.map((issue) => outbreakDraft(issue, ctx));

  // A rise that already made an outbreak warning is the same issue: the trend test joins its methods.
  const trends = dedupe(findTrends(series, ctx.target), (a) => (a.result.slopePerWeek ?? 0) / a.mean);
  for (const issue of trends) {
    const trend = trendDraft(issue, ctx);
    const outbreak = drafts.find((d) => sameIssue(d, trend));
    if (outbreak === undefined) {
      drafts.push(trend);
    } else if (!outbreak.methods.some((m) => m.method === 'mann-kendall')) {
      outbreak.methods.push({ ...(trend.methods[0] as MethodFigure), observed: outbreak.observed });
    }
  }

  const segmenter = deps.segmenter ?? loadSegmenter(deps.dataDir);
  const { texts } = await segmentedTexts(
    deps.db,
    shape.town.id,
    addWeeks(week, -EMERGING_BASELINE_WEEKS),
    week,
    segmenter,
  );
  const localNames = localTerms(await selectLocalNames(deps.db, shape.town.id), segmenter.segmenter);
  const summaries = new Map<WarningDraft, Named>();
  for (const emerging of emergingDrafts(texts, ctx, localNames)) {
    const same = drafts.find((d) => d.type !== 'backlog' && sameIssue(d, emerging));
    if (same === undefined) {
      drafts.push(emerging);
    } else {
      summaries.set(same, summaries.get(same) ?? same.summary);
      joinTerms(same, emerging, summaries.get(same) as Named);
    }
  }

  // Overdue as of the end of the week (or now, for the current week).
  const at = Math.min(now, startOfDay(weekEnd(week)) + 86_400_000);
  const [overdueNow, overdueBefore, departments] = await Promise.all([
    selectOverdueAt(deps.db, shape.town.id, at),
    selectOverdueAt(deps.db, shape.town.id, at - BACKLOG_LOOKBACK_MS),
    selectDepartmentNames(deps.db, shape.town.id),
  ]);
  drafts.push(...backlogDrafts(overdueNow, overdueBefore, departments, ctx));
  return { drafts, series: series.length };
}

const cellOf = (d: WarningDraft) => ({
  category: d.category,
  villageId: d.villageIds.length === 1 ? (d.villageIds[0] as number) : null,
});

/** Two findings of one issue: both about a category, on one line of the category tree and of the places. */
function sameIssue(a: WarningDraft, b: WarningDraft): boolean {
  return a.category !== null && b.category !== null && cellsRelated(cellOf(a), cellOf(b));
}

/** New words found in the complaints of an outbreak or a rise join it: its terms, method and summary. */
function joinTerms(into: WarningDraft, emerging: WarningDraft, summary: Named): void {
  into.terms = [...new Set([...into.terms, ...emerging.terms])];
  if (!into.methods.some((m) => m.method === 'term-burst')) {
    into.methods.push(...emerging.methods);
  }
  const details = (into.facts.termDetails ?? []) as unknown[];
  into.facts = { ...into.facts, termDetails: [...details, ...((emerging.facts.termDetails ?? []) as unknown[])] };
  const shown = into.terms.slice(0, 5);
  into.summary = {
    zh: `${summary.zh}投诉中新出现“${shown.join('”“')}”等词。`,
    en: `${summary.en} New words in complaints: “${shown.join('”, “')}”.`,
  };
}

/** Each draft with its samples and advice, as the row it will be stored as. */
async function prepare(db: Db, shape: TownShape, drafts: readonly WarningDraft[], now: number): Promise<StoredDraft[]> {
  const advise = await createAdviceDrafter(db, shape.town.id);
  const found: StoredDraft[] = [];
  for (const draft of drafts) {
    const places = await selectPlacesWithin(db, draft.villageIds);
    const samples =
      draft.sampleIds ??
      (await selectSampleRecords(db, {
        townId: shape.town.id,
        week: draft.week,
        category: draft.category,
        placeIds: places,
        limit: SAMPLES,
      }));
    const villages = draft.villageIds.map((id) => shape.villages.get(id)).filter((v) => v !== undefined);
    const advice = advise({
      situation: draft.situation,
      categoryId: draft.category?.id ?? null,
      category: draft.category?.name ?? null,
      place: placeName(shape, draft.villageIds),
      villages: villages.map((v) => v.name),
      week: draft.week,
      sinceWeek: draft.sinceWeek,
      observed: draft.observed,
      expected: draft.expected,
      upperBound: draft.upperBound,
      terms: draft.terms,
      slopePerWeek: draft.slopePerWeek,
      overdue: draft.overdue,
    });
    const findings: WarningFindings = {
      type: draft.type,
      situation: draft.situation,
      since_week: draft.sinceWeek,
      week: draft.week,
      category_id: draft.category?.id ?? null,
      place_id: draft.villageIds.length === 1 ? (draft.villageIds[0] as number) : shape.town.id,
      department_id: draft.departmentId ?? advice.departmentId,
      severity: draft.severity,
      score: Math.round(draft.score * 1000) / 1000,
      observed: draft.observed,
      expected: draft.expected === null ? null : Math.round(draft.expected * 1000) / 1000,
      upper_bound: draft.upperBound === null ? null : Math.round(draft.upperBound * 1000) / 1000,
      methods: JSON.stringify(draft.methods),
      facts: JSON.stringify({
        ...draft.facts,
        categoryCode: draft.category?.code ?? null,
        villages: villages.map((v) => ({ code: v.code, name: v.name.zh })),
        terms: draft.terms,
        slopePerWeek: draft.slopePerWeek,
        overdue: draft.overdue,
      }),
      samples: JSON.stringify(samples),
      summary: draft.summary.zh,
      summary_en: draft.summary.en,
      advice_code: advice.code,
      advice: advice.advice,
      advice_en: advice.adviceEn,
      detected_at: now,
    };
    found.push({ draft, findings });
  }
  return found;
}

/**
 * After an import (or any batch of writes that began at `since`): the engine over each town written to, for the last
 * complete week. Returns each town's result; a town's failure is recorded in its run and returned, not thrown, so
 * one town cannot keep the others' warnings back.
 */
export async function runAfterWrites(
  deps: EngineDeps,
  since: number,
  trigger: EngineTrigger = 'import',
): Promise<(EngineResult | { townId: number; error: string })[]> {
  const results: (EngineResult | { townId: number; error: string })[] = [];
  for (const townId of await selectTownsWrittenSince(deps.db, since)) {
    try {
      results.push(await runWarningsEngine(deps, { town: { id: townId }, trigger }));
    } catch (error) {
      results.push({ townId, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return results;
}
