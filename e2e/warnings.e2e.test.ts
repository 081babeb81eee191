import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { horizontalOverflow, pageErrors, screenshot, signIn, TOWN, useWebApp } from './harness.js';

/*
 * 预警中心 end to end, on the warnings `shanzhi demo` raises by running the engine over the demo town's last 8 weeks
 * (docs/warnings.md "When it runs"): the list equals the API's answer for the same query, a warning's detail draws
 * its chart, the analyst acknowledges one through the page, and a read-only auditor sees no action buttons.
 */

interface ApiWarning {
  id: number;
  status: string;
  severity: string;
  summary: string;
}

async function apiWarnings(page: Page, url: string, query: string): Promise<ApiWarning[]> {
  const response = await page.request.get(`${url}/api/warnings?${query}`);
  expect(response.status()).toBe(200);
  return ((await response.json()) as { items: ApiWarning[] }).items;
}

/** The rows the list shows: id, level and status as the page marks them. */
async function shownRows(page: Page) {
  return page.$$eval('[data-testid="warning-row"]', (rows) =>
    rows.map((row) => ({
      id: Number(row.getAttribute('data-id')),
      severity: row.querySelector('[data-severity]')?.getAttribute('data-severity'),
      status: row.querySelector('[data-status]')?.getAttribute('data-status'),
    })),
  );
}

async function listReady(page: Page): Promise<void> {
  await page.waitForSelector('[data-testid="warning-row"], [data-testid="warnings-empty"]', { timeout: 20_000 });
  await page.waitForFunction(
    '!document.querySelector(\'[data-testid="warning-table"] .ant-spin-spinning\') && document.querySelector(\'[data-count="all"]\')?.textContent !== "…"',
  );
}

async function chartDrawn(page: Page): Promise<void> {
  await page.waitForSelector('[data-testid="warning-chart"] canvas', { timeout: 20_000 });
  await page.waitForTimeout(1500); // ECharts' entry animation, on a busy machine
}

describe('预警中心 in Chromium', () => {
  const app = useWebApp();

  it('lists the API’s warnings, opens one, and lets the analyst acknowledge it', async () => {
    const { url } = app;
    const page = await app.newPage(1366, 768);
    const errors = pageErrors(page);
    await signIn(page, url, 'demo-analyst');
    const me = (await (await page.request.get(`${url}/api/auth/me`)).json()) as { permissions: string[] };
    expect(me.permissions).toContain('warnings:write');

    // The demo ran the engine over its last weeks: there are warnings, and some still new.
    const all = await apiWarnings(page, url, `town=${TOWN}&limit=20`);
    expect(all.length).toBeGreaterThan(0);

    await page.getByRole('menuitem', { name: '预警中心' }).click();
    await page.waitForURL(/\/warnings$/);
    await listReady(page);
    expect(await shownRows(page)).toEqual(
      all.map((warning) => ({ id: warning.id, severity: warning.severity, status: warning.status })),
    );
    expect(await page.locator('[data-count="all"]').textContent()).toBe(String(all.length));
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'warnings');

    // A filter lives in the address and asks the server: only new warnings, as the API lists them.
    await page.goto(`${url}/warnings?status=new`);
    await listReady(page);
    const fresh = await apiWarnings(page, url, `town=${TOWN}&status=new&limit=20`);
    expect(fresh.length).toBeGreaterThan(0);
    expect((await shownRows(page)).map((row) => row.id)).toEqual(fresh.map((warning) => warning.id));
    const target = fresh[0] as ApiWarning;

    // The detail: status, summary, the chart when the warning has a series, history, the steps a new one allows.
    await page.locator(`[data-testid="warning-row"][data-id="${target.id}"] [data-testid="warning-link"]`).click();
    await page.waitForURL(new RegExp(`/warnings/${target.id}$`));
    await page.getByTestId('warning-detail').waitFor();
    expect(await page.getByTestId('warning-status').getAttribute('data-status')).toBe('new');
    expect(await page.getByTestId('warning-summary').textContent()).toBe(target.summary);
    const detail = (await (await page.request.get(`${url}/api/warnings/${target.id}`)).json()) as {
      facts: { series: unknown };
      samples: { kind: string; id: number }[];
      events: unknown[];
    };
    if (detail.facts.series) {
      await chartDrawn(page);
    } else {
      await page.getByTestId('warning-no-series').waitFor();
    }
    const sampleLinks = await page
      .getByTestId('warning-sample')
      .evaluateAll((links) => links.map((link) => link.getAttribute('href')));
    expect(sampleLinks).toEqual(
      detail.samples.map((s) => `/records/${s.kind === 'complaint' ? 'complaints' : 'cases'}/${s.id}`),
    );
    expect(await page.getByTestId('warning-event').count()).toBe(detail.events.length);
    expect(await page.getByTestId('warning-action-acknowledge').count()).toBe(1);
    expect(await page.getByTestId('warning-action-rectify').count()).toBe(0);
    expect(await page.getByTestId('warning-action-reopen').count()).toBe(0);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'warning-detail');

    // Acknowledge through the page: the API now says acknowledged, the page shows it with a new history entry.
    await page.getByTestId('warning-action-acknowledge').click();
    await page.getByTestId('warning-form-note').fill('指挥室已签收，转住建站核查');
    await page.getByTestId('warning-action-submit').click();
    await page.waitForSelector('[data-testid="warning-status"][data-status="acknowledged"]', { timeout: 20_000 });
    const after = (await (await page.request.get(`${url}/api/warnings/${target.id}`)).json()) as {
      status: string;
      events: { action: string; note: string | null; actor: { name: string } }[];
    };
    expect(after.status).toBe('acknowledged');
    expect(after.events.at(-1)).toMatchObject({ action: 'acknowledged', note: '指挥室已签收，转住建站核查' });
    await page.locator('[data-testid="warning-event"][data-action="acknowledged"]').waitFor();
    await expect(page.getByTestId('warning-history').textContent()).resolves.toContain('指挥室已签收，转住建站核查');
    expect(await page.getByTestId('warning-action-acknowledge').count()).toBe(0);
    expect(await page.getByTestId('warning-action-rectify').count()).toBe(1);

    // A stale page: someone else dismisses the warning meanwhile; the page’s dismiss (expectedStatus acknowledged) gets
    // 409, said in Chinese, and the page reloads to the current status.
    const csrf = ((await (await page.request.get(`${url}/api/auth/me`)).json()) as { csrfToken: string }).csrfToken;
    const dismissed = await page.request.post(`${url}/api/warnings/${target.id}/dismiss`, {
      data: { reason: '另一位分析员核查后排除', expectedStatus: 'acknowledged' },
      headers: { 'x-csrf-token': csrf },
    });
    expect(dismissed.status()).toBe(200);
    await page.getByTestId('warning-action-dismiss').click();
    await page.getByTestId('warning-form-reason').fill('重复预警');
    await page.getByTestId('warning-action-submit').click();
    await page.getByText('预警状态已变化（现为“已排除”）').waitFor({ timeout: 20_000 });
    await page.waitForSelector('[data-testid="warning-status"][data-status="dismissed"]', { timeout: 20_000 });
    expect(await page.getByTestId('warning-action-reopen').count()).toBe(1);
    // Put it back as the analyst found it in the page: reopened (acknowledged), through the page.
    await page.getByTestId('warning-action-reopen').click();
    await page.getByTestId('warning-form-note').fill('排除有误，重新核查');
    await page.getByTestId('warning-action-submit').click();
    await page.waitForSelector('[data-testid="warning-status"][data-status="acknowledged"]', { timeout: 20_000 });

    // Rectify through the page's form (owner, due day, actions): the rectification shows, as the API has it.
    await page.getByTestId('warning-action-rectify').click();
    await page.getByTestId('warning-form-owner').fill('住建监管站 王五');
    await page.getByTestId('warning-form-due-day').fill('2026-12-31');
    await page.getByTestId('warning-form-actions').fill('逐小区核查物业收费公示');
    await page.getByTestId('warning-action-submit').click();
    await page.waitForSelector('[data-testid="warning-status"][data-status="rectifying"]', { timeout: 20_000 });
    const rectifying = (await (await page.request.get(`${url}/api/warnings/${target.id}`)).json()) as {
      status: string;
      owner: string;
      dueDay: string;
    };
    expect(rectifying).toMatchObject({ status: 'rectifying', owner: '住建监管站 王五', dueDay: '2026-12-31' });
    await expect(page.getByTestId('warning-rectification').textContent()).resolves.toContain('2026-12-31');
    expect(errors).toEqual([]);
  }, 180_000);

  it('shows a read-only auditor no action buttons', async () => {
    const { url } = app;
    const page = await app.newPage(1366, 768);
    await signIn(page, url, 'demo-auditor');
    const me = (await (await page.request.get(`${url}/api/auth/me`)).json()) as { permissions: string[] };
    expect(me.permissions).toContain('warnings:read');
    expect(me.permissions).not.toContain('warnings:write');
    await page.goto(`${url}/warnings`);
    await listReady(page);
    const items = await apiWarnings(page, url, `town=${TOWN}&limit=20`);
    expect((await shownRows(page)).map((row) => row.id)).toEqual(items.map((warning) => warning.id));
    await page.goto(`${url}/warnings/${(items[0] as ApiWarning).id}`);
    await page.getByTestId('warning-detail').waitFor();
    await page.getByTestId('warning-read-only').waitFor();
    expect(await page.locator('[data-testid^="warning-action-"]').count()).toBe(0);
  }, 120_000);

  it('lays the list and the detail out at 1920×1080', async () => {
    const { url } = app;
    const page = await app.newPage(1920, 1080);
    await signIn(page, url, 'demo-analyst');
    await page.goto(`${url}/warnings`);
    await listReady(page);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'warnings');
    const first = Number(await page.locator('[data-testid="warning-row"]').first().getAttribute('data-id'));
    await page.goto(`${url}/warnings/${first}`);
    await page.getByTestId('warning-detail').waitFor();
    const detail = (await (await page.request.get(`${url}/api/warnings/${first}`)).json()) as {
      facts: { series: unknown };
    };
    if (detail.facts.series) {
      await chartDrawn(page);
    }
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'warning-detail');

    // In English: the page's own words and the warning's English summary.
    const english = (await (await page.request.get(`${url}/api/warnings/${first}`)).json()) as { summaryEn: string };
    await page.getByTestId('language-switch').getByText('English').click();
    await page.getByText('Back to the warnings').waitFor();
    expect(await page.getByTestId('warning-summary').textContent()).toBe(english.summaryEn);
    await page.getByText('Rectification advice', { exact: true }).waitFor();
    if (detail.facts.series) {
      await chartDrawn(page); // redrawn in English
    }
    await screenshot(page, 'warning-detail-en');
  }, 120_000);
});
