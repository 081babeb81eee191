import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { horizontalOverflow, pageErrors, screenshot, signIn, useWebApp } from './harness.js';

/*
 * Every page as three kinds of user see it: the administrator, the command room's analyst and a village secretary.
 * Each signs in, visits every page their menu lists and sees it load without an error or a script failure, within the
 * window's width. The menus differ as the roles do. Screenshots of each (e2e/screenshots/pages-*).
 */

const ROLES = ['demo-admin', 'demo-analyst', 'demo-village-secretary'] as const;

/** Until nothing is loading any more: no page spinner, no table spinner, no skeleton, the network quiet. */
async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(
    '!document.querySelector(\'[data-testid="page-loading"], .ant-spin-spinning, .ant-skeleton-active\')',
    undefined,
    { timeout: 30_000 },
  );
}

describe('every page, for three roles', () => {
  const app = useWebApp();
  const menus = new Map<string, string[]>();

  for (const username of ROLES) {
    it(`${username} visits every page of their menu, and each loads cleanly`, async () => {
      const { url } = app;
      const page = await app.newPage(1366, 768);
      const errors = pageErrors(page);
      await signIn(page, url, username);
      const menu = page.locator('.ant-layout-sider .ant-menu-item');
      const labels = await menu.allTextContents();
      menus.set(username, labels);
      expect(labels[0]).toBe('总览');
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
          `pages-${username.replace('demo-', '')}-${path === '/' ? 'overview' : path.slice(1).replaceAll('/', '-')}`,
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
