import type { Me } from '../../api/auth';
import type { Category } from '../../api/categories';
import {
  WARNING_SEVERITIES,
  WARNING_STATUSES,
  WARNING_TYPES,
  type Warning,
  type WarningListQuery,
  type WarningPage,
  type WarningSeverity,
  type WarningStatus,
  type WarningType,
} from '../../api/warnings';

/*
 * What the warnings page asks the API and how it reads the answers: the filters as the address carries them, the
 * list and count queries, which lifecycle steps a user may take from a status. Pure functions, unit-tested, shared
 * with the e2e test.
 */

export const PAGE_SIZE = 20;
/** The count query reads this many at most; beyond it the counts are shown as lower bounds. */
export const COUNT_LIMIT = 500;

export interface WarningFilter {
  status: WarningStatus[];
  severity: WarningSeverity[];
  type: WarningType[];
  category?: string;
  place?: string;
  q?: string;
  /** 1-based. */
  page: number;
}

function listOf<T extends string>(value: string | null, allowed: readonly T[]): T[] {
  if (!value) {
    return [];
  }
  const parts = value.split(',').map((part) => part.trim());
  return allowed.filter((item) => parts.includes(item));
}

const textOf = (value: string | null) => {
  const text = value?.trim();
  return text ? text : undefined;
};

/** The filters from the address (unknown values dropped, so a hand-edited link never errors). */
export function filterFromParams(params: URLSearchParams): WarningFilter {
  const page = Number(params.get('page'));
  return {
    status: listOf(params.get('status'), WARNING_STATUSES),
    severity: listOf(params.get('severity'), WARNING_SEVERITIES),
    type: listOf(params.get('type'), WARNING_TYPES),
    category: textOf(params.get('category')),
    place: textOf(params.get('place')),
    q: textOf(params.get('q')),
    page: Number.isInteger(page) && page >= 1 ? page : 1,
  };
}

/** The address's query for a filter: empty values left out, page 1 left out. */
export function paramsFromFilter(filter: WarningFilter): URLSearchParams {
  const params = new URLSearchParams();
  const lists = { status: filter.status, severity: filter.severity, type: filter.type };
  for (const [name, values] of Object.entries(lists)) {
    if (values.length > 0) {
      params.set(name, values.join(','));
    }
  }
  for (const name of ['category', 'place', 'q'] as const) {
    const value = filter[name];
    if (value) {
      params.set(name, value);
    }
  }
  if (filter.page > 1) {
    params.set('page', String(filter.page));
  }
  return params;
}

/** The page of the list the filter shows. */
export function listQuery(town: string | undefined, filter: WarningFilter): WarningListQuery {
  return {
    town,
    status: filter.status,
    severity: filter.severity,
    type: filter.type,
    category: filter.category,
    place: filter.place,
    q: filter.q,
    limit: PAGE_SIZE,
    offset: (filter.page - 1) * PAGE_SIZE,
  };
}

/** The counts by status: the same filters without the status, the first COUNT_LIMIT warnings. */
export function countQuery(town: string | undefined, filter: WarningFilter): WarningListQuery {
  return { ...listQuery(town, { ...filter, status: [], page: 1 }), limit: COUNT_LIMIT, offset: undefined };
}

export interface StatusCounts {
  byStatus: Record<WarningStatus, number>;
  bySeverity: Record<WarningSeverity, number>;
  total: number;
  /** False when more warnings match than were read: the counts are lower bounds. */
  complete: boolean;
}

export function countWarnings(page: WarningPage): StatusCounts {
  const byStatus = Object.fromEntries(WARNING_STATUSES.map((s) => [s, 0])) as Record<WarningStatus, number>;
  const bySeverity = Object.fromEntries(WARNING_SEVERITIES.map((s) => [s, 0])) as Record<WarningSeverity, number>;
  for (const item of page.items) {
    byStatus[item.status] += 1;
    bySeverity[item.severity] += 1;
  }
  return { byStatus, bySeverity, total: page.items.length, complete: page.nextCursor === null };
}

/**
 * The number of rows the pager should know of: exact when the counts are complete, else what the pages read so far
 * show (one more page while the server says there is a next one).
 */
export function pagerTotal(
  filter: WarningFilter,
  page: WarningPage | undefined,
  counts: StatusCounts | undefined,
): number {
  if (counts?.complete) {
    return filter.status.length === 0
      ? counts.total
      : filter.status.reduce((sum, status) => sum + counts.byStatus[status], 0);
  }
  const offset = (filter.page - 1) * PAGE_SIZE;
  if (!page) {
    return offset;
  }
  return offset + page.items.length + (page.nextCursor === null ? 0 : PAGE_SIZE);
}

export type WarningStep = 'acknowledge' | 'rectify' | 'updateRectification' | 'close' | 'dismiss' | 'reopen';

/** From which statuses each step goes (docs/warnings.md, the lifecycle table). */
export const STEP_FROM: Record<WarningStep, readonly WarningStatus[]> = {
  acknowledge: ['new'],
  rectify: ['acknowledged'],
  updateRectification: ['rectifying'],
  close: ['rectifying'],
  dismiss: ['new', 'acknowledged', 'rectifying'],
  reopen: ['closed', 'dismissed'],
};

/** The steps a user may take from a status: none without warnings:write. */
export function stepsFor(status: WarningStatus, permissions: readonly string[]): WarningStep[] {
  if (!permissions.includes('warnings:write')) {
    return [];
  }
  return (Object.keys(STEP_FROM) as WarningStep[]).filter((step) => STEP_FROM[step].includes(status));
}

/** The roles holding warnings:write (src/auth/permissions.ts); the problem of the month needs it town-wide. */
const WARNING_WRITERS = ['admin', 'leader', 'analyst', 'officer'];

/**
 * Whether the user may make a warning the problem of the month: warnings:write over a whole town (a town, city or
 * `all` grant of a role holding it), and the warning not dismissed (the API says 409 otherwise).
 */
export function canPromote(me: Me, status: WarningStatus): boolean {
  if (status === 'dismissed' || !me.permissions.includes('warnings:write')) {
    return false;
  }
  return (me.user?.grants ?? []).some(
    (grant) => ['all', 'city', 'town'].includes(grant.kind) && WARNING_WRITERS.includes(grant.role),
  );
}

/** `202647` → `2026W47`. */
export function weekLabel(week: number): string {
  return `${Math.floor(week / 100)}W${String(week % 100).padStart(2, '0')}`;
}

/** The month a problem of the month defaults to: the current one in town time (UTC+8), `YYYY-MM`. */
export function currentMonth(nowMs: number): string {
  return new Date(nowMs + 8 * 3_600_000).toISOString().slice(0, 7);
}

const METHOD_NAMES: Record<string, [string, string]> = {
  'farrington-noufaily': ['Farrington（Noufaily）', 'Farrington (Noufaily)'],
  'farrington-original': ['Farrington', 'Farrington'],
  'ears-c1': ['EARS C1', 'EARS C1'],
  'ears-c2': ['EARS C2', 'EARS C2'],
  'ears-c3': ['EARS C3', 'EARS C3'],
  glrnb: ['GLR负二项控制图', 'GLR negative binomial'],
  glrpois: ['GLR泊松控制图', 'GLR Poisson'],
  'mann-kendall': ['Mann-Kendall 趋势检验', 'Mann-Kendall trend test'],
  'term-burst': ['新词检测', 'Emerging-word test'],
  'overdue-rule': ['超期积压规则', 'Overdue backlog rule'],
};

/** A detection method's display name, as the summaries write it; an unknown one as the engine named it. */
export function methodName(method: string, english: boolean): string {
  return METHOD_NAMES[method]?.[english ? 1 : 0] ?? method;
}

/** Categories as filter options, indented by level; in en-US their English names. */
export function categoryOptions(categories: readonly Category[], english: boolean) {
  return categories
    .filter((category) => !category.retired)
    .map((category) => ({
      value: category.code,
      label: `${'\u3000'.repeat(category.level - 1)}${english ? category.nameEn : category.name}`,
    }));
}

export interface TermInfo {
  term: string;
  count: number | null;
  ratio: number | null;
  isNew: boolean;
}

/** The emerging words of a warning: its terms with the engine's figures where it wrote them. */
export function termsOf(facts: { terms: string[]; termDetails?: unknown }): TermInfo[] {
  const details = Array.isArray(facts.termDetails) ? facts.termDetails : [];
  return facts.terms.map((term) => {
    const found = details.find(
      (detail): detail is Record<string, unknown> =>
        typeof detail === 'object' && detail !== null && (detail as { term?: unknown }).term === term,
    );
    const number = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : null);
    return { term, count: number(found?.count), ratio: number(found?.ratio), isNew: found?.new === true };
  });
}

/** The address of a sample record on the records page. */
export function recordPath(kind: 'complaint' | 'case', id: number): string {
  return `/records/${kind === 'complaint' ? 'complaints' : 'cases'}/${id}`;
}

/** What a list row shows as the warning's place and category: "category · place". */
export function whereWhat(warning: Pick<Warning, 'category' | 'place'>, allCategories: string): string {
  return `${warning.category?.name ?? allCategories} · ${warning.place.name}`;
}
