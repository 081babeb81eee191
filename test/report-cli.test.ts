import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { useCliDatabase } from '../src/cli/testing.js';
import { docxPart } from '../src/reports/document/testing.js';
import { testDatabases } from '../src/store/testing.js';

/** Each command is a Node process compiling TypeScript: slow on a busy machine. */
const CLI_TIMEOUT = 240_000;

const dataDir = mkdtempSync(join(tmpdir(), 'shanzhi-report-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe.each(testDatabases)('shanzhi report weekly on %s', (dialect) => {
  const run = useCliDatabase(dialect, dataDir);

  it(
    'writes the weekly bulletin of the demo town as DOCX',
    async () => {
      const demo = await run(['demo', 'generate', '--records', '1500', '--json']);
      expect(demo.code).toBe(0);
      const file = join(dataDir, `${dialect}-2026W40.docx`);
      const weekly = await run([
        'report',
        'weekly',
        '--town',
        '330782199',
        '--period',
        '2026W40',
        '--format',
        'docx',
        '--output',
        file,
        '--json',
      ]);
      expect(weekly.stderr).toBe('');
      expect(weekly.code).toBe(0);
      expect(JSON.parse(weekly.stdout)).toMatchObject({ output: file, title: '云溪镇案件信息通报' });
      const xml = docxPart(readFileSync(file), 'word/document.xml');
      expect(xml).toContain('云溪镇案件信息通报');
      expect(xml).toContain('下周工作要点');
    },
    CLI_TIMEOUT,
  );

  it(
    'refuses a bad week, an unknown format and an unknown town in one line naming the flag, writing nothing',
    async () => {
      const file = join(dataDir, `${dialect}-bad.docx`);
      const base = ['report', 'weekly', '--town', '330782199', '--output', file];
      const week = await run([...base, '--period', '2026W60']);
      expect(week.code).toBe(1);
      expect(week.stderr).toMatch(/^shanzhi: .*--period/);
      const format = await run([...base, '--period', '2026W40', '--format', 'pdf']);
      expect(format.code).toBe(1);
      expect(format.stderr).toMatch(/--format/);
      const town = await run(['report', 'weekly', '--town', 'nowhere', '--period', '2026W40', '--output', file]);
      expect(town.code).toBe(1);
      expect(town.stderr).toMatch(/nowhere/);
      expect(existsSync(file)).toBe(false);
    },
    CLI_TIMEOUT,
  );
});
