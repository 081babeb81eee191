import type { Boundary, Place } from '../places/index.js';

/*
 * Which village or group of the town a reported location lies in. Pure functions on the town's places; points are
 * WGS84 longitude/latitude, as Open311 sends them and as places store their centroids and boundaries (no GCJ-02).
 */

export interface LngLat {
  lng: number;
  lat: number;
}

/** How far from a village's or group's centroid a point outside every boundary may be and still count as there. */
export const NEAREST_CENTROID_LIMIT_M = 3_000;

const EARTH_RADIUS_M = 6_371_008.8;

/** Great-circle distance in metres (haversine on the mean Earth radius; ample for a town). */
export function distanceM(a: LngLat, b: LngLat): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Whether a point lies inside a ring (ray casting; GeoJSON rings are closed). */
function inRing(ring: readonly (readonly number[])[], { lng, lat }: LngLat): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi = 0, yi = 0] = ring[i] ?? [];
    const [xj = 0, yj = 0] = ring[j] ?? [];
    if (yi > lat !== yj > lat && lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) {
      inside = !inside;
    }
  }
  return inside;
}

/** Whether a point lies inside a GeoJSON Polygon or MultiPolygon: inside an outer ring and outside its holes. */
export function insideBoundary(boundary: Boundary, point: LngLat): boolean {
  const polygons = boundary.type === 'Polygon' ? [boundary.coordinates] : boundary.coordinates;
  return polygons.some(
    ([outer, ...holes]) => outer !== undefined && inRing(outer, point) && !holes.some((hole) => inRing(hole, point)),
  );
}

type TownPlace = Pick<Place, 'code' | 'name' | 'level' | 'parentCode' | 'aliases' | 'centroid' | 'boundary'>;

/**
 * The place code of a point: the group whose boundary holds it, else the village whose boundary holds it, else the
 * village or group with the nearest centroid within NEAREST_CENTROID_LIMIT_M, else null (the point is kept anyway).
 */
export function locatePoint(places: readonly TownPlace[], point: LngLat): string | null {
  for (const level of ['group', 'village'] as const) {
    const hit = places.find((p) => p.level === level && p.boundary !== null && insideBoundary(p.boundary, point));
    if (hit) {
      return hit.code;
    }
  }
  let best: { code: string; distance: number } | null = null;
  for (const place of places) {
    if ((place.level === 'village' || place.level === 'group') && place.centroid) {
      const distance = distanceM(place.centroid, point);
      if (distance <= NEAREST_CENTROID_LIMIT_M && (best === null || distance < best.distance)) {
        best = { code: place.code, distance };
      }
    }
  }
  return best?.code ?? null;
}

/**
 * The place code an address names: the village whose name or alias appears in it (the longest such name wins), then
 * a group of that village whose name appears too. Groups alone are not matched: 第一组 is in every village.
 */
export function matchAddress(places: readonly TownPlace[], address: string): string | null {
  const longestIn = (candidates: readonly TownPlace[]) => {
    let best: { code: string; length: number } | null = null;
    for (const place of candidates) {
      for (const name of [place.name, ...place.aliases]) {
        if (name.length >= 2 && address.includes(name) && (best === null || name.length > best.length)) {
          best = { code: place.code, length: name.length };
        }
      }
    }
    return best?.code ?? null;
  };
  const village = longestIn(places.filter((p) => p.level === 'village'));
  if (village === null) {
    return null;
  }
  return longestIn(places.filter((p) => p.level === 'group' && p.parentCode === village)) ?? village;
}
