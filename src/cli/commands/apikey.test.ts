import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { authenticateToken } from '../../apikeys/index.js';
import { systemActor } from '../../auth/index.js';
import { createPlace } from '../../places/index.js';
import { migrateToLatest } from '../../store/migrate.js';
import { openStore, type Store } from '../../store/open.js';
import { TEST_PG_URL, testDatabases } from '../../store/testing.js';
import { main } from '../main.js';
import { onPostgres } from '../testing.js';

/** Run the CLI in this process and capture what it prints. */
async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  try {
    const code = await main(['node', 'shanzhi', ...args]);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

describe.each(testDatabases)('shanzhi apikey on %s', (dialect) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'shanzhi-apikey-'));
  const schema = `apikey_${process.pid}_${Date.now()}`;
  const url = new URL(TEST_PG_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const databaseArgs = dialect === 'postgres' ? ['--database-url', url.toString()] : ['--data-dir', dataDir];
  let store: Store;

  beforeAll(async () => {
    if (dialect === 'postgres') {
      await onPostgres(`create schema ${schema}`);
    }
    store = await openStore(dialect === 'postgres' ? { databaseUrl: url.toString(), dataDir } : { dataDir });
    await migrateToLatest(store.db);
    const deps = { db: store.db, actor: systemActor('test') };
    await createPlace(deps, { code: '330782', name: '义乌市', level: 'city' });
    await createPlace(deps, { code: '330782199', name: '善治镇', level: 'town', parentCode: '330782' });
  });
  afterAll(async () => {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
    if (dialect === 'postgres') {
      await onPostgres(`drop schema if exists ${schema} cascade`);
    }
  });

  const actorOf = async (key: string) => authenticateToken(store.db, key, Date.now());

  it('adds a token printed once, lists it by prefix only and revokes it, audited as the command line', async () => {
    const human = await run([...databaseArgs, 'apikey', 'add', '--name', '随手拍', '--town', '330782199']);
    expect(human).toMatchObject({ code: 0, stderr: '' });
    const humanKey = /^(sz_[0-9A-Za-z]{32})$/m.exec(human.stdout)?.[1] as string;
    expect(humanKey).toBeDefined();
    expect(human.stdout).toContain('shown only this once');
    expect(human.stdout).toContain('open311:submit, no expiry');

    const json = await run([...databaseArgs, 'apikey', 'add', '--name', 'app 2', '--town', '330782199', '--json']);
    const created = JSON.parse(json.stdout) as { id: number; key: string; prefix: string; permissions: string[] };
    expect(created.permissions).toEqual(['open311:submit']);
    expect(await actorOf(created.key)).toMatchObject({ kind: 'token', id: created.id });

    const list = await run([...databaseArgs, 'apikey', 'list', '--json']);
    const keys = JSON.parse(list.stdout) as Record<string, unknown>[];
    expect(keys.map((k) => k.name)).toEqual(['随手拍', 'app 2']);
    expect(list.stdout).not.toContain(created.key);
    expect(list.stdout).not.toContain(humanKey);
    const table = await run([...databaseArgs, 'apikey', 'list', '--town', '330782199']);
    expect(table.stdout).toContain(`${created.prefix}…`);
    expect(table.stdout).toMatch(/\tnever\tnever\tactive\t随手拍$/m);

    const revoked = await run([...databaseArgs, 'apikey', 'revoke', String(created.id)]);
    expect(revoked).toMatchObject({ code: 0, stdout: expect.stringContaining(`revoked API token ${created.id}`) });
    expect(await actorOf(created.key)).toBeUndefined();
    expect(await actorOf(humanKey)).toBeDefined();
    const after = await run([...databaseArgs, 'apikey', 'list']);
    expect(after.stdout).toMatch(/\trevoked [^\t]+\tapp 2$/m);

    const audit = await store.db
      .selectFrom('audit_log')
      .select(['action', 'actor_kind', 'actor_name', 'entity_id'])
      .where('entity', '=', 'token')
      .orderBy('seq')
      .execute();
    expect(audit.map((e) => [e.action, e.actor_kind, e.actor_name])).toEqual([
      ['token.create', 'system', 'cli'],
      ['token.create', 'system', 'cli'],
      ['token.revoke', 'system', 'cli'],
    ]);
  });

  it('gives a token the permissions and expiry asked for', async () => {
    const json = await run([
      ...databaseArgs,
      'apikey',
      'add',
      '--name',
      '数据中台',
      '--town',
      '330782199',
      '--permission',
      'stats:read',
      '--permission',
      'records:read',
      '--permission',
      'stats:read',
      '--expires-in-days',
      '90',
      '--json',
    ]);
    expect(json).toMatchObject({ code: 0, stderr: '' });
    const created = JSON.parse(json.stdout) as { key: string; permissions: string[]; expiresAt: string };
    expect(created.permissions).toEqual(['records:read', 'stats:read']);
    const days = (Date.parse(created.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(89.9);
    expect(days).toBeLessThanOrEqual(90);
    const actor = await actorOf(created.key);
    expect(actor?.grants[0]?.permissions).toEqual(['records:read', 'stats:read']);
    expect(await authenticateToken(store.db, created.key, Date.parse(created.expiresAt))).toBeUndefined();
  });

  it('exits 1 with one line naming the flag on bad input', async () => {
    const cases: [string[], RegExp][] = [
      [['add', '--name', 'x', '--town', '999'], /^shanzhi: --town: unknown place "999"$/],
      [['add', '--name', 'x', '--town', '330782'], /^shanzhi: --town: "330782" is a city, not a town$/],
      [['add', '--name', ' ', '--town', '330782199'], /^shanzhi: --name: /],
      [
        ['add', '--name', 'x', '--town', '330782199', '--permission', 'pii:read'],
        /^shanzhi: --permission: "pii:read" cannot be given to a token/,
      ],
      [['add', '--name', 'x', '--town', '330782199', '--expires-in-days', '0'], /^shanzhi: --expires-in-days: /],
      [['add', '--name', 'x', '--town', '330782199', '--expires-in-days', '1.5'], /^shanzhi: --expires-in-days: /],
      [['add', '--name', 'x', '--town', '330782199', '--expires-in-days', '3651'], /^shanzhi: --expires-in-days: /],
      [['list', '--town', 'nowhere'], /^shanzhi: --town: unknown place "nowhere"$/],
      [['revoke', 'abc'], /^shanzhi: id: must be the token's number/],
      [['revoke', '99999'], /^shanzhi: API token 99999 not found$/],
    ];
    for (const [args, pattern] of cases) {
      const result = await run([...databaseArgs, 'apikey', ...args]);
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr.trim()).toMatch(pattern);
    }
  });
});
