import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor, verifyPassword } from '../src/auth/index.js';
import { runCli, runCliWithInput, startCli, useFreshPostgresUrl, whenListening } from '../src/cli/testing.js';
import { createPlace } from '../src/places/index.js';
import { TEST_SECRET } from '../src/server/testing.js';
import { migrateToLatest } from '../src/store/migrate.js';
import { openStore } from '../src/store/open.js';
import { testDatabases } from '../src/store/testing.js';

const dataDir = mkdtempSync(join(tmpdir(), 'shanzhi-cli-user-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const TOWN = '330782100';

describe.each(testDatabases)(
  'shanzhi user on %s',
  (dialect) => {
    const postgres = dialect === 'postgres' ? useFreshPostgresUrl() : undefined;
    const bootstrapPg = dialect === 'postgres' ? useFreshPostgresUrl() : undefined;
    const env = () => (postgres ? { DATABASE_URL: postgres.url } : { SHANZHI_DATA_DIR: join(dataDir, 'users') });
    const run = (args: string[]) => runCli(dataDir, args, env());
    const withInput = (args: string[], input: string) => runCliWithInput(dataDir, args, input, env());
    const openOurs = () =>
      openStore(postgres ? { databaseUrl: postgres.url, dataDir: '' } : { dataDir: join(dataDir, 'users') });

    beforeAll(async () => {
      const store = await openOurs();
      try {
        await migrateToLatest(store.db);
        const deps = { db: store.db, actor: systemActor('test') };
        await createPlace(deps, { code: '330782', name: '义乌市', level: 'city' });
        await createPlace(deps, { code: TOWN, name: '苏溪镇', level: 'town', parentCode: '330782' });
      } finally {
        await store.close();
      }
    }, 60_000);

    it('adds users with a generated or a given password, and lists them', async () => {
      const generated = await run(['user', 'add', '--username', 'ops', '--role', 'admin', '--scope', 'all', '--json']);
      expect(generated.stderr).toBe('');
      expect(generated.code).toBe(0);
      const ops = JSON.parse(generated.stdout) as { username: string; password: string; grants: unknown[] };
      expect(ops.password).toMatch(/^([A-Za-z2-9]{5}-){3}[A-Za-z2-9]{5}$/);
      expect(ops.grants).toEqual([{ role: 'admin', roleName: '系统管理员', kind: 'all', code: null, name: null }]);

      const given = await withInput(
        [
          'user',
          'add',
          '--username',
          'Wang',
          '--name',
          '王芳',
          '--role',
          'leader',
          '--scope',
          `town:${TOWN}`,
          '--password-stdin',
        ],
        'Hill-Garden-2026\n',
      );
      expect(given.code, given.stderr).toBe(0);
      expect(given.stdout).toBe(`created wang\t王芳\tleader@town:${TOWN}\n`);

      const list = await run(['user', 'list']);
      expect(list.stdout.trim().split('\n')).toEqual(['ops\tops\tadmin@all', `wang\t王芳\tleader@town:${TOWN}`]);

      const store = await openOurs();
      try {
        const rows = await store.db
          .selectFrom('app_user')
          .select(['username', 'password_hash'])
          .orderBy('username')
          .execute();
        expect(await verifyPassword(ops.password, rows[0]?.password_hash ?? '')).toBe(true);
        expect(await verifyPassword('Hill-Garden-2026', rows[1]?.password_hash ?? '')).toBe(true);
        const audit = await store.db.selectFrom('audit_log').select(['actor_name', 'action']).execute();
        expect(audit).toContainEqual({ actor_name: 'cli', action: 'user.create' });
      } finally {
        await store.close();
      }
    });

    it('refuses bad input in one line naming the flag or field', async () => {
      const cases: [string[], string, RegExp][] = [
        [['--username', 'x1y', '--role', 'mayor', '--scope', 'all'], '', /^shanzhi: --role: must be one of admin/],
        [['--username', 'x1y', '--role', 'leader', '--scope', 'town'], '', /^shanzhi: --scope: /],
        [['--username', 'x1y', '--role', 'leader', '--scope', 'town:999'], '', /^shanzhi: grants\.0\.code: no town/],
        [
          ['--username', 'x1y', '--role', 'leader', '--scope', 'village:1'],
          '',
          /grants\.0\.kind: leader is held within/,
        ],
        [
          ['--username', 'x1y', '--role', 'leader', '--scope', 'all', '--password-stdin'],
          'abc\n',
          /^shanzhi: password: /,
        ],
        [['--username', 'wang', '--role', 'leader', '--scope', 'all'], '', /^shanzhi: user wang already exists/],
      ];
      for (const [args, input, message] of cases) {
        const result = await withInput(['user', 'add', ...args], input);
        expect(result.code, args.join(' ')).toBe(1);
        expect(result.stderr.trim().split('\n')).toHaveLength(1);
        expect(result.stderr).toMatch(message);
      }
      const unknown = await run(['user', 'disable', '--username', 'nobody']);
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toMatch(/^shanzhi: --username: no user "nobody"/);
    });

    it('grants and removes roles, sets passwords, disables and ends sessions', async () => {
      const grant = await run(['user', 'grant', '--username', 'wang', '--role', 'analyst', '--scope', `town:${TOWN}`]);
      expect(grant.stdout).toBe(`wang\t王芳\tleader@town:${TOWN}, analyst@town:${TOWN}\n`);
      const removed = await run([
        'user',
        'grant',
        '--username',
        'wang',
        '--role',
        'leader',
        '--scope',
        `town:${TOWN}`,
        '--remove',
      ]);
      expect(removed.stdout).toBe(`wang\t王芳\tanalyst@town:${TOWN}\n`);

      const passwd = await withInput(
        ['user', 'passwd', '--username', 'wang', '--password-stdin'],
        'River-Stone-8812\n',
      );
      expect(passwd).toMatchObject({ code: 0, stdout: 'password of wang set\n' });
      const disabled = await run(['user', 'disable', '--username', 'wang']);
      expect(disabled.stdout).toBe('wang disabled\n');
      expect((await run(['user', 'list'])).stdout).toContain(`wang\t王芳\tanalyst@town:${TOWN}\tdisabled`);
      expect((await run(['user', 'disable', '--username', 'wang', '--enable'])).stdout).toBe('wang enabled\n');
      expect((await run(['user', 'revoke-sessions', '--username', 'wang'])).stdout).toBe('0 session(s) ended\n');

      const store = await openOurs();
      try {
        const row = await store.db
          .selectFrom('app_user')
          .select('password_hash')
          .where('username', '=', 'wang')
          .executeTakeFirst();
        expect(await verifyPassword('River-Stone-8812', row?.password_hash ?? '')).toBe(true);
      } finally {
        await store.close();
      }
    });

    it('creates the administrator from the environment on the first start only', async () => {
      const bootEnv = {
        ...(bootstrapPg
          ? { DATABASE_URL: bootstrapPg.url, SHANZHI_SECRET: TEST_SECRET }
          : { SHANZHI_DATA_DIR: join(dataDir, 'boot') }),
        SHANZHI_BOOTSTRAP_ADMIN: 'root',
      };
      const weak = await runCli(dataDir, ['serve', '--port', '0'], {
        ...bootEnv,
        SHANZHI_BOOTSTRAP_PASSWORD: 'root12345',
      });
      expect(weak.code).toBe(1);
      expect(weak.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^shanzhi: SHANZHI_BOOTSTRAP_PASSWORD: /)]);

      const serveOnce = async () => {
        const child = startCli(dataDir, ['serve', '--port', '0'], {
          ...bootEnv,
          SHANZHI_BOOTSTRAP_PASSWORD: 'Boot-Strap-Pass-1',
        });
        const serving = await whenListening(child, 'serve');
        const { url } = serving;
        const login = await fetch(`${url}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'root', password: 'Boot-Strap-Pass-1' }),
        });
        await serving.stop();
        const { stdout, stderr } = serving.output();
        return { stderr, login: login.status, all: stdout + stderr };
      };
      const first = await serveOnce();
      expect(first.stderr).toContain('created the administrator root');
      expect(first.all).not.toContain('Boot-Strap-Pass-1');
      expect(first.login).toBe(200);
      const second = await serveOnce();
      expect(second.stderr).not.toContain('created the administrator');
      expect(second.login).toBe(200);
    }, 60_000);
  },
  120_000,
);
