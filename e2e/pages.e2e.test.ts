import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { horizontalOverflow, pageErrors, screenshot, signIn, useWebApp } from './harness.js';

/*
 * Every page as three kinds of user see it: the administrator, the command room's analyst and a village secretary.
 * Each signs in, visits every page their menu lists and sees it load without an error or a script failure, within the
 * window's width, at 1366×768 and 1920×1080, in Chinese and in English. The menus differ as the roles do. Screenshots
 * of each (e2e/screenshots/pages-*).
 */

interface Visit {
  username: string;
  width: number;
  height: number;
  english?: boolean;
}

/** The three roles at the laptop size; the administrator on the big screen too, and the analyst in English. */
const VISITS: Visit[] = [
  { username: 'demo-admin', width: 1366, height: 768 },
  { username: 'demo-analyst', width: 1366, height: 768 },
  { username: 'demo-village-secretary', width: 1366, height: 768 },
  { username: 'demo-admin', width: 1920, height: 1080 },
  { username: 'demo-analyst', width: 1366, height: 768, english: true },
];

/** Until nothing is loading any more: no page spinner, no table spinner, no skeleton, the network quiet. */
async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(
    '!document.querySelector(\'[data-testid="page-loading"], .ant-spin-spinning, .ant-skeleton-active\')',
    undefined,
    { timeout: 30_000 },
  );
}

describe('every page, for three roles, at both sizes and in both languages', () => {
  const app = useWebApp();
  const menus = new Map<string, string[]>();

  for (const { username, width, height, english } of VISITS) {
    const how = `${width}×${height}${english ? ', in English' : ''}`;
    it(`${username} visits every page of their menu (${how}), and each loads cleanly`, async () => {
      const { url } = app;
      const page = await app.newPage(width, height);
      if (english) {
        await page.addInitScript("localStorage.setItem('shanzhi.locale', 'en-US')");
      }
      const errors = pageErrors(page);
      await signIn(page, url, username);
      const menu = page.locator('.ant-layout-sider .ant-menu-item');
      const labels = await menu.allTextContents();
      expect(labels[0]).toBe(english ? 'Overview' : '总览');
      if (!english) {
        menus.set(username, labels);
      }
      for (const [index, label] of labels.entries()) {
        await menu.nth(index).click();
        await page.waitForFunction(
          `document.querySelector('.ant-layout-sider .ant-menu-item-selected')?.textContent === ${JSON.stringify(label)}`,
        );
        await settled(page);
        const failures = await page.getByTestId('query-error').allTextContents();
        expect(failures, `${label} as ${username}`).toEqual([]);
        expect(await horizontalOverflow(page), `${label} overflows`).toBeLessThanOrEqual(0);
        const path = new URL(page.url()).pathname;
        await screenshot(
          page,
          `pages-${username.replace('demo-', '')}${english ? '-en' : ''}-${path === '/' ? 'overview' : path.slice(1).replaceAll('/', '-')}`,
        );
      }
      expect(errors).toEqual([]);
    }, 240_000);
  }

  it('gives each role the menu its permissions open', () => {
    const admin = menus.get('demo-admin') ?? [];
    const analyst = menus.get('demo-analyst') ?? [];
    const secretary = menus.get('demo-village-secretary') ?? [];
    expect(admin).toContain('设置');
    expect(analyst).not.toContain('设置');
    expect(secretary).not.toContain('设置');
    for (const label of analyst) {
      expect(admin).toContain(label);
    }
    expect(analyst.length).toBeGreaterThan(1);
  });
});
