import { z } from 'zod';

export const placeLevels = ['city', 'town', 'village', 'group'] as const;
export const placeLevelSchema = z.enum(placeLevels);
export type PlaceLevel = z.infer<typeof placeLevelSchema>;

/** The level a place's parent must have; a city has none. */
export const parentLevel: Record<PlaceLevel, PlaceLevel | null> = {
  city: null,
  town: 'city',
  village: 'town',
  group: 'village',
};

/** Administrative codes are digits (GB/T 2260 and its 12-digit extension); groups may add a suffix. */
export const placeCodeSchema = z
  .string()
  .trim()
  .regex(/^[0-9A-Za-z][0-9A-Za-z_-]{1,31}$/, 'must be 2–32 letters, digits, _ or -');

const longitude = z.number().min(-180).max(180);
const latitude = z.number().min(-90).max(90);
export const centroidSchema = z.object({ lng: longitude, lat: latitude });

const ring = z.array(z.tuple([longitude, latitude])).min(4, 'a polygon ring needs at least 4 positions');
/** A GeoJSON Polygon or MultiPolygon in WGS84 (RFC 7946). */
export const boundarySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Polygon'), coordinates: z.array(ring).min(1) }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(ring).min(1)).min(1) }),
]);
export type Boundary = z.infer<typeof boundarySchema>;

const name = z.string().trim().min(1).max(100);

export const createPlaceSchema = z.object({
  code: placeCodeSchema,
  name,
  nameEn: name.optional(),
  level: placeLevelSchema,
  parentCode: placeCodeSchema.optional(),
  aliases: z.array(name).max(50).default([]),
  centroid: centroidSchema.optional(),
  boundary: boundarySchema.optional(),
});
export type CreatePlaceInput = z.input<typeof createPlaceSchema>;

export const updatePlaceSchema = z
  .object({
    name,
    nameEn: name.nullable(),
    aliases: z.array(name).max(50),
    centroid: centroidSchema.nullable(),
    boundary: boundarySchema.nullable(),
  })
  .partial();
export type UpdatePlaceInput = z.input<typeof updatePlaceSchema>;

/** A place as it leaves the server. */
export const placeSchema = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  level: placeLevelSchema,
  parentCode: z.string().nullable(),
  townCode: z.string().nullable(),
  aliases: z.array(z.string()),
  centroid: centroidSchema.nullable(),
  boundary: boundarySchema.nullable(),
});
export type Place = z.infer<typeof placeSchema>;

export const listPlacesQuerySchema = z.object({
  level: placeLevelSchema.optional(),
  within: placeCodeSchema.optional(),
});
export type ListPlacesQuery = z.infer<typeof listPlacesQuerySchema>;
