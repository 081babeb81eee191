import type { IsoWeek } from '../core/time/index.js';
import type { DemoModel } from './model.js';
import type { EventKind } from './outbreaks.js';

/** One injected event as truth.json records it. */
export interface TruthEvent {
  id: string;
  kind: EventKind;
  /** The series: one leaf category in one or more villages (neighbours of each other, or the whole town). */
  categoryCode: string;
  categoryName: string;
  villageCodes: string[];
  villageNames: string[];
  /** ISO weeks YYYYWW, inclusive. A drift rises from firstWeek to lastWeek and stays at its new level after it. */
  firstWeek: IsoWeek;
  lastWeek: IsoWeek;
  /** Outbreak: expected count during the event ÷ expected without it. Drift: the level reached at lastWeek. */
  multiplier: number;
  /** Expected records of the series over the event's weeks without the event. */
  expectedBaseline: number;
  /** Records the series actually got over those weeks. */
  observed: number;
  /** observed − expectedBaseline, rounded: the records the event added. */
  excessCount: number;
  /** Terms that appear in complaint texts only during this event. */
  newTerms: string[];
}

/** The ground truth of a demo town: what was injected, for evaluating the detectors. Written as truth.json. */
export interface DemoTruth {
  generator: 'shanzhi-demo';
  version: 1;
  seed: string;
  records: number;
  town: { code: string; name: string };
  firstWeek: IsoWeek;
  lastWeek: IsoWeek;
  events: TruthEvent[];
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** The truth of a model: its events with their expected and observed sizes. */
export function buildTruth(
  model: DemoModel,
  meta: { seed: string; records: number; town: { code: string; name: string } },
): DemoTruth {
  const C = model.categories.length;
  const V = model.villages.length;
  const events = model.events.map((event, e): TruthEvent => {
    const stats = model.eventStats[e] ?? { baseline: 0, expectedExcess: 0 };
    let observed = 0;
    for (let w = event.firstWeek; w <= event.lastWeek; w++) {
      for (const v of event.villages) {
        observed += model.counts[(w * C + event.category) * V + v] as number;
      }
    }
    const category = model.categories[event.category];
    return {
      id: event.id,
      kind: event.kind,
      categoryCode: category?.code ?? '',
      categoryName: category?.name ?? '',
      villageCodes: event.villages.map((v) => model.villages[v]?.code ?? ''),
      villageNames: event.villages.map((v) => model.villages[v]?.name ?? ''),
      firstWeek: model.calendar.weeks[event.firstWeek] as IsoWeek,
      lastWeek: model.calendar.weeks[event.lastWeek] as IsoWeek,
      multiplier:
        event.kind === 'outbreak' && stats.baseline > 0
          ? Math.round(((stats.baseline + stats.expectedExcess) / stats.baseline) * 100) / 100
          : event.multiplier,
      expectedBaseline: round1(stats.baseline),
      observed,
      // `|| 0` turns the -0 of a small negative excess into 0.
      excessCount: Math.round(observed - stats.baseline) || 0,
      newTerms: event.newTerm ? [event.newTerm.term] : [],
    };
  });
  return {
    generator: 'shanzhi-demo',
    version: 1,
    seed: meta.seed,
    records: meta.records,
    town: meta.town,
    firstWeek: model.calendar.firstWeek,
    lastWeek: model.calendar.lastWeek,
    events,
  };
}
