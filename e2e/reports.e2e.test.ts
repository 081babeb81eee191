import { readFileSync } from 'node:fs';
import type { Download, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { horizontalOverflow, pageErrors, screenshot, signIn, TOWN, useWebApp } from './harness.js';

/*
 * 报告 end to end: an analyst (reports:write) generates last week's bulletin through the page, finds it listed,
 * reads its HTML in the preview frame, downloads the DOCX and the XLSX under their Chinese names, and regenerates
 * it; an officer (reports:read only) sees the same archive without the buttons that write.
 */

/** The last complete ISO week in town time (UTC+8), worked out here independently of the app's code. */
function lastCompleteWeek(now: number): { period: string; label: string } {
  const town = new Date(now + 8 * 3_600_000);
  const today = Date.UTC(town.getUTCFullYear(), town.getUTCMonth(), town.getUTCDate());
  const lastWeekDay = today - 7 * 86_400_000;
  const weekday = (new Date(lastWeekDay).getUTCDay() + 6) % 7;
  const thursday = new Date(lastWeekDay + (3 - weekday) * 86_400_000);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * 86_400_000)) + 1;
  return { period: `${year}W${String(week).padStart(2, '0')}`, label: `${year}年第${week}周` };
}

interface ReportJson {
  id: number;
  type: string;
  period: string;
  version: number;
  title: string;
}

/** Click a download button and wait for the browser's download. */
async function download(page: Page, testId: string): Promise<Download> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  return file;
}

async function openReports(page: Page): Promise<void> {
  await page.getByRole('menuitem', { name: '报告', exact: true }).click();
  await page.waitForURL(/\/reports$/);
  await page.waitForSelector('[data-testid="reports-table"][data-loading="false"]');
}

/** The preview frame has loaded the report page (its title heading is there). */
async function previewTitle(page: Page): Promise<string> {
  const heading = page.frameLocator('[data-testid="report-preview"]').locator('h1.title');
  await heading.waitFor({ timeout: 30_000 });
  return (await heading.textContent()) ?? '';
}

describe('报告 in Chromium', () => {
  const app = useWebApp();
  let generated: ReportJson | undefined;

  it('generates last week’s bulletin through the page, previews it, downloads DOCX and XLSX, regenerates', async () => {
    const { url } = app;
    const page = await app.newPage(1366, 768);
    const errors = pageErrors(page);
    await signIn(page, url, 'demo-analyst');
    await openReports(page);
    await screenshot(page, 'reports-empty');

    // Generate now: the form opens on the weekly bulletin of the last complete week. (The schedule may have written
    // that week's bulletin already if the server has run for 5 minutes; ours is then the next version.)
    const expected = lastCompleteWeek(Date.now());
    const before = (await (
      await page.request.get(`${url}/api/reports?town=${TOWN}&type=weekly&period=${expected.period}&locale=zh-CN`)
    ).json()) as { items: ReportJson[] };
    const n = before.items.length;
    await page.getByTestId('reports-generate').click();
    const form = page.getByTestId('generate-form');
    await form.waitFor();
    await expect(form.getByTestId('generate-period').textContent()).resolves.toContain(expected.label);
    await expect(form.getByTestId('generate-type').textContent()).resolves.toContain('案件信息通报');
    // A week without records is announced before generating (the demo's data may end before last week).
    const stats = (await (
      await page.request.get(
        `${url}/api/stats?town=${TOWN}&period=week&from=${expected.period}&to=${expected.period}&measures=records`,
      )
    ).json()) as { totals: { values: { records: number | null } }[] };
    const records = stats.totals.reduce((sum, row) => sum + (row.values.records ?? 0), 0);
    if (records === 0) {
      await form.getByTestId('generate-no-records').waitFor();
    } else {
      await page.waitForTimeout(1000);
      expect(await form.getByTestId('generate-no-records').count()).toBe(0);
    }
    await screenshot(page, 'reports-generate');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/reports') && r.request().method() === 'POST', {
        timeout: 60_000,
      }),
      page.getByTestId('generate-submit').click(),
    ]);
    expect(response.status()).toBe(201);
    const report = (await response.json()) as ReportJson;
    generated = report;
    expect(report).toMatchObject({ type: 'weekly', period: expected.period, version: n + 1 });

    // The new report opens: its title, period and version; the HTML preview inside the frame.
    await page.waitForURL(new RegExp(`/reports/${report.id}$`));
    await expect(page.getByTestId('report-title').textContent()).resolves.toBe(report.title);
    await page.locator('[data-testid="report-version"]', { hasText: `第 ${n + 1} 版` }).waitFor();
    const heading = await previewTitle(page);
    expect(heading).toContain('案件信息通报');
    expect(report.title.startsWith(heading)).toBe(true);
    // The frame runs in a sandbox: its document is not reachable from the app (an opaque origin).
    await expect(
      page.evaluate<boolean>(
        "(() => { try { return document.querySelector('[data-testid=report-preview]').contentDocument === null; } catch { return true; } })()",
      ),
    ).resolves.toBe(true);
    await page.waitForTimeout(1000); // the preview's charts draw
    await screenshot(page, 'report');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

    // DOCX and XLSX through the page's buttons: real Office files under the Chinese name with the period.
    const docx = await download(page, 'report-download-docx');
    expect(docx.suggestedFilename()).toMatch(/[\u4e00-\u9fff]/);
    expect(docx.suggestedFilename()).toContain(expected.label);
    expect(docx.suggestedFilename().endsWith('.docx')).toBe(true);
    const docxBytes = readFileSync(await docx.path());
    expect(docxBytes.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(docxBytes.length).toBeGreaterThan(5_000);
    const xlsx = await download(page, 'report-download-xlsx');
    expect(xlsx.suggestedFilename()).toContain(expected.label);
    expect(xlsx.suggestedFilename().endsWith('.xlsx')).toBe(true);
    expect(
      readFileSync(await xlsx.path())
        .subarray(0, 2)
        .toString('latin1'),
    ).toBe('PK');

    // Listed, newest first, under its type filter (kept in the address).
    await page.getByTestId('report-back').click();
    await page.waitForSelector(`[data-report-id="${report.id}"]`);
    await page.getByTestId('reports-type-filter').getByText('周报').click();
    await page.waitForURL(/\?type=weekly$/);
    await page.waitForSelector(`[data-report-id="${report.id}"]`);
    await page.reload();
    await page.waitForSelector(`[data-report-id="${report.id}"]`);

    // Regenerate: a second version of the same week opens; both versions are listed.
    await page.locator(`[data-report-id="${report.id}"]`).click();
    await page.waitForURL(new RegExp(`/reports/${report.id}$`));
    await page.getByTestId('report-regenerate').click();
    await page.getByTestId('regenerate-confirm').click();
    await page.waitForURL((address) => !address.pathname.endsWith(`/reports/${report.id}`), { timeout: 60_000 });
    await page.locator('[data-testid="report-version"]', { hasText: `第 ${n + 2} 版` }).waitFor();
    await expect(page.getByTestId('report-title').textContent()).resolves.toBe(report.title);
    const versions = page.getByTestId('report-versions');
    await versions.getByText(`第 ${n + 1} 版`).waitFor();
    await versions.getByText('当前查看').waitFor();
    // 返回 goes back to the list as it was left (the weekly filter), newest first.
    await page.getByTestId('report-back').click();
    await page.waitForURL(/\/reports\?type=weekly$/);
    await page.waitForSelector(`[data-report-id="${report.id}"]`);
    const shownVersions = await page.getByTestId('report-version').allTextContents();
    expect(shownVersions.slice(0, 2)).toEqual([`第 ${n + 2} 版`, `第 ${n + 1} 版`]);
    await screenshot(page, 'reports');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

    // The archive the API gives for the town holds exactly what the page listed.
    const listed = (await (await page.request.get(`${url}/api/reports?town=${TOWN}&type=weekly`)).json()) as {
      items: ReportJson[];
    };
    expect(listed.items.map((item) => `第 ${item.version} 版`)).toEqual(shownVersions);
    expect(listed.items.slice(0, 2).map((item) => [item.period, item.version])).toEqual([
      [expected.period, n + 2],
      [expected.period, n + 1],
    ]);
    expect(errors).toEqual([]);
  }, 240_000);

  it('lays the list and a report out at 1920×1080', async () => {
    const { url } = app;
    expect(generated).toBeDefined();
    const page = await app.newPage(1920, 1080);
    await signIn(page, url, 'demo-analyst');
    await openReports(page);
    await screenshot(page, 'reports');
    await page.goto(`${url}/reports/${generated?.id}`);
    await previewTitle(page);
    await page.waitForTimeout(1000);
    await screenshot(page, 'report');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  }, 120_000);

  it('shows an officer (reports:read only) the archive without generating or regenerating', async () => {
    const { url } = app;
    expect(generated).toBeDefined();
    const page = await app.newPage(1366, 768);
    const errors = pageErrors(page);
    await signIn(page, url, 'demo-officer');
    const me = (await (await page.request.get(`${url}/api/auth/me`)).json()) as { permissions: string[] };
    expect(me.permissions).toContain('reports:read');
    expect(me.permissions).not.toContain('reports:write');
    await openReports(page);
    await page.waitForSelector(`[data-report-id="${generated?.id}"]`);
    expect(await page.getByTestId('reports-generate').count()).toBe(0);
    await page.locator(`[data-report-id="${generated?.id}"]`).click();
    await previewTitle(page);
    await page.getByTestId('report-download-docx').waitFor();
    expect(await page.getByTestId('report-regenerate').count()).toBe(0);
    // The API refuses the officer too (403), whatever the page shows.
    const refused = await page.request.post(`${url}/api/reports/${generated?.id}/regenerate`, {
      headers: { 'x-csrf-token': (await (await page.request.get(`${url}/api/auth/me`)).json()).csrfToken },
    });
    expect(refused.status()).toBe(403);
    expect(errors).toEqual([]);
  }, 120_000);
});
