import { listPlaces } from '../places/index.js';
import type { Db } from '../store/database.js';
import { badRequest, clip, notFound } from './open311.errors.js';

/** The town an Open311 request is about: Open311's jurisdiction. */
export interface Jurisdiction {
  id: number;
  code: string;
  name: string;
}

/**
 * The town named by `jurisdiction_id` (its place code, e.g. 330782199). It may be left out when the server holds
 * exactly one town, as the spec allows for a server of one jurisdiction; an unknown one is 404.
 */
export async function resolveJurisdiction(db: Db, jurisdictionId: string | undefined): Promise<Jurisdiction> {
  const towns = await listPlaces(db, { level: 'town' });
  if (jurisdictionId === undefined) {
    const [only] = towns;
    if (towns.length !== 1 || !only) {
      throw badRequest(
        towns.length === 0
          ? 'jurisdiction_id: this server has no town yet'
          : `jurisdiction_id: required, this server serves ${towns.length} towns (${towns.map((t) => t.code).join(', ')})`,
      );
    }
    return { id: only.id, code: only.code, name: only.name };
  }
  const town = towns.find((t) => t.code === jurisdictionId);
  if (!town) {
    throw notFound(`jurisdiction_id: no town "${clip(jurisdictionId)}" on this server`);
  }
  return { id: town.id, code: town.code, name: town.name };
}
