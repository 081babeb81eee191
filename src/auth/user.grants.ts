import { invalidField } from '../core/errors.js';
import type { Db } from '../store/database.js';
import type { UserRoleTable } from '../store/tables/auth.js';
import { type Grant, roleGrant } from './access.js';
import { isRole, type Role, roleDefinitions, type ScopeKind } from './permissions.js';
import {
  findScopeDepartment,
  findScopeDepartmentsByIds,
  findScopePlaceByCode,
  findScopePlacesByIds,
  listTownIdsUnder,
  type UserRoleRow,
} from './user.repo.js';
import type { GrantInput, GrantView } from './user.schema.js';

/*
 * Grants between their three forms: as people write them (role, scope kind, code), as stored (user_role: scope_id
 * a place or department id, 0 for `all`), and as the access model uses them (Grant, with the scope's towns).
 */

/** A grant ready to store, with the towns its scope lies in (to check the granting admin's own reach). */
export interface ResolvedGrant {
  role: Role;
  scope_kind: UserRoleTable['scope_kind'];
  scope_id: number;
  townIds: number[];
}

/** Turn grants as written into stored form: the role must be one the scope kind allows and the code must exist. */
export async function resolveGrantInputs(db: Db, inputs: readonly GrantInput[], field = 'grants') {
  const resolved: ResolvedGrant[] = [];
  for (const [index, input] of inputs.entries()) {
    const at = `${field}.${index}`;
    if (!roleDefinitions[input.role].scopes.includes(input.kind)) {
      throw invalidField(
        `${at}.kind`,
        `${input.role} is held within ${roleDefinitions[input.role].scopes.join(', ')}, not ${input.kind}`,
      );
    }
    const grant = await resolveScope(db, input.kind, input.code, `${at}.code`);
    if (!resolved.some((g) => g.role === input.role && g.scope_kind === input.kind && g.scope_id === grant.id)) {
      resolved.push({ role: input.role, scope_kind: input.kind, scope_id: grant.id, townIds: grant.townIds });
    }
  }
  return resolved;
}

async function resolveScope(db: Db, kind: ScopeKind, code: string | null | undefined, field: string) {
  if (kind === 'all') {
    return { id: 0, townIds: [] };
  }
  if (code == null) {
    throw invalidField(field, `a grant within a ${kind} needs its code`);
  }
  if (kind === 'department') {
    const [townCode, departmentCode, ...rest] = code.split('/');
    const department =
      townCode && departmentCode && rest.length === 0
        ? await findScopeDepartment(db, townCode, departmentCode)
        : undefined;
    if (!department) {
      throw invalidField(field, `no department "${code}" (write <townCode>/<departmentCode>)`);
    }
    return { id: department.id, townIds: [department.town_id] };
  }
  const place = await findScopePlaceByCode(db, code);
  if (!place || place.level !== kind) {
    throw invalidField(field, `no ${kind} with the code "${code}"`);
  }
  const townIds = kind === 'city' ? await listTownIdsUnder(db, place.id) : [(place.town_id ?? place.id) as number];
  return { id: place.id, townIds };
}

/** Stored grants as the access model's Grants (towns resolved) and as the API shows them, in the same order. */
export async function describeGrants(
  db: Db,
  rows: readonly UserRoleRow[],
): Promise<{ grant: Grant; view: GrantView }[]> {
  const placeIds = rows.filter((r) => ['city', 'town', 'village'].includes(r.scope_kind)).map((r) => r.scope_id);
  const departmentIds = rows.filter((r) => r.scope_kind === 'department').map((r) => r.scope_id);
  const places = new Map((await findScopePlacesByIds(db, placeIds)).map((p) => [p.id, p]));
  const departments = new Map((await findScopeDepartmentsByIds(db, departmentIds)).map((d) => [d.id, d]));
  const described: { grant: Grant; view: GrantView }[] = [];
  for (const row of rows) {
    if (!isRole(row.role)) {
      continue; // a role removed from the code since it was granted grants nothing
    }
    const kind = row.scope_kind;
    let townIds: number[] = [];
    let code: string | null = null;
    let name: string | null = null;
    if (kind === 'department') {
      const department = departments.get(row.scope_id);
      if (!department) {
        continue;
      }
      townIds = [department.town_id];
      code = `${department.town_code}/${department.code}`;
      name = department.name;
    } else if (kind !== 'all') {
      const place = places.get(row.scope_id);
      if (!place) {
        continue;
      }
      townIds = kind === 'city' ? await listTownIdsUnder(db, place.id) : [(place.town_id ?? place.id) as number];
      code = place.code;
      name = place.name;
    }
    described.push({
      grant: roleGrant(row.role, kind, kind === 'all' ? null : row.scope_id, townIds),
      view: { role: row.role, roleName: roleDefinitions[row.role].name, kind, code, name },
    });
  }
  return described;
}
