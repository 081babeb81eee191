import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
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

describe.each(testDatabases)('shanzhi report on %s', (dialect) => {
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
      const format = await run([...base, '--period', '2026W40', '--format', 'odt']);
      expect(format.code).toBe(1);
      expect(format.stderr).toMatch(/--format/);
      const town = await run(['report', 'weekly', '--town', 'nowhere', '--period', '2026W40', '--output', file]);
      expect(town.code).toBe(1);
      expect(town.stderr).toMatch(/nowhere/);
      expect(existsSync(file)).toBe(false);
      const now = await run(['report', 'run-due', '--now', 'next monday']);
      expect(now.code).toBe(1);
      expect(now.stderr).toMatch(/^shanzhi: .*--now/);
    },
    CLI_TIMEOUT,
  );

  it(
    'archives by default, names the file after the report in an --output folder, and lists the archive',
    async () => {
      const folder = mkdtempSync(join(dataDir, `${dialect}-out-`));
      const archived = await run(['report', 'weekly', '--period', '2026-W39', '--output', folder, '--json']);
      expect(archived.stderr).toBe('');
      const result = JSON.parse(archived.stdout);
      expect(result).toMatchObject({ output: join(folder, '云溪镇案件信息通报2026年第39周.docx'), version: 1 });
      expect(result.reportId).toEqual(expect.any(Number));
      expect(docxPart(readFileSync(result.output), 'word/document.xml')).toContain('云溪镇案件信息通报');

      const loose = await run([
        'report',
        'weekly',
        '--period',
        '2026W38',
        '--no-archive',
        '--output',
        folder,
        '--json',
      ]);
      expect(loose.code).toBe(0);
      expect(JSON.parse(loose.stdout)).toMatchObject({ reportId: null, version: null });
      expect(readdirSync(folder).sort()).toEqual([
        '云溪镇案件信息通报2026年第38周.docx',
        '云溪镇案件信息通报2026年第39周.docx',
      ]);

      const list = await run(['report', 'list', '--type', 'weekly', '--json']);
      expect(list.code).toBe(0);
      const periods = (JSON.parse(list.stdout).items as { period: string; trigger: string }[]).map(
        (r) => `${r.period} ${r.trigger}`,
      );
      expect(periods).toContain('2026W39 cli');
      expect(periods.some((p) => p.startsWith('2026W38'))).toBe(false);
    },
    CLI_TIMEOUT,
  );

  it(
    'builds a due run exactly once when several `report run-due` processes start together',
    async () => {
      const args = ['report', 'run-due', '--now', '2026-10-05T09:00:00+08:00', '--json'];
      const runs = await Promise.all([0, 1, 2, 3].map(() => run(args)));
      for (const r of runs) {
        expect(r.stderr).toBe('');
        expect(r.code).toBe(0);
      }
      const outcomes = runs.flatMap((r) => JSON.parse(r.stdout) as { period: string; status: string }[]);
      // Monday 2026-10-05: the week 2026W40 has ended; the most recent month and quarter due are August (due
      // 2026-09-01) and Q2 (due 2026-07-01), since October's first working day comes after the National Day holiday.
      const done = outcomes.filter((o) => o.status === 'done').map((o) => o.period);
      expect(done.sort()).toEqual(['2026-08', '2026Q2', '2026W40']);
      expect(outcomes.filter((o) => o.status === 'skipped').length).toBe(9);
      const list = await run(['report', 'list', '--period', '2026W40', '--type', 'weekly', '--json']);
      const scheduled = (JSON.parse(list.stdout).items as { trigger: string }[]).filter(
        (r) => r.trigger === 'schedule',
      );
      expect(scheduled.length).toBe(1);
    },
    CLI_TIMEOUT,
  );
});
