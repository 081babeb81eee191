import { describe, expect, it } from 'vitest';
import type { Boundary } from '../places/index.js';
import { convexContains, convexIntersection, type Point, polygonArea } from './geometry.js';
import { Random } from './random.js';
import { buildTownMap, type DemoVillage } from './town.js';

/** The ring of a GeoJSON polygon without its closing position. */
function ringOf(boundary: Boundary): Point[] {
  if (boundary.type !== 'Polygon') {
    throw new Error('the demo town draws plain polygons');
  }
  const ring = boundary.coordinates[0] ?? [];
  expect(ring[0]).toEqual(ring[ring.length - 1]);
  return ring.slice(0, -1).map(([x, y]) => [x, y] as const);
}

describe.each(['shanzhi', '云溪', 'another seed'])('the town map of seed %s', (seed) => {
  const map = buildTownMap(new Random(seed).fork('town'));
  const rings = map.villages.map((v) => ringOf(v.boundary));
  const townRing = ringOf(map.town.boundary);

  it('has about thirty villages and communities with 12-digit codes under the town, 3–8 groups each', () => {
    expect(map.town.code).toBe('330782199');
    expect(map.villages.length).toBeGreaterThanOrEqual(28);
    expect(map.villages.length).toBeLessThanOrEqual(32);
    const codes = new Set<string>();
    for (const village of map.villages) {
      expect(village.code).toMatch(/^330782199\d{3}$/);
      expect(village.name).toMatch(village.kind === 'community' ? /社区$/ : /村$/);
      expect(village.groups.length).toBeGreaterThanOrEqual(3);
      expect(village.groups.length).toBeLessThanOrEqual(8);
      codes.add(village.code);
      for (const group of village.groups) {
        expect(group.code.startsWith(village.code)).toBe(true);
        expect(group.code).toMatch(/^\d{14}$/);
        codes.add(group.code);
        const ring = rings[map.villages.indexOf(village)] as Point[];
        expect(convexContains(ring, [group.centroid.lng, group.centroid.lat])).toBe(true);
      }
      expect(village.roads.length).toBeGreaterThanOrEqual(3);
      expect(village.estates.length > 0).toBe(village.kind === 'community');
    }
    const total = map.villages.reduce((sum, v) => sum + 1 + v.groups.length, 0);
    expect(codes.size).toBe(total);
  });

  it('puts centroids near 29.3°N 120.1°E, each inside its own polygon', () => {
    map.villages.forEach((village, i) => {
      expect(Math.abs(village.centroid.lat - 29.3)).toBeLessThan(0.08);
      expect(Math.abs(village.centroid.lng - 120.1)).toBeLessThan(0.08);
      expect(convexContains(rings[i] as Point[], [village.centroid.lng, village.centroid.lat], 1e-5)).toBe(true);
    });
  });

  it('draws counter-clockwise polygons that never overlap and together cover the town', () => {
    const townArea = polygonArea(townRing);
    let sum = 0;
    rings.forEach((ring, i) => {
      expect(polygonArea(ring)).toBeGreaterThan(0);
      sum += polygonArea(ring);
      rings.forEach((other, j) => {
        if (j > i) {
          const overlap = convexIntersection(ring, other);
          const area = overlap.length >= 3 ? Math.abs(polygonArea(overlap)) : 0;
          expect(area / townArea).toBeLessThan(1e-7);
        }
      });
    });
    // Rounding to 6 decimals moves each vertex by up to 5 cm: some 1e-6 of the area along 40 km of border.
    expect(Math.abs(sum / townArea - 1)).toBeLessThan(1e-5);
  });

  it('knows which villages are neighbours: symmetric, and every village is reachable from every other', () => {
    const byCode = new Map(map.villages.map((v) => [v.code, v]));
    for (const village of map.villages) {
      expect(village.neighbours.length).toBeGreaterThan(0);
      for (const code of village.neighbours) {
        expect(byCode.get(code)?.neighbours).toContain(village.code);
      }
    }
    const reached = new Set([map.villages[0]?.code]);
    const queue: (DemoVillage | undefined)[] = [map.villages[0]];
    while (queue.length > 0) {
      for (const code of queue.shift()?.neighbours ?? []) {
        if (!reached.has(code)) {
          reached.add(code);
          queue.push(byCode.get(code));
        }
      }
    }
    expect(reached.size).toBe(map.villages.length);
  });
});

describe('buildTownMap', () => {
  it('gives the same map for the same seed and another for another seed', () => {
    const a = buildTownMap(new Random('x').fork('town'));
    expect(buildTownMap(new Random('x').fork('town'))).toEqual(a);
    expect(buildTownMap(new Random('y').fork('town')).villages[0]?.boundary).not.toEqual(a.villages[0]?.boundary);
  });

  it('puts the communities in the middle of the town', () => {
    const map = buildTownMap(new Random('centre').fork('town'));
    const distance = (v: { centroid: { lng: number; lat: number } }) =>
      Math.hypot(v.centroid.lng - map.town.centroid.lng, v.centroid.lat - map.town.centroid.lat);
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    const communities = map.villages.filter((v) => v.kind === 'community').map(distance);
    const villages = map.villages.filter((v) => v.kind === 'village').map(distance);
    expect(mean(communities)).toBeLessThan(mean(villages));
  });
});
