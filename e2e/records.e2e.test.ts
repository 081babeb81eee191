import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { horizontalOverflow, pageErrors, screenshot, signIn, TOWN, useWebApp } from './harness.js';

/*
 * 案件/投诉 end to end: the overview's complaints card opens the records behind its number (the same count, the
 * filters as removable tags); removing a tag and searching by text change the list as the API does; a record shows
 * its timeline with the complainant masked, and a reader holding pii:read can show the name with a reason, which the
 * audit log keeps. A village secretary sees only their village's records. Screenshots in e2e/screenshots/records-*.
 */

interface Page_<T> {
  items: T[];
  total?: number;
}
interface Item {
  id: number;
  title: string | null;
  content: string;
  place: { code: string; name: string } | null;
}

/** The days of a month `YYYY-MM`, worked out here (independently of the app's code). */
function monthDays(period: string): { from: string; to: string } {
  const [year, month] = period.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { from: `${period}-01`, to: `${period}-${String(last).padStart(2, '0')}` };
}

async function apiGet<T>(page: Page, url: string, path: string): Promise<T> {
  const response = await page.request.get(`${url}${path}`);
  expect(response.status(), path).toBe(200);
  return (await response.json()) as T;
}

/** The count the tab shows once its request is answered. */
async function tabCount(page: Page, tab: 'complaints' | 'cases'): Promise<number> {
  const handle = await page.waitForFunction(
    `(() => { const c = document.querySelector('[data-testid="tab-${tab}"]')?.getAttribute('data-count'); return c ? c : false; })()`,
    undefined,
    { timeout: 20_000 },
  );
  return Number(await handle.jsonValue());
}

/** Until the table has rows (or says it is empty) and nothing is loading. */
async function listSettled(page: Page): Promise<void> {
  await page.waitForFunction(
    `!document.querySelector('[data-testid="records-table"] .ant-spin-spinning') && document.querySelector('[data-testid="records-table"] tbody tr')`,
    undefined,
    { timeout: 20_000 },
  );
}

describe('the records page (案件/投诉) in Chromium', () => {
  const app = useWebApp();

  it('opens the records behind the complaints card, filters, searches and shows a record', async () => {
    const { url } = app;
    const page = await app.newPage(1366, 768);
    const errors = pageErrors(page);
    await signIn(page, url, 'demo-analyst');

    // The card's number and its click-through: the same count, the period as a removable tag.
    const card = await page.locator('[data-kpi="complaints"]').getAttribute('data-value');
    await page.getByTestId('kpi-link-complaints').click();
    await page.waitForURL(/\/records\?tab=complaints&period=\d{4}-\d{2}/);
    const period = new URL(page.url()).searchParams.get('period') as string;
    await page.getByTestId('filter-tag-period').waitFor();
    expect(await page.getByTestId('filter-tag-period').textContent()).toContain(period);
    const shown = await tabCount(page, 'complaints');
    const { from, to } = monthDays(period);
    const api = await apiGet<Page_<Item>>(
      page,
      url,
      `/api/complaints?town=${TOWN}&from=${from}&to=${to}&limit=1&total=true`,
    );
    expect(shown).toBe(api.total);
    expect(String(shown)).toBe(card);
    const cases = await apiGet<Page_<Item>>(
      page,
      url,
      `/api/cases?town=${TOWN}&from=${from}&to=${to}&limit=1&total=true`,
    );
    expect(await tabCount(page, 'cases')).toBe(cases.total);
    await listSettled(page);
    expect(await page.locator('[data-testid="records-table"] tbody tr.ant-table-row').count()).toBe(
      Math.min(20, shown),
    );
    await screenshot(page, 'records-list');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

    // Removing the tag: every complaint of the town, as the API counts them.
    await page.getByTestId('filter-tag-period').locator('.ant-tag-close-icon').click();
    await page.waitForFunction(`!new URL(location.href).searchParams.has('period')`);
    const all = await apiGet<Page_<Item>>(page, url, `/api/complaints?town=${TOWN}&limit=1&total=true`);
    await page.waitForFunction(
      `document.querySelector('[data-testid="tab-complaints"]')?.getAttribute('data-count') === '${all.total}'`,
    );
    expect(all.total).toBeGreaterThan(shown);
    expect(await page.getByTestId('filter-tag-period').count()).toBe(0);

    // Text search: the newest complaint's title (titles repeat: village and subject), counted as the API counts it.
    const newest = all.items[0] as Item;
    const word = newest.title ?? newest.content.slice(0, 10);
    const input = page.locator('input[data-testid="records-search"], [data-testid="records-search"] input').first();
    await input.fill(word);
    await input.press('Enter');
    await page.waitForFunction(`new URL(location.href).searchParams.get('q') === ${JSON.stringify(word)}`);
    await page.getByTestId('filter-tag-q').waitFor();
    const found = await apiGet<Page_<Item>>(
      page,
      url,
      `/api/complaints?town=${TOWN}&q=${encodeURIComponent(word)}&limit=1&total=true`,
    );
    expect(found.total).toBeGreaterThan(0);
    await page.waitForFunction(
      `document.querySelector('[data-testid="tab-complaints"]')?.getAttribute('data-count') === '${found.total}'`,
    );
    expect(found.total).toBeLessThan(all.total as number);
    await listSettled(page);

    // One record: its fields, its timeline, the complainant masked.
    await page.getByTestId('record-link').first().click();
    await page.waitForURL(/\/records\/complaints\/\d+$/);
    const id = Number(new URL(page.url()).pathname.split('/').at(-1));
    await page.getByTestId('record-timeline').waitFor();
    expect(await page.locator('[data-testid="record-timeline"] .ant-timeline-item').count()).toBeGreaterThanOrEqual(1);
    expect(await page.getByTestId('record-timeline').textContent()).toContain('受理');
    const record = await apiGet<{ externalNo: string; complainant: { name: string | null; masked: boolean } }>(
      page,
      url,
      `/api/complaints/${id}`,
    );
    expect(await page.getByTestId('record-external-no').textContent()).toBe(record.externalNo);
    const masked = (await page.getByTestId('complainant-name').textContent()) ?? '';
    expect(record.complainant.name).not.toBeNull();
    expect(masked).toBe(record.complainant.name);
    expect(masked).toContain('*');
    await screenshot(page, 'records-record');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

    // 显示: a reason too short is refused in the form; a proper one shows the name, and the read is audited.
    await page.getByTestId('record-reveal').click();
    const reason = page
      .locator('textarea[data-testid="reveal-reason"], [data-testid="reveal-reason"] textarea')
      .first();
    await reason.fill('ab');
    await page.getByTestId('reveal-ok').click();
    await page.getByText('请填写查看原因（至少 4 个字）').waitFor();
    const why = `e2e 回访核实 ${Date.now()}`;
    await reason.fill(why);
    await page.getByTestId('reveal-ok').click();
    await page.waitForFunction(
      `!(document.querySelector('[data-testid="complainant-name"]')?.textContent ?? '*').includes('*')`,
    );
    const name = (await page.getByTestId('complainant-name').textContent()) ?? '';
    expect(name.length).toBeGreaterThan(0);
    expect(name[0]).toBe(masked[0]);
    expect(await page.getByTestId('record-complainant').textContent()).toContain('审计日志');

    const auditor = await app.newPage(1366, 768);
    await signIn(auditor, url, 'demo-auditor');
    const audit = await apiGet<{
      items: { entityId: string | null; reason: string | null; actor: { name: string } }[];
    }>(auditor, url, `/api/audit?action=complaint.pii_read&entity=complaint&entityId=${id}`);
    expect(audit.items.some((entry) => entry.reason === why)).toBe(true);
    // The auditor reads records but not personal data: no 显示 button.
    await auditor.goto(`${url}/records/complaints/${id}`);
    await auditor.getByTestId('record-timeline').waitFor();
    expect(await auditor.getByTestId('record-reveal').count()).toBe(0);
    expect(await auditor.getByTestId('complainant-name').textContent()).toContain('*');
    expect(errors).toEqual([]);
  }, 240_000);

  it('holds at 1920×1080 and shows the records behind the overdue card', async () => {
    const { url } = app;
    const page = await app.newPage(1920, 1080);
    const errors = pageErrors(page);
    await signIn(page, url, 'demo-analyst');
    const overdue = Number(await page.locator('[data-kpi="overdue"]').getAttribute('data-value'));
    await page.getByTestId('kpi-link-overdue').click();
    await page.waitForURL(/flag=overdue/);
    await page.getByTestId('filter-tag-flag').waitFor();
    const complaints = await tabCount(page, 'complaints');
    const cases = await tabCount(page, 'cases');
    expect(complaints + cases).toBe(overdue);
    await listSettled(page);
    await screenshot(page, 'records-list');
    await page.getByTestId('record-link').first().click();
    await page.getByTestId('record-timeline').waitFor();
    // Overdue at the cube's as-of is overdue now as well.
    await page.getByTestId('record-overdue').waitFor();
    await screenshot(page, 'records-record');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(errors).toEqual([]);
  }, 240_000);

  it('shows a village secretary only their village’s records', async () => {
    const { url } = app;
    const page = await app.newPage(1366, 768);
    await signIn(page, url, 'demo-village-secretary');
    const me = await apiGet<{ user: { grants: { kind: string; code: string }[] } }>(page, url, '/api/auth/me');
    const village = me.user.grants.find((grant) => grant.kind === 'village')?.code as string;
    await page.goto(`${url}/records?tab=complaints&size=100`);
    const shown = await tabCount(page, 'complaints');
    await listSettled(page);

    const analyst = await app.newPage(1366, 768);
    await signIn(analyst, url, 'demo-analyst');
    const ofVillage = await apiGet<Page_<Item>>(
      analyst,
      url,
      `/api/complaints?town=${TOWN}&place=${village}&limit=100&total=true`,
    );
    const ofTown = await apiGet<Page_<Item>>(analyst, url, `/api/complaints?town=${TOWN}&limit=1&total=true`);
    expect(shown).toBe(ofVillage.total);
    expect(shown).toBeLessThan(ofTown.total as number);
    const places = await page
      .locator('[data-testid="records-table"] tbody tr.ant-table-row td:nth-child(4)')
      .allTextContents();
    // The same records, newest first, as the analyst's search of that village (a group shows as itself).
    expect(places).toEqual(ofVillage.items.map((item) => item.place?.name));
    await screenshot(page, 'records-village-secretary');
  }, 240_000);
});
