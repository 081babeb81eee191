import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { onPostgres, runCli, useFreshPostgresUrl } from '../src/cli/testing.js';
import { testDatabases } from '../src/store/testing.js';

/** Each command is a Node process compiling TypeScript: slow on a busy machine. */
const CLI_TIMEOUT = 180_000;

const dataDir = mkdtempSync(join(tmpdir(), 'shanzhi-audit-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe.each(testDatabases)('shanzhi audit on %s', (dialect) => {
  const postgres = dialect === 'postgres' ? useFreshPostgresUrl() : undefined;
  const env = postgres ? { DATABASE_URL: postgres.url } : { SHANZHI_DATA_DIR: join(dataDir, 'sqlite') };
  const run = (args: string[]) => runCli(dataDir, args, env);

  /** Change the first entry behind the triggers' back, as someone with the database owner's rights could. */
  async function tamper(): Promise<void> {
    if (postgres) {
      await onPostgres(`drop trigger audit_log_no_change on ${postgres.schema}.audit_log`);
      await onPostgres(`update ${postgres.schema}.audit_log set reason = 'edited' where seq = 1`);
      return;
    }
    const db = new SQLite(join(dataDir, 'sqlite', 'shanzhi.db'));
    try {
      db.exec('drop trigger audit_log_no_update');
      db.exec("update audit_log set reason = 'edited' where seq = 1");
    } finally {
      db.close();
    }
  }

  it(
    'verifies an intact log, printing the count and the head hash',
    async () => {
      const json = await run(['audit', 'verify', '--json']);
      expect(json.stderr).toBe('');
      expect(json.code).toBe(0);
      const result = JSON.parse(json.stdout) as { ok: boolean; entries: number; head: { seq: number; hash: string } };
      // The start-up loaded the default taxonomy: the first entry.
      expect(result).toMatchObject({ ok: true, entries: 1, head: { seq: 1 } });
      const human = await run(['audit', 'verify']);
      expect(human.code).toBe(0);
      expect(human.stdout).toContain(`audit log OK: 1 entries verified; head #1 ${result.head.hash}`);
    },
    CLI_TIMEOUT,
  );

  it(
    'lists entries, filtered, and refuses a bad flag in one line naming it',
    async () => {
      const json = await run(['audit', 'list', '--action', 'taxonomy.*', '--limit', '5', '--json']);
      expect(json.code).toBe(0);
      expect(JSON.parse(json.stdout)).toMatchObject([
        { seq: 1, action: 'taxonomy.load_default', actor: { kind: 'system', name: 'startup' } },
      ]);
      const none = await run(['audit', 'list', '--actor', 'nobody']);
      expect(none.stdout.trim()).toBe('no audit entries');
      for (const [args, flag] of [
        [['--limit', '0'], '--limit'],
        [['--from', '2026-02-30'], '--from'],
        [['--town', 'nowhere'], '--town'],
      ] as const) {
        const bad = await run(['audit', 'list', ...args]);
        expect(bad.code).toBe(1);
        expect(bad.stderr.trim().split('\n')).toHaveLength(1);
        expect(bad.stderr).toContain(`shanzhi: ${flag}:`);
      }
    },
    CLI_TIMEOUT,
  );

  it(
    'exits 1 naming the first broken entry and the reason',
    async () => {
      await tamper();
      const human = await run(['audit', 'verify']);
      expect(human.code).toBe(1);
      expect(human.stdout).toContain('audit log BROKEN at entry #1 (hash)');
      expect(human.stderr.trim()).toBe('shanzhi: audit log broken at entry #1 (hash)');
      const json = await run(['audit', 'verify', '--json']);
      expect(json.code).toBe(1);
      expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, entries: 0, break: { seq: 1, reason: 'hash' } });
    },
    CLI_TIMEOUT,
  );
});
