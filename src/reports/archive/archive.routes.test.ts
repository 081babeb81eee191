import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeComplaintInput, seedRecordWorld, world } from '../../records/record.testing.js';
import { useTestApp } from '../../server/testing.js';
import { writeRecords } from '../../stats/stats.testing.js';
import { testDatabases } from '../../store/testing.js';
import { CONTENT_TYPES, REPORT_FORMATS } from '../document/index.js';
import { docxPart } from '../document/testing.js';
import { contentDisposition } from './index.js';

describe('Content-Disposition', () => {
  it('carries the Chinese name in RFC 5987 form with an ASCII fallback', () => {
    expect(contentDisposition('云溪镇案件信息通报2025年第23周.docx')).toBe(
      `attachment; filename="_________2025__23_.docx"; filename*=UTF-8''${encodeURIComponent('云溪镇案件信息通报2025年第23周.docx')}`,
    );
    fc.assert(
      fc.property(fc.string(), (name) => {
        const header = contentDisposition(name);
        // Only visible ASCII in the header; the fallback name has no quote or backslash to break out of.
        expect(header).toMatch(/^[\x20-\x7e]*$/);
        const fallback = /filename="([^"]*)"/.exec(header)?.[1];
        expect(fallback?.length).toBe(name.replace(/[^\x20-\x7e]/g, '_').length);
        const encoded = /filename\*=UTF-8''(.*)$/.exec(header)?.[1] ?? '';
        expect(encoded).toMatch(/^[A-Za-z0-9%\-._~!]*$/);
      }),
    );
  });
});

describe.each(testDatabases)('/api/reports on %s', (dialect) => {
  const t = useTestApp(dialect);
  beforeAll(async () => {
    await seedRecordWorld(t.db);
    await writeRecords(t.db, [{ kind: 'complaint', input: makeComplaintInput() }]);
  });

  it('generates, lists, reads, downloads and regenerates', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/reports',
      payload: { type: 'weekly', period: '2025W23', town: world.town },
    });
    expect(created.statusCode, created.body).toBe(201);
    const report = created.json();
    expect(report).toMatchObject({ type: 'weekly', period: '2025W23', version: 1, trigger: 'manual' });
    expect(report.createdBy).toBe('test-admin');

    const list = await t.app.inject({ url: `/api/reports?town=${world.town}&type=weekly&period=2025W23` });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((r: { id: number }) => r.id)).toEqual([report.id]);

    const detail = await t.app.inject({ url: `/api/reports/${report.id}` });
    expect(detail.statusCode).toBe(200);
    expect(detail.json().document.title).toBe('苏溪镇案件信息通报');

    const file = await t.app.inject({ url: `/api/reports/${report.id}/file?format=docx` });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toMatch(/wordprocessingml/);
    expect(file.headers['content-disposition']).toBe(contentDisposition('苏溪镇案件信息通报2025年第23周.docx'));
    expect(docxPart(file.rawPayload, 'word/document.xml')).toContain('苏溪镇案件信息通报');
    expect((await t.app.inject({ url: `/api/reports/${report.id}/file` })).statusCode).toBe(200);

    const again = await t.app.inject({ method: 'POST', url: `/api/reports/${report.id}/regenerate` });
    expect(again.statusCode).toBe(201);
    expect(again.json()).toMatchObject({ version: 2, period: '2025W23' });
    expect((await t.app.inject({ url: `/api/reports/${report.id}` })).json().version).toBe(1);
  });

  it('downloads every report format with its type and the report name', async () => {
    const [report] = (await t.app.inject({ url: `/api/reports?town=${world.town}&limit=1` })).json().items;
    for (const format of REPORT_FORMATS) {
      const file = await t.app.inject({ url: `/api/reports/${report.id}/file?format=${format}` });
      expect(file.statusCode, `${format}: ${file.body.slice(0, 200)}`).toBe(200);
      expect(file.headers['content-type']).toBe(CONTENT_TYPES[format]);
      expect(file.headers['content-disposition']).toContain(encodeURIComponent(`2025年第23周.${format}`));
      expect(file.rawPayload.length).toBeGreaterThan(100);
    }
  }, 120_000);

  it('shows a file inline in a sandbox when asked (the web app previews the HTML), and downloads by default', async () => {
    const [report] = (await t.app.inject({ url: `/api/reports?town=${world.town}&limit=1` })).json().items;
    const inline = await t.app.inject({ url: `/api/reports/${report.id}/file?format=html&disposition=inline` });
    expect(inline.statusCode, inline.body.slice(0, 200)).toBe(200);
    expect(inline.headers['content-type']).toBe(CONTENT_TYPES.html);
    expect(inline.headers['content-disposition']).toBe(
      contentDisposition('苏溪镇案件信息通报2025年第23周.html', 'inline'),
    );
    expect(inline.headers['content-disposition']).toMatch(/^inline; /);
    expect(inline.headers['content-security-policy']).toBe('sandbox allow-scripts');
    expect(inline.headers['x-content-type-options']).toBe('nosniff');
    expect(inline.body).toContain('苏溪镇案件信息通报');

    const download = await t.app.inject({ url: `/api/reports/${report.id}/file?format=html` });
    expect(download.headers['content-disposition']).toMatch(/^attachment; /);
    expect(download.headers['content-security-policy']).toBeUndefined();
    const explicit = await t.app.inject({ url: `/api/reports/${report.id}/file?format=xlsx&disposition=attachment` });
    expect(explicit.headers['content-disposition']).toBe(
      contentDisposition('苏溪镇案件信息通报2025年第23周.xlsx', 'attachment'),
    );

    const bad = await t.app.inject({ url: `/api/reports/${report.id}/file?format=html&disposition=open` });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.details.issues[0].path).toMatch(/disposition/);
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 12 }), async (value) => {
        const response = await t.app.inject({
          url: `/api/reports/${report.id}/file?format=html&disposition=${encodeURIComponent(value)}`,
        });
        expect(response.statusCode).toBe(value === 'inline' || value === 'attachment' ? 200 : 422);
      }),
      { numRuns: 30 },
    );
  }, 120_000);

  it('shows the scheduled runs', async () => {
    const jobs = await t.app.inject({ url: `/api/reports/jobs?town=${world.town}` });
    expect(jobs.statusCode).toBe(200);
    expect(jobs.json()).toEqual({ items: [] });
    expect((await t.app.inject({ url: '/api/reports/jobs?status=sleeping' })).statusCode).toBe(422);
  });

  it('answers bad requests with 422 naming the field, unknown reports with 404', async () => {
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/reports',
      payload: { type: 'weekly', period: '2025W99', town: world.town },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.details.issues[0].path).toBe('period');
    const format = await t.app.inject({ url: '/api/reports/1/file?format=odt' });
    expect(format.statusCode).toBe(422);
    expect(format.json().error.details.issues[0].path).toMatch(/format/);
    expect((await t.app.inject({ url: '/api/reports/987654' })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'POST', url: '/api/reports/987654/regenerate' })).statusCode).toBe(404);
  });

  it('never answers a random generation request with a 5xx, and names the field of every refusal', async () => {
    const text = fc.oneof(
      fc.string(),
      fc.constantFrom('weekly', 'monthly', 'quarterly', '2025W23', '2025-06', '2025Q2', world.town, world.village),
      fc.constantFrom('zh-CN', 'en-US', '__proto__', '\u0000', '苏溪镇'),
    );
    const value = fc.oneof(
      text,
      fc.integer(),
      fc.constant(null),
      fc.boolean(),
      fc.array(fc.string(), { maxLength: 2 }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.record({ type: value, period: value, town: value, locale: value, extra: value }, { requiredKeys: [] }),
        async (body) => {
          const response = await t.app.inject({ method: 'POST', url: '/api/reports', payload: body });
          expect(response.statusCode, JSON.stringify(body)).toBeLessThan(500);
          if (response.statusCode >= 400) {
            const error = response.json().error;
            expect(error.code).toEqual(expect.any(String));
            if (response.statusCode === 422) {
              expect(error.details.issues.length).toBeGreaterThan(0);
              for (const issue of error.details.issues) {
                expect(issue.path).toEqual(expect.any(String));
              }
            }
          }
        },
      ),
      { numRuns: 60 },
    );
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 20 }), async (id) => {
        const response = await t.app.inject({
          method: 'POST',
          url: `/api/reports/${encodeURIComponent(id)}/regenerate`,
        });
        expect(response.statusCode).toBeLessThan(500);
      }),
      { numRuns: 40 },
    );
  });
});
