import type { PlaceRow } from './place.repo.js';
import type { Place } from './place.schema.js';

export function presentPlace(row: PlaceRow): Place {
  return {
    code: row.code,
    name: row.name,
    nameEn: row.name_en,
    level: row.level,
    parentCode: row.parent_code,
    townCode: row.town_code,
    aliases: JSON.parse(row.aliases) as string[],
    centroid:
      row.centroid_lng !== null && row.centroid_lat !== null ? { lng: row.centroid_lng, lat: row.centroid_lat } : null,
    boundary: row.boundary ? (JSON.parse(row.boundary) as Place['boundary']) : null,
  };
}
