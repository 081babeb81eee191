import type { RecordKind } from './intake.js';

/**
 * The weekly cube (src/cube): roll-ups of the records by period, category, place, kind, source and department, kept in
 * the same transaction as every record write. Several cuboids share the table, each summing the records at its own
 * levels (see src/cube/cuboids.ts); a dimension a cuboid leaves out holds 0 or ''.
 *
 * The time grain is the ISO week split at month ends: a cell holds the records opened in the days its week shares with
 * its month, so week totals (both parts) and month, quarter and year totals (all parts of the months) are exact.
 */
export interface CubeCellTable {
  town_id: number;
  /** Which cuboid of src/cube/cuboids.ts the row belongs to. */
  cuboid: number;
  /** YYYYMM and ISO YYYYWW of the records' opened day. */
  month: number;
  week: number;
  /** The category at the cuboid's level (ragged: the record's own when shallower); 0 when the cuboid has none. */
  category_id: number;
  /** The place at the cuboid's level: the town itself, a village, or the record's own place; 0 = unknown place. */
  place_id: number;
  kind: RecordKind;
  /** The complaint's channel or the case's source; '' when the cuboid has none. */
  source: string;
  /** 0 when the record has none or the cuboid leaves it out. */
  department_id: number;
  records: number;
  difficult: number;
  closed: number;
  cancelled: number;
  overdue: number;
  reopened: number;
  response_due: number;
  responded: number;
  /** Closed complaints: the records a resolution is reported for (the 解决率 denominator). */
  resolution_due: number;
  resolved: number;
  rated: number;
  satisfied: number;
  /** Closed records with handling times; their sums (ms) and log-bucket histograms (src/cube/histogram.ts). */
  handled: number;
  handling_ms_sum: number;
  work_ms_sum: number;
  handling_hist: string;
  work_hist: string;
}

/**
 * One row per town: the instant overdue is counted at (`as_of`; a record is overdue when its deadline passed before
 * it closed or, still open, before as_of), moved forward by every write and by the sweep. Its row lock on
 * PostgreSQL queues the writers of one town's cube.
 */
export interface CubeStateTable {
  town_id: number;
  as_of: number;
  rebuilt_at: number | null;
}
