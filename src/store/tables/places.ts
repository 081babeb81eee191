import type { Generated } from 'kysely';

export type PlaceLevel = 'city' | 'town' | 'village' | 'group';

export interface PlaceTable {
  id: Generated<number>;
  code: string;
  name: string;
  name_en: string | null;
  level: PlaceLevel;
  parent_id: number | null;
  /** The town this place lies in (a town's own id for a town; null for a city). The scale-out key. */
  town_id: number | null;
  /** JSON array of other names the place goes by (old names, abbreviations), used when matching imports. */
  aliases: string;
  /** WGS84 longitude and latitude of a representative point. */
  centroid_lng: number | null;
  centroid_lat: number | null;
  /** GeoJSON geometry (Polygon or MultiPolygon, WGS84) as text. */
  boundary: string | null;
  created_at: number;
  updated_at: number;
}

/** Closure table: one row per (ancestor, descendant) pair, including each place with itself at depth 0. */
export interface PlaceClosureTable {
  ancestor_id: number;
  descendant_id: number;
  depth: number;
}
