import type { Kysely } from 'kysely';
import type { PlaceClosureTable, PlaceTable } from './tables/places.js';

/**
 * Every table of Shanzhi, as Kysely sees it. Portable column types only (see docs/architecture.md, "Data"):
 * instants are epoch milliseconds, days `YYYY-MM-DD` text, ISO weeks integers `YYYYWW`, flags 0/1 integers,
 * JSON as text.
 */
export interface Database {
  place: PlaceTable;
  place_closure: PlaceClosureTable;
}

export type Db = Kysely<Database>;
