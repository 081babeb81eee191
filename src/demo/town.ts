import type { Boundary } from '../places/index.js';
import { convexContains, convexHull, type Point, polygonCentroid, sharedEdgeLength, voronoiCells } from './geometry.js';
import type { Random } from './random.js';
import {
  CITY,
  COMMERCE_BY_ROLE,
  ESTATES,
  INDUSTRY_BY_ROLE,
  ORDINALS,
  POPULATION_BY_ROLE,
  THEMED_ROADS,
  TOWN,
  VILLAGE_NAMES,
  type VillageRole,
} from './town-names.js';

/** A WGS84 position, as the places feature stores centroids. */
export interface LngLat {
  lng: number;
  lat: number;
}

/** A village group (村民小组 / 居民小组): the smallest place records can be filed under. */
export interface DemoGroup {
  code: string;
  name: string;
  nameEn: string;
  villageCode: string;
  centroid: LngLat;
}

/** A village or community of the demo town, with what the record model needs to know about it. */
export interface DemoVillage {
  code: string;
  name: string;
  nameEn: string;
  kind: 'community' | 'village';
  role: VillageRole;
  /** Residents, migrant workers included. */
  population: number;
  /** Relative weight of shops, stalls and traffic (population × a factor of the role). */
  commerce: number;
  /** Relative pull on enterprises (a factor of the role): where factories and online shops settle. */
  industry: number;
  centroid: LngLat;
  boundary: Boundary;
  /** Codes of the villages sharing a border with this one (for outbreaks spreading next door). */
  neighbours: string[];
  groups: DemoGroup[];
  /** Streets of the village, for addresses. */
  roads: string[];
  /** Residential estates (小区), communities only. */
  estates: string[];
}

/** The demo town's places: the city, the town with its outline, and its villages with groups. */
export interface DemoTownMap {
  city: { code: string; name: string; nameEn: string };
  town: { code: string; name: string; nameEn: string; centroid: LngLat; boundary: Boundary };
  villages: DemoVillage[];
}

/*
 * The map is built in kilometres around the town centre and converted to degrees at the end, so that the Voronoi
 * cells are drawn with true distances (a degree of longitude is only 97 km at this latitude, against 111 km for
 * latitude). The town is about 13 × 11 km, the size of a town of Yiwu's countryside.
 */
const CENTRE: LngLat = { lng: 120.1, lat: 29.3 };
const KM_PER_DEGREE_LAT = 110.574;
const KM_PER_DEGREE_LNG = 111.32 * Math.cos((CENTRE.lat * Math.PI) / 180);
/** Half-axes of the town's outline, km. */
const RADIUS_X = 6.5;
const RADIUS_Y = 5.5;
/** Villages sharing a border shorter than this only touch at a corner, for outbreak purposes. */
const MIN_SHARED_BORDER_KM = 0.2;

/** Degrees rounded to 6 decimals (about 0.1 m): plenty for a map, and stable in JSON. */
function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

function toLngLat([x, y]: Point): LngLat {
  return { lng: round6(CENTRE.lng + x / KM_PER_DEGREE_LNG), lat: round6(CENTRE.lat + y / KM_PER_DEGREE_LAT) };
}

/** A GeoJSON polygon (RFC 7946: counter-clockwise, closed ring) from a convex polygon in km. */
function toBoundary(polygon: readonly Point[]): Boundary {
  const ring = polygon.map((point): [number, number] => {
    const { lng, lat } = toLngLat(point);
    return [lng, lat];
  });
  ring.push([...(ring[0] as [number, number])]);
  return { type: 'Polygon', coordinates: [ring] };
}

/** The town's outline: a convex, slightly irregular oval. */
function outline(random: Random): Point[] {
  const corners: Point[] = [];
  const count = 14;
  for (let i = 0; i < count; i++) {
    const angle = (2 * Math.PI * (i + random.between(-0.3, 0.3))) / count;
    const scale = random.between(0.85, 1.1);
    corners.push([RADIUS_X * scale * Math.cos(angle), RADIUS_Y * scale * Math.sin(angle)]);
  }
  return convexHull(corners);
}

/** A uniform point inside a convex polygon, at least `margin` km inside it (rejection from the bounding box). */
function pointInside(random: Random, polygon: readonly Point[], margin: number): Point {
  const xs = polygon.map((p) => p[0]);
  const ys = polygon.map((p) => p[1]);
  for (let attempt = 0; attempt < 1000; attempt++) {
    const point: Point = [
      random.between(Math.min(...xs), Math.max(...xs)),
      random.between(Math.min(...ys), Math.max(...ys)),
    ];
    if (convexContains(polygon, point, margin)) {
      return point;
    }
  }
  return polygonCentroid(polygon);
}

/**
 * Well-spread village seats: Mitchell's best-candidate sampling (each new seat is the candidate farthest from the
 * seats so far), which looks like a real settlement pattern and avoids slivers in the Voronoi cells.
 */
function villageSeats(random: Random, region: readonly Point[], count: number): Point[] {
  const seats: Point[] = [];
  while (seats.length < count) {
    let best: Point = pointInside(random, region, 0.6);
    let bestDistance = -1;
    for (let candidate = 0; candidate < 20; candidate++) {
      const point = pointInside(random, region, 0.6);
      const distance = Math.min(...seats.map((s) => Math.hypot(s[0] - point[0], s[1] - point[1])), Infinity);
      if (distance > bestDistance) {
        best = point;
        bestDistance = distance;
      }
    }
    seats.push(best);
  }
  return seats;
}

function roadsOf(random: Random, stem: string, kind: DemoVillage['kind']): string[] {
  const own =
    kind === 'community'
      ? [`${stem}路`, '云溪大道']
      : [`${stem}路`, `${stem}${random.pick(['东路', '西路', '街', '大街'])}`];
  const themed = random.shuffle(THEMED_ROADS).slice(0, random.intBetween(1, 2));
  return [...own, ...themed];
}

function groupsOf(random: Random, code: string, kind: DemoVillage['kind'], cell: readonly Point[]): DemoGroup[] {
  const count = kind === 'community' ? random.intBetween(3, 5) : random.intBetween(3, 8);
  const unit = kind === 'community' ? '居民小组' : '村民小组';
  return Array.from({ length: count }, (_, i) => ({
    code: `${code}${String(i + 1).padStart(2, '0')}`,
    name: `第${ORDINALS[i]}${unit}`,
    nameEn: `Group ${i + 1}`,
    villageCode: code,
    centroid: toLngLat(pointInside(random, cell, 0.15)),
  }));
}

/**
 * The demo town's map from a stream: the town's outline, about thirty villages and communities as Voronoi cells of
 * well-spread seats (convex, non-overlapping, covering the town), their groups, neighbours, roads and estates.
 * Communities take the seats nearest the centre, where a town's built-up area is.
 */
export function buildTownMap(random: Random): DemoTownMap {
  const region = outline(random);
  const seats = villageSeats(random, region, VILLAGE_NAMES.length);
  const byDistance = seats.slice().sort((a, b) => Math.hypot(a[0], a[1]) - Math.hypot(b[0], b[1]));
  const communities = VILLAGE_NAMES.filter((v) => v.kind === 'community');
  const villages = random.shuffle(VILLAGE_NAMES.filter((v) => v.kind === 'village'));
  const named = [...communities, ...villages];
  const cells = voronoiCells(byDistance, region);

  let communityNo = 0;
  let villageNo = 200;
  const result: DemoVillage[] = named.map((entry, i) => {
    const cell = cells[i] as Point[];
    const number = entry.kind === 'community' ? ++communityNo : ++villageNo;
    const code = `${TOWN.code}${String(number).padStart(3, '0')}`;
    const [low, high] = POPULATION_BY_ROLE[entry.role];
    const population = Math.round(random.between(low, high) / 10) * 10;
    const stem = entry.name.replace(/(社区|村)$/, '');
    return {
      code,
      name: entry.name,
      nameEn: entry.nameEn,
      kind: entry.kind,
      role: entry.role,
      population,
      commerce: population * COMMERCE_BY_ROLE[entry.role],
      industry: INDUSTRY_BY_ROLE[entry.role] * random.between(0.7, 1.3),
      centroid: toLngLat(polygonCentroid(cell)),
      boundary: toBoundary(cell),
      neighbours: [],
      groups: groupsOf(random, code, entry.kind, cell),
      roads: roadsOf(random, stem, entry.kind),
      estates: entry.kind === 'community' ? random.shuffle(ESTATES).slice(0, random.intBetween(2, 4)) : [],
    };
  });

  result.forEach((village, i) => {
    result.forEach((other, j) => {
      if (i !== j && sharedEdgeLength(cells[i] as Point[], cells[j] as Point[], 1e-7) >= MIN_SHARED_BORDER_KM) {
        village.neighbours.push(other.code);
      }
    });
  });

  return {
    city: { ...CITY },
    town: { ...TOWN, centroid: toLngLat(polygonCentroid(region)), boundary: toBoundary(region) },
    villages: result,
  };
}
