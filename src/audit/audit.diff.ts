/** The fields a write changed, each side holding only those fields. */
export interface FieldChanges {
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

/** Whether two JSON-serialisable values are equal as the audit log would store them. */
function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/**
 * The fields whose values differ between two presentations of one thing (API objects, camelCase), or undefined when
 * nothing changed: what an audit entry's before and after hold, so an entry shows the change and not the whole row.
 * A field absent on one side counts as null.
 */
export function changedFields(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): FieldChanges | undefined {
  const changes: FieldChanges = { before: {}, after: {} };
  let changed = false;
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (!sameJson(before[key], after[key])) {
      changes.before[key] = before[key] ?? null;
      changes.after[key] = after[key] ?? null;
      changed = true;
    }
  }
  return changed ? changes : undefined;
}
