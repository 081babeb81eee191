import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/auth/index.js';
import { runCli, startCli, useFreshPostgresUrl, whenListening } from '../src/cli/testing.js';
import { testDatabases } from '../src/store/testing.js';
import { version } from '../src/version.js';

const dataDir = mkdtempSync(join(tmpdir(), 'shanzhi-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const run = (args: string[], env: NodeJS.ProcessEnv = {}) => runCli(dataDir, args, env);
/** These tests start several `shanzhi` processes each (seconds apiece through tsx on a loaded 2-core machine). */
const CLI_TIMEOUT = 120_000;
const start = (args: string[], env: NodeJS.ProcessEnv = {}) => startCli(dataDir, args, env);

describe('shanzhi CLI', { timeout: CLI_TIMEOUT }, () => {
  it('prints its version and help', async () => {
    const v = await run(['--version']);
    expect(v).toMatchObject({ code: 0, stdout: `${version}\n` });
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    for (const command of ['migrate', 'serve', 'demo']) {
      expect(help.stdout).toContain(command);
    }
  });

  it('exits non-zero with a one-line reason on bad input', async () => {
    const unknown = await run(['frobnicate']);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toMatch(/unknown command 'frobnicate'/);

    const badPort = await run(['serve', '--port', 'eighty']);
    expect(badPort.code).toBe(1);
    expect(badPort.stderr.trim().split('\n')).toEqual([
      'shanzhi: --port: must be a port number 0–65535 (got "eighty")',
    ]);

    const badUrl = await run(['migrate'], { DATABASE_URL: 'mysql://localhost/x' });
    expect(badUrl.code).toBe(1);
    expect(badUrl.stderr.trim().split('\n')).toHaveLength(1);
    expect(badUrl.stderr).toContain('DATABASE_URL');
  });

  it('serves /api/health and /api/docs, and stops cleanly on SIGTERM', async () => {
    const serving = await whenListening(start(['serve', '--port', '0']), 'serve');
    const { url } = serving;
    const health = await fetch(`${url}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', database: 'sqlite', version });
    const docs = await fetch(`${url}/api/docs/json`);
    const openapi = (await docs.json()) as { paths: Record<string, unknown> };
    expect(Object.keys(openapi.paths)).toContain('/api/health');
    expect((await fetch(`${url}/api/docs/`)).status).toBe(200);

    expect(await serving.stop()).toBe(0);
  });
});

describe.each(testDatabases)('shanzhi migrate on %s', (dialect) => {
  const postgres = dialect === 'postgres' ? useFreshPostgresUrl() : undefined;

  it('applies the migrations once and reports them as JSON', async () => {
    const env = postgres ? { DATABASE_URL: postgres.url } : { SHANZHI_DATA_DIR: join(dataDir, 'm') };
    const first = await run(['migrate', '--json'], env);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const report = JSON.parse(first.stdout) as { applied: string[]; current: string };
    expect(report.applied.length).toBeGreaterThan(0);
    expect(report.current).toBe(report.applied.at(-1));

    const second = await run(['migrate', '--json'], env);
    expect(JSON.parse(second.stdout)).toMatchObject({ applied: [], current: report.current });
    const human = await run(['migrate'], env);
    expect(human.stdout).toContain('is up to date');
  });
});

describe('shanzhi detect', { timeout: CLI_TIMEOUT }, () => {
  const anchors = join(import.meta.dirname, 'fixtures', 'surveillance');

  it('writes the contract columns with the alarms R gives', async () => {
    const output = join(dataDir, 'agona-c3.csv');
    const result = await run([
      'detect',
      '--method',
      'ears-c3',
      '--input',
      join(anchors, 'data', 'salmonella_agona.csv'),
      '--output',
      output,
    ]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const ours = readFileSync(output, 'utf8').trim().split('\n');
    const reference = readFileSync(join(anchors, 'ref', 'salmonella_agona__ears_c3.csv'), 'utf8')
      .trim()
      .split('\n');
    expect(ours[0]).toBe('series,week_index,observed,expected,upperbound,alarm');
    expect(ours).toHaveLength(reference.length);
    const alarms = (lines: string[]) =>
      lines.slice(1).map((line) =>
        line
          .split(',')
          .slice(0, 3)
          .concat(line.split(',')[5] ?? ''),
      );
    expect(alarms(ours)).toEqual(alarms(reference));
  });

  it('gives JSON rows with --json and refuses a bad method or range in one line', async () => {
    const input = join(anchors, 'data', 'salmonella_agona.csv');
    const json = await run(['detect', '--method', 'ears-c1', '--input', input, '--range', '300:312', '--json']);
    const rows = JSON.parse(json.stdout) as { week_index: number; alarm: number }[];
    expect(rows.map((r) => r.week_index)).toEqual(Array.from({ length: 13 }, (_, i) => 300 + i));
    const badMethod = await run(['detect', '--method', 'cusum', '--input', input]);
    expect(badMethod.code).toBe(1);
    expect(badMethod.stderr).toMatch(/^shanzhi: --method: unknown method "cusum"/);
    const badRange = await run(['detect', '--method', 'ears-c1', '--input', input, '--range', '0:5']);
    expect(badRange.stderr.trim().split('\n')).toHaveLength(1);
    expect(badRange.stderr).toContain('--range');
  });
});

describe('shanzhi demo', { timeout: CLI_TIMEOUT }, () => {
  it('generates into the database once, and refuses a second time in one line', async () => {
    const env = { SHANZHI_DATA_DIR: join(dataDir, 'demo-db') };
    const first = await run(['demo', 'generate', '--records', '1500', '--seed', 'cli', '--json'], env);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ seed: 'cli', town: '330782199' });
    const { complaints, cases } = JSON.parse(first.stdout) as { complaints: number; cases: number };
    expect(complaints + cases).toBe(1500);
    const again = await run(['demo', 'generate', '--records', '1500'], env);
    expect(again.code).toBe(1);
    expect(again.stderr.trim().split('\n').at(-1)).toMatch(/^shanzhi: the database already holds the demo town/);
  });

  it('refuses bad options naming the flag', async () => {
    for (const [args, flag] of [
      [['--records', 'many'], '--records'],
      [['--records', '30000000'], 'records'],
      [['--last-week', '2025W53'], '--last-week'],
    ] as const) {
      const result = await run(['demo', 'generate', ...args], { SHANZHI_DATA_DIR: join(dataDir, 'never') });
      expect(result.code).toBe(1);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toContain(`shanzhi: ${flag}:`);
    }
  });

  it('writes the same export files for the same seed', async () => {
    const write = async (dir: string) => {
      const result = await run(['demo', 'generate', '--records', '800', '--seed', 'same', '--out', join(dataDir, dir)]);
      expect(result.code).toBe(0);
      return ['truth.json', '执法案件台账.csv', 'open311-requests.json'].map((f) =>
        readFileSync(join(dataDir, dir, f)),
      );
    };
    const [a, b] = [await write('out-a'), await write('out-b')];
    expect(a).toEqual(b);
    expect(JSON.parse(a[0]?.toString() ?? '')).toMatchObject({ seed: 'same', records: 800 });
  });

  it('generates into an empty database, serves it, and reuses it on the next start', async () => {
    const env = { SHANZHI_DATA_DIR: join(dataDir, 'demo-serve') };
    const serveOnce = async () => {
      const child = start(['demo', '--records', '600', '--port', '0'], env);
      const serving = await whenListening(child, 'demo');
      const { url } = serving;
      // The API needs a session: the demo's users sign in with the one demo password, in demo mode only.
      expect((await fetch(`${url}/api/complaints?town=330782199&limit=3`)).status).toBe(401);
      const login = await fetch(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'demo-leader', password: DEMO_PASSWORD }),
      });
      expect(login.status).toBe(200);
      const cookie = login.headers.get('set-cookie')?.split(';')[0] ?? '';
      const page = (await (
        await fetch(`${url}/api/complaints?town=330782199&limit=3`, { headers: { cookie } })
      ).json()) as {
        items: { complainant: { phone: string } }[];
      };
      await serving.stop();
      return { stderr: serving.output().stderr, page };
    };
    const first = await serveOnce();
    expect(first.stderr).toContain('demo town 330782199');
    expect(first.stderr).toContain('demo users demo-admin, demo-leader');
    expect(first.page.items).toHaveLength(3);
    expect(first.page.items[0]?.complainant.phone).toMatch(/\*{4}/);
    const second = await serveOnce();
    expect(second.stderr).toContain('using the data already in');
  });
});
