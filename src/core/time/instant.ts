const TOWN_OFFSET_MS = 8 * 3_600_000;

/** An instant as ISO 8601 in the town's offset: `2025-06-02T09:30:00.000+08:00`. */
export function townIso(ms: number): string {
  return `${new Date(ms + TOWN_OFFSET_MS).toISOString().slice(0, -1)}+08:00`;
}
