/** The weekly cube: roll-ups of the records kept in every write's transaction (see docs/stats.md). */

export { type RebuildOptions, type RebuildResult, rebuildCube } from './cube.rebuild.js';
export type { CubeState } from './cube.repo.js';
export { readCubeStates, sweepCube, updateCube } from './cube.service.js';
export {
  BASE_CUBOID,
  type CategoryDepth,
  CUBOIDS,
  type Cuboid,
  type CuboidNeed,
  cuboidFor,
  type PlaceDepth,
} from './cuboids.js';
export {
  type CellKey,
  COUNT_MEASURES,
  type CountMeasure,
  type FactColumns,
  factOf,
  RESPONSE_LIMIT_MS,
} from './fact.js';
export {
  addStored,
  BUCKET_COUNT,
  bucketOf,
  bucketValue,
  emptyHistogram,
  type Histogram,
  histogramTotal,
  nearestRank,
  QUANTILE_RELATIVE_ERROR,
  quantile,
} from './histogram.js';
