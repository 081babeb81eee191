import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../core/errors.js';
import { isoWeekOf } from '../core/time/index.js';
import { validateCreditCode } from '../enterprises/index.js';
import { defaultDepartments } from '../orgs/index.js';
import { caseOutcomes, caseSources, complaintChannels, complaintStatuses } from '../records/index.js';
import { type DefaultCategory, defaultTaxonomy } from '../taxonomy/index.js';
import { createDemo, type Demo, demoRecords, demoWeek, demoWeeks } from './demo.js';
import { FAKE_PHONE_PATTERN } from './people.js';
import { CHANNEL_SHARES } from './record-context.js';
import type { ComplaintDraft, RecordDraft } from './record-draft.js';

const DAY_MS = 86_400_000;
const departments = new Set(defaultDepartments.map((d) => d.code));

const known = new WeakMap<Demo, { places: Set<string>; categories: Set<string>; enterprises: Set<string> }>();

/** The codes a demo's drafts may use. */
function codesOf(demo: Demo) {
  let codes = known.get(demo);
  if (!codes) {
    codes = {
      places: new Set(demo.map.villages.flatMap((v) => [v.code, ...v.groups.map((g) => g.code)])),
      categories: new Set(defaultLeafCodes()),
      enterprises: new Set(demo.enterprises.map((e) => e.creditCode)),
    };
    known.set(demo, codes);
  }
  return codes;
}

/** The leaves of the default taxonomy, read from the taxonomy feature itself. */
function defaultLeafCodes(): string[] {
  const leaves = (category: DefaultCategory): string[] =>
    category.children?.length ? category.children.flatMap(leaves) : [category.code];
  return defaultTaxonomy.flatMap(leaves);
}

/** Everything wrong with a draft, as the records service and the export files would see it. */
function problemsOf(demo: Demo, draft: RecordDraft): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, problem: string) => {
    if (!ok) {
      problems.push(`${draft.externalNo}: ${problem}`);
    }
  };
  const { places, categories, enterprises } = codesOf(demo);
  check(draft.townCode === demo.map.town.code, 'town');
  check(categories.has(draft.categoryCode), `category ${draft.categoryCode} is not a leaf of the default taxonomy`);
  check(places.has(draft.placeCode), `place ${draft.placeCode} is not a village or group of the town`);
  check(draft.openedAt >= demo.calendar.firstDayMs && draft.openedAt < demo.calendar.endMs, 'opened outside the span');
  check(draft.openedAt % 1000 === 0 && draft.deadlineAt > draft.openedAt, 'opened to the second, deadline after it');
  check(
    draft.firstResponseAt === undefined || draft.firstResponseAt >= draft.openedAt,
    'first response before opening',
  );
  check(
    draft.closedAt === undefined || (draft.closedAt >= draft.openedAt && draft.closedAt <= demo.calendar.endMs),
    'closedAt',
  );
  check(
    (draft.status === 'closed' || draft.status === 'cancelled') === (draft.closedAt !== undefined),
    'status/closedAt',
  );
  check(draft.title.length > 0 && draft.title.length <= 200, 'title');
  check(draft.content.length > 0 && draft.content.length <= 20_000, 'content');
  check(draft.address.startsWith('义乌市云溪镇'), 'address');
  check(draft.departmentCode === undefined || departments.has(draft.departmentCode), 'department');
  const code = draft.enterpriseCreditCode;
  check(code === undefined || (enterprises.has(code) && validateCreditCode(code).ok), 'enterprise');
  if (draft.kind === 'complaint') {
    check(/^GD\d{13}$/.test(draft.externalNo), 'complaint number');
    check((complaintChannels as readonly string[]).includes(draft.channel), 'channel');
    check((complaintStatuses as readonly string[]).includes(draft.status), 'status');
    check(FAKE_PHONE_PATTERN.test(draft.complainantPhone), `phone ${draft.complainantPhone}`);
    check(/^\p{Script=Han}{2,3}$/u.test(draft.complainantName), `name ${draft.complainantName}`);
  } else {
    check(/^AJ\d{13}$/.test(draft.externalNo), 'case number');
    check((caseSources as readonly string[]).includes(draft.source), 'source');
    check(draft.outcome === undefined || (caseOutcomes as readonly string[]).includes(draft.outcome), 'outcome');
    check(
      (draft.penaltyFen !== undefined) === (draft.outcome === 'penalty'),
      'penalty without a fine or a fine without penalty',
    );
    check(draft.penaltyFen === undefined || (Number.isInteger(draft.penaltyFen) && draft.penaltyFen >= 5000), 'fine');
    check(draft.partyName.length > 0, 'party');
  }
  return problems;
}

function hashOf(drafts: Iterable<RecordDraft>, limit: number): string {
  const hash = createHash('sha256');
  let n = 0;
  for (const draft of drafts) {
    if (n++ >= limit) {
      break;
    }
    hash.update(JSON.stringify(draft));
  }
  return hash.digest('hex');
}

describe('determinism', () => {
  it('gives identical drafts for the same seed and different drafts for another', () => {
    const a = hashOf(demoRecords(createDemo({ records: 40_000 })), 10_000);
    expect(hashOf(demoRecords(createDemo({ records: 40_000 })), 10_000)).toBe(a);
    expect(hashOf(demoRecords(createDemo({ records: 40_000, seed: 'shanzhi2' })), 10_000)).not.toBe(a);
  });

  it('generates any week on its own, in any order, the same', () => {
    const demo = createDemo({ records: 20_000 });
    const weeks = [...demoWeeks(demo)];
    const last = weeks.at(-1);
    expect(demoWeek(demo, last?.week ?? 0)).toEqual(last?.records);
    expect(demoWeek(demo, weeks[100]?.week ?? 0)).toEqual(weeks[100]?.records);
    expect(() => demoWeek(demo, 201001)).toThrow(/week/);
  });
});

describe('the records of a mid-size town', () => {
  const demo = createDemo({ records: 150_000 });
  const drafts = [...demoRecords(demo)];
  const complaints = drafts.filter((d): d is ComplaintDraft => d.kind === 'complaint');

  it('are exactly as many as asked, valid, numbered uniquely and in time order', () => {
    expect(drafts).toHaveLength(150_000);
    expect(drafts.flatMap((d) => problemsOf(demo, d)).slice(0, 5)).toEqual([]);
    expect(new Set(drafts.map((d) => d.externalNo)).size).toBe(drafts.length);
    expect(drafts.every((d, i) => i === 0 || d.openedAt >= (drafts[i - 1]?.openedAt ?? 0))).toBe(true);
  });

  it('follow the model: each week and series has the drafts the counts say', () => {
    const byWeek = new Map<number, number>();
    for (const d of drafts) {
      const week = isoWeekOf(demo.calendar.days[Math.floor((d.openedAt - demo.calendar.firstDayMs) / DAY_MS)] ?? '');
      byWeek.set(week, (byWeek.get(week) ?? 0) + 1);
    }
    const { model } = demo;
    const perWeek = model.categories.length * model.villages.length;
    demo.calendar.weeks.forEach((week, w) => {
      const expected = model.counts.subarray(w * perWeek, (w + 1) * perWeek).reduce((s, x) => s + x, 0);
      expect(byWeek.get(week) ?? 0).toBe(expected);
    });
    for (const truth of demo.truth.events) {
      const inEvent = drafts.filter((d) => {
        const week = isoWeekOf(demo.calendar.days[Math.floor((d.openedAt - demo.calendar.firstDayMs) / DAY_MS)] ?? '');
        return (
          d.categoryCode === truth.categoryCode &&
          truth.villageCodes.includes(d.placeCode.slice(0, 12)) &&
          week >= truth.firstWeek &&
          week <= truth.lastWeek
        );
      });
      expect(inEvent).toHaveLength(truth.observed);
    }
  });

  it('repeat complaints at the configured share: same address and category, within days', () => {
    const byNumber = new Map(complaints.map((c) => [c.externalNo, c]));
    const repeats = complaints.filter((c) => c.repeatOfExternalNo !== undefined);
    expect(Math.abs(repeats.length / complaints.length - 0.08)).toBeLessThan(0.01);
    for (const repeat of repeats) {
      const original = byNumber.get(repeat.repeatOfExternalNo ?? '');
      expect(original?.address).toBe(repeat.address);
      expect(original?.categoryCode).toBe(repeat.categoryCode);
      const delay = repeat.openedAt - (original?.openedAt ?? 0);
      expect(delay >= 0 && delay <= 3 * DAY_MS).toBe(true);
    }
    // Found again from the data alone (what a duplicate detector sees): hardly any accidental repeats.
    const last = new Map<string, number>();
    let found = 0;
    for (const c of complaints) {
      const key = `${c.categoryCode}|${c.address}`;
      const previous = last.get(key);
      if (previous !== undefined && c.openedAt - previous <= 3 * DAY_MS) {
        found++;
      }
      last.set(key, c.openedAt);
    }
    expect(found / complaints.length).toBeGreaterThanOrEqual(repeats.length / complaints.length);
    expect(found / complaints.length - repeats.length / complaints.length).toBeLessThan(0.01);
  });

  it('flag 3–5 % as difficult and make difficult ones slower', () => {
    const difficult = drafts.filter((d) => d.difficult);
    const share = difficult.length / drafts.length;
    expect(share).toBeGreaterThanOrEqual(0.03);
    expect(share).toBeLessThanOrEqual(0.05);
    const handling = (list: RecordDraft[]) => {
      const times = list
        .flatMap((d) => (d.closedAt === undefined ? [] : [d.closedAt - d.openedAt]))
        .sort((a, b) => a - b);
      return times[Math.floor(times.length / 2)] ?? 0;
    };
    const ordinary = complaints.filter((d) => !d.difficult);
    expect(handling(complaints.filter((d) => d.difficult))).toBeGreaterThan(2 * handling(ordinary));
    const overdue =
      ordinary.filter((d) => d.closedAt !== undefined && d.closedAt > d.deadlineAt).length / ordinary.length;
    expect(overdue > 0.005 && overdue < 0.06).toBe(true);
  });

  it('come in through the channels at their shares, and split into complaints and cases', () => {
    for (const [channel, share] of Object.entries(CHANNEL_SHARES)) {
      const observed = complaints.filter((c) => c.channel === channel).length / complaints.length;
      expect(Math.abs(observed - share)).toBeLessThan(0.01);
    }
    const caseShare = 1 - complaints.length / drafts.length;
    expect(caseShare > 0.15 && caseShare < 0.4).toBe(true);
    const referred = drafts.filter((d) => d.kind === 'case' && d.complaintExternalNo !== undefined);
    expect(referred.length).toBeGreaterThan(0);
  });

  it('write each outbreak term only into complaints of its outbreak', () => {
    for (const truth of demo.truth.events) {
      for (const term of truth.newTerms) {
        const carrying = drafts.filter((d) => d.content.includes(term));
        expect(carrying.length).toBeGreaterThan(0);
        for (const d of carrying) {
          const week = isoWeekOf(
            demo.calendar.days[Math.floor((d.openedAt - demo.calendar.firstDayMs) / DAY_MS)] ?? '',
          );
          expect(d.kind).toBe('complaint');
          expect(d.categoryCode).toBe(truth.categoryCode);
          expect(truth.villageCodes).toContain(d.placeCode.slice(0, 12));
          expect(week >= truth.firstWeek && week <= truth.lastWeek).toBe(true);
        }
      }
    }
  });
});

describe('options', () => {
  it('refuse bad values with invalid_input naming the field', () => {
    const bad: [string, Record<string, unknown>][] = [
      ['records', { records: -1 }],
      ['records', { records: 1.5 }],
      ['records', { records: 30_000_000 }],
      ['lastWeek', { lastWeek: 201953 }],
      ['lastWeek', { lastWeek: 202654 }],
      ['repeatShare', { repeatShare: 0.9 }],
      ['difficultShare', { difficultShare: Number.NaN }],
      ['enterprises', { enterprises: 0 }],
    ];
    for (const [field, options] of bad) {
      let error: unknown;
      try {
        createDemo(options);
      } catch (caught) {
        error = caught;
      }
      expect(isAppError(error) && error.code === 'invalid_input' && error.message.startsWith(`${field}:`)).toBe(true);
    }
  });

  it('give valid drafts for any seed and record count (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), fc.integer({ min: 0, max: 3000 }), (seed, records) => {
        const demo = createDemo({ seed, records, enterprises: 120 });
        let count = 0;
        for (const draft of demoRecords(demo)) {
          count++;
          expect(problemsOf(demo, draft)).toEqual([]);
        }
        expect(count).toBe(records);
      }),
      { numRuns: 8 },
    );
  });
});
