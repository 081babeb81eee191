/**
 * One warning per real issue. The same surge shows in many series: its leaf category in its village, the category's
 * parents, the whole town. Of the alarmed cells, the most specific are kept (no other alarmed cell lies within them);
 * kept cells that are views of one issue (a finer category in the town and a coarser one in a village) join into
 * their meet; an issue in one category found in several villages becomes one `spread` issue over them. The other
 * alarmed cells are listed with the issue they contain ("also seen at"). Pure.
 */

import { findRoot } from '../../core/union-find.js';
import { type CategoryNode, type Cell, categoryDepth, cellsRelated, cellWithin } from './shape.js';

export interface Issue<A extends Cell> {
  category: CategoryNode | null;
  /** The villages of the issue; empty when it shows only town-wide. */
  villageIds: number[];
  /** The most specific alarmed cells it was made of. */
  members: A[];
  /** Less specific alarmed cells that contain it. */
  alsoAt: A[];
}

/** Groups alarmed cells into issues; `weight` orders members (larger first: e.g. the excess over expected). */
export function dedupe<A extends Cell>(alarms: readonly A[], weight: (alarm: A) => number): Issue<A>[] {
  const within = (a: A, b: A) => a !== b && cellWithin(a, b);
  const specific = alarms.filter((a) => !alarms.some((b) => within(b, a)));
  const general = alarms.filter((a) => !specific.includes(a));

  const parent = specific.map((_, i) => i);
  for (let i = 0; i < specific.length; i++) {
    for (let j = i + 1; j < specific.length; j++) {
      if (cellsRelated(specific[i] as A, specific[j] as A)) {
        parent[findRoot(parent, j)] = findRoot(parent, i);
      }
    }
  }
  const groups = new Map<number, A[]>();
  specific.forEach((alarm, i) => {
    const root = findRoot(parent, i);
    groups.set(root, [...(groups.get(root) ?? []), alarm]);
  });

  // Each group at its meet: the deepest category among its members, their villages.
  const byCategory = new Map<string, Issue<A>>();
  for (const members of groups.values()) {
    const category = members.reduce<CategoryNode | null>(
      (deepest, m) => (categoryDepth(m.category) > categoryDepth(deepest) ? m.category : deepest),
      null,
    );
    const villageIds = [...new Set(members.flatMap((m) => (m.villageId === null ? [] : [m.villageId])))];
    const key = String(category?.id ?? 0);
    const same = byCategory.get(key);
    if (same === undefined) {
      byCategory.set(key, { category, villageIds, members, alsoAt: [] });
    } else {
      same.villageIds = [...new Set([...same.villageIds, ...villageIds])];
      same.members.push(...members);
    }
  }
  const issues = [...byCategory.values()];
  for (const issue of issues) {
    issue.members.sort((a, b) => weight(b) - weight(a));
    issue.villageIds.sort((a, b) => a - b);
    issue.alsoAt = general
      .filter((g) => issue.members.some((m) => cellWithin(m, g)))
      .sort((a, b) => weight(b) - weight(a));
  }
  return issues.sort((a, b) => weight(b.members[0] as A) - weight(a.members[0] as A));
}
