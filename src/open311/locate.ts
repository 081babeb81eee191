import { insideBoundary, type LngLat, type Place } from '../places/index.js';

/*
 * Which village or group of the town a reported location lies in. Pure functions on the town's places; points are
 * WGS84 longitude/latitude, as Open311 sends them and as places store their centroids and boundaries (no GCJ-02).
 */

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
