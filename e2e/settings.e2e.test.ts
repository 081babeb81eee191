import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { horizontalOverflow, pageErrors, screenshot, signIn, TOWN, useWebApp } from './harness.js';

/*
 * 设置 end to end. One step needs an administrator of scope `all` (the taxonomy is shared by every town, and the demo
 * administrator holds one town): it is made with `shanzhi user add` on the server's data folder, as a real
 * installation would.
 */

const ROOT = 'e2e-root';
const ROOT_PASSWORD = 'Root-Admin-Passphrase-2026';
const SECRETARY = 'e2e-secretary';
const SECRETARY_PASSWORD = 'Cun-Shuji-Pass-88';

interface ApiUser {
  username: string;
  grants: { role: string; kind: string; code: string | null }[];
}

const app = useWebApp(10_000);
let url: string;

beforeAll(async () => {
  url = app.url;
  const added = await app.cli(
    [
      'user',
      'add',
      '--username',
      ROOT,
      '--name',
      '全域管理员',
      '--role',
      'admin',
      '--scope',
      'all',
      '--password-stdin',
    ],
    ROOT_PASSWORD,
  );
  expect(added.code, added.stderr).toBe(0);
}, 120_000);

const newPage = (width = 1366, height = 768): Promise<Page> => app.newPage(width, height);

/** Sign in a user that is not a demo user (its own password). */
const signInAs = (page: Page, username: string, password: string) => signIn(page, url, username, password);

async function openTab(page: Page, tab: string, ready: string): Promise<void> {
  await page.click(`[data-testid="settings-tab-${tab}"]`);
  await page.waitForURL(new RegExp(`/settings/${tab}`));
  await page.waitForSelector(ready, { timeout: 20_000 });
}

/** Pick an option of an antd Select: by its title, or the first one; then wait until its list has closed. */
async function choose(page: Page, testId: string, title?: string): Promise<void> {
  await page.click(`[data-testid="${testId}"]`);
  const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
  await (title ? options.filter({ hasText: title }).first() : options.first()).click();
  // The list closes with an animation, slow on a busy machine: wait for it well past expect.poll's 1 s default.
  await expect.poll(() => page.locator('.ant-select-dropdown:visible').count(), { timeout: 15_000 }).toBe(0);
}

async function confirmPopover(page: Page): Promise<void> {
  await page.locator('.ant-popconfirm:visible .ant-btn-primary').click();
}

describe('设置 (settings) in Chromium', () => {
  it('shows every tab with data to the demo administrator, within 1366 px', async () => {
    const page = await newPage(1366, 768);
    const errors = pageErrors(page);
    await signIn(page, url, 'demo-admin');
    await page.getByRole('menuitem', { name: '设置' }).click();
    await page.waitForURL(/\/settings\/taxonomy/);
    await page.waitForSelector('[data-category]');
    const tabs: [string, string][] = [
      ['taxonomy', '[data-category]'],
      ['places', '[data-place]'],
      ['departments', '[data-department]'],
      ['advice', '[data-testid^="advice-open-"]'],
      ['profiles', '[data-profile]'],
      ['users', '[data-user="demo-admin"]'],
    ];
    for (const [tab, ready] of tabs) {
      await openTab(page, tab, ready);
      expect(await page.locator(ready).count(), tab).toBeGreaterThan(0);
      await page.waitForTimeout(300);
      await screenshot(page, `settings-${tab}`);
      expect(await horizontalOverflow(page), tab).toBeLessThanOrEqual(0);
    }
    // The taxonomy is shared: a town's administrator reads it and its version but may not change it.
    await openTab(page, 'taxonomy', '[data-category]');
    await expect(page.locator('[data-testid="taxonomy-version"]').textContent()).resolves.toMatch(/当前版本 v\d+/);
    expect(await page.locator('[data-testid="category-add-root"]').count()).toBe(0);
    expect(await page.locator('[data-testid="settings-read-only"]').count()).toBe(1);
    // Places: the villages say whether they have a boundary; roles are listed with their permissions.
    await openTab(page, 'places', '[data-place]');
    await expect(page.locator('[data-testid="places-summary"]').textContent()).resolves.toMatch(/个村社/);
    // Mapping profiles: columns → fields with their value maps.
    await openTab(page, 'profiles', '[data-profile]');
    expect(await page.locator('[data-testid="profile-value-map"]').count()).toBeGreaterThan(0);
    await openTab(page, 'users', '[data-role="village_secretary"]');
    expect(await page.locator('[data-role]').count()).toBe(10);
    expect(errors).toEqual([]);
  }, 120_000);

  it('creates a village secretary through the form, who then sees only their village', async () => {
    const page = await newPage(1366, 768);
    const errors = pageErrors(page);
    await signIn(page, url, 'demo-admin');
    await page.goto(`${url}/settings/users`);
    await page.waitForSelector('[data-user="demo-admin"]');
    await page.click('[data-testid="user-create"]');
    await page.fill('[data-testid="user-username"]', SECRETARY);
    await page.fill('[data-testid="user-display-name"]', '测试村书记');
    await page.fill('[data-testid="user-password"]', SECRETARY_PASSWORD);
    await choose(page, 'grant-role-0', '村（社区）书记');
    await choose(page, 'grant-code-0');
    await screenshot(page, 'settings-user-create');
    await page.click('[data-testid="user-save"]');
    await page.waitForSelector('.ant-message-success');
    await page.getByPlaceholder('按用户名或姓名搜索').fill(SECRETARY);
    await page.getByPlaceholder('按用户名或姓名搜索').press('Enter');
    await page.waitForURL(new RegExp(`q=${SECRETARY}`));
    // The search answers with the new user alone (the list before it held everyone).
    await expect.poll(() => page.locator('[data-user]').count(), { timeout: 15_000 }).toBe(1);
    await page.waitForSelector(`[data-user="${SECRETARY}"]`);

    const users = (await (await page.request.get(`${url}/api/users?q=${SECRETARY}`)).json()) as ApiUser[];
    expect(users).toHaveLength(1);
    expect(users[0]?.grants).toHaveLength(1);
    const grant = users[0]?.grants[0];
    expect(grant).toMatchObject({ role: 'village_secretary', kind: 'village' });
    const village = grant?.code ?? '';
    expect(village.startsWith(TOWN)).toBe(true);
    expect(errors).toEqual([]);

    // The new user, in a browser of their own: the overview loads, and every number is their village's.
    const own = await newPage(1366, 768);
    const ownErrors = pageErrors(own);
    await signInAs(own, SECRETARY, SECRETARY_PASSWORD);
    await own.waitForSelector('[data-kpi="complaints"][data-value]');
    const byVillage = (await (
      await own.request.get(`${url}/api/stats?town=${TOWN}&period=year&by=village`)
    ).json()) as { rows: { keys: { village?: { code: string | null } } }[] };
    const villages = new Set(byVillage.rows.map((row) => row.keys.village?.code));
    expect([...villages]).toEqual([village]);
    const menu = await own.locator('.ant-menu').textContent();
    expect(menu).not.toContain('设置');
    await screenshot(own, 'settings-new-secretary-overview');
    expect(ownErrors).toEqual([]);

    // Back as the administrator: add a second grant (PUT), then disable the account (its session ends).
    await page.click(`[data-testid="user-grants-${SECRETARY}"]`);
    await page.click('[data-testid="grant-add"]');
    await choose(page, 'grant-role-1', '年轻干部（学员）');
    await choose(page, 'grant-kind-1', '村社');
    await choose(page, 'grant-code-1');
    await page.click('[data-testid="grants-save"]');
    await expect
      .poll(async () => {
        const [user] = (await (await page.request.get(`${url}/api/users?q=${SECRETARY}`)).json()) as ApiUser[];
        return user?.grants.map((g) => `${g.role}@${g.kind}`).sort();
      })
      .toEqual(['trainee@village', 'village_secretary@village']);
    await page.click(`[data-testid="user-toggle-${SECRETARY}"]`);
    await confirmPopover(page);
    await expect
      .poll(async () => {
        const [user] = (await (await page.request.get(`${url}/api/users?q=${SECRETARY}`)).json()) as {
          disabled: boolean;
        }[];
        return user?.disabled;
      })
      .toBe(true);
    expect((await own.request.get(`${url}/api/auth/me`)).status()).toBe(401);
    expect(errors).toEqual([]);
  }, 120_000);

  it('edits an advice template with a preview, saves it and brings the built-in back', async () => {
    const page = await newPage(1366, 768);
    const errors = pageErrors(page);
    await signIn(page, url, 'demo-admin');
    await page.goto(`${url}/settings/advice?situation=village_surge`);
    await page.click('[data-testid="advice-open-generic.village_surge"]');
    await page.waitForSelector('[data-testid="advice-body"]');
    const body = page.locator('[data-testid="advice-body"]');
    const original = await body.inputValue();
    const edited = `${original}（本镇补充：周五联合执法时一并检查。）`;
    await body.fill(edited);
    await page.click('[data-testid="advice-preview"]');
    await page.waitForSelector('[data-testid="advice-preview-result"]');
    const preview = await page.locator('[data-testid="advice-preview-result"]').textContent();
    expect(preview).toContain('本镇补充：周五联合执法时一并检查。');
    expect(preview).not.toContain('{'); // every placeholder was filled
    await screenshot(page, 'settings-advice-preview');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

    await page.click('[data-testid="advice-save"]');
    await page.waitForSelector('[data-testid="advice-reset"]');
    const saved = (await (
      await page.request.get(`${url}/api/advice-templates/generic.village_surge?town=${TOWN}`)
    ).json()) as { origin: string; body: string };
    expect(saved).toMatchObject({ origin: 'edited', body: edited });

    await page.click('[data-testid="advice-reset"]');
    await confirmPopover(page);
    await page.waitForSelector('[data-testid="advice-reset"]', { state: 'detached' });
    const reset = (await (
      await page.request.get(`${url}/api/advice-templates/generic.village_surge?town=${TOWN}`)
    ).json()) as { origin: string; body: string };
    expect(reset).toMatchObject({ origin: 'builtin', body: original });
    expect(errors).toEqual([]);
  }, 120_000);

  it('lets an administrator of all add a category, which makes a new taxonomy version (1920×1080)', async () => {
    const page = await newPage(1920, 1080);
    const errors = pageErrors(page);
    await signInAs(page, ROOT, ROOT_PASSWORD);
    await page.goto(`${url}/settings/taxonomy`);
    await page.waitForSelector('[data-category]');
    const before = (await (await page.request.get(`${url}/api/taxonomy/versions`)).json()) as { version: number }[];
    const version = before[0]?.version ?? 0;
    await expect(page.locator('[data-testid="taxonomy-version"]').textContent()).resolves.toContain(`v${version}`);

    await page.click('[data-testid="category-add-root"]');
    await page.fill('[data-testid="category-code"]', 'pet_keeping');
    await page.fill('[data-testid="category-name"]', '宠物饲养');
    await page.fill('[data-testid="category-name-en"]', 'Pet keeping');
    await page.fill('[data-testid="category-note"]', '新增宠物饲养类（e2e）');
    await page.click('[data-testid="category-save"]');
    await page.waitForSelector('[data-category="pet_keeping"]');
    await page.waitForFunction(
      `document.querySelector('[data-testid="taxonomy-version"]')?.textContent?.includes('v${version + 1}')`,
    );
    await page.waitForSelector(`[data-testid="taxonomy-versions"] td:text-is("v${version + 1}")`);
    await expect(page.locator('[data-testid="taxonomy-versions"]').textContent()).resolves.toContain(
      '新增宠物饲养类（e2e）',
    );
    expect(page.url()).toContain('category=pet_keeping');
    await screenshot(page, 'settings-taxonomy-added');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(errors).toEqual([]);
  }, 120_000);

  it('does not list 设置 in the analyst’s menu', async () => {
    const page = await newPage(1366, 768);
    await signIn(page, url, 'demo-analyst');
    const menu = await page.locator('.ant-menu').textContent();
    expect(menu).toContain('总览');
    expect(menu).not.toContain('设置');
  }, 60_000);
});
