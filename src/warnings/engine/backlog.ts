/**
 * Overdue backlogs (超期积压): a department whose records open past their deadline reach `minOverdue` and grew by
 * half or more over four weeks. A rule, not a statistical test: the backlog is a fact, and the advice is 督办.
 * Records without a department are not counted (they are a dispatching problem the records list shows). Pure.
 */
import type { DraftContext, WarningDraft } from './drafts.js';
import type { OverdueCount } from './engine.repo.js';
import { backlogSeverity } from './severity.js';
import type { CategoryNode, Named } from './shape.js';
import { backlogSummary } from './wording.js';

export interface BacklogOptions {
  minOverdue: number;
  minGrowth: number;
}

export const DEFAULT_BACKLOG_OPTIONS: BacklogOptions = { minOverdue: 10, minGrowth: 1.5 };

export function backlogDrafts(
  now: readonly OverdueCount[],
  before: readonly OverdueCount[],
  departments: ReadonlyMap<number, Named>,
  ctx: DraftContext,
  options: BacklogOptions = DEFAULT_BACKLOG_OPTIONS,
): WarningDraft[] {
  const total = (counts: readonly OverdueCount[], id: number) =>
    counts.filter((c) => c.departmentId === id).reduce((n, c) => n + c.overdue, 0);
  const drafts: WarningDraft[] = [];
  const week = ctx.weeks[ctx.target] as number;
  for (const [id, name] of departments) {
    const overdue = total(now, id);
    const was = total(before, id);
    const growth = overdue / Math.max(was, 1);
    if (overdue < options.minOverdue || growth < options.minGrowth) {
      continue;
    }
    const byArea = new Map<number, number>();
    for (const c of now.filter((c) => c.departmentId === id)) {
      const area = ctx.shape.categories.get(c.categoryId)?.path[0];
      if (area !== undefined) {
        byArea.set(area, (byArea.get(area) ?? 0) + c.overdue);
      }
    }
    const [topArea] = [...byArea].sort((a, b) => b[1] - a[1])[0] ?? [];
    const category: CategoryNode | null = topArea === undefined ? null : (ctx.shape.categories.get(topArea) ?? null);
    drafts.push({
      type: 'backlog',
      situation: 'overdue_backlog',
      category,
      villageIds: [],
      sinceWeek: week,
      week,
      observed: overdue,
      expected: was,
      upperBound: null,
      methods: [{ method: 'overdue-rule', observed: overdue, expected: was, upperbound: null, alarm: true }],
      ...backlogSeverity({ overdue, growth }),
      summary: backlogSummary({ department: name, what: category?.name ?? null, week, overdue, before: was }),
      facts: {
        overdue,
        overdueFourWeeksBefore: was,
        byArea: [...byArea].map(([area, n]) => ({ categoryCode: ctx.shape.categories.get(area)?.code, overdue: n })),
      },
      terms: [],
      departmentId: id,
      slopePerWeek: null,
      overdue,
      sampleIds: null,
    });
  }
  return drafts;
}
