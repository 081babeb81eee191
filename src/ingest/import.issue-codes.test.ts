import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Actor, systemActor } from '../auth/index.js';
import { updateCube } from '../cube/index.js';
import { seedRecordWorld, testActor, testCipher, world } from '../records/record.testing.js';
import { testDatabases, useTestStore } from '../store/testing.js';
import { runImport } from './import.service.js';
import { listIssuePage } from './imports.service.js';
import { issuesCsv } from './issues-export.js';

/*
 * Every kind of bad row of an import, stored with its code and params: the reasons read in Chinese by default and in
 * English when asked (the English being what imports always wrote); issues stored before codes read as stored.
 */

const dir = mkdtempSync(join(tmpdir(), 'shanzhi-issue-codes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, lines.join('\r\n'));
  return path;
}

const COMPLAINT_HEADER =
  'externalNo,townCode,openedAt,content,placeCode,categoryCode,status,difficult,reopenCount,lat,lng,title,complainantPhone,enterpriseCreditCode';
const LONG_TITLE = '长'.repeat(201);

/** [line, column, code, Chinese reason (or a part of it), English part] of each bad complaint row. */
const COMPLAINT_ROWS: [string, number, string | null, string, string, string][] = [
  [`C-1,${world.town},2025-06-03 09:00,好的,苏华村,,received,,,,,,,`, 2, null, '', '', ''],
  [
    `C-2,${world.town},2025-06-03 25:00,时间不对,,,,,,,,,,`,
    3,
    'openedAt',
    'not_a_datetime',
    '“2025-06-03 25:00”不是本配置能读的日期时间（可读的格式：',
    '"2025-06-03 25:00" is not a date and time this profile reads (',
  ],
  [
    `C-3,不存在镇,2025-06-03 09:00,镇不对,,,,,,,,,,`,
    4,
    'townCode',
    'unknown_town',
    '没有叫“不存在镇”的镇街',
    'no town is called "不存在镇"',
  ],
  [
    `C-4,,2025-06-03 09:00,没有镇,,,,,,,,,,`,
    5,
    null,
    'no_town',
    '不知道这一行属于哪个镇街',
    'no town: give --town or a town column',
  ],
  [
    `C-5,${world.town},2025-06-03 09:00,状态不对,,,done,,,,,,,`,
    6,
    'status',
    'unknown_value',
    '“done”不是可选值之一（可选：received',
    '"done" is not one of received',
  ],
  [
    `C-6,${world.town},2025-06-03 09:00,疑难不对,,,,maybe,,,,,,`,
    7,
    'difficult',
    'not_a_boolean',
    '“maybe”既不是“是”也不是“否”',
    '"maybe" is neither 是 nor 否',
  ],
  [
    `C-7,${world.town},2025-06-03 09:00,次数不对,,,,,x,,,,,`,
    8,
    'reopenCount',
    'not_a_number',
    '“x”不是整数',
    '"x" is not a whole number',
  ],
  [
    `C-8,${world.town},2025-06-03 09:00,纬度不对,,,,,,north,1,,,`,
    9,
    'lat',
    'not_a_number',
    '“north”不是十进制的经纬度',
    '"north" is not decimal degrees',
  ],
  [`C-9,${world.town},2025-06-03 09:00,,,,,,,,,,,`, 10, 'content', 'required', '「内容」必须填写', 'content: '],
  [
    `C-10,${world.town},2025-06-03 09:00,标题太长,,,,,,,,${LONG_TITLE},,`,
    11,
    'title',
    'too_long',
    '「标题」太长：最多 200 个字',
    'title: ',
  ],
  [
    `C-11,${world.town},2025-06-03 09:00,次数为负,,,,,-1,,,,,`,
    12,
    'reopenCount',
    'too_small',
    '「重办次数」太小：最小 0',
    'reopenCount: ',
  ],
  [
    `C-12,${world.town},2025-06-03 09:00,只有纬度,,,,,,30,,,,`,
    13,
    'lng',
    'point_incomplete',
    '「纬度」和「经度」要么都填，要么都不填',
    'lng: give lat and lng together, or neither',
  ],
  [
    `C-13,${world.town},2025-06-03 09:00,电话不对,,,,,,,,,abc,`,
    14,
    'complainantPhone',
    'invalid_format',
    '「诉求人电话」不是电话号码',
    'complainantPhone: must be a phone number',
  ],
  [
    `C-14,${world.town},2025-06-03 09:00,引号"不对,,,,,,,,,,`,
    15,
    null,
    'unreadable_row',
    '这一行无法读取：a quote inside field 4',
    'a quote inside field 4',
  ],
];

/** [line, column, code, Chinese, English] of each warned complaint row (kept, with the warning). */
const COMPLAINT_WARNINGS: [string, number, string, string, string, string][] = [
  [
    `W-1,${world.town},2025-06-03 09:00,分类不对,,no.such.category,,,,,,,,`,
    16,
    'categoryCode',
    'category_unmatched',
    '没有匹配的问题分类，已归入 ',
    'no category matches; filed as ',
  ],
  [
    `W-2,${world.town},2025-06-03 09:00,村不对,不存在村,,,,,,,,,`,
    17,
    'placeCode',
    'place_unmatched',
    '苏溪镇没有匹配的村社，村社留空',
    'no place of 苏溪镇 matches; the place is left empty',
  ],
  [
    `W-3,${world.town},2025-06-03 09:00,企业不对,,,,,,,,,,91330782MA2EC0H999`,
    18,
    'enterpriseCreditCode',
    'unknown_enterprise',
    '没有企业以这个统一社会信用代码登记，企业留空',
    'no enterprise is registered with this credit code; the enterprise is left empty',
  ],
];

describe.each(testDatabases)('import issue codes on %s', (dialect) => {
  const t = useTestStore(dialect);
  const actors: Record<string, Actor> = {};
  const deps = (who?: string) => ({
    db: t.db,
    cipher: testCipher,
    dataDir: dir,
    afterWrite: updateCube,
    actor: (who && actors[who]) || systemActor('test'),
  });
  const reader = () => ({ db: t.db, actor: systemActor('test') });

  beforeAll(async () => {
    await seedRecordWorld(t.db);
    actors.analyst = await testActor(t.db, 'analyst', [{ role: 'analyst', kind: 'town', code: world.town }]);
  });

  it('gives each kind of bad complaint row its code, in Chinese by default and in English when asked', async () => {
    const path = file('complaints.csv', [
      COMPLAINT_HEADER,
      ...COMPLAINT_ROWS.map((r) => r[0]),
      ...COMPLAINT_WARNINGS.map((r) => r[0]),
    ]);
    const result = await runImport(deps(), { file: path, profile: 'generic-complaints' });
    expect(result).toMatchObject({ inserted: 4, rejected: COMPLAINT_ROWS.length - 1, warned: 3 });
    // The CLI's summary keeps the English reasons, now with the codes beside them.
    expect(result.rejects.map((r) => r.code)).toEqual(COMPLAINT_ROWS.slice(1).map((r) => r[3]));

    const zh = await listIssuePage(reader(), result.batchId, { severity: 'reject', limit: 100 });
    const en = await listIssuePage(reader(), result.batchId, { severity: 'reject', limit: 100, locale: 'en-US' });
    expect(zh.items.map((i) => [i.line, i.column, i.code])).toEqual(
      COMPLAINT_ROWS.slice(1).map((r) => [r[1], r[2], r[3]]),
    );
    COMPLAINT_ROWS.slice(1).forEach(([, line, , code, chinese, english], index) => {
      expect(zh.items[index]?.line).toBe(line);
      expect(zh.items[index]?.reason).toContain(chinese);
      if (code !== 'unreadable_row') {
        // No English left in the Chinese sentence (a reader's detail of an unreadable row is quoted as it is).
        expect(zh.items[index]?.reason).not.toMatch(/\b(is|no|not|give|must|expected)\b/);
      }
      expect(en.items[index]?.reason).toContain(english);
      // English reasons are those the import reports (and stores) for the CLI.
      expect(en.items[index]?.reason).toBe(result.rejects[index]?.reason);
    });

    const warnings = await listIssuePage(reader(), result.batchId, { severity: 'warning', limit: 100 });
    const warningsEn = await listIssuePage(reader(), result.batchId, {
      severity: 'warning',
      limit: 100,
      locale: 'en-US',
    });
    expect(warnings.items.map((i) => [i.line, i.column, i.code])).toEqual(
      COMPLAINT_WARNINGS.map((r) => [r[1], r[2], r[3]]),
    );
    COMPLAINT_WARNINGS.forEach(([, , , , chinese, english], index) => {
      expect(warnings.items[index]?.reason).toContain(chinese);
      expect(warningsEn.items[index]?.reason).toContain(english);
    });

    // The rejects file: Chinese reasons by default, English when asked.
    const text = async (locale?: 'en-US') => {
      const chunks: Buffer[] = [];
      const batch = { id: result.batchId, fileName: 'complaints.csv', profile: 'p', sourceSystem: 's' };
      const stream = issuesCsv(t.db, { ...batch, startedAt: 'x', status: 'done' } as never, 'reject', locale);
      for await (const chunk of stream) {
        chunks.push(Buffer.from(chunk));
      }
      return Buffer.concat(chunks).toString('utf8');
    };
    const zhCsv = await text();
    expect(zhCsv).toContain('行号,列,值,原因,级别,文件');
    expect(zhCsv).toContain('没有叫“不存在镇”的镇街');
    const enCsv = await text('en-US');
    expect(enCsv).toContain('Line,Column,Value,Reason,Severity,File');
    expect(enCsv).toContain('no town is called ""不存在镇""');
  });

  it('codes the bad rows of cases: amounts and complaint links', async () => {
    const path = file('cases.csv', [
      'externalNo,openedAt,content,penaltyYuan,complaintExternalNo',
      'K-1,2025-06-03 09:00,罚款不对,1.234,',
      'K-2,2025-06-03 09:00,关联不对,100,NO-SUCH-COMPLAINT',
    ]);
    const result = await runImport(deps(), { file: path, profile: 'generic-cases', townCode: world.town });
    expect(result).toMatchObject({ inserted: 1, rejected: 1, warned: 1 });
    const rejects = await listIssuePage(reader(), result.batchId, { severity: 'reject', limit: 10 });
    expect(rejects.items.map((i) => [i.line, i.column, i.code, i.reason])).toEqual([
      [2, 'penaltyYuan', 'not_a_number', '“1.234”不是以元为单位的金额（最多两位小数）'],
    ]);
    const warnings = await listIssuePage(reader(), result.batchId, { severity: 'warning', limit: 10 });
    expect(warnings.items.map((i) => [i.line, i.code, i.reason])).toEqual([
      [3, 'unknown_source_complaint', '本镇街没有这个编号的投诉，关联投诉留空'],
    ]);
  });

  it('codes a category code no active category has, and a town beyond the importer', async () => {
    const profile = join(dir, 'default-category.json');
    writeFileSync(
      profile,
      JSON.stringify({
        name: 'default-category',
        title: 'default category',
        kind: 'complaint',
        sourceSystem: 'test-default',
        defaults: { categoryCode: 'no.such.code' },
        columns: [
          { header: 'externalNo', field: 'externalNo' },
          { header: 'openedAt', field: 'openedAt', format: { type: 'datetime' } },
          { header: 'content', field: 'content' },
        ],
      }),
    );
    const unknown = await runImport(deps(), {
      file: file('default-category.csv', ['externalNo,openedAt,content', 'D-1,2025-06-03 09:00,内容']),
      profile,
      townCode: world.town,
    });
    const [category] = (await listIssuePage(reader(), unknown.batchId, { limit: 10 })).items;
    expect([category?.code, category?.reason]).toEqual(['unknown_category_code', '没有启用中的问题分类使用这个代码']);

    const beyond = await runImport(deps('analyst'), {
      file: file('other-town.csv', [
        'externalNo,openedAt,content,townCode',
        `O-1,2025-06-03 09:00,内容,${world.otherTown}`,
      ]),
      profile: 'generic-complaints',
      townCode: world.town,
    });
    const [scope] = (await listIssuePage(reader(), beyond.batchId, { limit: 10, locale: 'en-US' })).items;
    expect([scope?.code, scope?.reason]).toEqual([
      'town_out_of_scope',
      'the town of this row is beyond your imports:write; the row is not imported',
    ]);
    const [scopeZh] = (await listIssuePage(reader(), beyond.batchId, { limit: 10 })).items;
    expect(scopeZh?.reason).toBe('这一行的镇街不在您的导入权限之内，未导入');
  });

  it('reads issues stored before codes as their stored reason, in any locale', async () => {
    const result = await runImport(deps(), {
      file: file('old.csv', ['externalNo,openedAt,content', 'OLD-1,2025-06-03 25:00,内容']),
      profile: 'generic-complaints',
      townCode: world.town,
    });
    await t.db
      .updateTable('import_issue')
      .set({ code: null, params: null, reason: 'openedAt: an old English reason' })
      .where('batch_id', '=', result.batchId)
      .execute();
    for (const locale of ['zh-CN', 'en-US'] as const) {
      const page = await listIssuePage(reader(), result.batchId, { limit: 10, locale });
      expect(page.items.map((i) => [i.code, i.reason])).toEqual([[null, 'openedAt: an old English reason']]);
    }
    // Params that are no JSON object (written by hand) fall back to the stored reason too.
    await t.db
      .updateTable('import_issue')
      .set({ code: 'not_a_datetime', params: '[1,' })
      .where('batch_id', '=', result.batchId)
      .execute();
    const broken = await listIssuePage(reader(), result.batchId, { limit: 10 });
    expect(broken.items[0]?.reason).toBe('openedAt: an old English reason');
  });
});
