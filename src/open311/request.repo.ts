import type { Db } from '../store/database.js';
import type { ComplaintStatus } from '../store/tables/records.js';

/*
 * The complaints of a town as Open311 shows them: the columns the GET requests answer needs, with the codes and
 * names they point at. Never the complainant's columns.
 */

export interface ServiceRequestRow {
  id: number;
  status: ComplaintStatus;
  category_code: string;
  category_name: string;
  department_name: string | null;
  content: string;
  address: string | null;
  place_code: string | null;
  place_name: string | null;
  place_lat: number | null;
  place_lng: number | null;
  town_name: string;
  lat: number | null;
  lng: number | null;
  media_url: string | null;
  opened_at: number;
  updated_at: number;
  closed_at: number | null;
  deadline_at: number | null;
}

export interface ServiceRequestFilter {
  townId: number;
  ids?: number[];
  categoryCodes?: string[];
  /** opened_at in [from, to], epoch ms. */
  from?: number;
  to?: number;
  statuses?: ComplaintStatus[];
  limit: number;
}

/** Requests of a town matching the filter, newest first (opened_at, then id). */
export async function listServiceRequestRows(db: Db, filter: ServiceRequestFilter): Promise<ServiceRequestRow[]> {
  let query = db
    .selectFrom('complaint as r')
    .innerJoin('place as town', 'town.id', 'r.town_id')
    .innerJoin('category as cat', 'cat.id', 'r.category_id')
    .leftJoin('place as pl', 'pl.id', 'r.place_id')
    .leftJoin('department as dep', 'dep.id', 'r.department_id')
    .select([
      'r.id',
      'r.status',
      'cat.code as category_code',
      'cat.name as category_name',
      'dep.name as department_name',
      'r.content',
      'r.address',
      'pl.code as place_code',
      'pl.name as place_name',
      'pl.centroid_lat as place_lat',
      'pl.centroid_lng as place_lng',
      'town.name as town_name',
      'r.lat',
      'r.lng',
      'r.media_url',
      'r.opened_at',
      'r.updated_at',
      'r.closed_at',
      'r.deadline_at',
    ])
    .where('r.town_id', '=', filter.townId);
  if (filter.ids !== undefined) {
    query = query.where('r.id', 'in', filter.ids.length > 0 ? filter.ids : [-1]);
  }
  if (filter.categoryCodes !== undefined) {
    query = query.where('cat.code', 'in', filter.categoryCodes.length > 0 ? filter.categoryCodes : ['']);
  }
  if (filter.from !== undefined) {
    query = query.where('r.opened_at', '>=', filter.from);
  }
  if (filter.to !== undefined) {
    query = query.where('r.opened_at', '<=', filter.to);
  }
  if (filter.statuses !== undefined) {
    query = query.where('r.status', 'in', filter.statuses);
  }
  return query.orderBy('r.opened_at', 'desc').orderBy('r.id', 'desc').limit(filter.limit).execute();
}

/** The id of the request filed through Open311 under this token in this town, if any. */
export async function findIdByToken(db: Db, townId: number, token: string): Promise<number | undefined> {
  const row = await db
    .selectFrom('complaint')
    .select('id')
    .where('source_system', '=', OPEN311_SOURCE)
    .where('external_no', '=', token)
    .where('town_id', '=', townId)
    .executeTakeFirst();
  return row?.id;
}

/** The source system of complaints filed through Open311; their external number is the token. */
export const OPEN311_SOURCE = 'open311';
