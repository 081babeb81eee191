import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { horizontalOverflow, pageErrors, screenshot, signIn, TOWN, useWebApp } from './harness.js';

/*
 * 数据导入 end to end: the demo analyst uploads a small CSV in the demo town's 12345 export format (headers of
 * src/demo/export/work-order-columns.ts, read by the built-in profile 12345-work-orders) with four good rows and one
 * impossible date; detection proposes that profile; the page shows the progress, then the counts and the rejected row
 * (line and reason), the rejects download as CSV, and the good rows are in the store. A leader (imports:read only)
 * sees the history without the upload; a village secretary has no menu entry.
 */

const HEADERS = [
  '工单编号',
  '来电时间',
  '诉求渠道',
  '诉求人',
  '联系电话',
  '诉求标题',
  '诉求内容',
  '事发地址',
  '所属镇街',
  '所属村社',
  '问题分类',
  '被反映单位',
  '统一社会信用代码',
  '承办单位',
  '办理期限',
  '首次响应时间',
  '办结时间',
  '办理状态',
  '是否解决',
  '满意度',
  '是否疑难',
  '重办次数',
  '重复工单关联编号',
];
const DAY = '2025-06-03';
const BAD_DATE = '2025-02-30 09:15:00';
/** A run-unique prefix, so the rows are new to the demo store. */
const PREFIX = `E2E${Date.now().toString(36).toUpperCase()}`;

interface Place {
  code: string;
  name: string;
}
interface Category {
  code: string;
  name: string;
  level: number | string;
  path: string[];
  retired: boolean;
}

/** The CSV: four good rows, then (line 4 of the file) one with 2 月 30 日, then the last good one. */
async function makeCsv(page: Page, url: string): Promise<{ csv: string; good: string[]; bad: string }> {
  const town = ((await (await page.request.get(`${url}/api/places/${TOWN}`)).json()) as Place).name;
  const villages = (await (await page.request.get(`${url}/api/places?level=village&within=${TOWN}`)).json()) as Place[];
  const { categories } = (await (await page.request.get(`${url}/api/categories?flat=true`)).json()) as {
    categories: Category[];
  };
  const names = new Map(categories.map((category) => [category.code, category.name]));
  const leaf = categories.find((category) => category.path.length === 3 && !category.retired);
  expect(leaf, 'a level-3 category').toBeDefined();
  const categoryPath = (leaf?.path ?? []).map((code) => names.get(code)).join('/');
  const village = villages[0]?.name ?? '';
  const row = (no: string, opened: string, title: string) =>
    [
      no,
      opened,
      '12345热线',
      '王某',
      '13900000000',
      title,
      `${title}，请尽快处理。`,
      `${village}中心路 8 号`,
      town,
      village,
      categoryPath,
      '',
      '',
      '',
      '',
      '',
      '',
      '已受理',
      '',
      '',
      '否',
      '0',
      '',
    ].join(',');
  const good = [1, 2, 4, 5].map((n) => `${PREFIX}-${n}`);
  const lines = [
    HEADERS.join(','),
    row(good[0] as string, `${DAY} 08:30:00`, '占道经营'),
    row(good[1] as string, `${DAY} 09:00:00`, '噪声扰民'),
    row(`${PREFIX}-3`, BAD_DATE, '日期不可能'),
    row(good[2] as string, `${DAY} 10:45:00`, '乱堆放'),
    row(good[3] as string, `${DAY} 11:20:00`, '油烟扰民'),
  ];
  return { csv: `${lines.join('\r\n')}\r\n`, good, bad: `${PREFIX}-3` };
}

/** Wait until the start button is enabled and drawn so (antd fades its colours in). */
async function startReady(page: Page): Promise<void> {
  await page.waitForSelector('[data-testid="import-start"]:not([disabled])');
  await page.waitForTimeout(400);
}

async function chooseFile(page: Page, name: string, csv: string): Promise<void> {
  await page
    .getByTestId('import-dragger')
    .locator('input[type=file]')
    .setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
}

describe('数据导入 in Chromium', () => {
  const app = useWebApp();

  it('uploads a 12345 export: detection, progress, result with the rejected row, download, history', async () => {
    const { url } = app;
    const page = await app.newPage(1366, 768);
    const errors = pageErrors(page);
    await signIn(page, url, 'demo-analyst');
    await page.locator('.ant-menu').getByText('数据导入').click();
    await page.waitForURL(/\/imports$/);
    await page.getByTestId('import-history').waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

    // Detection ("自动识别" is the default) proposes the built-in profile of the 12345 export.
    const { csv, good, bad } = await makeCsv(page, url);
    const fileName = `12345-工单导出-${PREFIX}.csv`;
    await chooseFile(page, fileName, csv);
    const detected = page.getByTestId('import-detection').locator('[data-detected]');
    await detected.waitFor({ timeout: 20_000 });
    expect(await detected.getAttribute('data-detected')).toBe('12345-work-orders');
    await expect(detected.textContent()).resolves.toContain('12345 热线工单导出');
    expect(await page.getByTestId('import-town').textContent()).toBeTruthy();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await startReady(page);
    await screenshot(page, 'imports-upload');

    // Start: the result page polls the batch, draws the progress, then the counts.
    await page.getByTestId('import-start').click();
    await page.waitForURL(/\/imports\/\d+$/, { timeout: 30_000 });
    const batchId = Number(new URL(page.url()).pathname.split('/').pop());
    await page.getByTestId('import-progress').waitFor();
    await page.waitForSelector('[data-testid="import-result"][data-status="done"]', { timeout: 60_000 });
    expect(await page.getByTestId('import-progress').getAttribute('data-percent')).toBe('100');
    await expect(page.getByTestId('import-progress-rows').textContent()).resolves.toContain('已读取 5 行，已写入 4 行');
    const count = (key: string) => page.locator(`[data-count="${key}"]`).getAttribute('data-value');
    expect(await count('rows')).toBe('5');
    expect(await count('inserted')).toBe('4');
    expect(await count('rejected')).toBe('1');

    // The rejected row: its line (the header is line 1) and the reason, in Chinese, as the API has them.
    const table = page.getByTestId('import-issues-table');
    await table.locator('tbody tr.ant-table-row').first().waitFor();
    expect(await table.locator('tbody tr.ant-table-row').count()).toBe(1);
    const cells = await table.locator('tbody tr.ant-table-row td').allTextContents();
    const issues = (await (await page.request.get(`${url}/api/imports/${batchId}/issues?severity=reject`)).json()) as {
      items: { line: number; column: string; value: string; reason: string; code: string }[];
    };
    expect(issues.items).toHaveLength(1);
    const issue = issues.items[0];
    expect(issue).toMatchObject({ line: 4, column: '来电时间', value: BAD_DATE, code: 'not_a_datetime' });
    expect(issue?.reason).toMatch(new RegExp(`^“${BAD_DATE}”不是本配置能读的日期时间（可读的格式：`));
    expect(cells).toEqual([fileName, '4', '来电时间', BAD_DATE, issue?.reason]);
    const english = (await (
      await page.request.get(`${url}/api/imports/${batchId}/issues?severity=reject&locale=en-US`)
    ).json()) as { items: { reason: string }[] };
    expect(english.items[0]?.reason).toContain(`"${BAD_DATE}" is not a date and time this profile reads`);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'imports-result');

    // The rejects download as CSV through the button, and hold the bad row.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('import-download-csv').click(),
    ]);
    expect(download.suggestedFilename()).toBe(`import-${batchId}-rejects.csv`);
    const file = readFileSync((await download.path()) as string, 'utf8');
    expect(file).toContain(BAD_DATE);
    expect(file).toContain(fileName);
    expect(file).toContain('不是本配置能读的日期时间');

    // The good rows are stored: the complaints of that day hold them, and not the bad one.
    const stored = (await (
      await page.request.get(`${url}/api/complaints?town=${TOWN}&from=${DAY}&to=${DAY}&limit=500`)
    ).json()) as { items: { externalNo: string; sourceSystem: string }[] };
    const numbers = stored.items.filter((item) => item.sourceSystem === '12345').map((item) => item.externalNo);
    expect(numbers).toEqual(expect.arrayContaining(good));
    expect(numbers).not.toContain(bad);

    // The history lists it first and opens its result page.
    await page.getByTestId('import-back').click();
    await page.waitForURL(/\/imports$/);
    const first = page.getByTestId('import-history').locator('tbody tr.ant-table-row').first();
    await first.waitFor();
    expect(await first.getAttribute('data-batch')).toBe(String(batchId));
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'imports-history');
    await first.getByTestId('import-history-open').click();
    await page.waitForURL(new RegExp(`/imports/${batchId}$`));
    await page.getByTestId('import-result').waitFor();

    // A dry run of the same file stores nothing: all four good rows come out unchanged.
    await page.goto(`${url}/imports`);
    await chooseFile(page, fileName, csv);
    await detected.waitFor({ timeout: 20_000 });
    await page.getByTestId('import-dry-run').click();
    await page.getByTestId('import-start').click();
    await page.waitForURL(/\/imports\/\d+$/, { timeout: 30_000 });
    await page.waitForSelector('[data-testid="import-result"][data-status="done"]', { timeout: 60_000 });
    expect(await count('unchanged')).toBe('4');
    expect(await count('inserted')).toBe('0');
    await expect(page.getByTestId('import-progress-rows').textContent()).resolves.toContain('试运行');
    expect(errors).toEqual([]);

    // The same pages at 1920×1080.
    const wide = await app.newPage(1920, 1080);
    await signIn(wide, url, 'demo-analyst');
    await wide.goto(`${url}/imports`);
    await wide.getByTestId('import-history').locator('tbody tr.ant-table-row').first().waitFor();
    await screenshot(wide, 'imports-history');
    await chooseFile(wide, fileName, csv);
    await wide.getByTestId('import-detection').locator('[data-detected]').waitFor({ timeout: 20_000 });
    await startReady(wide);
    await screenshot(wide, 'imports-upload');
    await wide.goto(`${url}/imports/${batchId}`);
    await wide.getByTestId('import-issues-table').locator('tbody tr.ant-table-row').first().waitFor();
    await screenshot(wide, 'imports-result');
  }, 180_000);

  it('shows a leader the imports without the upload, and a village secretary no import page', async () => {
    const { url } = app;
    const leader = await app.newPage(1366, 768);
    await signIn(leader, url, 'demo-leader');
    await leader.locator('.ant-menu').getByText('数据导入').click();
    await leader.getByTestId('imports-no-write').waitFor();
    expect(await leader.getByTestId('import-dragger').count()).toBe(0);
    await leader.getByTestId('import-history').waitFor();

    const secretary = await app.newPage(1366, 768);
    await signIn(secretary, url, 'demo-village-secretary');
    expect(await secretary.locator('.ant-menu').getByText('数据导入').count()).toBe(0);
  }, 120_000);
});
