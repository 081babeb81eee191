import type { z } from 'zod';
import { type Actor, EVERYTHING, isEmptyScope, scopeOf } from '../auth/index.js';
import { invalidField, notFound } from '../core/errors.js';
import { parseWeek } from '../core/time/index.js';
import { parseInput } from '../core/validation.js';
import { requireDepartment } from '../orgs/index.js';
import { requirePlace } from '../places/index.js';
import { listCaseRows, listComplaintRows, requireTown } from '../records/index.js';
import type { Db } from '../store/database.js';
import { requireCategory } from '../taxonomy/index.js';
import { listMonthlyProblemRows } from './monthly-problem.repo.js';
import {
  parseFacts,
  parseMethods,
  parseSamples,
  presentEvent,
  presentSample,
  presentWarning,
  type SampleRef,
} from './warning.presenter.js';
import {
  findDepartmentIdsByCode,
  findWarningRow,
  listWarningEvents,
  listWarningRows,
  listWarningVillages,
  SEVERITY_RANK,
  type WarningFilter,
  type WarningPaging,
  type WarningRow,
} from './warning.repo.js';
import {
  type ListWarningsQuery,
  listWarningsQuerySchema,
  type WarningDetail,
  type WarningPage,
  type WarningSample,
} from './warning.schema.js';

/*
 * Warnings for people: the scoped list and detail. The engine (engine/) writes what a warning found; only people
 * change its status (warning-lifecycle.service.ts).
 */

export interface WarningDeps {
  db: Db;
  /** Who asks: reads see what their warnings:read reaches, changes go where their warnings:write reaches. */
  actor: Actor;
}

/** What the warning routes are given: the deps without the actor, which each request brings. */
export type WarningRouteDeps = Omit<WarningDeps, 'actor'>;

function encodeCursor(row: WarningRow): string {
  return Buffer.from(`${SEVERITY_RANK[row.severity]}.${row.week}.${row.id}`, 'latin1').toString('base64url');
}

function decodeCursor(cursor: string): NonNullable<WarningPaging['after']> {
  const match = /^([0-3])\.(\d{6})\.(\d{1,16})$/.exec(Buffer.from(cursor, 'base64url').toString('latin1'));
  const id = Number(match?.[3]);
  if (!match || !Number.isSafeInteger(id)) {
    throw invalidField('cursor', 'not a cursor of this list (use nextCursor as given)');
  }
  return { rank: Number(match[1]), week: Number(match[2]), id };
}

async function resolveFilter(db: Db, q: z.output<typeof listWarningsQuerySchema>): Promise<WarningFilter> {
  const filter: WarningFilter = {
    statuses: q.status,
    severities: q.severity,
    types: q.type,
    situations: q.situation,
  };
  if (q.town !== undefined) {
    filter.townId = (await requireTown(db, q.town, 'town')).id;
  }
  if (q.category !== undefined) {
    filter.category = await requireCategory(db, q.category, 'category');
  }
  if (q.place !== undefined) {
    filter.place = await requirePlace(db, q.place, 'place');
  }
  if (q.department !== undefined) {
    if (filter.townId !== undefined) {
      filter.departmentIds = [(await requireDepartment(db, filter.townId, q.department, 'department')).id];
    } else {
      filter.departmentIds = await findDepartmentIdsByCode(db, q.department);
      if (filter.departmentIds.length === 0) {
        throw invalidField('department', `unknown department "${q.department}"`);
      }
    }
  }
  if (q.from !== undefined) {
    filter.fromWeek = parseWeek(q.from, 'from');
  }
  if (q.to !== undefined) {
    filter.toWeek = parseWeek(q.to, 'to');
    if (filter.fromWeek !== undefined && filter.toWeek < filter.fromWeek) {
      throw invalidField('to', `must not be before from (${filter.fromWeek})`);
    }
  }
  if (q.q !== undefined && q.q !== '') {
    filter.text = q.q;
  }
  return filter;
}

/**
 * The warnings the actor's warnings:read reaches, matching the filters: town, statuses, severities, types,
 * situations, a category with its subtree, a place, a department, a range of weeks, words in the summary. Red first,
 * then the latest week, then the newest; pages of at most 500 by offset or by the cursor of the previous page.
 */
export async function listWarnings(deps: WarningDeps, query: ListWarningsQuery = {}): Promise<WarningPage> {
  const q = parseInput(listWarningsQuerySchema, query);
  if (q.cursor !== undefined && q.offset !== undefined) {
    throw invalidField('cursor', 'give cursor or offset, not both');
  }
  const filter = await resolveFilter(deps.db, q);
  const after = q.cursor === undefined ? undefined : decodeCursor(q.cursor);
  // One row more than asked tells whether there is a next page.
  const rows = await listWarningRows(deps.db, scopeOf(deps.actor, 'warnings:read'), filter, {
    limit: q.limit + 1,
    offset: q.offset,
    after,
  });
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return { items: page.map(presentWarning), nextCursor: rows.length > q.limit && last ? encodeCursor(last) : null };
}

/** The sample records the reader's records:read reaches, in the engine's order, in short and masked. */
async function loadSamples(db: Db, actor: Actor, samples: SampleRef[]): Promise<WarningSample[]> {
  const scope = scopeOf(actor, 'records:read');
  if (samples.length === 0 || isEmptyScope(scope)) {
    return [];
  }
  const ids = (kind: SampleRef['kind']) => samples.filter((s) => s.kind === kind).map((s) => s.id);
  const found = new Map<string, WarningSample>();
  const complaintIds = ids('complaint');
  if (complaintIds.length > 0) {
    const rows = await listComplaintRows(
      db,
      scope,
      { where: (eb) => eb('r.id', 'in', complaintIds) },
      { limit: complaintIds.length, order: 'desc' },
    );
    for (const row of rows) {
      found.set(`complaint:${row.id}`, presentSample('complaint', row));
    }
  }
  const caseIds = ids('case');
  if (caseIds.length > 0) {
    const rows = await listCaseRows(
      db,
      scope,
      { where: (eb) => eb('r.id', 'in', caseIds) },
      { limit: caseIds.length, order: 'desc' },
    );
    for (const row of rows) {
      found.set(`case:${row.id}`, presentSample('case', row));
    }
  }
  return samples.flatMap((s) => found.get(`${s.kind}:${s.id}`) ?? []);
}

/** A warning's detail as getWarning and each lifecycle step answer it. */
export async function presentDetail(db: Db, actor: Actor, row: WarningRow): Promise<WarningDetail> {
  // Whoever reads the warning reads its problems of the month.
  const problems = await listMonthlyProblemRows(db, EVERYTHING, { warningId: row.id });
  return {
    ...presentWarning(row),
    adviceCode: row.advice_code,
    advice: row.advice,
    adviceEn: row.advice_en,
    actions: row.actions,
    result: row.result,
    dismissReason: row.dismiss_reason,
    villages: await listWarningVillages(db, row.id),
    methods: parseMethods(row.methods),
    facts: parseFacts(row.facts),
    samples: await loadSamples(db, actor, parseSamples(row.samples)),
    events: (await listWarningEvents(db, row.id)).map(presentEvent),
    monthlyProblems: problems.map((p) => ({
      id: p.id,
      month: p.month,
      title: p.title,
      owner: p.owner,
      status: p.status,
    })),
  };
}

/**
 * One warning within the actor's warnings:read (else not_found): what it found (methods, facts with the series for
 * the chart, villages), sample records the reader may read (in short, masked), its history and problems of the month.
 */
export async function getWarning(deps: WarningDeps, id: number): Promise<WarningDetail> {
  const row = await findWarningRow(deps.db, scopeOf(deps.actor, 'warnings:read'), id);
  if (!row) {
    throw notFound('warning', id);
  }
  return presentDetail(deps.db, deps.actor, row);
}
