import { invalidField } from '../../core/errors.js';
import type { Boundary } from '../../places/index.js';

/*
 * Village outlines for the choropleth map: a GeoJSON FeatureCollection (RFC 7946, WGS84) whose features carry the
 * place code and name. Places keep their outline in the `boundary` column (GeoJSON Polygon or MultiPolygon);
 * placesFeatureCollection turns place rows into this shape.
 */

export interface VillageFeature {
  type: 'Feature';
  properties: { code: string; name: string; nameEn?: string | null };
  geometry: Boundary;
}

export interface VillageFeatureCollection {
  type: 'FeatureCollection';
  features: VillageFeature[];
}

/** What placesFeatureCollection needs of a place: a Place from the places API, or a row with `boundary` as text. */
export interface PlaceOutline {
  code: string;
  name: string;
  nameEn?: string | null;
  boundary: Boundary | string | null;
}

/** A FeatureCollection of the places that have an outline (places without one are left out: nothing to draw). */
export function placesFeatureCollection(places: readonly PlaceOutline[]): VillageFeatureCollection {
  const features: VillageFeature[] = [];
  places.forEach((place, i) => {
    if (place.boundary === null) {
      return;
    }
    let geometry: unknown = place.boundary;
    if (typeof place.boundary === 'string') {
      try {
        geometry = JSON.parse(place.boundary);
      } catch {
        throw invalidField(`places.${i}.boundary`, `is not valid GeoJSON text (place ${place.code})`);
      }
    }
    checkGeometry(geometry, `places.${i}.boundary`);
    features.push({
      type: 'Feature',
      properties: { code: place.code, name: place.name, nameEn: place.nameEn ?? null },
      geometry,
    });
  });
  return { type: 'FeatureCollection', features };
}

/** Check the shape of a FeatureCollection given by a caller (the map builder takes untyped JSON as well). */
export function checkFeatureCollection(geo: unknown, path: string): asserts geo is VillageFeatureCollection {
  if (!isObject(geo) || geo.type !== 'FeatureCollection' || !Array.isArray(geo.features)) {
    throw invalidField(path, 'must be a GeoJSON FeatureCollection');
  }
  const codes = new Set<string>();
  geo.features.forEach((feature: unknown, i: number) => {
    const at = `${path}.features.${i}`;
    if (!isObject(feature) || feature.type !== 'Feature' || !isObject(feature.properties)) {
      throw invalidField(at, 'must be a GeoJSON Feature with properties');
    }
    const { code, name, nameEn } = feature.properties;
    if (typeof code !== 'string' || code === '') {
      throw invalidField(`${at}.properties.code`, 'must be the place code (a non-empty string)');
    }
    if (codes.has(code)) {
      throw invalidField(`${at}.properties.code`, `${code} appears twice`);
    }
    codes.add(code);
    if (typeof name !== 'string') {
      throw invalidField(`${at}.properties.name`, 'must be the place name');
    }
    if (nameEn !== undefined && nameEn !== null && typeof nameEn !== 'string') {
      throw invalidField(`${at}.properties.nameEn`, 'must be a string or null');
    }
    checkGeometry(feature.geometry, `${at}.geometry`);
  });
}

function checkGeometry(geometry: unknown, path: string): asserts geometry is Boundary {
  if (!isObject(geometry) || (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon')) {
    throw invalidField(path, 'must be a GeoJSON Polygon or MultiPolygon');
  }
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const ok =
    Array.isArray(polygons) &&
    polygons.every(
      (rings) =>
        Array.isArray(rings) &&
        rings.every(
          (ring) =>
            Array.isArray(ring) &&
            ring.every(
              (position) =>
                Array.isArray(position) &&
                position.length >= 2 &&
                position.every((n) => typeof n === 'number' && Number.isFinite(n)),
            ),
        ),
    );
  if (!ok) {
    throw invalidField(`${path}.coordinates`, 'must be arrays of [longitude, latitude] positions');
  }
}

/** The bounding box of a collection's positions, or null when it has none. */
export function boundsOf(geo: VillageFeatureCollection): { minLat: number; maxLat: number } | null {
  let minLat = Number.POSITIVE_INFINITY;
  let maxLat = Number.NEGATIVE_INFINITY;
  for (const { geometry } of geo.features) {
    const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
    for (const ring of polygons.flat()) {
      for (const [, lat] of ring) {
        minLat = Math.min(minLat, lat);
        maxLat = Math.max(maxLat, lat);
      }
    }
  }
  return minLat <= maxLat ? { minLat, maxLat } : null;
}

/**
 * A name for registering a map with ECharts, derived from its content (two 32-bit FNV-1a hashes). ECharts keeps
 * registered maps for the life of the process and cannot forget one, so a fresh name per render would grow that
 * registry without bound; a content name is unique per outline set and reuses the entry for the same town.
 */
export function mapNameOf(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    a = Math.imul(a ^ unit, 0x01000193) >>> 0;
    b = Math.imul(b ^ unit, 0x5bd1e995) >>> 0;
  }
  return `shanzhi-villages-${a.toString(16).padStart(8, '0')}${b.toString(16).padStart(8, '0')}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
