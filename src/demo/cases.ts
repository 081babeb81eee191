import { deadlineMs } from './calendar.js';
import { logNormal } from './distributions.js';
import { fakeName } from './people.js';
import type { Random } from './random.js';
import type { CategoryRuntime, RecordContext } from './record-context.js';
import type { CaseDraft, ComplaintDraft } from './record-draft.js';
import {
  CITY_PREFIX,
  closingAfter,
  DAY_MS,
  DIFFICULT_SLOWDOWN,
  pickEnterprise,
  placeCodeIn,
  streetAddress,
} from './record-parts.js';
import { caseText } from './text.js';
import type { DemoVillage } from './town.js';

/**
 * Case deadline in working days: the 90 days the Administrative Penalty Law gives from filing to decision
 * (《行政处罚法》2021 第六十条) are about 60 working days.
 */
const CASE_DEADLINE_WORKING_DAYS = 60;
const HANDLING_SIGMA = 0.8;
const CANCELLED_SHARE = 0.02;
/** Fines are log-normal around the category's median and rounded to 50 yuan. */
const FINE_SIGMA = 0.7;

/** Where and when a case is opened. */
export interface CasePlace {
  runtime: CategoryRuntime;
  village: DemoVillage;
  villageIndex: number;
  day: number;
  openedAt: number;
  source: CaseDraft['source'];
  /** The complaint it was referred from, in the same village, category and week. */
  fromComplaint?: ComplaintDraft;
}

function fineFen(random: Random, medianYuan: number): number {
  return Math.max(50, Math.round(logNormal(random, medianYuan, FINE_SIGMA) / 50) * 50) * 100;
}

/** A case draft (its external number is given later, once the week is sorted by time). */
export function buildCase(context: RecordContext, random: Random, place: CasePlace): CaseDraft {
  const { calendar } = context.model;
  const { runtime, village, fromComplaint } = place;
  const profile = runtime.category.profile;
  const enterprise = pickEnterprise(random, runtime, place.villageIndex);
  const address = fromComplaint
    ? fromComplaint.address.slice(CITY_PREFIX.length)
    : (enterprise?.address.slice(CITY_PREFIX.length) ?? streetAddress(random, context.map.town.name, village));
  const partyName = enterprise?.name ?? fakeName(random);
  const difficult = random.chance(runtime.difficult);
  const median = profile.caseDays * (difficult ? DIFFICULT_SLOWDOWN : 1);
  const closedAt = closingAfter(random, calendar, place.openedAt, median, HANDLING_SIGMA);

  let status: CaseDraft['status'] = 'closed';
  let outcome: CaseDraft['outcome'];
  if (closedAt === undefined) {
    const daysOpen = (calendar.endMs - place.openedAt) / DAY_MS;
    status = daysOpen < 3 ? 'opened' : random.chance(0.3) ? 'decided' : 'investigating';
    outcome = status === 'decided' ? runtime.outcomes.pick(random) : undefined;
  } else if (random.chance(CANCELLED_SHARE)) {
    status = 'cancelled';
  } else {
    outcome = runtime.outcomes.pick(random);
  }
  const penaltyFen = outcome === 'penalty' ? fineFen(random, profile.fineYuan) : undefined;
  const text = caseText({
    category: runtime.category,
    address,
    partyName,
    departmentName: runtime.departmentName,
    date: calendar.chineseDays[place.day] as string,
    source: place.source,
    outcome: status === 'closed' ? outcome : undefined,
    fineYuan: penaltyFen === undefined ? undefined : penaltyFen / 100,
  });

  // One literal with every key (undefined where absent) gives all drafts one shape: faster to build and to read.
  return {
    kind: 'case',
    townCode: context.map.town.code,
    sourceSystem: 'ledger',
    externalNo: '',
    categoryCode: runtime.category.code,
    placeCode: fromComplaint?.placeCode ?? placeCodeIn(random, village),
    enterpriseCreditCode: enterprise?.creditCode,
    departmentCode: profile.department,
    title: text.title,
    content: text.content,
    address: CITY_PREFIX + address,
    openedAt: place.openedAt,
    deadlineAt: deadlineMs(calendar, place.day, CASE_DEADLINE_WORKING_DAYS),
    firstResponseAt: undefined,
    closedAt,
    difficult,
    source: place.source,
    status,
    partyName,
    outcome,
    penaltyFen,
    complaintExternalNo: undefined,
  };
}
