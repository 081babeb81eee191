/*
 * The cuboids of the cube: each sums the records at one level of each hierarchy and keeps or leaves out the flat
 * dimensions. The base cuboid keeps everything at the records' own levels, so it answers any query; the others are
 * smaller sums a dashboard reads instead. A query reads the smallest cuboid that holds every dimension it groups or
 * filters by, at that level or a finer one (see cuboidFor), and rolls finer levels up as it reads.
 */

/** How deep a cuboid keeps the category: 0 all categories, 1 or 2 that level, 3 the record's own (the leaf). */
export type CategoryDepth = 0 | 1 | 2 | 3;
/** How deep a cuboid keeps the place: 0 the town, 1 the village, 2 the record's own place (a group or a village). */
export type PlaceDepth = 0 | 1 | 2;

export interface Cuboid {
  /** Stored in cube_cell.cuboid: never reuse an id for another shape (rebuild after changing this list). */
  id: number;
  category: CategoryDepth;
  place: PlaceDepth;
  source: boolean;
  department: boolean;
}

/** What a query needs of a cuboid. */
export type CuboidNeed = Omit<Cuboid, 'id'>;

/**
 * Smallest first (by their rows on the demo town): the first that covers a query is the one it reads. Dimensions that
 * go together on dashboards share a cuboid: source and department by category at the town, kind alone by village and
 * group (the three rates by village read v1 or v0).
 */
export const CUBOIDS: readonly Cuboid[] = [
  { id: 1, category: 0, place: 0, source: true, department: true },
  { id: 2, category: 1, place: 0, source: true, department: true },
  { id: 3, category: 0, place: 2, source: false, department: false },
  { id: 4, category: 2, place: 0, source: true, department: true },
  { id: 5, category: 1, place: 1, source: false, department: false },
  { id: 6, category: 0, place: 1, source: true, department: true },
  { id: 0, category: 3, place: 2, source: true, department: true },
];

export const BASE_CUBOID = CUBOIDS.find((cuboid) => cuboid.id === 0) as Cuboid;

export function covers(cuboid: Cuboid, need: CuboidNeed): boolean {
  return (
    cuboid.category >= need.category &&
    cuboid.place >= need.place &&
    (cuboid.source || !need.source) &&
    (cuboid.department || !need.department)
  );
}

/** The smallest cuboid holding everything a query needs (the base cuboid holds everything). */
export function cuboidFor(need: CuboidNeed): Cuboid {
  return CUBOIDS.find((cuboid) => covers(cuboid, need)) ?? BASE_CUBOID;
}
