export { insideBoundary, type LngLat } from './geometry.js';
export { listPlaces, type PlaceRow } from './place.repo.js';
export { placeRoutes } from './place.routes.js';
export type { Boundary, CreatePlaceInput, Place, PlaceLevel } from './place.schema.js';
export { placeLevels } from './place.schema.js';
export {
  createPlace,
  findPlaces,
  getAncestors,
  getPlace,
  type PlaceDeps,
  type PlaceWriteDeps,
  requirePlace,
  updatePlace,
} from './place.service.js';
