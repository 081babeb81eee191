import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { insideBoundary } from '../places/index.js';
import { distanceM, locatePoint, matchAddress, NEAREST_CENTROID_LIMIT_M } from './locate.js';

const square = (west: number, south: number, east: number, north: number) =>
  [
    [west, south],
    [east, south],
    [east, north],
    [west, north],
    [west, south],
  ] as [number, number][];

const place = (code: string, level: 'village' | 'group', more: Record<string, unknown> = {}) => ({
  code,
  name: code,
  level,
  parentCode: null as string | null,
  aliases: [] as string[],
  centroid: null as { lng: number; lat: number } | null,
  boundary: null as { type: 'Polygon'; coordinates: [number, number][][] } | null,
  ...more,
});

describe('locating a point', () => {
  it('measures great-circle distance (1° of latitude ≈ 111.2 km)', () => {
    expect(distanceM({ lat: 29, lng: 120 }, { lat: 30, lng: 120 })).toBeCloseTo(111_195, -1);
    expect(distanceM({ lat: 29.4, lng: 120.1 }, { lat: 29.4, lng: 120.1 })).toBe(0);
  });

  it('tells inside from outside a polygon with a hole and a multipolygon', () => {
    const withHole = { type: 'Polygon' as const, coordinates: [square(0, 0, 10, 10), square(4, 4, 6, 6)] };
    expect(insideBoundary(withHole, { lng: 1, lat: 1 })).toBe(true);
    expect(insideBoundary(withHole, { lng: 5, lat: 5 })).toBe(false);
    expect(insideBoundary(withHole, { lng: 11, lat: 5 })).toBe(false);
    const multi = { type: 'MultiPolygon' as const, coordinates: [[square(0, 0, 1, 1)], [square(5, 5, 6, 6)]] };
    expect(insideBoundary(multi, { lng: 5.5, lat: 5.5 })).toBe(true);
    expect(insideBoundary(multi, { lng: 3, lat: 3 })).toBe(false);
  });

  it('prefers the group holding the point, then the village, then the nearest centroid within the limit', () => {
    const places = [
      place('V', 'village', { boundary: { type: 'Polygon', coordinates: [square(120, 29, 120.1, 29.1)] } }),
      place('G', 'group', { boundary: { type: 'Polygon', coordinates: [square(120, 29, 120.05, 29.05)] } }),
      place('W', 'village', { centroid: { lng: 120.2, lat: 29.05 } }),
    ];
    expect(locatePoint(places, { lng: 120.01, lat: 29.01 })).toBe('G');
    expect(locatePoint(places, { lng: 120.09, lat: 29.09 })).toBe('V');
    expect(locatePoint(places, { lng: 120.21, lat: 29.05 })).toBe('W');
    expect(locatePoint(places, { lng: 121, lat: 31 })).toBeNull();
  });

  it('never picks a centroid farther than the limit, and always the nearest within it', () => {
    const point = fc.record({
      lng: fc.double({ min: 119.9, max: 120.3, noNaN: true }),
      lat: fc.double({ min: 29.2, max: 29.6, noNaN: true }),
    });
    fc.assert(
      fc.property(fc.array(point, { minLength: 1, maxLength: 8 }), point, (centroids, at) => {
        const places = centroids.map((centroid, i) => place(`P${i}`, 'village', { centroid }));
        const found = locatePoint(places, at);
        const distances = centroids.map((c) => distanceM(c, at));
        const nearest = Math.min(...distances);
        if (nearest > NEAREST_CENTROID_LIMIT_M) {
          expect(found).toBeNull();
        } else {
          expect(distances[Number(found?.slice(1))]).toBe(nearest);
        }
      }),
    );
  });
});

describe('matching an address', () => {
  const places = [
    place('100201', 'village', { name: '苏华村', aliases: ['苏华'] }),
    place('100202', 'village', { name: '西山下村' }),
    place('100201-01', 'group', { name: '第一组', parentCode: '100201' }),
    place('100202-01', 'group', { name: '第一组', parentCode: '100202' }),
  ];

  it('finds the village by name or alias, then its group', () => {
    expect(matchAddress(places, '义乌市苏溪镇苏华村第一组 12 号')).toBe('100201-01');
    expect(matchAddress(places, '苏华工业区')).toBe('100201');
    expect(matchAddress(places, '西山下村路口')).toBe('100202');
    expect(matchAddress(places, '第一组')).toBeNull();
    expect(matchAddress(places, '大陈镇')).toBeNull();
  });
});
