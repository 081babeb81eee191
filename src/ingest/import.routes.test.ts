import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedRecordWorld, world } from '../records/record.testing.js';
import { multipartBody, useTestApp } from '../server/testing.js';
import { testDatabases } from '../store/testing.js';

/** A multipart upload: the fields, then the file. */
function multipart(fields: Record<string, string>, file?: { name: string; content: Buffer | string }) {
  const files = file
    ? [{ field: 'file', filename: file.name, type: 'application/octet-stream', content: Buffer.from(file.content) }]
    : [];
  return multipartBody(Object.entries(fields), files);
}

const CSV = [
  'externalNo,openedAt,content,placeCode,status',
  'W-1,2025-06-03 09:00,占道经营,苏华村,received',
  'W-2,2025-06-03 25:00,时间不对,苏华村,received',
  'W-3,2025-06-04 10:00,噪声扰民,不存在村,received',
].join('\r\n');

describe.each(testDatabases)('/api/imports on %s', (dialect) => {
  const t = useTestApp(dialect);
  beforeAll(async () => {
    await seedRecordWorld(t.db);
  });

  async function waitDone(id: number) {
    for (let i = 0; i < 200; i += 1) {
      const batch = (await t.app.inject({ url: `/api/imports/${id}` })).json();
      if (batch.status !== 'running') {
        return batch;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error('import did not finish');
  }

  it('takes an upload, answers 202 with the batch, and reports its progress, counts and rejects', async () => {
    const upload = multipart({ profile: 'generic-complaints', town: world.town }, { name: '工单.csv', content: CSV });
    const started = await t.app.inject({ method: 'POST', url: '/api/imports', ...upload });
    expect(started.statusCode, started.body).toBe(202);
    const batch = await waitDone(started.json().id);
    expect(batch).toMatchObject({
      status: 'done',
      fileName: '工单.csv',
      profile: 'generic-complaints',
      counts: { inserted: 2, rejected: 1, warned: 1 },
      progress: { share: 1, rows: 3 },
    });

    const issues = (await t.app.inject({ url: `/api/imports/${batch.id}/issues?severity=reject` })).json();
    expect(issues.items).toEqual([expect.objectContaining({ line: 3, column: 'openedAt', value: '2025-06-03 25:00' })]);

    const csv = await t.app.inject({ url: `/api/imports/${batch.id}/rejects.csv` });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.startsWith('\ufeff导入批次')).toBe(true);
    expect(csv.body).toContain('2025-06-03 25:00');

    const xlsx = await t.app.inject({ url: `/api/imports/${batch.id}/rejects.xlsx?severity=warning` });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const values = book.worksheets[0]?.getSheetValues().flat().map(String) ?? [];
    expect(values).toContain('不存在村');

    const list = (await t.app.inject({ url: '/api/imports?limit=1' })).json();
    expect(list.items[0].id).toBe(batch.id);
  });

  it('lists the profiles an upload can name', async () => {
    const profiles = (await t.app.inject({ url: '/api/import-profiles' })).json();
    expect(profiles.map((p: { name: string }) => p.name)).toContain('12345-work-orders');
  });

  it('refuses uploads without a file or with an unknown profile, naming the field', async () => {
    const noFile = await t.app.inject({ method: 'POST', url: '/api/imports', ...multipart({ profile: 'open311' }) });
    expect(noFile.statusCode).toBe(422);
    expect(noFile.json().error.details.issues[0].path).toBe('file');

    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/imports',
      ...multipart({ profile: 'nope' }, { name: 'a.csv', content: CSV }),
    });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error.details.issues[0].path).toBe('profile');

    const json = await t.app.inject({ method: 'POST', url: '/api/imports', payload: { profile: 'open311' } });
    expect(json.statusCode).toBe(422);
    expect((await t.app.inject({ url: '/api/imports/999999' })).statusCode).toBe(404);
  });

  it('never answers 5xx to random uploads', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          profile: fc.constantFrom('generic-complaints', 'open311', 'case-ledger', 'x'),
          town: fc.constantFrom(world.town, '', 'nowhere'),
          dryRun: fc.constantFrom('true', 'false', 'maybe'),
        }),
        fc.string({ maxLength: 300 }),
        fc.constantFrom('a.csv', 'b.jsonl', 'c.xlsx', 'd'),
        async (fields, content, name) => {
          const response = await t.app.inject({
            method: 'POST',
            url: '/api/imports',
            ...multipart(fields, { name, content: `externalNo,openedAt,content\r\n${content}` }),
          });
          expect(response.statusCode, response.body).toBeLessThan(500);
          if (response.statusCode === 202) {
            const batch = await waitDone(response.json().id);
            expect(['done', 'failed']).toContain(batch.status);
          } else {
            expect(response.json().error.message.length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
