import { dayIndexOf, dayStartMs } from './calendar.js';
import { buildCase } from './cases.js';
import { buildComplaint } from './complaints.js';
import { binomial, logNormal } from './distributions.js';
import { cellIndex } from './model.js';
import type { NewTerm } from './outbreaks.js';
import type { Random } from './random.js';
import type { CategoryRuntime, RecordContext } from './record-context.js';
import type { ComplaintDraft, RecordDraft } from './record-draft.js';
import { DAY_MS, dayOfWeek, HOUR_MS, instantIn } from './record-parts.js';
import { caseDayWeight, WEEKDAY_WEIGHTS } from './season.js';
import type { DemoVillage } from './town.js';

/*
 * The records of one week, from the model's counts: each village × category count is split into complaints and
 * cases, spread over the week's days (the category's weekday pattern × its daily season and holiday factors) and
 * hours, and turned into drafts. Every week draws from its own stream (forked by the week), so a week's records depend
 * only on the seed and the week: weeks can be generated lazily, in any order, and ten million records never sit in
 * memory together.
 */

/** A repeat comes 1 hour to 3 days after the complaint it repeats (and stays inside the week). */
const REPEAT_DELAY_HOURS: readonly [number, number] = [1, 72];
/** A referred case is opened about half a day after the complaint (median, log-normal). */
const REFERRAL_DELAY_DAYS = 0.5;

/** Sort keys pack the second of the week above the draw order: 604 800 seconds × 2^20 stays below 2^53. */
const ORDER_BITS = 2 ** 20;

/**
 * An instant `delayMs` after `from` (at least a second), to the second, but no later than the last second of the
 * week ending at `weekEnd`, so that a follow-up never spills into the next week. `from` is a whole second itself.
 */
function laterInWeek(from: number, delayMs: number, weekEnd: number): number {
  const later = from + Math.max(1000, Math.floor(delayMs / 1000) * 1000);
  return Math.max(from, Math.min(later, weekEnd - 1000));
}

/**
 * The drafts in time order, ties in the order they were drawn. Sorting packed numeric keys in a typed array is several
 * times faster than sorting objects with a comparator, and this runs for every record.
 */
function inTimeOrder(drafts: readonly RecordDraft[], weekStart: number): RecordDraft[] {
  const keys = new Float64Array(drafts.length);
  drafts.forEach((draft, i) => {
    keys[i] = ((draft.openedAt - weekStart) / 1000) * ORDER_BITS + i;
  });
  keys.sort();
  return Array.from(keys, (key) => drafts[key % ORDER_BITS] as RecordDraft);
}

/**
 * External numbers: GD (工单) or AJ (案件), the day, a five-digit sequence of the day in time order; then the links of
 * repeats and referred cases, which can only name their complaint once it has its number.
 */
function number(
  drafts: readonly RecordDraft[],
  links: ReadonlyMap<RecordDraft, ComplaintDraft>,
  context: RecordContext,
  firstDay: number,
): void {
  const { calendar } = context.model;
  // Sequences of the week's seven days, complaints then cases.
  const sequences = new Uint32Array(14);
  for (const draft of drafts) {
    const day = dayIndexOf(calendar, draft.openedAt);
    const counter = day - firstDay + (draft.kind === 'complaint' ? 0 : 7);
    const next = (sequences[counter] as number) + 1;
    sequences[counter] = next;
    const prefix = draft.kind === 'complaint' ? 'GD' : 'AJ';
    draft.externalNo = `${prefix}${calendar.compactDays[day]}${String(next).padStart(5, '0')}`;
  }
  for (const [draft, complaint] of links) {
    if (draft.kind === 'complaint') {
      draft.repeatOfExternalNo = complaint.externalNo;
    } else {
      draft.complaintExternalNo = complaint.externalNo;
    }
  }
}

/** What the cells of one week share while their drafts are drawn. */
interface WeekDraw {
  context: RecordContext;
  random: Random;
  firstDay: number;
  weekEnd: number;
  drafts: RecordDraft[];
  /** Repeats to the complaint they repeat, referred cases to the complaint they came from. */
  links: Map<RecordDraft, ComplaintDraft>;
}

/** One village × category cell of the week: its category, village and the weights of the week's seven days. */
interface Cell {
  runtime: CategoryRuntime;
  village: DemoVillage;
  villageIndex: number;
  complaintDays: Float64Array;
  caseDays: Float64Array;
  /** The outbreak term of the cell, and the share of its complaints that carry it. */
  term?: { term: NewTerm; share: number };
}

/**
 * The complaints of a cell. After the first, each is a repeat of an earlier original of the cell with the context's
 * repeat probability, a few hours to three days after it; the others fall on the week's days by the cell's weights.
 */
function drawComplaints(week: WeekDraw, cell: Cell, count: number): ComplaintDraft[] {
  const { context, random } = week;
  const { calendar } = context.model;
  const originals: ComplaintDraft[] = [];
  const complaints: ComplaintDraft[] = [];
  for (let k = 0; k < count; k++) {
    const repeatOf = k > 0 && random.chance(context.repeatProbability) ? random.pick(originals) : undefined;
    let openedAt: number;
    if (repeatOf) {
      const delay = random.between(REPEAT_DELAY_HOURS[0], REPEAT_DELAY_HOURS[1]) * HOUR_MS;
      openedAt = laterInWeek(repeatOf.openedAt, delay, week.weekEnd);
    } else {
      const day = week.firstDay + dayOfWeek(random, cell.complaintDays);
      openedAt = instantIn(random, calendar, day, cell.runtime.complaintHours.pick(random));
    }
    const newTerm = cell.term && random.chance(cell.term.share) ? cell.term.term : undefined;
    const draft = buildComplaint(context, random, {
      runtime: cell.runtime,
      village: cell.village,
      villageIndex: cell.villageIndex,
      day: dayIndexOf(calendar, openedAt),
      openedAt,
      repeatOf,
      newTerm,
    });
    week.drafts.push(draft);
    complaints.push(draft);
    if (repeatOf) {
      week.links.set(draft, repeatOf);
    } else {
      originals.push(draft);
    }
  }
  return complaints;
}

/** The cases of a cell; a case referred from a complaint follows one of the cell's complaints by about half a day. */
function drawCases(week: WeekDraw, cell: Cell, count: number, complaints: readonly ComplaintDraft[]): void {
  const { context, random } = week;
  const { calendar } = context.model;
  for (let k = 0; k < count; k++) {
    const source = cell.runtime.sources.pick(random);
    const fromComplaint =
      source === 'complaint_referral' && complaints.length > 0 ? random.pick(complaints) : undefined;
    const openedAt = fromComplaint
      ? laterInWeek(fromComplaint.openedAt, logNormal(random, REFERRAL_DELAY_DAYS, 0.6) * DAY_MS, week.weekEnd)
      : instantIn(
          random,
          calendar,
          week.firstDay + dayOfWeek(random, cell.caseDays),
          cell.runtime.caseHours.pick(random),
        );
    const draft = buildCase(context, random, {
      runtime: cell.runtime,
      village: cell.village,
      villageIndex: cell.villageIndex,
      day: dayIndexOf(calendar, openedAt),
      openedAt,
      source,
      fromComplaint,
    });
    week.drafts.push(draft);
    if (fromComplaint) {
      week.links.set(draft, fromComplaint);
    }
  }
}

/**
 * The drafts of one week (0 = the first week of the data), in time order, with their external numbers. Pure: the
 * same context, stream and week always give the same drafts.
 */
export function generateWeek(context: RecordContext, random: Random, week: number): RecordDraft[] {
  const { model } = context;
  const { calendar } = model;
  const firstDay = week * 7;
  const draw: WeekDraw = {
    context,
    random,
    firstDay,
    weekEnd: dayStartMs(calendar, firstDay + 7),
    drafts: [],
    links: new Map(),
  };
  const complaintDays = new Float64Array(7);
  const caseDays = new Float64Array(7);
  context.categories.forEach((runtime, c) => {
    const profile = runtime.category.profile;
    const dayFactors = model.dayFactors[c] as Float64Array;
    const weekdays = WEEKDAY_WEIGHTS[profile.days];
    for (let k = 0; k < 7; k++) {
      const factor = dayFactors[firstDay + k] as number;
      complaintDays[k] = (weekdays[k] as number) * factor;
      caseDays[k] = caseDayWeight(calendar.working[firstDay + k] === 1, k + 1) * factor;
    }
    model.villages.forEach((village, v) => {
      const index = cellIndex(model, week, c, v);
      const count = model.counts[index] as number;
      if (count > 0) {
        const cell: Cell = {
          runtime,
          village,
          villageIndex: v,
          complaintDays,
          caseDays,
          term: context.newTerms.get(index),
        };
        const cases = binomial(random, count, profile.caseShare);
        const complaints = drawComplaints(draw, cell, count - cases);
        drawCases(draw, cell, cases, complaints);
      }
    });
  });
  const ordered = inTimeOrder(draw.drafts, dayStartMs(calendar, firstDay));
  number(ordered, draw.links, context, firstDay);
  return ordered;
}
