import { beforeAll, describe, expect, it } from 'vitest';
import { createDemo, type Demo, demoWeek } from '../../demo/index.js';
import { DEFAULT_BURST_OPTIONS } from './burst.js';
import { type EmergingText, emergingIssues } from './emerging.js';
import { termsOf } from './segment.js';

/*
 * The demo town injects invented terms into the complaints of some outbreaks (truth.json `newTerms`). A small town
 * (20,000 records, about 60 complaints a week) keeps this quick; its complaints are segmented once and passed on
 * with their terms, as the engine will store them. Without repeat complaints: the demo draws repeats most in busy
 * cells, which an outbreak's are, and a repeat restates an earlier complaint (来电人再次反映…) rather than adding a
 * voice, so a detector should count first complaints only; at 20,000 records with repeats, too few first complaints
 * carry any term to find it.
 */

const MONITORED = 104;
const HISTORY = 26;

let demo: Demo;
let texts: (EmergingText & { terms: string[] })[];
let firstMonitored: number;

beforeAll(() => {
  demo = createDemo({ records: 20_000, repeatShare: 0 });
  const weeks = demo.calendar.weeks;
  firstMonitored = weeks.length - MONITORED;
  texts = [];
  for (let w = firstMonitored - HISTORY; w < weeks.length; w++) {
    for (const draft of demoWeek(demo, weeks[w] as number)) {
      // First complaints only: a repeat of an earlier complaint says the same again and is no new voice.
      if (draft.kind === 'complaint' && draft.repeatOfExternalNo === undefined) {
        const group = draft.placeCode.slice(0, 12);
        texts.push({ id: draft.externalNo, week: w, text: draft.content, group, terms: termsOf(draft.content) });
      }
    }
  }
});

/** Each outbreak term in the first week that at least minCount complaints carry it, with its villages. */
function targets() {
  const weeks = demo.calendar.weeks;
  const found: { term: string; week: number; villages: string[] }[] = [];
  for (const event of demo.truth.events) {
    for (const term of event.newTerms) {
      for (let w = weeks.indexOf(event.firstWeek); w <= weeks.indexOf(event.lastWeek); w++) {
        const carriers = texts.filter((t) => t.week === w && t.text.includes(term)).length;
        if (carriers >= DEFAULT_BURST_OPTIONS.minCount) {
          found.push({ term, week: w, villages: event.villageCodes });
          break;
        }
      }
    }
  }
  return found;
}

describe('emerging words on the demo town', () => {
  it('flags the new term of an outbreak in the first week enough complaints carry it', () => {
    const list = targets();
    // Something to find, or this test proves nothing.
    expect(list.length).toBeGreaterThan(0);
    for (const { term, week, villages } of list) {
      const issues = emergingIssues(texts, { week, byGroup: true });
      const townIssue = issues.find((i) => i.group === null && i.terms.some((t) => t.term === term));
      expect(townIssue, `${term} in week ${week}`).toBeDefined();
      const burst = townIssue?.terms.find((t) => t.term === term);
      expect(burst?.ratio).toBeGreaterThanOrEqual(DEFAULT_BURST_OPTIONS.minRatio);
      const byId = new Map(texts.map((t) => [t.id, t]));
      expect(townIssue?.exampleIds.length).toBeGreaterThan(0);
      for (const id of townIssue?.exampleIds ?? []) {
        expect(byId.get(id)?.text).toContain(term);
      }
      // And in the village of the outbreak.
      const villageIssue = issues.find((i) => i.group !== null && i.terms.some((t) => t.term === term));
      expect(villages).toContain(villageIssue?.group);
    }
  });

  it('raises few issues over two years: at most one week in three on average', () => {
    // 25 with the defaults when written; the injected outbreaks and the category surges explain most of them.
    let count = 0;
    const weeks = demo.calendar.weeks.length;
    for (let week = firstMonitored; week < weeks; week++) {
      count += emergingIssues(texts, { week }).length;
    }
    expect(count).toBeLessThanOrEqual(MONITORED / 3);
  });
});
