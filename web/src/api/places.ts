import { api } from './client';

export type Geometry =
  | { type: 'Polygon'; coordinates: number[][][] }
  | { type: 'MultiPolygon'; coordinates: number[][][][] };

export interface Place {
  code: string;
  name: string;
  nameEn: string | null;
  level: 'city' | 'town' | 'village' | 'group';
  parentCode: string | null;
  townCode: string | null;
  boundary: Geometry | null;
}

export const fetchPlaces = (query: { level?: Place['level']; within?: string }, signal?: AbortSignal) =>
  api.get<Place[]>('/api/places', query, signal);

export const fetchPlace = (code: string, signal?: AbortSignal) =>
  api.get<Place>(`/api/places/${encodeURIComponent(code)}`, undefined, signal);

export interface VillageFeatureCollection {
  type: 'FeatureCollection';
  features: {
    type: 'Feature';
    properties: { code: string; name: string; nameEn: string | null };
    geometry: Geometry;
  }[];
}

/** Village outlines as GeoJSON for the map (the same shape as the server's placesFeatureCollection). */
export function villageOutlines(places: readonly Place[]): VillageFeatureCollection {
  return {
    type: 'FeatureCollection',
    features: places.flatMap((place) =>
      place.boundary
        ? [
            {
              type: 'Feature' as const,
              properties: { code: place.code, name: place.name, nameEn: place.nameEn },
              geometry: place.boundary,
            },
          ]
        : [],
    ),
  };
}
