import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  horizontalOverflow,
  OVERVIEW_READY,
  pageErrors,
  screenshot,
  signIn,
  TOWN,
  useWebApp,
  WEB_DIR,
} from './harness.js';

/*
 * The overview end to end: the built app served by `shanzhi demo` over a small demo town, driven in Debian's
 * Chromium (see harness.ts). Screenshots go to e2e/screenshots/ (git-ignored).
 */

const KPI_BUDGET_KB = 600;
const USABLE_BUDGET_MS = 1500;

interface StatsRow {
  period: string;
  keys: Record<string, { code: string | null }>;
  values: Record<string, number | null>;
}
interface StatsAnswer {
  rows: StatsRow[];
  totals: StatsRow[];
}

/** What the eight cards must show, worked out here from the API answer (independently of the app's code). */
function expectedCards(answer: StatsAnswer): Record<string, string> {
  const latest = answer.totals.filter((row) => (row.values.records ?? 0) > 0).at(-1) ?? answer.totals.at(-1);
  const period = latest?.period;
  const kind = (code: string) =>
    answer.rows.find((row) => row.period === period && row.keys.kind?.code === code)?.values.records ?? 0;
  const total = (measure: string) => latest?.values[measure] ?? null;
  const text = (value: number | null) => (value === null ? '' : String(value));
  return {
    complaints: text(kind('complaint')),
    cases: text(kind('case')),
    difficult: text(total('difficult')),
    overdue: text(total('overdue')),
    handlingMedian: text(total('handlingMedian')),
    responseRate: text(total('responseRate')),
    resolutionRate: text(total('resolutionRate')),
    satisfactionRate: text(total('satisfactionRate')),
  };
}

const KPI_QUERY =
  'period=month&measures=records,difficult,overdue,handlingMedian,responseRate,resolutionRate,satisfactionRate&by=kind&compare=yoy,pop';

async function shownCards(page: Page): Promise<Record<string, string>> {
  return page.$$eval('[data-kpi]', (cards) =>
    Object.fromEntries(cards.map((card) => [card.getAttribute('data-kpi'), card.getAttribute('data-value')])),
  );
}

/** Wait until the complaints card shows `value` (a new query has been answered). */
async function complaintsShow(page: Page, value: string | undefined): Promise<void> {
  await page.waitForFunction(
    `document.querySelector('[data-kpi="complaints"]')?.getAttribute('data-value') === ${JSON.stringify(value)}`,
  );
}

/** Wait until the charts have drawn (their canvases exist) so screenshots show them. */
async function chartsDrawn(page: Page): Promise<void> {
  for (const id of ['trend-chart', 'category-chart', 'village-map']) {
    await page.waitForSelector(`[data-testid="${id}"] canvas`, { timeout: 20_000 });
  }
  await page.waitForTimeout(1500); // ECharts' entry animation (1 s), on a busy machine
}

describe('the command-room web app in Chromium', () => {
  const app = useWebApp();
  const newPage = (width: number, height: number) => app.newPage(width, height);

  it('loads at most 600 KB of JavaScript (gzip) before the first page', () => {
    const html = readFileSync(join(WEB_DIR, 'index.html'), 'utf8');
    const scripts = [
      ...html.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="\/([^"]+\.js)"/g),
    ].map((match) => match[1] as string);
    expect(scripts.length).toBeGreaterThan(0);
    const bytes = scripts.reduce((sum, file) => sum + gzipSync(readFileSync(join(WEB_DIR, file))).length, 0);
    console.log(`initial JS: ${scripts.length} files, ${(bytes / 1024).toFixed(1)} KB gzip (bar ${KPI_BUDGET_KB} KB)`);
    expect(bytes).toBeLessThanOrEqual(KPI_BUDGET_KB * 1024);
    // ECharts loads with the pages that draw charts, never before the login page.
    expect(scripts.some((file) => file.includes('echarts'))).toBe(false);
  });

  it('signs the analyst in, shows the API’s numbers, switches language, and prints how fast it is usable', async () => {
    const { url } = app;
    const page = await newPage(1366, 768);
    const errors = pageErrors(page);
    await page.goto(`${url}/`);
    await page.waitForURL(/\/login$/);
    await page.getByLabel('用户名').waitFor();
    // `shanzhi demo` tells the login page so, and it names the demo users and their password.
    await expect(page.getByTestId('demo-hint').textContent()).resolves.toContain('Shanzhi-Demo-2026');
    await screenshot(page, 'login');
    await signIn(page, url, 'demo-analyst');

    const answer = (await (await page.request.get(`${url}/api/stats?town=${TOWN}&${KPI_QUERY}`)).json()) as StatsAnswer;
    const expected = expectedCards(answer);
    expect(Number(expected.complaints)).toBeGreaterThan(0);
    expect(await shownCards(page)).toEqual(expected);
    await expect(page.locator('[data-kpi="complaints"]').textContent()).resolves.toContain(
      Number(expected.complaints).toLocaleString('zh-CN'),
    );
    await chartsDrawn(page);
    await screenshot(page, 'overview');

    // Usable: from navigation until the KPI cards hold numbers (session and stats loaded), on a warm cache; the
    // best of three loads, so one stall of a busy machine does not decide it.
    const loads: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const started = Date.now();
      await page.goto(`${url}/`);
      await page.waitForSelector(OVERVIEW_READY);
      loads.push(Date.now() - started);
    }
    const timing = await page.evaluate<string>(
      "JSON.stringify(performance.getEntriesByType('navigation').map((n) => [Math.round(n.responseEnd), Math.round(n.domContentLoadedEventEnd)]))",
    );
    const usableMs = Math.min(...loads);
    // Printed, not asserted: timings belong to benchmarks, and a busy 2-core machine would make an assertion flaky.
    console.log(
      `overview usable after ${usableMs} ms (loads ${loads.join(', ')} ms; last response/DOMContentLoaded ${timing}; bar ${USABLE_BUDGET_MS} ms)`,
    );

    // The period picker: quarters, as the API counts them.
    const quarterly = expectedCards(
      (await (
        await page.request.get(`${url}/api/stats?town=${TOWN}&${KPI_QUERY.replace('period=month', 'period=quarter')}`)
      ).json()) as StatsAnswer,
    );
    await page.getByTestId('period-picker').getByText('按季').click();
    await complaintsShow(page, quarterly.complaints);
    expect(await shownCards(page)).toEqual(quarterly);
    await page.getByTestId('period-picker').getByText('按月').click();
    await complaintsShow(page, expected.complaints);

    await page.getByTestId('language-switch').getByText('English').click();
    await page.getByText('Complaints', { exact: true }).waitFor();
    expect(await page.evaluate<string | null>("localStorage.getItem('shanzhi.locale')")).toBe('en-US');
    await page.reload();
    await page.getByText('Complaints', { exact: true }).waitFor();
    expect(await page.evaluate<string>('document.documentElement.lang')).toBe('en-US');
    await chartsDrawn(page);
    await screenshot(page, 'overview-en');
    await page.getByTestId('language-switch').getByText('中文').click();
    await page.getByText('投诉举报', { exact: true }).waitFor();
    expect(errors).toEqual([]);
  }, 120_000);

  it('lays the overview out at 1920×1080', async () => {
    const { url } = app;
    const page = await newPage(1920, 1080);
    await signIn(page, url, 'demo-analyst');
    await chartsDrawn(page);
    await screenshot(page, 'overview');
    await page.goto(`${url}/login`);
    await page.getByLabel('用户名').waitFor();
    // `shanzhi demo` tells the login page so, and it names the demo users and their password.
    await expect(page.getByTestId('demo-hint').textContent()).resolves.toContain('Shanzhi-Demo-2026');
    await screenshot(page, 'login');
    // Nothing wider than the window at the smaller size either.
    const small = await newPage(1366, 768);
    await signIn(small, url, 'demo-analyst');
    expect(await horizontalOverflow(small)).toBeLessThanOrEqual(0);
  }, 120_000);

  it('shows a village secretary only their village’s numbers', async () => {
    const { url } = app;
    const page = await newPage(1366, 768);
    await signIn(page, url, 'demo-village-secretary');
    const me = (await (await page.request.get(`${url}/api/auth/me`)).json()) as {
      user: { grants: { kind: string; code: string }[] };
    };
    const village = me.user.grants.find((grant) => grant.kind === 'village')?.code;
    expect(village).toBeDefined();
    const own = expectedCards(
      (await (await page.request.get(`${url}/api/stats?town=${TOWN}&${KPI_QUERY}`)).json()) as StatsAnswer,
    );
    expect(await shownCards(page)).toEqual(own);
    expect(await page.getByTestId('town-switch').count()).toBe(0);

    // The same numbers as the analyst sees for that village alone, and fewer than the whole town.
    const analyst = await newPage(1366, 768);
    await signIn(analyst, url, 'demo-analyst');
    const whole = expectedCards(
      (await (await analyst.request.get(`${url}/api/stats?town=${TOWN}&${KPI_QUERY}`)).json()) as StatsAnswer,
    );
    const villageOnly = (await (
      await analyst.request.get(`${url}/api/stats?town=${TOWN}&place=${village}&${KPI_QUERY}`)
    ).json()) as StatsAnswer;
    expect(own).toEqual(expectedCards(villageOnly));
    expect(Number(own.complaints)).toBeLessThan(Number(whole.complaints));

    // The analyst's click-through to that village (the filter lives in the address) shows the same numbers.
    await analyst.goto(`${url}/?place=${village}&placeName=${encodeURIComponent('本村')}`);
    await analyst.getByTestId('overview-filter').waitFor();
    await complaintsShow(analyst, own.complaints);
    expect(await shownCards(analyst)).toEqual(own);
    await chartsDrawn(page);
    await screenshot(page, 'overview-village-secretary');
  }, 120_000);
});
