import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { horizontalOverflow, pageErrors, screenshot, signIn, TOWN, useWebApp } from './harness.js';

/*
 * The analysis page (分析) end to end: an analyst builds a pivot through the controls, the table holds exactly the
 * numbers of GET /api/stats for the same query (worked out here from the API answer, not with the app's code), the
 * XLSX export downloaded through the button holds the filters at the top and the same numbers, and a village
 * secretary's pivot holds only their village. Screenshots at 1366×768 and 1920×1080 (e2e/screenshots/analysis-*).
 */

interface Key {
  code: string | null;
  name: string;
}
interface Compared {
  period: string;
  values: Record<string, number | null>;
  change: Record<string, number | null>;
}
interface Row {
  period: string;
  keys: Record<string, Key>;
  values: Record<string, number | null>;
  yoy?: Compared;
}
interface Answer {
  periods: string[];
  rows: Row[];
  totals: Row[];
}

const MEASURES = ['records', 'closed', 'overdue', 'responseRate', 'handlingMedian'];
const RATES = new Set(['responseRate']);
const DURATIONS = new Set(['handlingMedian']);

/** How the page must write a value, worked out independently of web/src/i18n/format.ts. */
function shown(measure: string, value: number | null): string {
  if (value === null) {
    return '—';
  }
  if (RATES.has(measure)) {
    return `${(value * 100).toFixed(1)}%`;
  }
  if (DURATIONS.has(measure)) {
    return (value / 3_600_000).toFixed(1);
  }
  return value.toLocaleString('zh-CN');
}

function shownChange(measure: string, change: number | null): string {
  if (change === null) {
    return '—';
  }
  const scaled = change * 100;
  const sign = scaled > 0 ? '+' : scaled < 0 ? '−' : '±';
  return `${sign}${Math.abs(scaled).toFixed(1)}${RATES.has(measure) ? '' : '%'}`;
}

type Cells = Record<string, { v: string; text: string }>;

/** Every table row the API answer must give: row key → cell id → raw value and text. */
function expectedTable(answer: Answer, by: string[], compare: string[]): Record<string, Cells> {
  const table: Record<string, Cells> = {};
  const cells = (row: Row) => {
    const out: Cells = {};
    for (const m of MEASURES) {
      const value = row.values[m] ?? null;
      out[m] = { v: value === null ? '' : String(value), text: shown(m, value) };
      for (const c of compare) {
        const change = (c === 'yoy' ? row.yoy : undefined)?.change[m] ?? null;
        out[`${m}.${c}`] = { v: change === null ? '' : String(change), text: shownChange(m, change) };
      }
    }
    return out;
  };
  for (const row of answer.rows) {
    table[[row.period, ...by.map((d) => row.keys[d]?.code ?? '_none')].join('|')] = cells(row);
  }
  for (const total of answer.totals) {
    table[`${total.period}|_total`] = cells(total);
  }
  return table;
}

/** What the table shows: row key → cell id → raw value (data-v) and text, measure cells only. */
function shownTable(page: Page): Promise<Record<string, Cells>> {
  return page.$$eval('[data-testid="analysis-table"] tbody tr[data-row-key]', (rows) =>
    Object.fromEntries(
      rows.map((tr) => [
        tr.getAttribute('data-row-key'),
        Object.fromEntries(
          [...tr.querySelectorAll('[data-v]')].map((cell) => [
            cell.getAttribute('data-col'),
            { v: cell.getAttribute('data-v'), text: cell.textContent },
          ]),
        ),
      ]),
    ),
  );
}

/**
 * Wait until the table shows exactly these rows for a query with these parameters (the new query has been answered
 * and drawn — not the table of the query before, which may have the same rows).
 */
async function tableShows(page: Page, keys: string[], query: Record<string, string>): Promise<void> {
  const want = JSON.stringify([...keys].sort());
  await page.waitForFunction(
    `(() => {
      const table = document.querySelector('[data-testid="analysis-table"]');
      const asked = new URLSearchParams((table?.getAttribute('data-query') ?? '').split('?')[1] ?? '');
      const rows = [...document.querySelectorAll('[data-testid="analysis-table"] tbody tr[data-row-key]')];
      return Object.entries(${JSON.stringify(query)}).every(([name, value]) => asked.get(name) === value) &&
        JSON.stringify(rows.map((tr) => tr.getAttribute('data-row-key')).sort()) === ${JSON.stringify(want)};
    })()`,
    undefined,
    { timeout: 30_000 },
  );
}

/** Pick an option of an antd Select by typing its text and clicking the option of that exact title. */
async function pick(page: Page, testId: string, title: string): Promise<void> {
  // The search input: a click on the box's middle may land on a chosen tag, which does not open the list.
  await page.getByTestId(testId).locator('input').first().click();
  await page.keyboard.type(title);
  await page.locator(`.ant-select-dropdown:not(.ant-select-dropdown-hidden) [title="${title}"]`).first().click();
  await page.keyboard.press('Escape');
}

async function chartDrawn(page: Page): Promise<void> {
  await page.waitForSelector('[data-testid="analysis-chart"] canvas', { timeout: 30_000 });
  await page.waitForTimeout(1200); // ECharts' entry animation
}

async function getJson<T>(page: Page, path: string): Promise<T> {
  const response = await page.request.get(path);
  expect(response.status(), path).toBe(200);
  return (await response.json()) as T;
}

describe('the analysis page in Chromium', () => {
  const app = useWebApp();

  it('builds a pivot through the controls: the table and the XLSX hold the API’s numbers', async () => {
    const { url } = app;
    const page = await app.newPage(1366, 768);
    const errors = pageErrors(page);
    await signIn(page, url, 'demo-analyst');
    await page.locator('.ant-layout-sider .ant-menu-item', { hasText: '分析' }).click();
    await page.waitForURL(/\/analysis/);
    await page.getByTestId('analysis-table').waitFor({ timeout: 30_000 });

    // The latest month with records (the month holding as-of may have just begun).
    const months = await getJson<Answer>(page, `${url}/api/stats?town=${TOWN}&period=month&measures=records`);
    const month = months.totals.filter((row) => (row.values.records ?? 0) > 0).at(-1)?.period as string;
    expect(month).toMatch(/^\d{4}-\d{2}$/);

    await pick(page, 'analysis-measures', '处置时长中位数');
    await pick(page, 'analysis-by', '村社');
    await page.getByTestId('analysis-period').getByText('月', { exact: true }).click();
    await pick(page, 'analysis-from', month);
    await pick(page, 'analysis-to', month);
    await page.getByTestId('analysis-compare').getByText('同比').click();

    const base = `town=${TOWN}&period=month&from=${month}&to=${month}&measures=${MEASURES.join(',')}&compare=yoy`;
    const one = await getJson<Answer>(page, `${url}/api/stats?${base}&by=village`);
    expect(one.rows.length).toBeGreaterThan(1);
    const expectedOne = expectedTable(one, ['village'], ['yoy']);
    await tableShows(page, Object.keys(expectedOne), { by: 'village', compare: 'yoy', from: month, to: month });
    expect(await shownTable(page)).toEqual(expectedOne);
    // The whole view is in the address.
    const address = new URL(page.url()).searchParams;
    expect(Object.fromEntries(address)).toMatchObject({
      measures: MEASURES.join(','),
      by: 'village',
      period: 'month',
      from: month,
      to: month,
      compare: 'yoy',
      town: TOWN,
    });
    await chartDrawn(page);
    await screenshot(page, 'analysis-village');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

    // Two dimensions: village × kind.
    await pick(page, 'analysis-by', '类型');
    const two = await getJson<Answer>(page, `${url}/api/stats?${base}&by=village,kind`);
    const expectedTwo = expectedTable(two, ['village', 'kind'], ['yoy']);
    await tableShows(page, Object.keys(expectedTwo), { by: 'village,kind', compare: 'yoy' });
    expect(await shownTable(page)).toEqual(expectedTwo);
    await chartDrawn(page);
    await screenshot(page, 'analysis');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

    // A reload (or a shared link) shows the same view.
    await page.reload();
    await tableShows(page, Object.keys(expectedTwo), { by: 'village,kind', compare: 'yoy' });

    // The export through the button: the same query as a file.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const file = readFileSync(await download.path());
    expect(file.subarray(0, 2).toString('latin1')).toBe('PK');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet).toBeDefined();
    const lines: unknown[][] = [];
    sheet?.eachRow({ includeEmpty: true }, (row) => {
      lines.push((row.values as unknown[]).slice(1));
    });
    const head = lines.slice(0, 5).map((line) => String(line[0]));
    expect(head[0]).toContain('村社 × 类型');
    expect(head[1]).toMatch(/^数据范围：/);
    expect(head[2]).toMatch(new RegExp(`^筛选：镇街 .+（${TOWN}）`));
    expect(head[3]).toBe(`周期：月；范围：${month} 至 ${month}；比较：同比`);
    const headerAt = lines.findIndex((line) => line[0] === '月');
    expect(lines[headerAt]?.slice(0, 7)).toEqual(['月', '村社', '类型', '记录数', '办结数', '超期数', '响应率']);
    const fromFile = new Map(
      lines
        .slice(headerAt + 1)
        .map((line) => [`${line[0]}|${line[1]}|${line[2]}`, [3, 4, 5, 6].map((i) => line[i] ?? null)]),
    );
    const fromApi = new Map(
      two.rows.map((row) => [
        `${row.period}|${row.keys.village?.name}|${row.keys.kind?.name}`,
        ['records', 'closed', 'overdue', 'responseRate'].map((m) => row.values[m] ?? null),
      ]),
    );
    for (const total of two.totals) {
      fromApi.set(
        `${total.period}|合计|合计`,
        ['records', 'closed', 'overdue', 'responseRate'].map((m) => total.values[m] ?? null),
      );
    }
    expect(fromFile).toEqual(fromApi);

    // The CSV button asks the very same query.
    const csvHref = await page.getByTestId('export-csv').getAttribute('href');
    const xlsxHref = await page.getByTestId('export-xlsx').getAttribute('href');
    expect(csvHref?.replace('/api/stats.csv', '/api/stats.xlsx')).toBe(xlsxHref);
    expect(errors).toEqual([]);
  }, 180_000);

  it('lays the pivot out at 1920×1080 and 1366×768 with top N, shares and both comparisons', async () => {
    const { url } = app;
    const view = 'by=category1&top=8&share=true&compare=yoy,pop&measures=records,satisfactionRate,handlingP90';
    for (const [width, height] of [
      [1920, 1080],
      [1366, 768],
    ] as const) {
      const page = await app.newPage(width, height);
      const errors = pageErrors(page);
      await signIn(page, url, 'demo-analyst');
      await page.goto(`${url}/analysis?${view}`);
      const answer = await getJson<Answer>(page, `${url}/api/stats?town=${TOWN}&period=month&${view}`);
      const keys = [
        ...answer.rows.map((row) => `${row.period}|${row.keys.category1?.code ?? '_none'}`),
        ...answer.totals.map((row) => `${row.period}|_total`),
      ];
      // 12 months of 9 keys and a total: more than a page of 100 rows would hold.
      await page.waitForFunction(
        `document.querySelectorAll('[data-testid="analysis-table"] tbody tr[data-row-key]').length === ${Math.min(100, keys.length)}`,
        undefined,
        { timeout: 30_000 },
      );
      expect(answer.rows.some((row) => row.keys.category1?.code === '_others')).toBe(true);
      await chartDrawn(page);
      await screenshot(page, 'analysis-top');
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      expect(errors).toEqual([]);
    }
  }, 180_000);

  it('gives a village secretary a pivot of their village only', async () => {
    const { url } = app;
    const page = await app.newPage(1366, 768);
    await signIn(page, url, 'demo-village-secretary');
    const me = await getJson<{ user: { grants: { kind: string; code: string }[] } }>(page, `${url}/api/auth/me`);
    const village = me.user.grants.find((grant) => grant.kind === 'village')?.code;
    expect(village).toBeDefined();
    await page.goto(`${url}/analysis?measures=${MEASURES.join(',')}&by=village&period=quarter`);
    const own = await getJson<Answer>(
      page,
      `${url}/api/stats?town=${TOWN}&period=quarter&measures=${MEASURES.join(',')}&by=village`,
    );
    const expected = expectedTable(own, ['village'], []);
    await tableShows(page, Object.keys(expected), { by: 'village', period: 'quarter' });
    expect(await shownTable(page)).toEqual(expected);
    const villages = new Set(own.rows.map((row) => row.keys.village?.code));
    expect([...villages]).toEqual([village]);
    expect(own.totals.some((row) => (row.values.records ?? 0) > 0)).toBe(true);
    await chartDrawn(page);
    await screenshot(page, 'analysis-village-secretary');

    // Another village is outside the scope: nothing (an empty state that says what to do), not an error.
    const places = await getJson<{ code: string }[]>(page, `${url}/api/places?level=village&within=${TOWN}`);
    const other = places.find((place) => place.code !== village)?.code as string;
    await page.goto(`${url}/analysis?measures=records&by=village&place=${other}`);
    await page.getByTestId('analysis-empty').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('analysis-empty').textContent()).toContain('没有记录');
  }, 120_000);
});
