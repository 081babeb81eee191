import { dayIndexOf, dayStartMs, deadlineMs } from './calendar.js';
import { logNormal } from './distributions.js';
import type { NewTerm } from './outbreaks.js';
import { fakeName, fakePhone } from './people.js';
import type { Random } from './random.js';
import type { CategoryRuntime, RecordContext } from './record-context.js';
import type { ComplaintDraft } from './record-draft.js';
import {
  CITY_PREFIX,
  closingAfter,
  DIFFICULT_SLOWDOWN,
  HOUR_MS,
  pickEnterprise,
  placeCodeIn,
  streetAddress,
} from './record-parts.js';
import { complaintText } from './text.js';
import type { DemoVillage } from './town.js';

/** Median handling time as a share of the deadline: with σ = 0.6 about 2 % of ordinary complaints run over. */
const HANDLING_SHARE_OF_DEADLINE = 0.3;
const HANDLING_SIGMA = 0.6;
/** The hotline signs a work order for a department within a couple of hours (median, log-normal). */
const FIRST_RESPONSE_MEDIAN_HOURS = 1.5;
/** Share of repeats made by the same person (the rest are neighbours calling about the same thing). */
const SAME_COMPLAINANT_SHARE = 0.7;
/** Repeats the hotline closes as duplicates (重复件) instead of handling them again; and other withdrawals. */
const REPEAT_CANCELLED_SHARE = 0.35;
const CANCELLED_SHARE = 0.01;
/** Satisfaction shares [satisfied, basically satisfied] when the problem was, and was not, resolved. */
const SATISFACTION_RESOLVED = [0.82, 0.13] as const;
const SATISFACTION_UNRESOLVED = [0.2, 0.3] as const;

/** Where and when a complaint comes in. */
export interface ComplaintPlace {
  runtime: CategoryRuntime;
  village: DemoVillage;
  villageIndex: number;
  day: number;
  openedAt: number;
  /** The complaint it repeats: same address and category, a few days earlier at most. */
  repeatOf?: ComplaintDraft;
  /** The outbreak term this complaint carries, if any. */
  newTerm?: NewTerm;
}

/** The status of a complaint still open at the end of the data. */
function openStatus(
  random: Random,
  openedAt: number,
  firstResponseAt: number | undefined,
  endMs: number,
): ComplaintDraft['status'] {
  if (firstResponseAt === undefined) {
    return endMs - openedAt < 2 * HOUR_MS ? 'received' : 'dispatched';
  }
  return random.chance(0.25) ? 'responded' : 'in_progress';
}

function satisfaction(random: Random, resolved: boolean): ComplaintDraft['satisfaction'] {
  const [satisfied, basically] = resolved ? SATISFACTION_RESOLVED : SATISFACTION_UNRESOLVED;
  const roll = random.next();
  return roll < satisfied ? 'satisfied' : roll < satisfied + basically ? 'basically_satisfied' : 'dissatisfied';
}

/** A complaint draft (its external number is given later, once the week is sorted by time). */
export function buildComplaint(context: RecordContext, random: Random, place: ComplaintPlace): ComplaintDraft {
  const { calendar } = context.model;
  const { runtime, village, repeatOf } = place;
  const profile = runtime.category.profile;
  const enterprise = repeatOf
    ? context.enterprises.get(repeatOf.enterpriseCreditCode ?? '')
    : pickEnterprise(random, runtime, place.villageIndex);
  const address = repeatOf
    ? repeatOf.address.slice(CITY_PREFIX.length)
    : (enterprise?.address.slice(CITY_PREFIX.length) ?? streetAddress(random, context.map.town.name, village));
  const channel = context.channels.pick(random);
  const text = complaintText(random, {
    category: runtime.category,
    villageName: village.name,
    address,
    enterpriseName: enterprise?.name,
    date: calendar.chineseDays[place.day] as string,
    hour: Math.floor((place.openedAt - dayStartMs(calendar, place.day)) / HOUR_MS),
    channel,
    repeatOfDate: repeatOf ? calendar.chineseDays[dayIndexOf(calendar, repeatOf.openedAt)] : undefined,
    newTerm: place.newTerm,
  });
  const difficult = random.chance(runtime.difficult);
  const median = profile.deadlineDays * HANDLING_SHARE_OF_DEADLINE * (difficult ? DIFFICULT_SLOWDOWN : 1);
  const closedAt = closingAfter(random, calendar, place.openedAt, median, HANDLING_SIGMA);
  const sameComplainant = repeatOf !== undefined && random.chance(SAME_COMPLAINANT_SHARE);
  const response = place.openedAt + Math.round(logNormal(random, FIRST_RESPONSE_MEDIAN_HOURS, 0.8) * HOUR_MS);
  const answered = closedAt === undefined ? response : Math.min(response, Math.floor((place.openedAt + closedAt) / 2));
  const firstResponseAt = answered <= calendar.endMs ? answered : undefined;

  let status: ComplaintDraft['status'] = 'closed';
  let resolved: boolean | undefined;
  let satisfied: ComplaintDraft['satisfaction'];
  if (closedAt === undefined) {
    status = openStatus(random, place.openedAt, firstResponseAt, calendar.endMs);
  } else if (random.chance(repeatOf ? REPEAT_CANCELLED_SHARE : CANCELLED_SHARE)) {
    status = 'cancelled';
  } else {
    resolved = random.chance(difficult ? 0.6 : 0.88);
    satisfied = satisfaction(random, resolved);
  }
  // One literal with every key (undefined where absent) gives all drafts one shape: faster to build and to read.
  return {
    kind: 'complaint',
    townCode: context.map.town.code,
    sourceSystem: '12345',
    externalNo: '',
    categoryCode: runtime.category.code,
    placeCode: repeatOf?.placeCode ?? placeCodeIn(random, village),
    enterpriseCreditCode: enterprise?.creditCode,
    departmentCode: profile.department,
    title: text.title,
    content: text.content,
    address: CITY_PREFIX + address,
    openedAt: place.openedAt,
    deadlineAt: deadlineMs(calendar, place.day, profile.deadlineDays),
    firstResponseAt,
    closedAt,
    difficult,
    channel,
    status,
    complainantName: sameComplainant && repeatOf ? repeatOf.complainantName : fakeName(random),
    complainantPhone: sameComplainant && repeatOf ? repeatOf.complainantPhone : fakePhone(random),
    resolved,
    satisfaction: satisfied,
    reopenCount: satisfied === 'dissatisfied' && random.chance(0.3) ? 1 : 0,
    repeatOfExternalNo: undefined,
  };
}
