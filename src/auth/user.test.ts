import { beforeAll, describe, expect, it } from 'vitest';
import { createDepartment } from '../orgs/index.js';
import { createPlace } from '../places/index.js';
import { testDatabases, useTestStore } from '../store/testing.js';
import { scopeOf, systemActor } from './access.js';
import { bootstrapAdmin, DEMO_PASSWORD, ensureDemoUsers } from './bootstrap.js';
import { verifyPassword } from './password.js';
import { createUser, loadActor } from './user.service.js';

const PASSWORD = 'Willow-Creek-3390';

describe.each(testDatabases)(
  'users and their actors on %s',
  (dialect) => {
    const t = useTestStore(dialect);
    const ids: Record<string, number> = {};

    beforeAll(async () => {
      const deps = { db: t.db, actor: systemActor('test') };
      await createPlace(deps, { code: '330782', name: '义乌市', level: 'city' });
      for (const [code, name] of [
        ['330782199', '云溪镇'],
        ['330782200', '大陈镇'],
      ] as const) {
        await createPlace(deps, { code, name, level: 'town', parentCode: '330782' });
      }
      await createPlace(deps, { code: '330782199201', name: '云溪村', level: 'village', parentCode: '330782199' });
      await createDepartment(deps, '330782199', { code: 'labour', name: '劳动保障所', kind: 'department' });
      for (const place of await t.db.selectFrom('place').select(['id', 'code']).execute()) {
        ids[place.code] = place.id;
      }
      ids.labour = (await t.db.selectFrom('department').select('id').executeTakeFirstOrThrow()).id;
    }, 60_000);

    it('resolves each grant to the towns it lies in', async () => {
      const user = await createUser(
        { db: t.db },
        {
          username: 'many.hats',
          displayName: '多角色',
          password: PASSWORD,
          grants: [
            { role: 'leader', kind: 'city', code: '330782' },
            { role: 'analyst', kind: 'town', code: '330782200' },
            { role: 'village_secretary', kind: 'village', code: '330782199201' },
            { role: 'department_staff', kind: 'department', code: '330782199/labour' },
            { role: 'leader', kind: 'city', code: '330782' }, // twice: stored once
          ],
        },
      );
      expect(user.grants.map((g) => `${g.role}:${g.code}:${g.name}`)).toEqual([
        'leader:330782:义乌市',
        'analyst:330782200:大陈镇',
        'village_secretary:330782199201:云溪村',
        'department_staff:330782199/labour:劳动保障所',
      ]);
      const actor = await loadActor(t.db, user.id);
      expect(actor?.grants.map((g) => [g.kind, g.scopeId, [...g.townIds].sort()])).toEqual([
        ['city', ids['330782'], [ids['330782199'], ids['330782200']].sort()],
        ['town', ids['330782200'], [ids['330782200']]],
        ['village', ids['330782199201'], [ids['330782199']]],
        ['department', ids.labour, [ids['330782199']]],
      ]);
      const records = scopeOf(actor ?? systemActor(), 'records:write');
      expect(records).toEqual({
        all: false,
        townIds: [ids['330782200']],
        villageIds: [],
        departmentIds: [ids.labour],
      });
      expect(await loadActor(t.db, 999_999)).toBeUndefined();
    });

    it('makes one demo user per role in the demo town, once', async () => {
      const created = await ensureDemoUsers(t.db);
      expect(created).toHaveLength(10);
      expect(await ensureDemoUsers(t.db)).toEqual([]);
      const rows = await t.db
        .selectFrom('app_user as u')
        .innerJoin('user_role as r', 'r.user_id', 'u.id')
        .select(['u.username', 'u.demo', 'u.password_hash', 'r.scope_kind'])
        .where('u.username', 'like', 'demo-%')
        .orderBy('u.username')
        .execute();
      expect(rows.every((row) => row.demo === 1)).toBe(true);
      const kinds = Object.fromEntries(rows.map((row) => [row.username, row.scope_kind]));
      expect(kinds).toMatchObject({
        'demo-admin': 'town',
        'demo-village-secretary': 'village',
        'demo-department-staff': 'department',
        'demo-trainee': 'village',
        'demo-leader': 'town',
      });
      expect(await verifyPassword(DEMO_PASSWORD, rows[0]?.password_hash ?? '')).toBe(true);
      expect(await ensureDemoUsers(t.db, '330782999')).toEqual([]);
    });

    it('creates the bootstrap administrator only while there are no users', async () => {
      expect(await bootstrapAdmin(t.db, {})).toBeUndefined();
      expect(
        await bootstrapAdmin(t.db, { SHANZHI_BOOTSTRAP_ADMIN: 'root', SHANZHI_BOOTSTRAP_PASSWORD: PASSWORD }),
      ).toBeUndefined(); // users exist already
    });
  },
  120_000,
);

describe.each(testDatabases)('the bootstrap administrator on %s', (dialect) => {
  const t = useTestStore(dialect);

  it('needs a good password, then creates an administrator of everything', async () => {
    await expect(bootstrapAdmin(t.db, { SHANZHI_BOOTSTRAP_ADMIN: 'root' })).rejects.toThrow(
      /^SHANZHI_BOOTSTRAP_PASSWORD: must be set/,
    );
    await expect(
      bootstrapAdmin(t.db, { SHANZHI_BOOTSTRAP_ADMIN: 'root', SHANZHI_BOOTSTRAP_PASSWORD: 'root-password-1' }),
    ).rejects.toThrow(/^SHANZHI_BOOTSTRAP_PASSWORD: may not contain the username/);
    expect(await bootstrapAdmin(t.db, { SHANZHI_BOOTSTRAP_ADMIN: 'Root', SHANZHI_BOOTSTRAP_PASSWORD: PASSWORD })).toBe(
      'root',
    );
    const grants = await t.db.selectFrom('user_role').select(['role', 'scope_kind', 'scope_id']).execute();
    expect(grants).toEqual([{ role: 'admin', scope_kind: 'all', scope_id: 0 }]);
  });
});
