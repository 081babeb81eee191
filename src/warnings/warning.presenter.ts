import type { z } from 'zod';
import { townIso } from '../core/time/index.js';
import { type CaseRow, type ComplaintRow, maskPersonalText } from '../records/index.js';
import type { WarningEventRow, WarningRow } from './warning.repo.js';
import type {
  Warning,
  WarningEvent,
  WarningFacts,
  WarningSample,
  warningMethodSchema,
  warningSeriesSchema,
} from './warning.schema.js';

/*
 * Warnings as they leave the server: codes and names, never ids of what they point at; the engine's JSON columns
 * parsed leniently (a key the engine left out reads as null or empty, never as an error).
 */

const ref = (code: string | null, name: string | null) => (code !== null && name !== null ? { code, name } : null);

/** A warning as lists show it. */
export function presentWarning(row: WarningRow): Warning {
  return {
    id: row.id,
    type: row.type,
    situation: row.situation,
    severity: row.severity,
    score: row.score,
    status: row.status,
    town: { code: row.town_code, name: row.town_name },
    category: ref(row.category_code, row.category_name),
    place: { code: row.place_code, name: row.place_name },
    department: ref(row.department_code, row.department_name),
    sinceWeek: row.since_week,
    week: row.week,
    observed: row.observed,
    expected: row.expected,
    upperBound: row.upper_bound,
    summary: row.summary,
    summaryEn: row.summary_en,
    owner: row.owner,
    dueDay: row.due_day,
    detectedAt: townIso(row.detected_at),
    createdAt: townIso(row.created_at),
    updatedAt: townIso(row.updated_at),
  };
}

/** The lifecycle fields of a warning, as its audit entries compare them. */
export function lifecycleOf(row: WarningRow) {
  return {
    status: row.status,
    owner: row.owner,
    dueDay: row.due_day,
    actions: row.actions,
    result: row.result,
    dismissReason: row.dismiss_reason,
  };
}

/** JSON text as a value, or undefined when it is not JSON. */
export function parseJson(text: string | null): unknown {
  if (text === null) {
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const numberOrNull = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;
const stringOrNull = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const arrayOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

type Method = z.infer<typeof warningMethodSchema>;
type Series = z.infer<typeof warningSeriesSchema>;

/** The methods that looked at the series: `[{method, observed, expected, upperbound, alarm}]`. */
export function parseMethods(text: string): Method[] {
  return arrayOf(parseJson(text))
    .filter(isObject)
    .map((m) => ({
      method: stringOrNull(m.method) ?? '',
      observed: numberOrNull(m.observed),
      expected: numberOrNull(m.expected),
      upperBound: numberOrNull(m.upperbound ?? m.upperBound),
      alarm: m.alarm === true,
    }));
}

function parseSeries(value: unknown): Series | null {
  if (!isObject(value)) {
    return null;
  }
  const weeks = arrayOf(value.weeks).map(numberOrNull);
  if (weeks.some((week) => week === null)) {
    return null;
  }
  const column = (values: unknown) => weeks.map((_, i) => numberOrNull(arrayOf(values)[i]));
  return {
    weeks: weeks as number[],
    observed: column(value.observed),
    expected: column(value.expected),
    upperBound: column(value.upperbound ?? value.upperBound),
  };
}

/** What the engine found, with the keys the API names always there; other keys pass through. */
export function parseFacts(text: string): WarningFacts {
  const facts = parseJson(text);
  const raw = isObject(facts) ? facts : {};
  return {
    ...raw,
    villages: arrayOf(raw.villages)
      .filter(isObject)
      .flatMap((v) => {
        const code = stringOrNull(v.code);
        return code === null ? [] : [{ code, name: stringOrNull(v.name) ?? code }];
      }),
    categoryCode: stringOrNull(raw.categoryCode),
    weeks: numberOrNull(raw.weeks),
    terms: arrayOf(raw.terms).filter((term): term is string => typeof term === 'string'),
    slopePerWeek: numberOrNull(raw.slopePerWeek),
    qValue: numberOrNull(raw.qValue),
    overdue: numberOrNull(raw.overdue),
    series: parseSeries(raw.series),
  };
}

export interface SampleRef {
  kind: 'complaint' | 'case';
  id: number;
}

/** The sample records `[{kind, id}]`: unknown kinds and non-ids left out, each record once. */
export function parseSamples(text: string): SampleRef[] {
  const seen = new Set<string>();
  return arrayOf(parseJson(text))
    .filter(isObject)
    .flatMap((s): SampleRef[] => {
      const { kind, id } = s;
      if ((kind !== 'complaint' && kind !== 'case') || typeof id !== 'number' || !Number.isSafeInteger(id) || id < 1) {
        return [];
      }
      const key = `${kind}:${id}`;
      if (seen.has(key)) {
        return [];
      }
      seen.add(key);
      return [{ kind, id }];
    });
}

const EXCERPT_LENGTH = 120;

/** The first characters of text, whole code points, with … when cut. Masked before cutting, so no number is half-hidden. */
function excerpt(text: string): string {
  const chars = Array.from(maskPersonalText(text));
  return chars.length > EXCERPT_LENGTH ? `${chars.slice(0, EXCERPT_LENGTH).join('')}…` : chars.join('');
}

/** A sample record in short: personal data that its text visibly carries is masked, as record lists mask it. */
export function presentSample(kind: 'complaint' | 'case', row: ComplaintRow | CaseRow): WarningSample {
  return {
    kind,
    id: row.id,
    title: row.title === null ? null : maskPersonalText(row.title),
    excerpt: excerpt(row.content),
    category: { code: row.category_code, name: row.category_name },
    place: ref(row.place_code, row.place_name),
    status: row.status,
    openedDay: row.opened_day,
  };
}

export function presentEvent(row: WarningEventRow): WarningEvent {
  const details = parseJson(row.details);
  return {
    id: row.id,
    at: townIso(row.at),
    action: row.action,
    fromStatus: row.from_status,
    toStatus: row.to_status,
    actor: { kind: row.actor_kind, id: row.actor_id, name: row.actor_name },
    note: row.note,
    details: isObject(details) ? details : {},
  };
}
