import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { useCliDatabase } from '../src/cli/testing.js';
import { testDatabases } from '../src/store/testing.js';

/** Each command is a Node process compiling TypeScript: slow on a busy machine. */
const CLI_TIMEOUT = 240_000;

const dataDir = mkdtempSync(join(tmpdir(), 'shanzhi-warnings-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe.each(testDatabases)('shanzhi warnings run on %s', (dialect) => {
  const run = useCliDatabase(dialect, dataDir);

  it(
    'says there is nothing to watch before any data, then runs over the demo town, the same again changing nothing',
    async () => {
      const empty = await run(['warnings', 'run']);
      expect(empty.code).toBe(0);
      expect(empty.stdout).toContain('no town holds records yet');

      const demo = await run(['demo', 'generate', '--records', '3000', '--json']);
      expect(demo.stderr.split('\n').filter((line) => line.startsWith('shanzhi:'))).toEqual([]);
      expect(demo.code).toBe(0);
      // The demo runs the engine over its last 8 weeks.
      expect(JSON.parse(demo.stdout).warnings).toMatchObject({ weeks: 8 });

      const first = await run(['warnings', 'run', '--town', '330782199', '--week', '2026W40', '--json']);
      expect(first.code).toBe(0);
      const [result] = JSON.parse(first.stdout) as { week: number; series: number; created: number[] }[];
      expect(result).toMatchObject({ week: 202640 });
      expect(result?.series).toBeGreaterThan(100);
      const again = await run(['warnings', 'run', '--town', '330782199', '--week', '2026W40', '--json']);
      expect(JSON.parse(again.stdout)[0]).toMatchObject({ created: [], updated: [] });
      const human = await run(['warnings', 'run', '--week', '2026W40']);
      expect(human.stdout).toMatch(/云溪镇 \(330782199\) week 202640: \d+ series/);
    },
    CLI_TIMEOUT,
  );

  it(
    'refuses a bad week or an unknown town in one line naming the flag',
    async () => {
      const week = await run(['warnings', 'run', '--week', '2026W60']);
      expect(week.code).not.toBe(0);
      expect(week.stderr).toMatch(/--week/);
      const town = await run(['warnings', 'run', '--town', 'nowhere']);
      expect(town.code).not.toBe(0);
      expect(town.stderr).toMatch(/--town|nowhere/);
    },
    CLI_TIMEOUT,
  );
});
