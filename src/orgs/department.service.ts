import { appendAudit, changedFields } from '../audit/index.js';
import { type Actor, requireTownScope } from '../auth/index.js';
import { conflict, invalidField, isAppError, notFound } from '../core/errors.js';
import { parseInput } from '../core/validation.js';
import { type PlaceRow, requirePlace } from '../places/index.js';
import type { Db } from '../store/database.js';
import { inTransaction } from '../store/transaction.js';
import { requireCategory } from '../taxonomy/index.js';
import { defaultDepartmentNames, defaultDepartments } from './department.defaults.js';
import { presentDepartment } from './department.presenter.js';
import {
  type DepartmentRow,
  findDepartment,
  findDepartmentById,
  insertDepartment,
  insertDepartmentIfAbsent,
  listDepartmentRows,
  listExistingCodes,
  listParentIds,
  updateDepartmentRow,
} from './department.repo.js';
import {
  type CreateDepartmentInput,
  createDepartmentSchema,
  type Department,
  type ListDepartmentsQuery,
  listDepartmentsQuerySchema,
  type SeedResult,
  type UpdateDepartmentInput,
  updateDepartmentSchema,
} from './department.schema.js';

export interface OrgDeps {
  db: Db;
}

/** Writes know who writes: `departments:write` must cover the whole town, and the audit entry names the actor. */
export interface OrgWriteDeps extends OrgDeps {
  actor: Actor;
}

/** Audit entries name a department `<townCode>/<code>`: codes are unique within a town only. */
const auditId = (department: Department) => `${department.townCode}/${department.code}`;

function auditCreated(department: Department, townId: number) {
  return {
    action: 'department.create',
    entity: 'department',
    entityId: auditId(department),
    townId,
    after: department,
  };
}

/** The town a request is about, by its place code: a code that is not a town's is a missing resource (404). */
async function loadTown(db: Db, townCode: string): Promise<PlaceRow> {
  const place = await requirePlace(db, townCode, 'townCode').catch((error: unknown) => {
    throw isAppError(error) && error.code === 'invalid_input' ? notFound('town', townCode) : error;
  });
  if (place.level !== 'town') {
    throw notFound('town', townCode);
  }
  return place;
}

async function loadDepartment(db: Db, town: PlaceRow, code: string): Promise<DepartmentRow> {
  const row = await findDepartment(db, town.id, code);
  if (!row) {
    throw notFound('department', `${code} of town ${town.code}`);
  }
  return row;
}

/** Each responsibility must name a category of the taxonomy (retired ones included: duties outlive renames). */
async function checkResponsibilities(db: Db, codes: string[]): Promise<void> {
  for (const [index, code] of codes.entries()) {
    await requireCategory(db, code, `responsibilities.${index}`);
  }
}

async function loadById(db: Db, id: number): Promise<DepartmentRow> {
  const row = await findDepartmentById(db, id);
  if (!row) {
    throw notFound('department', id);
  }
  return row;
}

/**
 * The department with this code in this town, for other features that take a department code as input (dispatch,
 * cases): an unknown code is bad input in `field`, not a missing resource. Inactive departments are returned too
 * (old records name them); a feature that assigns new work checks `active` itself.
 */
export async function requireDepartment(db: Db, townId: number, code: string, field: string): Promise<DepartmentRow> {
  const row = await findDepartment(db, townId, code);
  if (!row) {
    throw invalidField(field, `unknown department "${code}"`);
  }
  return row;
}

/**
 * Add a unit to a town. Its code is unique within the town; a parent must be a unit of the same town. Needs
 * `departments:write` over the whole town; audited as `department.create`.
 */
export async function createDepartment(
  deps: OrgWriteDeps,
  townCode: string,
  input: CreateDepartmentInput,
): Promise<Department> {
  const data = parseInput(createDepartmentSchema, input);
  return inTransaction(deps.db, async (db) => {
    const town = await loadTown(db, townCode);
    requireTownScope(deps.actor, 'departments:write', town.id);
    if (await findDepartment(db, town.id, data.code)) {
      throw conflict(`department ${data.code} already exists in town ${town.code}`, {
        issues: [{ path: 'code', message: 'already exists' }],
      });
    }
    const parent = data.parentCode ? await requireDepartment(db, town.id, data.parentCode, 'parentCode') : null;
    await checkResponsibilities(db, data.responsibilities);
    const now = Date.now();
    const id = await insertDepartment(db, {
      town_id: town.id,
      code: data.code,
      name: data.name,
      name_en: data.nameEn ?? null,
      kind: data.kind,
      parent_id: parent?.id ?? null,
      responsibilities: JSON.stringify(data.responsibilities),
      active: data.active ? 1 : 0,
      created_at: now,
      updated_at: now,
    });
    const department = presentDepartment(await loadById(db, id));
    await appendAudit(db, deps.actor, auditCreated(department, town.id));
    return department;
  });
}

/**
 * Rename a unit, move it under another (never under itself or its own descendants), change its duties, (de)activate
 * it. Needs `departments:write` over the whole town; audited as `department.update` with the changed fields.
 */
export async function updateDepartment(
  deps: OrgWriteDeps,
  townCode: string,
  code: string,
  input: UpdateDepartmentInput,
): Promise<Department> {
  const patch = parseInput(updateDepartmentSchema, input);
  return inTransaction(deps.db, async (db) => {
    const town = await loadTown(db, townCode);
    requireTownScope(deps.actor, 'departments:write', town.id);
    const department = await loadDepartment(db, town, code);
    let parentId: number | null | undefined;
    if (patch.parentCode === null) {
      parentId = null;
    } else if (patch.parentCode !== undefined) {
      const parent = await requireDepartment(db, town.id, patch.parentCode, 'parentCode');
      if (parent.id === department.id || (await listParentIds(db, parent.id)).includes(department.id)) {
        throw invalidField('parentCode', `"${patch.parentCode}" is ${code} itself or lies under it`);
      }
      parentId = parent.id;
    }
    if (patch.responsibilities !== undefined) {
      await checkResponsibilities(db, patch.responsibilities);
    }
    await updateDepartmentRow(db, department.id, {
      ...(patch.name !== undefined && { name: patch.name }),
      ...(patch.nameEn !== undefined && { name_en: patch.nameEn }),
      ...(patch.kind !== undefined && { kind: patch.kind }),
      ...(parentId !== undefined && { parent_id: parentId }),
      ...(patch.responsibilities !== undefined && { responsibilities: JSON.stringify(patch.responsibilities) }),
      ...(patch.active !== undefined && { active: patch.active ? 1 : 0 }),
      updated_at: Date.now(),
    });
    const before = presentDepartment(department);
    const after = presentDepartment(await loadById(db, department.id));
    const changes = changedFields(before, after);
    if (changes) {
      await appendAudit(db, deps.actor, {
        action: 'department.update',
        entity: 'department',
        entityId: auditId(after),
        townId: town.id,
        ...changes,
      });
    }
    return after;
  });
}

/** A town's units by code, optionally of one kind and only active (or only inactive) ones. */
export async function listDepartments(
  deps: OrgDeps,
  townCode: string,
  query: ListDepartmentsQuery = {},
): Promise<Department[]> {
  const { kind, active } = parseInput(listDepartmentsQuerySchema, query);
  const town = await loadTown(deps.db, townCode);
  const rows = await listDepartmentRows(deps.db, town.id, {
    kind,
    active: active === undefined ? undefined : active === 'true' ? 1 : 0,
  });
  return rows.map(presentDepartment);
}

/** One unit of a town. */
export async function getDepartment(deps: OrgDeps, townCode: string, code: string): Promise<Department> {
  const town = await loadTown(deps.db, townCode);
  return presentDepartment(await loadDepartment(deps.db, town, code));
}

/**
 * Give a town the default "1+8" set (department.defaults.ts), named after the town. Idempotent: a unit whose code the
 * town has already is left as it is (renamed or deactivated units stay so), also when two seeds run at once. Each
 * unit added is audited as `department.create`.
 */
export async function seedDefaultDepartments(deps: OrgWriteDeps, townCode: string): Promise<SeedResult> {
  return inTransaction(deps.db, async (db) => {
    const town = await loadTown(db, townCode);
    requireTownScope(deps.actor, 'departments:write', town.id);
    const existing = await listExistingCodes(
      db,
      town.id,
      defaultDepartments.map((unit) => unit.code),
    );
    const created: Department[] = [];
    const now = Date.now();
    for (const unit of defaultDepartments) {
      if (existing.includes(unit.code)) {
        continue;
      }
      const names = defaultDepartmentNames(unit, { name: town.name, nameEn: town.name_en });
      const id = await insertDepartmentIfAbsent(db, {
        town_id: town.id,
        code: unit.code,
        name: names.name,
        name_en: names.nameEn,
        kind: unit.kind,
        parent_id: null,
        responsibilities: JSON.stringify(unit.responsibilities),
        active: 1,
        created_at: now,
        updated_at: now,
      });
      if (id === undefined) {
        existing.push(unit.code);
      } else {
        created.push(presentDepartment(await loadById(db, id)));
      }
    }
    await appendAudit(
      db,
      deps.actor,
      created.map((department) => ({ ...auditCreated(department, town.id), reason: 'default 1+8 departments' })),
    );
    return { created, existing: defaultDepartments.map((u) => u.code).filter((c) => existing.includes(c)) };
  });
}
