import type { Insertable } from 'kysely';
import { conflict, invalidField } from '../core/errors.js';
import type { Cipher } from '../core/pii/index.js';
import { dayOf, deadlineAfter, isoWeekOf, parseDay, parseWeek, workingTimeBetween } from '../core/time/index.js';
import { requireEnterprise } from '../enterprises/index.js';
import { requireDepartment } from '../orgs/index.js';
import { type PlaceRow, requirePlace } from '../places/index.js';
import type { Db } from '../store/database.js';
import type { RecordCoreColumns } from '../store/tables/records.js';
import { requireCategory, UNCLASSIFIED_CODE } from '../taxonomy/index.js';
import { findRecordIdByExternal, type RecordFilter, type RecordPaging, type RecordTableName } from './record.repo.js';
import type { RecordCoreData, RecordListQuery } from './record.schema.js';

/*
 * The rules complaints and enforcement cases share: resolving codes against the store, deriving days, weeks,
 * deadlines and handling durations, and turning list queries into filters and pages.
 */

export interface RecordDeps {
  db: Db;
  /** Encrypts personal data at rest and decrypts it for masking (core/pii). */
  cipher: Cipher;
}

const tableWords: Record<RecordTableName, string> = { complaint: 'complaint', enforcement_case: 'case' };

/** The town with this code, or invalid_input in `field` when the code is unknown or not a town's. */
export async function requireTown(db: Db, code: string, field: string): Promise<PlaceRow> {
  const place = await requirePlace(db, code, field);
  if (place.level !== 'town') {
    throw invalidField(field, `"${code}" is a ${place.level}, not a town`);
  }
  return place;
}

/**
 * The core columns of a new record: every code resolved (unknown ones are invalid_input naming the field; the place
 * must be a village or group of the town; a retired category takes no new records), the day and ISO week of opening
 * in the town, the deadline, and on closure the handling time in calendar and working milliseconds. A record already
 * there under the same (sourceSystem, externalNo) is a conflict.
 */
export async function resolveRecordCore(
  db: Db,
  table: RecordTableName,
  data: RecordCoreData,
  now: number,
): Promise<Insertable<RecordCoreColumns>> {
  const town = await requireTown(db, data.townCode, 'townCode');
  const category = await requireCategory(db, data.categoryCode ?? UNCLASSIFIED_CODE, 'categoryCode');
  if (category.retired === 1) {
    throw invalidField('categoryCode', `category "${category.code}" is retired and takes no new records`);
  }
  let placeId: number | null = null;
  if (data.placeCode !== undefined) {
    const place = await requirePlace(db, data.placeCode, 'placeCode');
    if ((place.level !== 'village' && place.level !== 'group') || place.town_id !== town.id) {
      throw invalidField('placeCode', `"${data.placeCode}" is not a village or group of town ${town.code}`);
    }
    placeId = place.id;
  }
  const enterprise = data.enterpriseCreditCode
    ? await requireEnterprise(db, data.enterpriseCreditCode, 'enterpriseCreditCode')
    : undefined;
  const department = data.departmentCode
    ? await requireDepartment(db, town.id, data.departmentCode, 'departmentCode')
    : undefined;
  if ((await findRecordIdByExternal(db, table, data.sourceSystem, data.externalNo)) !== undefined) {
    throw duplicateRecord(table, data.sourceSystem, data.externalNo);
  }
  const openedDay = dayOf(data.openedAt);
  const deadline =
    data.deadlineAt ??
    (data.deadlineWorkingDays === undefined ? null : deadlineAfter(data.openedAt, data.deadlineWorkingDays));
  const closedAt = data.closedAt ?? null;
  return {
    town_id: town.id,
    source_system: data.sourceSystem,
    external_no: data.externalNo,
    category_id: category.id,
    place_id: placeId,
    enterprise_id: enterprise?.id ?? null,
    department_id: department?.id ?? null,
    title: data.title ?? null,
    content: data.content,
    address: data.address ?? null,
    opened_at: data.openedAt,
    opened_day: openedDay,
    opened_week: isoWeekOf(openedDay),
    deadline_at: deadline,
    first_response_at: data.firstResponseAt ?? null,
    closed_at: closedAt,
    difficult: data.difficult ? 1 : 0,
    handling_ms: closedAt === null ? null : closedAt - data.openedAt,
    handling_work_ms: closedAt === null ? null : workingTimeBetween(data.openedAt, closedAt),
    created_at: now,
    updated_at: now,
  };
}

/** The conflict for a second record under the same (sourceSystem, externalNo). */
export function duplicateRecord(table: RecordTableName, sourceSystem: string, externalNo: string) {
  return conflict(`${tableWords[table]} ${sourceSystem}/${externalNo} already exists`, {
    issues: [{ path: 'externalNo', message: `already exists for sourceSystem ${sourceSystem}` }],
  });
}

/** A list query's codes resolved to ids (unknown ones are invalid_input naming the parameter) and its paging. */
export async function resolveRecordQuery(
  db: Db,
  query: RecordListQuery,
): Promise<{ filter: RecordFilter; paging: RecordPaging }> {
  const filter: RecordFilter = {};
  if (query.town !== undefined) {
    filter.townId = (await requireTown(db, query.town, 'town')).id;
  }
  if (query.week !== undefined) {
    filter.week = parseWeek(query.week, 'week');
  }
  if (query.from !== undefined) {
    filter.fromDay = parseDay(query.from, 'from');
  }
  if (query.to !== undefined) {
    filter.toDay = parseDay(query.to, 'to');
    if (filter.fromDay !== undefined && filter.toDay < filter.fromDay) {
      throw invalidField('to', `must not be before from (${filter.fromDay})`);
    }
  }
  if (query.category !== undefined) {
    filter.category = await requireCategory(db, query.category, 'category');
  }
  if (query.place !== undefined) {
    filter.place = await requirePlace(db, query.place, 'place');
  }
  if (query.department !== undefined) {
    if (filter.townId === undefined) {
      throw invalidField('department', 'department codes belong to a town: give town too');
    }
    filter.departmentId = (await requireDepartment(db, filter.townId, query.department, 'department')).id;
  }
  if (query.difficult !== undefined) {
    filter.difficult = query.difficult;
  }
  if (query.cursor !== undefined && query.offset !== undefined) {
    throw invalidField('cursor', 'give cursor or offset, not both');
  }
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  // One row more than asked tells whether there is a next page.
  return { filter, paging: { limit: query.limit + 1, offset: query.offset, after, order: query.order } };
}

function decodeCursor(cursor: string): { openedAt: number; id: number } {
  const match = /^(\d{1,16})\.(\d{1,16})$/.exec(Buffer.from(cursor, 'base64url').toString('latin1'));
  const openedAt = Number(match?.[1]);
  const id = Number(match?.[2]);
  if (!match || !Number.isSafeInteger(openedAt) || !Number.isSafeInteger(id)) {
    throw invalidField('cursor', 'not a cursor of this list (use nextCursor as given)');
  }
  return { openedAt, id };
}

/** The page of presented items and the cursor after its last row, from rows fetched with one row extra. */
export function toPage<R extends { opened_at: number; id: number }, P>(
  rows: R[],
  limit: number,
  present: (row: R) => P,
): { items: P[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > limit && last ? Buffer.from(`${last.opened_at}.${last.id}`, 'latin1').toString('base64url') : null;
  return { items: page.map(present), nextCursor };
}
