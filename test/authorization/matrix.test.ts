import Fastify from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/auth/access.js';
import { createUser, startSession } from '../../src/auth/index.js';
import { roleHas } from '../../src/auth/permissions.js';
import { type RouteEntry, registerGuard } from '../../src/server/guard.js';
import { sessionHeaders, testPassword, useTestApp } from '../../src/server/testing.js';
import { testDatabases } from '../../src/store/testing.js';
import { type RouteCase, routeCases, type Self } from './route-cases.js';
import { type MatrixWorld, outsideOf, type Subject, seedMatrixWorld, subjects, type Target } from './world.js';

/*
 * The authorisation matrix (issue 6), generated from the app's route table: every route × every role (at its usual
 * scope, and an administrator of everything) × data inside and outside the role's scope → the answer the role table
 * (src/auth/permissions.ts) and the route's scoping say it should get. A route without a declared permission stops
 * the app from building; a route without a case in route-cases.ts fails here.
 */

/** The API docs' own routes (swagger-ui's files) are public and not exercised one by one. */
const isDocs = (route: RouteEntry) => route.url.startsWith('/api/docs');

function expected(subject: Subject, route: RouteEntry, rule: RouteCase, inside: boolean, sameTown: boolean): boolean {
  if (route.permission === 'public' || route.permission === 'signed-in') {
    return true;
  }
  if (!roleHas(subject.role, route.permission)) {
    return false;
  }
  const wholeTown = subject.kind === 'all' || subject.kind === 'city' || subject.kind === 'town';
  switch (rule.scoping) {
    case 'none':
      return true;
    case 'all':
      return subject.kind === 'all';
    case 'record':
      return inside;
    case 'town-whole':
      return inside && wholeTown;
    case 'town-touch':
      return inside || sameTown;
  }
}

const DENIALS = new Set([401, 403, 404]);

describe('the guard', () => {
  it('refuses to build an app with a route that declares no permission', async () => {
    const app = Fastify();
    registerGuard(app, async () => undefined);
    expect(() => app.get('/api/undeclared', async () => 'hello')).toThrow(/declares no permission/);
    await app.close();
  });
});

describe.each(testDatabases)('the authorisation matrix on %s', (dialect) => {
  const t = useTestApp(dialect);
  let w: MatrixWorld;
  const sessions = new Map<string, Record<string, string>>();
  beforeAll(async () => {
    w = await seedMatrixWorld(t.db, t.app);
    for (const subject of subjects) {
      const grant = { role: subject.role, kind: subject.kind, code: subject.code };
      sessions.set(subject.name, await t.signIn(`m_${subject.name.replace(/\W/g, '_')}`, [grant]));
    }
  }, 120_000);

  /** A new user of the subject's role and scope, signed in, for a route about oneself. */
  const selfOf = async (subject: Subject, n: number): Promise<Self> => {
    const username = `self-${n}`;
    const password = testPassword();
    const grants = [{ role: subject.role, kind: subject.kind, code: subject.code }];
    const user = await createUser(
      { db: t.db, actor: systemActor('test') },
      { username, displayName: username, password, grants },
    );
    const session = await startSession(t.db, user.id, { ip: '127.0.0.1' }, Date.now());
    return { username, password, headers: sessionHeaders(session) };
  };

  const routes = () => (t.app as unknown as { routeTable: RouteEntry[] }).routeTable;

  it('has a case for every route and a permission on each', () => {
    const keys = routes()
      .filter((route) => route.method !== 'HEAD' && !isDocs(route))
      .map((route) => `${route.method} ${route.url}`);
    expect(keys.filter((key) => !routeCases[key])).toEqual([]);
    expect(Object.keys(routeCases).filter((key) => !keys.includes(key))).toEqual([]);
    for (const route of routes().filter(isDocs)) {
      expect(route.permission).toBe('public');
    }
  });

  it('answers every route × role × in/out of scope as the role table says', async () => {
    let n = 0;
    const mismatches: string[] = [];
    for (const route of routes()) {
      const rule = routeCases[`${route.method} ${route.url}`];
      if (route.method === 'HEAD' || isDocs(route) || !rule) {
        continue;
      }
      for (const subject of subjects) {
        const outside = outsideOf(subject, w);
        const targets: [string, Target][] = [['in', w.in]];
        if (outside && !rule.self) {
          targets.push(['out', outside]);
        }
        for (const [where, target] of targets) {
          n += 1;
          const self = rule.self ? await selfOf(subject, n) : undefined;
          const request = rule.request(target, n, self);
          const credentials = self?.headers ?? sessions.get(subject.name) ?? {};
          const headers = { ...(request.headers ?? {}), ...credentials };
          const response = await t.app.inject({ ...request, headers });
          const allowed = rule.allowed
            ? await rule.allowed(response, target)
            : response.statusCode >= 200 && response.statusCode < 300;
          const label = `${route.method} ${route.url} as ${subject.name} on ${where}`;
          if (!allowed && !DENIALS.has(response.statusCode) && response.statusCode !== 200) {
            mismatches.push(
              `${label}: neither allowed nor denied: ${response.statusCode} ${response.body.slice(0, 200)}`,
            );
            continue;
          }
          const want = expected(subject, route, rule, where === 'in', target === w.sameTown);
          if (allowed !== want) {
            mismatches.push(
              `${label}: ${allowed ? 'allowed' : 'denied'}, expected ${want ? 'allowed' : 'denied'} (${response.statusCode})`,
            );
          }
        }
      }
    }
    expect(mismatches).toEqual([]);
  }, 300_000);

  it('answers requests without credentials on public routes only', async () => {
    const leader = subjects.find((subject) => subject.role === 'leader') as Subject;
    const mismatches: string[] = [];
    let n = 100_000;
    for (const route of routes()) {
      const rule = routeCases[`${route.method} ${route.url}`];
      if (route.method === 'HEAD' || isDocs(route) || !rule) {
        continue;
      }
      n += 1;
      // A route about oneself gets a user's credentials in its body (signing in), never a session.
      const self = rule.self ? { ...(await selfOf(leader, n)), headers: {} } : undefined;
      const request = rule.request(w.in, n, self);
      const response = await t.anonymous.inject(request);
      const allowed = rule.allowed
        ? await rule.allowed(response, w.in)
        : response.statusCode >= 200 && response.statusCode < 300;
      if (allowed !== (route.permission === 'public')) {
        mismatches.push(`${route.method} ${route.url} without credentials: ${response.statusCode}`);
      }
    }
    expect(mismatches).toEqual([]);
  }, 120_000);
});
