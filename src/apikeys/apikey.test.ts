import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Actor, type Grant, roleGrant, systemActor } from '../auth/index.js';
import { expectAppError, expectInvalid } from '../core/testing.js';
import { seedRecordWorld, world } from '../records/record.testing.js';
import { testDatabases, useTestStore } from '../store/testing.js';
import { API_KEY_PATTERN, tokenPermissions } from './apikey.schema.js';
import { createApiKey, listApiKeys, revokeApiKey } from './apikey.service.js';
import { authenticateToken, hashApiKey } from './apikey.token.js';

const userActor = (name: string, grants: Grant[]): Actor => ({ kind: 'user', id: 9000, name, grants });

describe.each(testDatabases)('API tokens on %s', (dialect) => {
  const t = useTestStore(dialect);
  const system = () => ({ db: t.db, actor: systemActor('test') });
  const as = (actor: Actor) => ({ db: t.db, actor });
  let town: number;
  let otherTown: number;
  let village: number;
  beforeAll(async () => {
    await seedRecordWorld(t.db);
    const idOf = async (code: string) =>
      (await t.db.selectFrom('place').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
    town = await idOf(world.town);
    otherTown = await idOf(world.otherTown);
    village = await idOf(world.village);
  });
  const auditOf = (entityId: number) =>
    t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', 'token')
      .where('entity_id', '=', String(entityId))
      .orderBy('seq')
      .execute();

  it('creates a token shown once, stores only its hash, audits it, and revokes it', async () => {
    const created = await createApiKey(system(), { name: '随手拍 App', townCode: world.town });
    expect(created).toMatchObject({
      name: '随手拍 App',
      town: { code: world.town, name: '苏溪镇' },
      permissions: ['open311:submit'],
      expiresAt: null,
      lastUsedAt: null,
      revokedAt: null,
    });
    expect(created.key).toMatch(API_KEY_PATTERN);
    expect(created.prefix).toBe(created.key.slice(0, 9));
    const stored = await t.db.selectFrom('api_key').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow();
    expect(Object.values(stored).map(String)).not.toContain(created.key);
    expect(stored.key_hash).toBe(hashApiKey(created.key));
    expect(await authenticateToken(t.db, created.key, Date.now())).toMatchObject({ kind: 'token', id: created.id });

    const revoked = await revokeApiKey(system(), created.id);
    expect(revoked.revokedAt).not.toBeNull();
    expect(await authenticateToken(t.db, created.key, Date.now())).toBeUndefined();
    // Revoking again keeps the first revocation time and writes no second entry.
    expect((await revokeApiKey(system(), created.id)).revokedAt).toBe(revoked.revokedAt);

    const entries = await auditOf(created.id);
    expect(entries.map((e) => [e.action, e.actor_kind, e.actor_name, Number(e.town_id)])).toEqual([
      ['token.create', 'system', 'test', town],
      ['token.revoke', 'system', 'test', town],
    ]);
    expect(JSON.parse(entries[0]?.after as string)).toEqual({
      name: '随手拍 App',
      prefix: created.prefix,
      permissions: ['open311:submit'],
      expiresAt: null,
    });
    const text = JSON.stringify(entries);
    expect(text).not.toContain(created.key);
    expect(text).not.toContain(stored.key_hash);
  });

  it('sets the expiry from expiresInDays or expiresAt, and refuses a past or too distant one', async () => {
    const before = Date.now();
    const inDays = await createApiKey(system(), { name: 'd', townCode: world.town, expiresInDays: 30 });
    const expires = Date.parse(inDays.expiresAt as string);
    expect(expires).toBeGreaterThanOrEqual(before + 30 * 86_400_000);
    expect(expires).toBeLessThanOrEqual(Date.now() + 30 * 86_400_000);
    // A year from now to the second, written in the town's offset.
    const target = Math.floor((Date.now() + 365 * 86_400_000) / 1000) * 1000;
    const inTown = `${new Date(target + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
    const at = await createApiKey(system(), { name: 'a', townCode: world.town, expiresAt: inTown });
    expect(at.expiresAt).toBe(new Date(target).toISOString());
    await expectInvalid(
      createApiKey(system(), { name: 'x', townCode: world.town, expiresAt: '2020-01-01T00:00:00Z' }),
      'expiresAt',
    );
    await expectInvalid(
      createApiKey(system(), { name: 'x', townCode: world.town, expiresAt: '2199-01-01T00:00:00Z' }),
      'expiresAt',
    );
    await expectInvalid(
      createApiKey(system(), { name: 'x', townCode: world.town, expiresAt: '2099-01-01T00:00:00Z', expiresInDays: 1 }),
      'expiresInDays',
    );
    await expectInvalid(createApiKey(system(), { name: 'x', townCode: world.town, expiresInDays: 0 }), 'expiresInDays');
    await expectInvalid(
      createApiKey(system(), { name: 'x', townCode: world.town, expiresInDays: 3651 }),
      'expiresInDays',
    );
  });

  it('lets a town admin give only what they hold in the whole town, and only for their towns', async () => {
    const admin = userActor('admin-苏溪', [roleGrant('admin', 'town', town, [town])]);
    const ok = await createApiKey(as(admin), {
      name: 'bi',
      townCode: world.town,
      permissions: ['records:read', 'stats:read', 'imports:write', 'open311:submit'],
    });
    expect(ok.permissions).toEqual(['imports:write', 'open311:submit', 'records:read', 'stats:read']);
    expect((await auditOf(ok.id))[0]).toMatchObject({ actor_kind: 'user', actor_name: 'admin-苏溪' });

    // An admin does not write records: neither may a token of theirs.
    const escalation = await expectAppError(
      createApiKey(as(admin), { name: 'x', townCode: world.town, permissions: ['records:write', 'records:read'] }),
      'forbidden',
    );
    expect(escalation.details).toEqual({ permissions: ['records:write'] });
    // Another town is not theirs to make tokens for.
    await expectAppError(createApiKey(as(admin), { name: 'x', townCode: world.otherTown }), 'forbidden');

    // records:write held for one village only is not the whole town a token would act in.
    const mixed = userActor('mixed', [
      roleGrant('admin', 'town', town, [town]),
      roleGrant('officer', 'department', 1, [town]),
      { ...roleGrant('analyst', 'town', town, [town]), kind: 'village', scopeId: village },
    ]);
    await expectAppError(
      createApiKey(as(mixed), { name: 'x', townCode: world.town, permissions: ['records:write'] }),
      'forbidden',
    );
    const withAnalyst = userActor('admin+analyst', [
      roleGrant('admin', 'town', town, [town]),
      roleGrant('analyst', 'town', town, [town]),
    ]);
    expect(
      (await createApiKey(as(withAnalyst), { name: 'writer', townCode: world.town, permissions: ['records:write'] }))
        .permissions,
    ).toEqual(['records:write']);

    // Without tokens:write at all (a leader) nothing is made.
    const leader = userActor('leader', [roleGrant('leader', 'town', town, [town])]);
    await expectAppError(createApiKey(as(leader), { name: 'x', townCode: world.town }), 'forbidden');
  });

  it('lists and revokes only the tokens of towns the actor manages', async () => {
    const theirs = await createApiKey(system(), { name: '大陈 app', townCode: world.otherTown });
    const admin = userActor('admin-苏溪', [roleGrant('admin', 'town', town, [town])]);
    const listed = await listApiKeys(as(admin));
    expect(listed.length).toBeGreaterThan(0);
    expect(new Set(listed.map((k) => k.town.code))).toEqual(new Set([world.town]));
    for (const key of listed) {
      expect(key).not.toHaveProperty('key');
      expect(key.prefix).toMatch(/^sz_[0-9A-Za-z]{6}$/);
    }
    expect(await listApiKeys(as(admin), { townCode: world.otherTown })).toEqual([]);
    await expectAppError(revokeApiKey(as(admin), theirs.id), 'not_found');
    expect(await authenticateToken(t.db, theirs.key, Date.now())).toBeDefined();

    const all = await listApiKeys(system());
    expect(all.map((k) => k.id)).toContain(theirs.id);
    expect((await listApiKeys(system(), { townCode: world.otherTown })).map((k) => k.id)).toEqual([theirs.id]);
    const cityAdmin = userActor('city admin', [roleGrant('admin', 'city', 1, [town, otherTown])]);
    expect((await revokeApiKey(as(cityAdmin), theirs.id)).revokedAt).not.toBeNull();
    expect(await listApiKeys(as(userActor('nobody', [])))).toEqual([]);
  });

  it('refuses bad input naming the field', async () => {
    await expectInvalid(createApiKey(system(), { name: '', townCode: world.town }), 'name');
    await expectInvalid(createApiKey(system(), { name: 'a\nb', townCode: world.town }), 'name');
    await expectInvalid(createApiKey(system(), { name: 'x', townCode: '999' }), 'townCode');
    await expectInvalid(createApiKey(system(), { name: 'x', townCode: world.village }), 'townCode');
    for (const permission of ['pii:read', 'users:write', 'tokens:write', 'audit:read', 'open311', 'admin']) {
      await expectInvalid(
        createApiKey(system(), { name: 'x', townCode: world.town, permissions: [permission as 'records:read'] }),
        'permissions.0',
      );
    }
    await expectInvalid(createApiKey(system(), { name: 'x', townCode: world.town, permissions: [] }), 'permissions');
    await expectInvalid(listApiKeys(system(), { townCode: 'nowhere' }), 'townCode');
    await expectAppError(revokeApiKey(system(), 999_999), 'not_found');
    await expectInvalid(revokeApiKey(system(), 0), 'id');
  });

  it('never fails on arbitrary input other than invalid_input, and then stores nothing', async () => {
    const count = async () =>
      Number(
        (
          await t.db
            .selectFrom('api_key')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const field = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.integer(),
      fc.constant(null),
      fc.array(fc.string({ maxLength: 20 }), { maxLength: 3 }),
    );
    const body = fc.record(
      {
        name: field,
        townCode: fc.oneof(field, fc.constantFrom(world.town, world.village)),
        permissions: fc.oneof(field, fc.array(fc.constantFrom(...tokenPermissions, 'pii:read', 'x'), { maxLength: 4 })),
        expiresAt: fc.oneof(
          field,
          fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
        ),
        expiresInDays: fc.oneof(field, fc.integer({ min: -5, max: 4000 })),
        extra: field,
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(body, async (input) => {
        const before = await count();
        try {
          const created = await createApiKey(system(), input as never);
          expect(created.key).toMatch(API_KEY_PATTERN);
          expect(await count()).toBe(before + 1);
        } catch (error) {
          const e = error as { code?: string; details?: { issues?: { path: string }[] } };
          expect(e.code).toBe('invalid_input');
          expect(e.details?.issues?.length).toBeGreaterThan(0);
          expect(await count()).toBe(before);
        }
      }),
      { numRuns: 150 },
    );
  });
});
