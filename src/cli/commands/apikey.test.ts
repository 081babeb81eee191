import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { verifyApiKey } from '../../apikeys/index.js';
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
    await createPlace({ db: store.db }, { code: '330782', name: '义乌市', level: 'city' });
    await createPlace({ db: store.db }, { code: '330782199', name: '善治镇', level: 'town', parentCode: '330782' });
  });
  afterAll(async () => {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
    if (dialect === 'postgres') {
      await onPostgres(`drop schema if exists ${schema} cascade`);
    }
  });

  it('adds a key printed once, lists it by prefix only and revokes it', async () => {
    const human = await run([...databaseArgs, 'apikey', 'add', '--name', '随手拍', '--town', '330782199']);
    expect(human).toMatchObject({ code: 0, stderr: '' });
    const humanKey = /^(sz_[0-9A-Za-z]{32})$/m.exec(human.stdout)?.[1] as string;
    expect(humanKey).toBeDefined();
    expect(human.stdout).toContain('shown only this once');

    const json = await run([...databaseArgs, 'apikey', 'add', '--name', 'app 2', '--town', '330782199', '--json']);
    const created = JSON.parse(json.stdout) as { id: number; key: string; prefix: string; scopes: string[] };
    expect(created.scopes).toEqual(['open311']);
    expect(await verifyApiKey({ db: store.db }, created.key, 'open311')).toMatchObject({ id: created.id });

    const list = await run([...databaseArgs, 'apikey', 'list', '--json']);
    const keys = JSON.parse(list.stdout) as Record<string, unknown>[];
    expect(keys.map((k) => k.name)).toEqual(['随手拍', 'app 2']);
    expect(list.stdout).not.toContain(created.key);
    expect(list.stdout).not.toContain(humanKey);
    const table = await run([...databaseArgs, 'apikey', 'list', '--town', '330782199']);
    expect(table.stdout).toContain(`${created.prefix}…`);

    const revoked = await run([...databaseArgs, 'apikey', 'revoke', String(created.id)]);
    expect(revoked).toMatchObject({ code: 0, stdout: expect.stringContaining(`revoked API key ${created.id}`) });
    expect(await verifyApiKey({ db: store.db }, created.key, 'open311')).toBeNull();
    expect(await verifyApiKey({ db: store.db }, humanKey, 'open311')).not.toBeNull();
  });

  it('exits 1 with one line naming the flag on bad input', async () => {
    const cases: [string[], RegExp][] = [
      [['add', '--name', 'x', '--town', '999'], /^shanzhi: --town: unknown place "999"$/],
      [['add', '--name', 'x', '--town', '330782'], /^shanzhi: --town: "330782" is a city, not a town$/],
      [['add', '--name', ' ', '--town', '330782199'], /^shanzhi: --name: /],
      [['add', '--name', 'x', '--town', '330782199', '--scope', 'admin'], /^shanzhi: --scope: unknown scope "admin"/],
      [['list', '--town', 'nowhere'], /^shanzhi: --town: unknown place "nowhere"$/],
      [['revoke', 'abc'], /^shanzhi: id: must be the key's number/],
      [['revoke', '99999'], /^shanzhi: API key 99999 not found$/],
    ];
    for (const [args, pattern] of cases) {
      const result = await run([...databaseArgs, 'apikey', ...args]);
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr.trim()).toMatch(pattern);
    }
  });
});
