import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../server/testing.js';
import { testDatabases } from '../store/testing.js';
import { roleDefinitions, roles } from './permissions.js';

const A = '330782100';
const B = '330782200';
const VILLAGE_A = '330782100201';
const PASSWORD = 'Orchard-Lamp-4411';

describe.each(testDatabases)(
  '/api/users on %s',
  (dialect) => {
    const t = useTestApp(dialect);
    let adminA: Record<string, string>;
    let leaderA: Record<string, string>;
    let auditorA: Record<string, string>;

    const as = (headers: Record<string, string>) => ({
      get: (url: string) => t.app.inject({ url, headers }),
      send: (method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
        t.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) }),
    });
    const post = (url: string, payload: unknown) => t.app.inject({ method: 'POST', url, payload: payload as object });
    const newUser = (username: string, grants: unknown[]) => ({
      username,
      displayName: username,
      password: PASSWORD,
      grants,
    });

    beforeAll(async () => {
      expect((await post('/api/places', { code: '330782', name: '义乌市', level: 'city' })).statusCode).toBe(201);
      for (const [code, name] of [
        [A, '苏溪镇'],
        [B, '大陈镇'],
      ] as const) {
        expect((await post('/api/places', { code, name, level: 'town', parentCode: '330782' })).statusCode).toBe(201);
      }
      expect(
        (await post('/api/places', { code: VILLAGE_A, name: '苏溪村', level: 'village', parentCode: A })).statusCode,
      ).toBe(201);
      expect(
        (await post(`/api/towns/${A}/departments`, { code: 'labour', name: '劳动保障所', kind: 'department' }))
          .statusCode,
      ).toBe(201);
      adminA = await t.signIn('admin.a', [{ role: 'admin', kind: 'town', code: A }]);
      leaderA = await t.signIn('leader.a', [{ role: 'leader', kind: 'town', code: A }]);
      auditorA = await t.signIn('auditor.a', [{ role: 'auditor', kind: 'town', code: A }]);
    }, 60_000);

    it('creates, lists and shows users with their grants by scope name', async () => {
      const created = await post('/api/users', newUser('li.ming', [{ role: 'leader', kind: 'town', code: A }]));
      expect(created.statusCode, created.body).toBe(201);
      expect(created.json()).toMatchObject({
        username: 'li.ming',
        demo: false,
        disabled: false,
        grants: [{ role: 'leader', roleName: '镇领导', kind: 'town', code: A, name: '苏溪镇' }],
      });
      expect(created.body).not.toMatch(/scrypt|Orchard|passwordHash/);
      const id = created.json().id as number;
      expect((await t.app.inject({ url: `/api/users/${id}` })).json().username).toBe('li.ming');
      const list = await t.app.inject({ url: '/api/users?q=LI.M' });
      expect(list.json().map((u: { username: string }) => u.username)).toEqual(['li.ming']);

      // Demo users come only from `shanzhi demo`, never over HTTP.
      const demo = await post('/api/users', {
        ...newUser('not.demo', [{ role: 'leader', kind: 'town', code: A }]),
        demo: true,
      });
      expect(demo.json().demo).toBe(false);

      const again = await post('/api/users', newUser('Li.Ming', []));
      expect(again.statusCode).toBe(409);
      expect(again.json().error.details.issues[0].path).toBe('username');
      const audit = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'user.create').execute();
      expect(audit.find((a) => a.entity_id === String(id))?.after).toContain('leader@town:330782100');
      expect(JSON.stringify(audit)).not.toMatch(/scrypt|Orchard/);
    });

    it('checks each grant: the role must be held in that kind of scope, the code must exist', async () => {
      const cases: [unknown, string][] = [
        [{ role: 'leader', kind: 'village', code: VILLAGE_A }, 'grants.0.kind'],
        [{ role: 'department_staff', kind: 'department', code: `${A}/nosuch` }, 'grants.0.code'],
        [{ role: 'department_staff', kind: 'department', code: 'labour' }, 'grants.0.code'],
        [{ role: 'leader', kind: 'town', code: VILLAGE_A }, 'grants.0.code'],
        [{ role: 'leader', kind: 'town' }, 'grants.0.code'],
        [{ role: 'admin', kind: 'all', code: A }, 'grants.0.code'],
        [{ role: 'mayor', kind: 'town', code: A }, 'grants.0.role'],
      ];
      for (const [grant, path] of cases) {
        const response = await post('/api/users', newUser('bad.grant', [grant]));
        expect(response.statusCode, JSON.stringify(grant)).toBe(422);
        expect(response.json().error.details.issues[0].path).toBe(path);
      }
      const weak = await post('/api/users', { ...newUser('weak.pw', []), password: 'weak.pw-2026' });
      expect(weak.statusCode).toBe(422);
      expect(weak.json().error.details.issues[0].path).toBe('password');
      expect(
        await t.db.selectFrom('app_user').select('id').where('username', 'in', ['bad.grant', 'weak.pw']).execute(),
      ).toEqual([]);
    });

    it("lets a town's administrator grant only within that town", async () => {
      const a = as(adminA);
      const ok = [
        { role: 'leader', kind: 'town', code: A },
        { role: 'village_secretary', kind: 'village', code: VILLAGE_A },
        { role: 'department_staff', kind: 'department', code: `${A}/labour` },
      ];
      for (const [index, grant] of ok.entries()) {
        const response = await a.send('POST', '/api/users', newUser(`a.user${index}`, [grant]));
        expect(response.statusCode, response.body).toBe(201);
      }
      const refused = [
        { role: 'leader', kind: 'town', code: B },
        { role: 'admin', kind: 'all' },
        { role: 'leader', kind: 'city', code: '330782' },
      ];
      for (const grant of refused) {
        const response = await a.send('POST', '/api/users', newUser('a.refused', [grant]));
        expect(response.statusCode, JSON.stringify(grant)).toBe(403);
      }
      expect((await a.send('POST', '/api/users', newUser('a.nogrants', []))).statusCode).toBe(422);
      expect(await t.db.selectFrom('app_user').select('id').where('username', 'like', 'a.%').execute()).toHaveLength(3);
    });

    it("shows a town's administrator only its town's users, and lets it change only those", async () => {
      const b = await post('/api/users', newUser('b.leader', [{ role: 'leader', kind: 'town', code: B }]));
      const both = await post(
        '/api/users',
        newUser('ab.leader', [
          { role: 'leader', kind: 'town', code: A },
          { role: 'leader', kind: 'town', code: B },
        ]),
      );
      const a = as(adminA);
      const seen = (await a.get('/api/users')).json().map((u: { username: string }) => u.username);
      expect(seen).toContain('ab.leader');
      expect(seen).toContain('leader.a');
      expect(seen).not.toContain('b.leader');
      expect(seen).not.toContain('test-admin');
      expect((await a.get(`/api/users/${b.json().id}`)).statusCode).toBe(404);
      expect((await a.send('PATCH', `/api/users/${b.json().id}`, { displayName: 'x' })).statusCode).toBe(404);
      expect((await a.send('PATCH', `/api/users/${both.json().id}`, { displayName: 'x' })).statusCode).toBe(403);
      expect((await a.send('DELETE', `/api/users/${both.json().id}/sessions`)).statusCode).toBe(403);

      const mine = await a.send(
        'POST',
        '/api/users',
        newUser('a.movable', [{ role: 'leader', kind: 'town', code: A }]),
      );
      const id = mine.json().id as number;
      const toB = await a.send('PUT', `/api/users/${id}/grants`, {
        grants: [{ role: 'leader', kind: 'town', code: B }],
      });
      expect(toB.statusCode).toBe(403);
      const analyst = await a.send('PUT', `/api/users/${id}/grants`, {
        grants: [{ role: 'analyst', kind: 'town', code: A }],
      });
      expect(analyst.statusCode, analyst.body).toBe(200);
      expect(analyst.json().grants).toEqual([
        { role: 'analyst', roleName: '指挥室分析员', kind: 'town', code: A, name: '苏溪镇' },
      ]);
      const audit = await t.db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'user.grant')
        .where('entity_id', '=', String(id))
        .executeTakeFirstOrThrow();
      expect(JSON.parse(audit.before ?? '{}')).toEqual({ grants: ['leader@town:330782100'] });
      expect(JSON.parse(audit.after ?? '{}')).toEqual({ grants: ['analyst@town:330782100'] });
      expect(audit.actor_name).toBe('admin.a');
    });

    it('disables a user (ending their sessions), resets passwords, and revokes sessions', async () => {
      const created = await post('/api/users', newUser('zhou.qi', [{ role: 'leader', kind: 'town', code: A }]));
      const id = created.json().id as number;
      const login = () =>
        t.anonymous.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: 'zhou.qi', password: PASSWORD },
        });
      const session = { cookie: login().then((r) => `shanzhi_session=${r.cookies[0]?.value}`) };
      const cookie = await session.cookie;
      const me = () => t.anonymous.inject({ url: '/api/auth/me', headers: { cookie } });
      expect((await me()).statusCode).toBe(200);

      const a = as(adminA);
      const disabled = await a.send('PATCH', `/api/users/${id}`, { disabled: true });
      expect(disabled.statusCode).toBe(200);
      expect(disabled.json().disabled).toBe(true);
      expect((await me()).statusCode).toBe(401);
      expect((await login()).statusCode).toBe(401);
      expect(
        (await a.send('PATCH', `/api/users/${id}`, { disabled: false, displayName: '周琪' })).json(),
      ).toMatchObject({
        disabled: false,
        displayName: '周琪',
      });
      const update = await t.db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'user.update')
        .where('entity_id', '=', String(id))
        .orderBy('seq')
        .execute();
      expect(update.map((u) => JSON.parse(u.after ?? '{}'))).toEqual([
        { disabled: true, revokedSessions: 1 },
        { disabled: false, displayName: '周琪' },
      ]);

      const fresh = await login();
      expect(fresh.statusCode).toBe(200);
      const weak = await a.send('POST', `/api/users/${id}/password`, { password: 'abc' });
      expect(weak.statusCode).toBe(422);
      expect(weak.json().error.details.issues[0].path).toBe('password');
      const reset = await a.send('POST', `/api/users/${id}/password`, { password: 'Quiet-River-5520' });
      expect(reset.statusCode).toBe(200);
      const freshCookie = `shanzhi_session=${fresh.cookies[0]?.value}`;
      expect((await t.anonymous.inject({ url: '/api/auth/me', headers: { cookie: freshCookie } })).statusCode).toBe(
        401,
      );
      expect((await login()).statusCode).toBe(401);
      const withNew = await t.anonymous.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'zhou.qi', password: 'Quiet-River-5520' },
      });
      expect(withNew.statusCode).toBe(200);
      const revoked = await a.send('DELETE', `/api/users/${id}/sessions`);
      expect(revoked.json()).toEqual({ revoked: 1 });
      const audit = await t.db.selectFrom('audit_log').selectAll().where('entity_id', '=', String(id)).execute();
      expect(audit.map((row) => row.action)).toEqual(
        expect.arrayContaining(['user.password_reset', 'session.revoke_all']),
      );
      expect(JSON.stringify(audit)).not.toMatch(/Quiet-River|scrypt/);
    });

    it('needs users:read to list and users:write to change; nobody disables themselves', async () => {
      expect((await as(leaderA).get('/api/users')).statusCode).toBe(403);
      expect((await as(auditorA).get('/api/users')).statusCode).toBe(200);
      const write = await as(auditorA).send(
        'POST',
        '/api/users',
        newUser('by.auditor', [{ role: 'leader', kind: 'town', code: A }]),
      );
      expect(write.statusCode).toBe(403);
      const self = await t.app.inject({
        method: 'PATCH',
        url: `/api/users/${t.admin.id}`,
        payload: { disabled: true },
      });
      expect(self.statusCode).toBe(422);
      expect(self.json().error.details.issues[0].path).toBe('disabled');
      expect((await t.app.inject({ url: '/api/users/abc' })).statusCode).toBe(422);
      expect((await t.app.inject({ url: '/api/users/999999' })).statusCode).toBe(404);
    });

    it('lists the roles with their permissions and scopes to any signed-in user, not to nobody', async () => {
      const answer = await as(leaderA).get('/api/roles');
      expect(answer.statusCode, answer.body).toBe(200);
      const listed = answer.json() as { code: string; name: string; permissions: string[]; scopes: string[] }[];
      expect(listed.map((role) => role.code)).toEqual([...roles]);
      expect(listed.find((role) => role.code === 'village_secretary')).toEqual({
        code: 'village_secretary',
        name: '村（社区）书记',
        permissions: [...roleDefinitions.village_secretary.permissions],
        scopes: ['village'],
      });
      expect(listed.find((role) => role.code === 'admin')?.permissions).toContain('users:write');
      expect((await t.anonymous.inject({ url: '/api/roles' })).statusCode).toBe(401);
      // It takes no input: any query string gets the same list, never an error.
      await fc.assert(
        fc.asyncProperty(fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 12 })), async (query) => {
          const response = await as(auditorA).get(`/api/roles?${new URLSearchParams(query).toString()}`);
          expect(response.statusCode).toBe(200);
          expect(response.json()).toEqual(listed);
        }),
        { numRuns: 30 },
      );
    });

    it('never answers random user bodies with a 5xx, nor stores a bad user (fuzz)', async () => {
      const before = await t.db.selectFrom('app_user').select('id').execute();
      const grant = fc.record(
        {
          role: fc.oneof(fc.string(), fc.constantFrom('leader', 'admin', 'department_staff')),
          kind: fc.oneof(fc.string(), fc.constantFrom('all', 'town', 'village', 'department')),
          code: fc.oneof(fc.string(), fc.constantFrom(A, B, VILLAGE_A, `${A}/labour`), fc.constant(null)),
        },
        { requiredKeys: [] },
      );
      const body = fc.oneof(
        fc.jsonValue(),
        fc.record(
          {
            username: fc.oneof(fc.string(), fc.constant('li.ming')),
            displayName: fc.string(),
            password: fc.oneof(fc.string(), fc.constant('short')),
            grants: fc.oneof(fc.array(grant, { maxLength: 3 }), fc.jsonValue()),
          },
          { requiredKeys: [] },
        ),
      );
      await fc.assert(
        fc.asyncProperty(body, fc.constantFrom('POST /api/users', 'PATCH', 'PUT'), async (payload, what) => {
          const url =
            what === 'POST /api/users'
              ? '/api/users'
              : what === 'PATCH'
                ? `/api/users/${t.admin.id}`
                : `/api/users/${t.admin.id}/grants`;
          const method = what === 'POST /api/users' ? 'POST' : what;
          const response = await t.app.inject({
            method,
            url,
            headers: { 'content-type': 'application/json' },
            payload: JSON.stringify(payload),
          });
          expect(response.statusCode, response.body).toBeLessThan(500);
          if (response.statusCode >= 400) {
            expect(response.json().error.message.length).toBeGreaterThan(0);
          }
        }),
        { numRuns: 80 },
      );
      // Random bodies cannot satisfy the password policy and a valid grant at once often enough to matter, but any
      // user that was stored must be a valid one.
      const after = await t.db.selectFrom('app_user').selectAll().execute();
      for (const row of after.filter((r) => !before.some((b) => b.id === r.id))) {
        expect(row.username).toMatch(/^[a-z0-9][a-z0-9._-]{2,63}$/);
      }
      const admin = await t.app.inject({ url: `/api/users/${t.admin.id}` });
      expect(admin.json().disabled).toBe(false);
    });
  },
  120_000,
);
