import type { Boundary } from './place.schema.js';

/** A point in WGS84 degrees. */
export interface LngLat {
  lng: number;
  lat: number;
}

/** Whether a point lies inside a ring (ray casting; GeoJSON rings are closed, the last position equal to the first). */
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
