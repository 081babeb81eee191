import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Serving, startCli, whenListening } from '../src/cli/testing.js';

/*
 * The command-room web app end to end: the built app (dist/web, built by `npm test` before vitest runs) served by
 * `shanzhi demo` over a small demo town, driven in Debian's Chromium. Screenshots go to e2e/screenshots/ (git-ignored)
 * for a person to look at.
 */

const ROOT = join(import.meta.dirname, '..');
const WEB_DIR = join(ROOT, 'dist', 'web');
const SHOTS = join(import.meta.dirname, 'screenshots');
const CHROMIUM = process.env.SHANZHI_CHROMIUM ?? '/usr/bin/chromium';
const DEMO_PASSWORD = 'Shanzhi-Demo-2026';
const TOWN = '330782199';
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

async function signIn(page: Page, url: string, username: string): Promise<void> {
  await page.goto(`${url}/`);
  await page.waitForURL(/\/login$/);
  await page.getByLabel(/用户名|Username/).fill(username);
  await page.getByLabel(/密码|Password/).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /登\s*录|Sign in/ }).click();
  await page.waitForSelector('[data-kpi="complaints"]', { timeout: 20_000 });
}

/** Wait until the charts have drawn (their canvases exist) so screenshots show them. */
async function chartsDrawn(page: Page): Promise<void> {
  for (const id of ['trend-chart', 'category-chart', 'village-map']) {
    await page.waitForSelector(`[data-testid="${id}"] canvas`, { timeout: 20_000 });
  }
  await page.waitForTimeout(1500); // ECharts' entry animation (1 s), on a busy machine
}

describe('the command-room web app in Chromium', () => {
  let dataDir: string;
  let serving: Serving;
  let browser: Browser;
  let url: string;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `Chromium not found at ${CHROMIUM}: install it with "apt-get install -y chromium fonts-noto-cjk" (or set SHANZHI_CHROMIUM)`,
      );
    }
    if (!existsSync(join(WEB_DIR, 'index.html'))) {
      throw new Error('dist/web is missing: run "npm run build:web" first (npm test does it before vitest)');
    }
    mkdirSync(SHOTS, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), 'shanzhi-e2e-'));
    const child = startCli(dataDir, ['demo', '--records', '20000', '--port', '0'], {
      SHANZHI_DATA_DIR: join(dataDir, 'data'),
    });
    serving = await whenListening(child, 'demo');
    url = serving.url;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  }, 240_000);

  const contexts: BrowserContext[] = [];
  afterAll(async () => {
    for (const context of contexts) {
      await context.close();
    }
    await browser?.close();
    await serving?.stop();
    if (dataDir) {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  const newPage = async (width: number, height: number) => {
    const context = await browser.newContext({ viewport: { width, height }, locale: 'zh-CN' });
    contexts.push(context);
    return context.newPage();
  };

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
    const page = await newPage(1366, 768);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${url}/`);
    await page.waitForURL(/\/login$/);
    await page.getByLabel('用户名').waitFor();
    await page.screenshot({ path: join(SHOTS, 'login-1366x768.png') });
    await signIn(page, url, 'demo-analyst');

    const answer = (await (await page.request.get(`${url}/api/stats?town=${TOWN}&${KPI_QUERY}`)).json()) as StatsAnswer;
    const expected = expectedCards(answer);
    expect(Number(expected.complaints)).toBeGreaterThan(0);
    expect(await shownCards(page)).toEqual(expected);
    await expect(page.locator('[data-kpi="complaints"]').textContent()).resolves.toContain(
      Number(expected.complaints).toLocaleString('zh-CN'),
    );
    await chartsDrawn(page);
    await page.screenshot({ path: join(SHOTS, 'overview-1366x768.png'), fullPage: true });

    // Usable: from navigation until the KPI cards hold numbers (session and stats loaded), on a warm cache; the
    // best of three loads, so one stall of a busy machine does not decide it.
    const loads: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const started = Date.now();
      await page.goto(`${url}/`);
      await page.waitForSelector('[data-kpi="complaints"]');
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
    await page.screenshot({ path: join(SHOTS, 'overview-en-1366x768.png'), fullPage: true });
    await page.getByTestId('language-switch').getByText('中文').click();
    await page.getByText('投诉举报', { exact: true }).waitFor();
    expect(errors).toEqual([]);
  }, 120_000);

  it('lays the overview out at 1920×1080', async () => {
    const page = await newPage(1920, 1080);
    await signIn(page, url, 'demo-analyst');
    await chartsDrawn(page);
    await page.screenshot({ path: join(SHOTS, 'overview-1920x1080.png'), fullPage: true });
    await page.goto(`${url}/login`);
    await page.getByLabel('用户名').waitFor();
    await page.screenshot({ path: join(SHOTS, 'login-1920x1080.png') });
    // Nothing wider than the window at the smaller size either.
    const small = await newPage(1366, 768);
    await signIn(small, url, 'demo-analyst');
    const overflow = await small.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
  }, 120_000);

  it('shows a village secretary only their village’s numbers', async () => {
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
    await page.screenshot({ path: join(SHOTS, 'overview-village-secretary-1366x768.png'), fullPage: true });
  }, 120_000);
});
