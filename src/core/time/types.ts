/**
 * Shanzhi's portable time types. They are plain strings and numbers on purpose: the same values go into SQLite and
 * PostgreSQL columns, JSON and CSV unchanged. The aliases document intent; the parsers are what make a value valid.
 */

/** An instant: integer milliseconds since 1970-01-01T00:00:00Z. */
export type EpochMs = number;

/** A calendar day of the town, `YYYY-MM-DD`. */
export type Day = string;

/** An ISO 8601 week as the integer `YYYYWW` (e.g. 202523); people read it as `2025W23`. */
export type IsoWeek = number;

/** A calendar month, `YYYY-MM`. */
export type Month = string;

/** A calendar quarter, `2025Q2`. */
export type Quarter = string;
