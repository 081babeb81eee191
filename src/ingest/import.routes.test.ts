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

/** The headers of the demo town's 12345 export, in its order (src/demo/export/work-order-columns.ts). */
const WORK_ORDER_HEADERS = [
  '工单编号',
  '来电时间',
  '诉求渠道',
  '诉求人',
  '联系电话',
  '诉求标题',
  '诉求内容',
  '事发地址',
  '所属镇街',
  '所属村社',
  '问题分类',
  '统一社会信用代码',
  '承办单位',
  '办理期限',
  '首次响应时间',
  '办结时间',
  '办理状态',
  '是否解决',
  '满意度',
  '是否疑难',
  '重办次数',
];

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
    // Reasons in Chinese unless ?locale=en-US asks for English; the code beside them either way.
    expect(issues.items[0]).toMatchObject({ code: 'not_a_datetime' });
    expect(issues.items[0].reason).toMatch(/^“2025-06-03 25:00”不是本配置能读的日期时间/);
    const english = await t.app.inject({ url: `/api/imports/${batch.id}/issues?severity=reject&locale=en-US` });
    expect(english.json().items[0].reason).toMatch(/^"2025-06-03 25:00" is not a date and time this profile reads/);
    expect((await t.app.inject({ url: `/api/imports/${batch.id}/issues?locale=fr` })).statusCode).toBe(422);

    const csv = await t.app.inject({ url: `/api/imports/${batch.id}/rejects.csv` });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.startsWith('\ufeff导入批次')).toBe(true);
    expect(csv.body).toContain('2025-06-03 25:00');
    expect(csv.body).toContain('不是本配置能读的日期时间');
    const csvEn = await t.app.inject({ url: `/api/imports/${batch.id}/rejects.csv?locale=en-US` });
    expect(csvEn.body).toContain('is not a date and time this profile reads');

    const xlsx = await t.app.inject({ url: `/api/imports/${batch.id}/rejects.xlsx?severity=warning` });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const values = book.worksheets[0]?.getSheetValues().flat().map(String) ?? [];
    expect(values).toContain('不存在村');
    expect(values).toContain('苏溪镇没有匹配的村社，村社留空');

    const list = (await t.app.inject({ url: '/api/imports?limit=1' })).json();
    expect(list.items[0].id).toBe(batch.id);
  });

  it('lists the profiles an upload can name', async () => {
    const profiles = (await t.app.inject({ url: '/api/import-profiles' })).json();
    expect(profiles.map((p: { name: string }) => p.name)).toContain('12345-work-orders');
    // Value maps travel with the columns (the settings page shows them): the 12345 export's status words.
    const workOrders = profiles.find((p: { name: string }) => p.name === '12345-work-orders');
    const status = workOrders.columns.find((c: { field: string }) => c.field === 'status');
    expect(status.map).toMatchObject({ 已受理: expect.any(String) });
    expect(workOrders.columns.find((c: { field: string }) => c.field === 'externalNo').map).toBeNull();
  });

  it('proposes the built-in profile of a 12345 export, and a generic one for other headers', async () => {
    const header = WORK_ORDER_HEADERS.join(',');
    const row =
      'G-1,2025-06-03 09:00:00,12345热线,张三,13800000000,占道,占道经营,苏华村1号,苏溪镇,苏华村,市容/占道,,,,,,已受理,否,,否,0';
    const detect = (name: string, content: string) =>
      t.app.inject({ method: 'POST', url: '/api/import-profiles/detect', ...multipart({}, { name, content }) });

    const exported = await detect('12345-工单导出.csv', `${header}\r\n${row}`);
    expect(exported.statusCode, exported.body).toBe(200);
    expect(exported.json()).toMatchObject({
      fileName: '12345-工单导出.csv',
      builtIn: '12345-work-orders',
      profile: { name: '12345-work-orders', kind: 'complaint' },
    });
    expect(exported.json().matched).toContainEqual({ header: '工单编号', field: 'externalNo', confidence: 1 });

    const other = await detect('new-system.csv', '受理编号,登记时间,反映内容,备注\r\nA-1,2025/6/3 9:00,噪声,x');
    expect(other.statusCode, other.body).toBe(200);
    expect(other.json()).toMatchObject({
      builtIn: null,
      profile: { name: 'new-system-detected' },
      unmatched: ['备注'],
    });

    const noFile = await t.app.inject({ method: 'POST', url: '/api/import-profiles/detect', ...multipart({ a: 'b' }) });
    expect(noFile.statusCode).toBe(422);
    expect(noFile.json().error.details.issues[0].path).toBe('file');
    const xls = await detect('old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0, 0, 0]).toString('latin1'));
    expect(xls.statusCode).toBe(422);
    expect(xls.json().error.details.issues[0].path).toBe('file');
  });

  it('never answers 5xx to random files sent for detection', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(fc.constantFrom(...WORK_ORDER_HEADERS, 'externalNo', 'openedAt', ''), fc.string()), {
          maxLength: 8,
        }),
        fc.string({ maxLength: 300 }),
        fc.constantFrom('a.csv', 'b.jsonl', 'c.xlsx', 'd', 'e.json'),
        async (header, body, name) => {
          const response = await t.app.inject({
            method: 'POST',
            url: '/api/import-profiles/detect',
            ...multipart({}, { name, content: `${header.join(',')}\r\n${body}` }),
          });
          expect(response.statusCode, response.body).toBeLessThan(500);
          if (response.statusCode === 200) {
            expect((response.json().profile.columns as unknown[]).length).toBeGreaterThan(0);
          } else {
            expect(response.statusCode).toBe(422);
            expect(response.json().error.details.issues[0].path).toBe('file');
          }
        },
      ),
      { numRuns: 60 },
    );
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
