import { invalidField } from '../core/errors.js';
import type { Db } from '../store/database.js';
import { systemActor } from './access.js';
import { checkPasswordPolicy } from './password.js';
import { type Role, roleDefinitions, roles } from './permissions.js';
import {
  countUsers,
  findScopePlaceByCode,
  findUserByUsername,
  firstDepartmentCodeOf,
  firstVillageCodeOf,
} from './user.repo.js';
import type { GrantInput } from './user.schema.js';
import { createUser } from './user.service.js';

/*
 * The first accounts of an installation: an administrator from the environment on the first start, and in the demo
 * one user per role in the demo town.
 */

/**
 * On a store without users, create the administrator named by SHANZHI_BOOTSTRAP_ADMIN with the password in
 * SHANZHI_BOOTSTRAP_PASSWORD (admin within `all`). Returns the username created, or undefined when there are users
 * already or the variable is unset. Once a user exists the variables are ignored.
 */
export async function bootstrapAdmin(db: Db, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const username = env.SHANZHI_BOOTSTRAP_ADMIN?.trim();
  if (!username || (await countUsers(db)) > 0) {
    return undefined;
  }
  const password = env.SHANZHI_BOOTSTRAP_PASSWORD;
  if (!password) {
    throw invalidField('SHANZHI_BOOTSTRAP_PASSWORD', 'must be set with SHANZHI_BOOTSTRAP_ADMIN');
  }
  checkPasswordPolicy(password, username.toLowerCase(), 'SHANZHI_BOOTSTRAP_PASSWORD');
  const user = await createUser(
    { db, actor: systemActor('bootstrap') },
    { username, displayName: '系统管理员', password, grants: [{ role: 'admin', kind: 'all' }] },
  );
  return user.username;
}

/** The password of every demo user (docs/user/账号与权限.md); they sign in only while `shanzhi demo` runs. */
export const DEMO_PASSWORD = 'Shanzhi-Demo-2026';
export const DEMO_TOWN = '330782199';

/** A demo user's username: `demo-` and the role (`demo-village-secretary`). */
export const demoUsername = (role: Role) => `demo-${role.replaceAll('_', '-')}`;

/**
 * One demo user (app_user.demo = 1) per role in the demo town: within the town, or for the village secretary and
 * trainee one of its villages, for department staff and officers one of its departments. Idempotent (existing
 * usernames are left alone); does nothing when the demo town is not in the store. Returns the usernames created.
 */
export async function ensureDemoUsers(db: Db, townCode = DEMO_TOWN): Promise<string[]> {
  const town = await findScopePlaceByCode(db, townCode);
  if (town?.level !== 'town') {
    return [];
  }
  const village = await firstVillageCodeOf(db, town.id);
  const department = await firstDepartmentCodeOf(db, town.id);
  const created: string[] = [];
  for (const role of roles) {
    const username = demoUsername(role);
    if (await findUserByUsername(db, username)) {
      continue;
    }
    const grant = demoGrant(role, townCode, village, department);
    if (!grant) {
      continue;
    }
    await createUser(
      { db, actor: systemActor('demo') },
      {
        username,
        displayName: `演示·${roleDefinitions[role].name}`,
        password: DEMO_PASSWORD,
        grants: [grant],
        demo: true,
      },
    );
    created.push(username);
  }
  return created;
}

function demoGrant(
  role: Role,
  town: string,
  village: string | undefined,
  department: string | undefined,
): GrantInput | undefined {
  const kinds = roleDefinitions[role].scopes;
  if (role === 'village_secretary' || (role === 'trainee' && village)) {
    return village ? { role, kind: 'village', code: village } : undefined;
  }
  if (kinds.includes('department') && (role === 'department_staff' || !kinds.includes('town'))) {
    return department ? { role, kind: 'department', code: `${town}/${department}` } : undefined;
  }
  return kinds.includes('town') ? { role, kind: 'town', code: town } : undefined;
}
