/**
 * Storing what the engine found, idempotently. A finding continues the warning of the same issue seen in the last
 * two weeks (same type, related category and place, or a shared term, or the same department) — which keeps its
 * identity, status, owner and history and gets the new figures — or else becomes a new warning keyed by type,
 * category, place and the week its episode began. Running the engine again for the same week changes nothing but
 * the time it last looked. People's lifecycle fields are never touched here.
 */
import { addWeeks } from '../../core/time/index.js';
import type { Db } from '../../store/database.js';
import type { WarningDraft } from './drafts.js';
import { categoryWithin, type TownShape } from './shape.js';
import {
  insertWarning,
  insertWarningEvent,
  type OpenWarning,
  replaceWarningVillages,
  selectRecentWarnings,
  selectWarningByKey,
  updateWarningFindings,
  type WarningFindings,
} from './store.repo.js';

export interface StoredDraft {
  draft: WarningDraft;
  findings: WarningFindings;
}

export interface StoreResult {
  created: number[];
  updated: number[];
  unchanged: number[];
}

/** How long a finding may continue an earlier warning: seen in the target week or the two before. */
const CONTINUES_WITHIN_WEEKS = 2;

export function warningKey(shape: TownShape, draft: WarningDraft): string {
  const place =
    draft.villageIds.length === 1 ? (shape.villages.get(draft.villageIds[0] as number)?.code ?? 'town') : 'town';
  const parts: (string | number)[] = [draft.type, draft.category?.code ?? '*', place, draft.sinceWeek];
  if (draft.type === 'emerging') {
    parts.push(draft.terms[0] ?? '');
  }
  if (draft.type === 'backlog') {
    parts.push(draft.departmentId ?? 0);
  }
  return parts.join(':');
}

function termsOf(warning: OpenWarning): string[] {
  const facts = JSON.parse(warning.facts) as { terms?: string[] };
  return facts.terms ?? [];
}

function continues(shape: TownShape, draft: WarningDraft, warning: OpenWarning): boolean {
  if (draft.type === 'backlog') {
    return warning.department_id === draft.departmentId;
  }
  const places =
    draft.villageIds.length === 0 ||
    warning.villageIds.length === 0 ||
    draft.villageIds.some((v) => warning.villageIds.includes(v));
  if (!places) {
    return false;
  }
  if (draft.type === 'emerging') {
    return termsOf(warning).some((t) => draft.terms.includes(t));
  }
  const category = warning.category_id === null ? null : (shape.categories.get(warning.category_id) ?? null);
  return categoryWithin(draft.category, category) || categoryWithin(category, draft.category);
}

const significant = (w: OpenWarning, f: WarningFindings) =>
  w.week !== f.week || w.observed !== f.observed || w.severity !== f.severity || w.methods !== f.methods;

export async function storeFindings(
  db: Db,
  shape: TownShape,
  found: readonly StoredDraft[],
  now: number,
): Promise<StoreResult> {
  const result: StoreResult = { created: [], updated: [], unchanged: [] };
  const taken = new Set<number>();
  const recent = new Map<string, OpenWarning[]>();
  for (const { draft, findings } of found) {
    const key = warningKey(shape, draft);
    const cutoff = addWeeks(draft.week, -CONTINUES_WITHIN_WEEKS);
    const cacheKey = `${draft.type}:${cutoff}`;
    let candidates = recent.get(cacheKey);
    if (candidates === undefined) {
      candidates = await selectRecentWarnings(db, shape.town.id, draft.type, cutoff);
      recent.set(cacheKey, candidates);
    }
    const free = candidates.filter((w) => !taken.has(w.id));
    const existing =
      free.find((w) => w.key === key) ??
      free.filter((w) => continues(shape, draft, w)).sort((a, b) => b.week - a.week || b.id - a.id)[0] ??
      (await selectWarningByKey(db, shape.town.id, key));
    if (existing === undefined) {
      const id = await insertWarning(db, { ...findings, town_id: shape.town.id, key, created_at: now });
      await replaceWarningVillages(db, id, draft.villageIds);
      await insertWarningEvent(db, {
        warning_id: id,
        at: now,
        action: 'detected',
        to_status: 'new',
        details: JSON.stringify({ week: findings.week, observed: findings.observed, severity: findings.severity }),
      });
      taken.add(id);
      result.created.push(id);
      continue;
    }
    taken.add(existing.id);
    if (existing.week > findings.week) {
      // A run for an older week: the warning already holds newer figures.
      result.unchanged.push(existing.id);
      continue;
    }
    const changed = significant(existing, findings);
    await updateWarningFindings(
      db,
      existing.id,
      { ...findings, since_week: Math.min(existing.since_week, findings.since_week) },
      changed ? now : undefined,
    );
    if (changed) {
      await replaceWarningVillages(db, existing.id, draft.villageIds);
      await insertWarningEvent(db, {
        warning_id: existing.id,
        at: now,
        action: 'refreshed',
        to_status: existing.status,
        details: JSON.stringify({ week: findings.week, observed: findings.observed, severity: findings.severity }),
      });
      result.updated.push(existing.id);
    } else {
      result.unchanged.push(existing.id);
    }
  }
  return result;
}
