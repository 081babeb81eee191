import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { type Run, runCliWithInput, type Serving, startCli, whenListening } from '../src/cli/testing.js';

/*
 * What every browser test shares: the built app (dist/web, built by `npm test` before vitest runs, or
 * SHANZHI_WEB_DIR) served by `shanzhi demo` over a small demo town in a temporary data folder, Debian's Chromium,
 * signing in as a demo user, and screenshots in e2e/screenshots/ (git-ignored) for a person to look at.
 */

export const WEB_DIR = process.env.SHANZHI_WEB_DIR ?? join(import.meta.dirname, '..', 'dist', 'web');
export const SHOTS = join(import.meta.dirname, 'screenshots');
export const CHROMIUM = process.env.SHANZHI_CHROMIUM ?? '/usr/bin/chromium';
export const DEMO_PASSWORD = 'Shanzhi-Demo-2026';
export const TOWN = '330782199';
/** What the overview shows once it is usable: the first page after signing in. */
export const OVERVIEW_READY = '[data-kpi="complaints"]';

export interface WebApp {
  /** The server's address, e.g. http://127.0.0.1:41234 (valid inside tests, after beforeAll). */
  readonly url: string;
  /** A new browser context (its own cookies) with one page of this size, zh-CN. */
  newPage(width?: number, height?: number): Promise<Page>;
  /** Run the CLI on the server's data folder, as an operator would beside it (e.g. `user add --password-stdin`). */
  cli(args: string[], input?: string): Promise<Run>;
}

/** Start the demo server and the browser for the tests of this file (beforeAll), stop them after (afterAll). */
export function useWebApp(records = 20_000): WebApp {
  let dataDir: string | undefined;
  let env: NodeJS.ProcessEnv = {};
  let serving: Serving | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `Chromium not found at ${CHROMIUM}: install it with "apt-get install -y chromium fonts-noto-cjk" (or set SHANZHI_CHROMIUM)`,
      );
    }
    if (!existsSync(join(WEB_DIR, 'index.html'))) {
      throw new Error(`${WEB_DIR} is not built: run "npm run build:web" first (npm test does it before vitest)`);
    }
    mkdirSync(SHOTS, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), 'shanzhi-e2e-'));
    env = { SHANZHI_DATA_DIR: join(dataDir, 'data'), SHANZHI_WEB_DIR: WEB_DIR };
    const child = startCli(dataDir, ['demo', '--records', String(records), '--port', '0'], env);
    serving = await whenListening(child, 'demo');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  }, 240_000);

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

  return {
    get url() {
      if (!serving) {
        throw new Error('the demo server is not running: use the web app inside tests');
      }
      return serving.url;
    },
    async newPage(width = 1366, height = 768) {
      if (!browser) {
        throw new Error('the browser is not running: use the web app inside tests');
      }
      const context = await browser.newContext({ viewport: { width, height }, locale: 'zh-CN', acceptDownloads: true });
      contexts.push(context);
      return context.newPage();
    },
    cli(args, input = '') {
      if (!dataDir) {
        throw new Error('the demo server is not running: use the CLI inside tests or a later beforeAll');
      }
      return runCliWithInput(dataDir, args, input, env);
    },
  };
}

/** Sign in through the login page (a demo user by default); resolves when the overview (the first page) is usable. */
export async function signIn(page: Page, url: string, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${url}/`);
  await page.waitForURL(/\/login$/);
  await page.getByLabel(/用户名|Username/).fill(username);
  await page.getByLabel(/密码|Password/).fill(password);
  await page.getByRole('button', { name: /登\s*录|Sign in/ }).click();
  await page.waitForSelector(OVERVIEW_READY, { timeout: 20_000 });
}

/** Screenshot the whole page into e2e/screenshots/<name>-<width>x<height>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  const size = page.viewportSize();
  await page.screenshot({ path: join(SHOTS, `${name}-${size?.width}x${size?.height}.png`), fullPage: true });
}

/** Uncaught errors of the page's scripts, collected while the test runs (expect it to stay empty). */
export function pageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

/** Nothing wider than the window (a horizontal scroll bar would mean a layout that does not hold). */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
}
