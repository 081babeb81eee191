import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectErrors, postForm, validPairs } from '../open311/open311.testing.js';
import { seedRecordWorld, world } from '../records/record.testing.js';
import { useTestApp } from '../server/testing.js';
import { testDatabases } from '../store/testing.js';
import type { ApiKey, NewApiKey } from './apikey.schema.js';

const DAY_MS = 86_400_000;

describe.each(testDatabases)('/api/tokens on %s', (dialect) => {
  // The app's clock, moved forward to see a token expire.
  let shift = 0;
  const t = useTestApp(dialect, { now: () => Date.now() + shift });
  let townAdmin: Record<string, string>;
  beforeAll(async () => {
    await seedRecordWorld(t.db);
    townAdmin = await t.signIn('admin-suxi', [{ role: 'admin', kind: 'town', code: world.town }]);
  });
  const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
  const create = async (body: Record<string, unknown>, headers?: Record<string, string>) => {
    const response = await t.app.inject({ method: 'POST', url: '/api/tokens', payload: body, headers });
    return { response, token: response.json() as NewApiKey };
  };
  const count = async () =>
    Number(
      (
        await t.db
          .selectFrom('api_key')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('creates a token shown once, which then authenticates, and after revocation is refused', async () => {
    const { response, token } = await create({
      name: '数据中台',
      townCode: world.town,
      permissions: ['places:read', 'stats:read'],
      expiresInDays: 30,
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(token).toMatchObject({ name: '数据中台', permissions: ['places:read', 'stats:read'], revokedAt: null });
    expect(token.key).toMatch(/^sz_[0-9A-Za-z]{32}$/);

    const places = await t.app.inject({ url: '/api/places?level=town', headers: bearer(token.key) });
    expect(places.statusCode, places.body).toBe(200);
    // The token holds no tokens:write: it cannot list, let alone make, tokens.
    const listByToken = await t.app.inject({ url: '/api/tokens', headers: bearer(token.key) });
    expect(listByToken.statusCode).toBe(403);
    expect(listByToken.json()).toMatchObject({ error: { code: 'forbidden' } });

    const listed = await t.app.inject({ url: '/api/tokens' });
    expect(listed.statusCode).toBe(200);
    expect(listed.body).not.toContain(token.key);
    const mine = (listed.json() as ApiKey[]).find((k) => k.id === token.id);
    expect(mine).toMatchObject({ prefix: token.key.slice(0, 9), expiresAt: token.expiresAt, revokedAt: null });
    expect(mine?.lastUsedAt).not.toBeNull();

    const revoked = await t.app.inject({ method: 'DELETE', url: `/api/tokens/${token.id}` });
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect((revoked.json() as ApiKey).revokedAt).not.toBeNull();
    const refused = await t.app.inject({ url: '/api/places?level=town', headers: bearer(token.key) });
    expect(refused.statusCode).toBe(401);
    expect(refused.json()).toMatchObject({ error: { code: 'unauthenticated' } });
    expect((await t.app.inject({ method: 'DELETE', url: '/api/tokens/999999' })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'DELETE', url: '/api/tokens/abc' })).statusCode).toBe(422);
  });

  it('refuses an expired token with 401', async () => {
    const { token } = await create({
      name: 'short',
      townCode: world.town,
      permissions: ['places:read'],
      expiresInDays: 1,
    });
    const url = '/api/places?level=town';
    expect((await t.app.inject({ url, headers: bearer(token.key) })).statusCode).toBe(200);
    shift = DAY_MS + 60_000;
    try {
      const expired = await t.app.inject({ url, headers: bearer(token.key) });
      expect(expired.statusCode).toBe(401);
    } finally {
      shift = 0;
    }
  });

  it('lets a town admin make tokens only for their town and only with permissions they hold (403)', async () => {
    const ok = await create({ name: 'bi', townCode: world.town, permissions: ['records:read'] }, townAdmin);
    expect(ok.response.statusCode, ok.response.body).toBe(201);

    const before = await count();
    const escalation = await create({ name: 'x', townCode: world.town, permissions: ['records:write'] }, townAdmin);
    expect(escalation.response.statusCode).toBe(403);
    expect(escalation.response.json()).toMatchObject({
      error: { code: 'forbidden', details: { permissions: ['records:write'] } },
    });
    const otherTown = await create({ name: 'x', townCode: world.otherTown, permissions: ['records:read'] }, townAdmin);
    expect(otherTown.response.statusCode).toBe(403);
    // Never grantable to a token at all: 422 naming the field, whoever asks.
    const pii = await create({ name: 'x', townCode: world.town, permissions: ['pii:read'] });
    expect(pii.response.statusCode).toBe(422);
    expect(pii.response.json()).toMatchObject({ error: { details: { issues: [{ path: 'permissions.0' }] } } });
    expect(await count()).toBe(before);

    const theirs = await create({ name: '大陈 app', townCode: world.otherTown });
    const list = await t.app.inject({ url: '/api/tokens', headers: townAdmin });
    expect(new Set((list.json() as ApiKey[]).map((k) => k.town.code))).toEqual(new Set([world.town]));
    const revoke = await t.app.inject({ method: 'DELETE', url: `/api/tokens/${theirs.token.id}`, headers: townAdmin });
    expect(revoke.statusCode).toBe(404);

    const leader = await t.signIn('leader-suxi', [{ role: 'leader', kind: 'town', code: world.town }]);
    expect((await t.app.inject({ url: '/api/tokens', headers: leader })).statusCode).toBe(403);
    expect((await t.anonymous.inject({ url: '/api/tokens' })).statusCode).toBe(401);
  });

  it('refuses an Open311 request whose key lacks open311:submit with 403 in the spec format', async () => {
    const reader = (await create({ name: 'reader', townCode: world.town, permissions: ['records:read'] })).token;
    const response = await postForm(t.anonymous, '/open311/v2/requests.json', validPairs(reader.key));
    expectErrors(response, 403, /^api_key: this key may not file requests \(it lacks the permission open311:submit\)$/);
    const filer = (await create({ name: 'filer', townCode: world.town, permissions: ['open311:submit'] })).token;
    const filed = await postForm(t.anonymous, '/open311/v2/requests.json', validPairs(filer.key));
    expect(filed.statusCode, filed.body).toBe(200);
  });

  it('answers any POST body with 201 or a 422 naming a field, never a 500, and stores nothing on 422', async () => {
    const value = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.string({ maxLength: 15 }), { maxLength: 3 }),
    );
    const body = fc.oneof(
      fc.record(
        {
          name: value,
          townCode: fc.oneof(value, fc.constantFrom(world.town, world.village, world.otherTown)),
          permissions: fc.oneof(
            value,
            fc.array(fc.constantFrom('records:read', 'stats:read', 'open311:submit', 'users:write', ''), {
              maxLength: 3,
            }),
          ),
          expiresAt: fc.oneof(
            value,
            fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
          ),
          expiresInDays: fc.oneof(value, fc.integer({ min: -3, max: 4000 })),
        },
        { requiredKeys: [] },
      ),
      fc.dictionary(fc.string({ maxLength: 12 }), value, { maxKeys: 4 }),
      value,
    );
    await fc.assert(
      fc.asyncProperty(body, async (payload) => {
        const before = await count();
        const response = await t.app.inject({
          method: 'POST',
          url: '/api/tokens',
          headers: { 'content-type': 'application/json' },
          payload: JSON.stringify(payload),
        });
        expect([201, 422], response.body).toContain(response.statusCode);
        if (response.statusCode === 422) {
          const error = (response.json() as { error: { code: string; details?: { issues?: unknown[] } } }).error;
          expect(error.code).toBe('invalid_input');
          expect(error.details?.issues?.length).toBeGreaterThan(0);
          expect(await count()).toBe(before);
        } else {
          expect(await count()).toBe(before + 1);
        }
      }),
      { numRuns: 120 },
    );
  });
});
