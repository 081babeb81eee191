import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateApiKey, hashApiKey } from '../apikeys/index.js';
import { sessionHeaders, useTestApp } from '../server/testing.js';
import { testDatabases } from '../store/testing.js';
import { systemActor } from './access.js';
import { hashPassword } from './password.js';
import { pruneAuthRecords, SESSION_ABSOLUTE_MS, SESSION_COOKIE, SESSION_IDLE_MS } from './session.service.js';
import { createUser } from './user.service.js';

const PASSWORD = 'Lantern-Harbor-73';
const MINUTE = 60_000;

/** The session cookie a response set, as a request header. */
function cookieOf(response: LightMyRequestResponse): Record<string, string> {
  const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE);
  if (!cookie) {
    throw new Error(`no session cookie in ${response.statusCode} ${response.body}`);
  }
  return { cookie: `${SESSION_COOKIE}=${cookie.value}` };
}

describe.each(testDatabases)(
  'sign-in and sessions on %s',
  (dialect) => {
    let clock = Date.UTC(2026, 10, 2, 1, 0, 0);
    const t = useTestApp(dialect, { now: () => clock });
    let ip = 0;
    /** A fresh client address, so one test's attempts never count against another's per-address limit. */
    const nextIp = () => `10.0.${Math.floor(++ip / 250)}.${ip % 250}`;

    /** A user whose stored hash uses cheap scrypt parameters, so the tests' hundreds of attempts stay quick. */
    const addUser = async (username: string, extra: { demo?: boolean } = {}) => {
      const user = await createUser(
        { db: t.db, actor: systemActor('test'), now: () => clock },
        {
          username,
          displayName: `用户${username}`,
          password: PASSWORD,
          grants: [{ role: 'leader', kind: 'all' }],
          ...extra,
        },
      );
      const cheap = await hashPassword(PASSWORD, { logN: 10, r: 8, p: 1 });
      await t.db.updateTable('app_user').set({ password_hash: cheap }).where('id', '=', user.id).execute();
      return user;
    };
    const loginAs = (username: string, password: string, remoteAddress = '10.9.9.9') =>
      t.anonymous.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress });
    const me = (headers: Record<string, string>) => t.anonymous.inject({ method: 'GET', url: '/api/auth/me', headers });

    beforeAll(async () => {
      await addUser('wang.li');
    });

    it('signs in with a cookie and a CSRF token, and tells who is signed in', async () => {
      const response = await loginAs('Wang.Li', PASSWORD, nextIp());
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body.user).toMatchObject({ username: 'wang.li', displayName: '用户wang.li', disabled: false });
      expect(body.user.grants).toEqual([{ role: 'leader', roleName: '镇领导', kind: 'all', code: null, name: null }]);
      expect(body.expiresAt).toBe(clock + SESSION_ABSOLUTE_MS);
      expect(JSON.stringify(body)).not.toMatch(/scrypt|password_hash/);
      const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE);
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
      expect(cookie?.secure).toBeFalsy(); // plain HTTP here; Secure behind TLS
      expect(cookie?.value).toMatch(/^[A-Za-z0-9_-]{43}$/);

      const who = await me(cookieOf(response));
      expect(who.statusCode).toBe(200);
      expect(who.json()).toMatchObject({ kind: 'user', name: 'wang.li', csrfToken: body.csrfToken });
      expect(who.json().permissions).toContain('records:read');
      expect(who.json().permissions).not.toContain('users:write');
      // The store keeps only the token's hash.
      const stored = await t.db.selectFrom('user_session').select('token_hash').execute();
      expect(stored.map((s) => s.token_hash)).not.toContain(cookie?.value);
      // The cheap test hash was replaced by one of today's parameters at this sign-in.
      const user = await t.db
        .selectFrom('app_user')
        .select('password_hash')
        .where('username', '=', 'wang.li')
        .executeTakeFirst();
      expect(user?.password_hash).toMatch(/^scrypt\$15\$8\$1\$/);
    });

    it('answers a wrong password and an unknown user the same, and audits both without the password', async () => {
      const wrong = await loginAs('wang.li', 'Not-The-Password-1', nextIp());
      const unknown = await loginAs('nobody.here', PASSWORD, nextIp());
      expect(wrong.statusCode).toBe(401);
      expect(unknown.statusCode).toBe(401);
      expect(wrong.json()).toEqual(unknown.json());
      expect(wrong.cookies).toEqual([]);
      const audit = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'user.login').execute();
      expect(audit.some((a) => a.actor_name === 'nobody.here' && a.after?.includes('"success":false'))).toBe(true);
      expect(audit.some((a) => a.actor_name === 'wang.li' && a.after?.includes('"success":true'))).toBe(true);
      expect(JSON.stringify(audit)).not.toContain(PASSWORD);
      expect(JSON.stringify(audit)).not.toContain('Not-The-Password-1');
    });

    it('locks a user after 20 wrong passwords within a minute, not after 19, and unlocks after 15 minutes', async () => {
      await addUser('lock.nineteen');
      await addUser('lock.twenty');
      for (let i = 0; i < 19; i++) {
        expect((await loginAs('lock.nineteen', `Wrong-Guess-${i}`, nextIp())).statusCode).toBe(401);
      }
      expect((await loginAs('lock.nineteen', PASSWORD, nextIp())).statusCode).toBe(200);

      for (let i = 0; i < 20; i++) {
        expect((await loginAs('lock.twenty', `Wrong-Guess-${i}`, nextIp())).statusCode).toBe(401);
      }
      const locked = await loginAs('lock.twenty', PASSWORD, nextIp());
      expect(locked.statusCode).toBe(429);
      expect(locked.json().error.code).toBe('rate_limited');
      expect(Number(locked.headers['retry-after'])).toBe(15 * 60);

      clock += 10 * MINUTE;
      expect((await loginAs('lock.twenty', PASSWORD, nextIp())).statusCode).toBe(429);
      clock += 5 * MINUTE + 1;
      expect((await loginAs('lock.twenty', PASSWORD, nextIp())).statusCode).toBe(200);
      const row = await t.db
        .selectFrom('app_user')
        .select('locked_until')
        .where('username', '=', 'lock.twenty')
        .executeTakeFirst();
      expect(row?.locked_until).toBeNull();
    });

    it('counts only failures within the last minute toward the lockout', async () => {
      await addUser('lock.slow');
      for (let i = 0; i < 19; i++) {
        await loginAs('lock.slow', `Wrong-Guess-${i}`, nextIp());
      }
      clock += MINUTE + 1;
      for (let i = 0; i < 19; i++) {
        await loginAs('lock.slow', `Wrong-Guess-${i}`, nextIp());
      }
      expect((await loginAs('lock.slow', PASSWORD, nextIp())).statusCode).toBe(200);
    });

    it('limits attempts per address', async () => {
      const address = nextIp();
      for (let i = 0; i < 5; i++) {
        await addUser(`ip.user${i}`);
      }
      for (let i = 0; i < 100; i++) {
        // 20 per user: each is locked by its last one, so no user reaches a lockout of the limit's doing.
        await loginAs(`ip.user${Math.floor(i / 20)}`, `Wrong-Guess-${i}`, address);
      }
      const limited = await loginAs('wang.li', PASSWORD, address);
      expect(limited.statusCode).toBe(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect((await loginAs('wang.li', PASSWORD, nextIp())).statusCode).toBe(200);
      clock += 5 * MINUTE + 1;
      expect((await loginAs('wang.li', PASSWORD, address)).statusCode).toBe(200);
    });

    it('refuses a forged cookie on protected routes but not on public ones', async () => {
      const forged = { cookie: `${SESSION_COOKIE}=${'A'.repeat(43)}` };
      expect((await me(forged)).statusCode).toBe(401);
      expect((await t.anonymous.inject({ url: '/api/places', headers: forged })).statusCode).toBe(401);
      expect((await me({ cookie: `${SESSION_COOKIE}=not a token` })).statusCode).toBe(401);
      const health = await t.anonymous.inject({ url: '/api/health', headers: forged });
      expect(health.statusCode).toBe(200);
      expect(health.json().demo).toBe(false);
      expect((await t.anonymous.inject({ url: '/api/places' })).statusCode).toBe(401);
      // A stale cookie does not stand in the way of signing in again.
      const again = await t.anonymous.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: forged,
        payload: { username: 'wang.li', password: PASSWORD },
        remoteAddress: nextIp(),
      });
      expect(again.statusCode).toBe(200);
    });

    it('ends a session after 12 hours however busy, and after 2 idle hours', async () => {
      const busy = cookieOf(await loginAs('wang.li', PASSWORD, nextIp()));
      const start = clock;
      while (clock + 90 * MINUTE < start + SESSION_ABSOLUTE_MS) {
        clock += 90 * MINUTE;
        expect((await me(busy)).statusCode).toBe(200);
      }
      clock = start + SESSION_ABSOLUTE_MS;
      expect((await me(busy)).statusCode).toBe(401);

      const idle = cookieOf(await loginAs('wang.li', PASSWORD, nextIp()));
      clock += SESSION_IDLE_MS - 1;
      expect((await me(idle)).statusCode).toBe(200);
      clock += SESSION_IDLE_MS - 1; // used a moment ago: the idle limit runs from there
      expect((await me(idle)).statusCode).toBe(200);
      clock += SESSION_IDLE_MS;
      expect((await me(idle)).statusCode).toBe(401);
    });

    it('needs the CSRF header on cookie-authenticated writes, and revokes on logout', async () => {
      const login = await loginAs('wang.li', PASSWORD, nextIp());
      const cookie = cookieOf(login);
      const csrf = login.json().csrfToken as string;
      const logout = (headers: Record<string, string>) =>
        t.anonymous.inject({ method: 'POST', url: '/api/auth/logout', headers });

      const missing = await logout(cookie);
      expect(missing.statusCode).toBe(403);
      expect(missing.json().error).toMatchObject({ code: 'forbidden', details: { header: 'X-CSRF-Token' } });
      expect((await logout({ ...cookie, 'x-csrf-token': `${csrf.slice(1)}x` })).statusCode).toBe(403);
      expect((await logout({ ...cookie, 'x-csrf-token': 'short' })).statusCode).toBe(403);
      expect((await me(cookie)).statusCode).toBe(200); // still signed in

      const out = await logout({ ...cookie, 'x-csrf-token': csrf });
      expect(out.statusCode).toBe(204);
      expect(out.cookies.find((c) => c.name === SESSION_COOKIE)?.value).toBe('');
      expect((await me(cookie)).statusCode).toBe(401);
    });

    it('lists my sessions, and signs out everywhere', async () => {
      const first = await loginAs('wang.li', PASSWORD, nextIp());
      const second = await loginAs('wang.li', PASSWORD, nextIp());
      const headers = { ...cookieOf(second), 'x-csrf-token': second.json().csrfToken };
      const list = await t.anonymous.inject({ url: '/api/auth/sessions', headers });
      expect(list.statusCode).toBe(200);
      const sessions = list.json() as { current: boolean }[];
      expect(sessions.length).toBeGreaterThanOrEqual(2);
      expect(sessions.filter((s) => s.current)).toHaveLength(1);
      expect(sessions[0]?.current).toBe(true); // newest first

      const all = await t.anonymous.inject({ method: 'DELETE', url: '/api/auth/sessions', headers });
      expect(all.statusCode).toBe(200);
      expect(all.json().revoked).toBeGreaterThanOrEqual(2);
      expect((await me(cookieOf(first))).statusCode).toBe(401);
      expect((await me(cookieOf(second))).statusCode).toBe(401);
    });

    it('changes my password: the current one must be right, the new one good; other sessions end', async () => {
      await addUser('zhao.min');
      const other = cookieOf(await loginAs('zhao.min', PASSWORD, nextIp()));
      const login = await loginAs('zhao.min', PASSWORD, nextIp());
      const headers = { ...cookieOf(login), 'x-csrf-token': login.json().csrfToken };
      const change = (payload: unknown) =>
        t.anonymous.inject({ method: 'POST', url: '/api/auth/password', headers, payload: payload as object });

      const wrong = await change({ currentPassword: 'Not-It-At-All-9', newPassword: 'Fresh-Meadow-2026' });
      expect(wrong.statusCode).toBe(422);
      expect(wrong.json().error.details.issues[0].path).toBe('currentPassword');
      const weak = await change({ currentPassword: PASSWORD, newPassword: 'short' });
      expect(weak.statusCode).toBe(422);
      expect(weak.json().error.details.issues[0].path).toBe('newPassword');

      const ok = await change({ currentPassword: PASSWORD, newPassword: 'Fresh-Meadow-2026' });
      expect(ok.statusCode).toBe(200);
      expect(ok.json().revokedSessions).toBeGreaterThanOrEqual(1);
      expect((await me(other)).statusCode).toBe(401);
      expect((await me(headers)).statusCode).toBe(200);
      expect((await loginAs('zhao.min', PASSWORD, nextIp())).statusCode).toBe(401);
      expect((await loginAs('zhao.min', 'Fresh-Meadow-2026', nextIp())).statusCode).toBe(200);
      const audit = await t.db
        .selectFrom('audit_log')
        .select('after')
        .where('action', '=', 'user.password_change')
        .execute();
      expect(audit).toHaveLength(1);
      expect(JSON.stringify(audit)).not.toContain('Fresh-Meadow');
    });

    it('authenticates API tokens by bearer header, and refuses unknown ones', async () => {
      const town = await t.db
        .insertInto('place')
        .values({ code: '330782777', name: '测试镇', level: 'town', aliases: '[]', created_at: 0, updated_at: 0 })
        .returning('id')
        .executeTakeFirstOrThrow();
      const key = generateApiKey();
      await t.db
        .insertInto('api_key')
        .values({
          name: 'hotline-sync',
          town_id: town.id,
          key_prefix: key.slice(0, 9),
          key_hash: hashApiKey(key),
          scopes: JSON.stringify(['records:read']),
          created_at: clock,
          revoked_at: null,
          expires_at: null,
          last_used_at: null,
        })
        .execute();
      const bearer = { authorization: `Bearer ${key}` };
      const who = await me(bearer);
      expect(who.statusCode).toBe(200);
      expect(who.json()).toMatchObject({ kind: 'token', name: 'hotline-sync', user: null, csrfToken: null });
      // Bearer requests carry no cookie, so they need no CSRF token; this one lacks the permission, not the header.
      const write = await t.anonymous.inject({ method: 'POST', url: '/api/places', headers: bearer, payload: {} });
      expect(write.statusCode).toBe(403);
      expect(write.json().error.details).toEqual({ permission: 'places:write' });
      expect((await me({ authorization: `Bearer sz_${'x'.repeat(32)}` })).statusCode).toBe(401);
      expect((await me({ authorization: 'Basic d2FuZzpsaQ==' })).statusCode).toBe(401);
      expect((await t.anonymous.inject({ url: '/api/auth/sessions', headers: bearer })).statusCode).toBe(403);
    });

    it('refuses disabled users and demo users outside demo mode', async () => {
      const demo = await addUser('demo.leader', { demo: true });
      expect(demo.demo).toBe(true);
      expect((await loginAs('demo.leader', PASSWORD, nextIp())).statusCode).toBe(401);
      const session = await loginAs('wang.li', PASSWORD, nextIp());
      await t.db.updateTable('app_user').set({ disabled_at: clock }).where('username', '=', 'wang.li').execute();
      expect((await me(cookieOf(session))).statusCode).toBe(401);
      expect((await loginAs('wang.li', PASSWORD, nextIp())).statusCode).toBe(401);
      await t.db.updateTable('app_user').set({ disabled_at: null }).where('username', '=', 'wang.li').execute();
    });

    it('never answers a random sign-in body with a 5xx or a session (fuzz)', async () => {
      const body = fc.oneof(
        fc.jsonValue(),
        fc.record(
          {
            username: fc.oneof(fc.string(), fc.constant('wang.li'), fc.integer()),
            password: fc.oneof(fc.string(), fc.constant(null)),
          },
          { requiredKeys: [] },
        ),
      );
      await fc.assert(
        fc.asyncProperty(body, async (payload) => {
          const response = await t.anonymous.inject({
            method: 'POST',
            url: '/api/auth/login',
            headers: { 'content-type': 'application/json' },
            payload: JSON.stringify(payload),
            remoteAddress: nextIp(),
          });
          // 429: the fuzz may guess wang.li's password wrong often enough to lock it, as anyone may.
          expect([401, 422, 429]).toContain(response.statusCode);
          expect(response.json().error.code).toMatch(/^(unauthenticated|invalid_input|rate_limited)$/);
          expect(response.cookies).toEqual([]);
        }),
        { numRuns: 40 },
      );
    });

    it('forgets ended sessions and sign-in attempts after a day, keeping live sessions', async () => {
      clock += 3 * 24 * 60 * MINUTE;
      const live = cookieOf(await loginAs('wang.li', PASSWORD, nextIp()));
      const pruned = await pruneAuthRecords(t.db, clock);
      expect(pruned.sessions).toBeGreaterThan(5);
      expect(pruned.attempts).toBeGreaterThan(100);
      expect((await me(live)).statusCode).toBe(200);
      expect(await t.db.selectFrom('user_session').select('id').execute()).toHaveLength(1);
      expect(await t.db.selectFrom('login_attempt').select('id').execute()).toHaveLength(1);
    });
  },
  120_000,
);

describe.each(testDatabases)('demo mode on %s', (dialect) => {
  const t = useTestApp(dialect, { demoMode: true });

  it('lets demo users sign in while the server runs as the demo', async () => {
    const user = await createUser(
      { db: t.db, actor: systemActor('test') },
      { username: 'demo.analyst', displayName: '演示', password: PASSWORD, grants: [], demo: true },
    );
    const login = await t.anonymous.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'demo.analyst', password: PASSWORD },
    });
    expect(login.statusCode).toBe(200);
    expect(login.json().user.id).toBe(user.id);
    // The login page learns from the health check that it may name the demo users.
    expect((await t.anonymous.inject({ url: '/api/health' })).json()).toMatchObject({ status: 'ok', demo: true });
    expect(sessionHeaders({ token: 't', csrfToken: 'c' })).toEqual({
      cookie: `${SESSION_COOKIE}=t`,
      'x-csrf-token': 'c',
    });
  });
});
