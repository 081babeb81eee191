/*
 * Plane geometry for the demo town's map: convex polygons only, which is all a Voronoi partition of a convex town
 * needs, and which keeps every operation short and exact enough (one clipping routine does all the work). Polygons are
 * lists of [x, y] vertices in counter-clockwise order, without the closing vertex GeoJSON repeats.
 */

/** A point [x, y]; on the map x is the longitude and y the latitude. */
export type Point = readonly [number, number];

/** Twice the signed area: positive when the vertices run counter-clockwise (the shoelace formula). */
function doubleArea(polygon: readonly Point[]): number {
  let sum = 0;
  for (let i = 0; i < polygon.length; i++) {
    const [x1, y1] = polygon[i] as Point;
    const [x2, y2] = polygon[(i + 1) % polygon.length] as Point;
    sum += x1 * y2 - x2 * y1;
  }
  return sum;
}

/** The signed area of a polygon: positive when counter-clockwise. */
export function polygonArea(polygon: readonly Point[]): number {
  return doubleArea(polygon) / 2;
}

/** The centroid (centre of mass) of a polygon with non-zero area; inside it whenever the polygon is convex. */
export function polygonCentroid(polygon: readonly Point[]): Point {
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < polygon.length; i++) {
    const [x1, y1] = polygon[i] as Point;
    const [x2, y2] = polygon[(i + 1) % polygon.length] as Point;
    const cross = x1 * y2 - x2 * y1;
    cx += (x1 + x2) * cross;
    cy += (y1 + y2) * cross;
  }
  const six = 3 * doubleArea(polygon);
  return [cx / six, cy / six];
}

/**
 * The part of a convex polygon where a·x + b·y ≤ c (one Sutherland–Hodgman step). The result is convex and keeps the
 * orientation; it is empty when the half-plane misses the polygon.
 */
export function clipToHalfPlane(polygon: readonly Point[], a: number, b: number, c: number): Point[] {
  const out: Point[] = [];
  for (let i = 0; i < polygon.length; i++) {
    const p = polygon[i] as Point;
    const q = polygon[(i + 1) % polygon.length] as Point;
    const fp = a * p[0] + b * p[1] - c;
    const fq = a * q[0] + b * q[1] - c;
    if (fp <= 0) {
      out.push(p);
    }
    if ((fp < 0 && fq > 0) || (fp > 0 && fq < 0)) {
      const t = fp / (fp - fq);
      out.push([p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])]);
    }
  }
  return out;
}

/** The intersection of two convex counter-clockwise polygons: `subject` clipped by each edge of `clip`. */
export function convexIntersection(subject: readonly Point[], clip: readonly Point[]): Point[] {
  let result: Point[] = subject.slice();
  for (let i = 0; i < clip.length && result.length > 0; i++) {
    const [x1, y1] = clip[i] as Point;
    const [x2, y2] = clip[(i + 1) % clip.length] as Point;
    // Inside a counter-clockwise polygon is to the left of each edge: (x2 − x1)(y − y1) − (y2 − y1)(x − x1) ≥ 0.
    const a = y2 - y1;
    const b = -(x2 - x1);
    result = clipToHalfPlane(result, a, b, a * x1 + b * y1);
  }
  return result;
}

/** Whether a point lies inside a convex counter-clockwise polygon, at least `margin` away from every edge line. */
export function convexContains(polygon: readonly Point[], point: Point, margin = 0): boolean {
  for (let i = 0; i < polygon.length; i++) {
    const [x1, y1] = polygon[i] as Point;
    const [x2, y2] = polygon[(i + 1) % polygon.length] as Point;
    const length = Math.hypot(x2 - x1, y2 - y1);
    const cross = (x2 - x1) * (point[1] - y1) - (y2 - y1) * (point[0] - x1);
    if (length > 0 && cross / length < margin) {
      return false;
    }
  }
  return true;
}

/** The convex hull of a set of points, counter-clockwise (Andrew's monotone chain). */
export function convexHull(points: readonly Point[]): Point[] {
  const sorted = points.slice().sort((p, q) => p[0] - q[0] || p[1] - q[1]);
  const cross = (o: Point, a: Point, b: Point) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const chain = (list: readonly Point[]): Point[] => {
    const out: Point[] = [];
    for (const p of list) {
      while (out.length >= 2 && cross(out[out.length - 2] as Point, out[out.length - 1] as Point, p) <= 0) {
        out.pop();
      }
      out.push(p);
    }
    out.pop();
    return out;
  };
  return [...chain(sorted), ...chain(sorted.slice().reverse())];
}

/**
 * The Voronoi cells of sites inside a convex region: cell i is the region clipped to the points nearer to site i than
 * to any other site (the half-plane of each perpendicular bisector). The cells are convex, cover the region and meet
 * only along their edges; each contains its site. O(n²) clips, nothing for thirty villages.
 */
export function voronoiCells(sites: readonly Point[], region: readonly Point[]): Point[][] {
  return sites.map((site, i) => {
    let cell: Point[] = region.slice();
    sites.forEach((other, j) => {
      if (j !== i) {
        // |p − site|² ≤ |p − other|²  ⇔  2(other − site)·p ≤ |other|² − |site|².
        const a = 2 * (other[0] - site[0]);
        const b = 2 * (other[1] - site[1]);
        const c = other[0] ** 2 + other[1] ** 2 - site[0] ** 2 - site[1] ** 2;
        cell = clipToHalfPlane(cell, a, b, c);
      }
    });
    return cell;
  });
}

/**
 * The length of boundary two convex polygons share (0 when they are apart or only touch at a corner): the common
 * edge of two neighbouring Voronoi cells runs between the vertices of each that lie on the other's boundary, within
 * `tolerance`.
 */
export function sharedEdgeLength(p: readonly Point[], q: readonly Point[], tolerance: number): number {
  const onBoundary = (point: Point, polygon: readonly Point[]) =>
    polygon.some((a, i) => {
      const b = polygon[(i + 1) % polygon.length] as Point;
      const length = Math.hypot(b[0] - a[0], b[1] - a[1]);
      const cross = (b[0] - a[0]) * (point[1] - a[1]) - (b[1] - a[1]) * (point[0] - a[0]);
      const along = (point[0] - a[0]) * (b[0] - a[0]) + (point[1] - a[1]) * (b[1] - a[1]);
      return (
        length > 0 &&
        Math.abs(cross / length) <= tolerance &&
        along >= -tolerance * length &&
        along <= length * length + tolerance * length
      );
    });
  const common = [...p.filter((point) => onBoundary(point, q)), ...q.filter((point) => onBoundary(point, p))];
  let longest = 0;
  for (const a of common) {
    for (const b of common) {
      longest = Math.max(longest, Math.hypot(a[0] - b[0], a[1] - b[1]));
    }
  }
  return longest;
}
