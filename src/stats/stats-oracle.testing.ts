import type { Db } from '../store/database.js';

/*
 * The oracle of the stats property test: the numbers computed straight from the stored records, in plain JavaScript,
 * with the definitions of docs/stats.md written out again (not through the cube or the stats code). Categories are
 * walked by parent_id, places by parent_id, periods taken from the record's opened day and ISO week.
 */

export interface OracleWorld {
  categories: Map<number, { id: number; code: string; level: number; parentId: number | null }>;
  places: Map<number, { id: number; code: string; level: string; parentId: number | null; townId: number | null }>;
  departments: Map<number, { id: number; code: string; townId: number }>;
  /** The cube's as_of of each town: overdue is judged there. */
  asOf: Map<number, number>;
  records: { kind: 'complaint' | 'case'; row: Record<string, unknown> }[];
}

export async function loadOracleWorld(db: Db): Promise<OracleWorld> {
  const n = (value: unknown) => (value === null || value === undefined ? null : Number(value));
  const categories = (await db.selectFrom('category').selectAll().execute()).map((c) => ({
    id: Number(c.id),
    code: c.code,
    level: Number(c.level),
    parentId: n(c.parent_id),
  }));
  const places = (await db.selectFrom('place').selectAll().execute()).map((p) => ({
    id: Number(p.id),
    code: p.code,
    level: p.level,
    parentId: n(p.parent_id),
    townId: n(p.town_id),
  }));
  const departments = (await db.selectFrom('department').selectAll().execute()).map((d) => ({
    id: Number(d.id),
    code: d.code,
    townId: Number(d.town_id),
  }));
  const states = await db.selectFrom('cube_state').selectAll().execute();
  const complaints = await db.selectFrom('complaint').selectAll().execute();
  const cases = await db.selectFrom('enforcement_case').selectAll().execute();
  return {
    categories: new Map(categories.map((c) => [c.id, c])),
    places: new Map(places.map((p) => [p.id, p])),
    departments: new Map(departments.map((d) => [d.id, d])),
    asOf: new Map(states.map((s) => [Number(s.town_id), Number(s.as_of)])),
    records: [
      ...complaints.map((row) => ({ kind: 'complaint' as const, row: row as unknown as Record<string, unknown> })),
      ...cases.map((row) => ({ kind: 'case' as const, row: row as unknown as Record<string, unknown> })),
    ],
  };
}

/** One record as the oracle sees it: its period texts, dimension values, flags and durations. */
export interface OracleFact {
  periods: Record<'week' | 'month' | 'quarter' | 'year', string>;
  dims: Record<string, number | string>;
  townId: number;
  categoryChain: number[];
  placeId: number | null;
  departmentCode: string | null;
  source: string;
  kind: 'complaint' | 'case';
  counts: Record<string, number>;
  handlingMs: number | null;
  workMs: number | null;
}

const num = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

export function oracleFacts(world: OracleWorld): OracleFact[] {
  return world.records.map(({ kind, row }) => {
    const chain: number[] = [];
    for (let id: number | null = Number(row.category_id); id !== null; ) {
      chain.unshift(id);
      id = world.categories.get(id)?.parentId ?? null;
    }
    const placeId = num(row.place_id);
    const place = placeId === null ? undefined : world.places.get(placeId);
    const village = place === undefined ? 0 : place.level === 'village' ? place.id : (place.parentId ?? 0);
    const day = String(row.opened_day);
    const [year, month] = [Number(day.slice(0, 4)), Number(day.slice(5, 7))];
    const week = Number(row.opened_week);
    const status = String(row.status);
    const complaint = kind === 'complaint';
    const opened = Number(row.opened_at);
    const deadline = num(row.deadline_at);
    const closedAt = num(row.closed_at);
    const asOf = world.asOf.get(Number(row.town_id)) ?? 0;
    const firstResponse = num(row.first_response_at);
    const handled = status === 'closed' && row.handling_ms !== null && row.handling_work_ms !== null;
    const source = String(complaint ? row.channel : row.source);
    const departmentId = num(row.department_id);
    return {
      periods: {
        week: `${Math.floor(week / 100)}W${String(week % 100).padStart(2, '0')}`,
        month: day.slice(0, 7),
        quarter: `${year}Q${Math.ceil(month / 3)}`,
        year: String(year),
      },
      dims: {
        category1: chain[0] as number,
        category2: chain[Math.min(2, chain.length) - 1] as number,
        category3: chain[Math.min(3, chain.length) - 1] as number,
        village,
        group: placeId ?? 0,
        department: departmentId ?? 0,
        source,
        kind,
      },
      townId: Number(row.town_id),
      categoryChain: chain,
      placeId,
      departmentCode: departmentId === null ? null : (world.departments.get(departmentId)?.code ?? null),
      source,
      kind,
      counts: {
        records: 1,
        difficult: Number(row.difficult) === 1 ? 1 : 0,
        closed: status === 'closed' ? 1 : 0,
        cancelled: status === 'cancelled' ? 1 : 0,
        overdue:
          status !== 'cancelled' && deadline !== null && deadline < Math.min(closedAt ?? Number.POSITIVE_INFINITY, asOf)
            ? 1
            : 0,
        reopened: complaint && Number(row.reopen_count) > 0 ? 1 : 0,
        responseDue: complaint ? 1 : 0,
        resolutionDue: complaint && status === 'closed' ? 1 : 0,
        responded: complaint && firstResponse !== null && firstResponse - opened <= 24 * 3_600_000 ? 1 : 0,
        resolved: complaint && num(row.resolved) === 1 ? 1 : 0,
        rated: complaint && row.satisfaction !== null ? 1 : 0,
        satisfied: complaint && ['satisfied', 'basically_satisfied'].includes(String(row.satisfaction)) ? 1 : 0,
        handled: handled ? 1 : 0,
      },
      handlingMs: handled ? Number(row.handling_ms) : null,
      workMs: handled ? Number(row.handling_work_ms) : null,
    };
  });
}

/** The k-th smallest, k = ⌈q·n⌉ in exact integer arithmetic (q = tenths / 10). */
function nearestRankValue(values: number[], tenths: number): number | null {
  if (values.length === 0) {
    return null;
  }
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil((tenths * sorted.length) / 10) - 1] as number;
}

/** The measures of a set of facts, exactly (quantiles as the true nearest-rank durations). */
export function oracleValues(facts: readonly OracleFact[], measures: readonly string[]): Record<string, number | null> {
  const sum = (name: string) => facts.reduce((total, fact) => total + (fact.counts[name] ?? 0), 0);
  const ratio = (a: number, b: number) => (b === 0 ? null : a / b);
  const handling = facts.flatMap((fact) => (fact.handlingMs === null ? [] : [fact.handlingMs]));
  const work = facts.flatMap((fact) => (fact.workMs === null ? [] : [fact.workMs]));
  const total = (values: number[]) => values.reduce((a, b) => a + b, 0);
  const out: Record<string, number | null> = {};
  for (const measure of measures) {
    switch (measure) {
      case 'responseRate':
        out[measure] = ratio(sum('responded'), sum('responseDue'));
        break;
      case 'resolutionRate':
        out[measure] = ratio(sum('resolved'), sum('resolutionDue'));
        break;
      case 'satisfactionRate':
        out[measure] = ratio(sum('satisfied'), sum('rated'));
        break;
      case 'handlingMean':
        out[measure] = ratio(total(handling), handling.length);
        break;
      case 'workHandlingMean':
        out[measure] = ratio(total(work), work.length);
        break;
      case 'handlingMedian':
        out[measure] = nearestRankValue(handling, 5);
        break;
      case 'handlingP90':
        out[measure] = nearestRankValue(handling, 9);
        break;
      case 'workHandlingMedian':
        out[measure] = nearestRankValue(work, 5);
        break;
      case 'workHandlingP90':
        out[measure] = nearestRankValue(work, 9);
        break;
      default:
        out[measure] = sum(measure);
    }
  }
  return out;
}
