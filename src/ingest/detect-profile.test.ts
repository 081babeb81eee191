import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemo } from '../demo/demo.js';
import { DEMO_FILE_NAMES, writeDemoFiles } from '../demo/export/index.js';
import { detectKind, guessCategoryFormat, guessDatetimePatterns, proposeProfile } from './detect-profile.js';
import { type Profile, profileSchema } from './profile.schema.js';
import { type Cell, openTable } from './readers/index.js';

/** A file's header and first rows, as `--detect` reads them. */
async function headerAndSample(path: string): Promise<{ header: readonly string[]; sample: Cell[][] }> {
  const table = await openTable(path);
  const sample: Cell[][] = [];
  for await (const row of table.rows) {
    sample.push([...row.cells]);
    if (sample.length === 200) {
      break;
    }
  }
  await table.close();
  return { header: table.header, sample };
}

const parsed = (proposal: ReturnType<typeof proposeProfile>): Profile => profileSchema.parse(proposal.profile);
const columnOf = (profile: Profile, field: string) => profile.columns.find((column) => column.field === field);

describe('proposeProfile on the demo export files', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'shanzhi-detect-'));
    await writeDemoFiles(createDemo({ seed: 'detect', records: 300 }), dir);
  }, 60_000);
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.each([
    [DEMO_FILE_NAMES.workOrders, '12345-work-orders', ['被反映单位', '重复工单关联编号']],
    [DEMO_FILE_NAMES.ledger, 'case-ledger', []],
    [DEMO_FILE_NAMES.open311, 'open311', ['status', 'status_notes', 'service_name', 'updated_datetime', 'zipcode']],
  ])('proposes the built-in profile for %s', async (name, builtIn, unmatched) => {
    const { header, sample } = await headerAndSample(join(dir, name));
    const proposal = proposeProfile(header, sample, name);
    expect(proposal.builtIn).toBe(builtIn);
    const profile = parsed(proposal);
    expect(profile.name).toBe(builtIn);
    expect(proposal.unmatched).toEqual(unmatched);
    expect(proposal.matched.map((m) => m.header)).toEqual(header.filter((h) => !(unmatched as string[]).includes(h)));
    expect(proposal.matched.every((m) => m.confidence === 1)).toBe(true);
    for (const match of proposal.matched) {
      expect(columnOf(profile, match.field)?.header).toBe(match.header);
    }
  });

  it('still maps the work orders with headers renamed and shuffled', async () => {
    const { header, sample } = await headerAndSample(join(dir, DEMO_FILE_NAMES.workOrders));
    const renamed: Record<string, string> = {
      工单编号: '受理编号',
      来电时间: '受理时间',
      所属村社: '村（社区）',
      联系电话: '手机号码',
      问题分类: '诉求类别',
    };
    const order = header.map((_, i) => i).sort((a, b) => ((a * 7) % header.length) - ((b * 7) % header.length));
    const shuffled = order.map((i) => renamed[header[i] as string] ?? (header[i] as string));
    const proposal = proposeProfile(
      shuffled,
      sample.map((row) => order.map((i) => row[i] ?? null)),
      '导出.xlsx',
    );
    expect(proposal.builtIn).toBe('12345-work-orders');
    const profile = parsed(proposal);
    expect(profile.name).toBe('12345-work-orders-custom');
    for (const [original, now] of Object.entries(renamed)) {
      const column = profile.columns.find((c) => c.header === original);
      expect(column?.aliases).toEqual([now]);
      expect(proposal.matched.find((m) => m.header === now)?.field).toBe(column?.field);
    }
    expect(proposal.unmatched.sort()).toEqual(['被反映单位', '重复工单关联编号']);
  });
});

describe('proposeProfile from the table of header names', () => {
  it('maps a hotline export it has no built-in profile for', () => {
    const header = ['受理编号', '登记时间', '事项分类', '所属社区', '办理状态', '手机号', '诉求内容', '备注', 'xyz'];
    const sample: Cell[][] = [
      ['SL001', '2025/6/3 9:05', '市容环境>占道经营', '后山村', '处理中', '13800000000', '门口摆摊', '', 'q'],
      ['SL002', '2025/12/13 10:30', '噪声扰民>社会生活噪声', '溪华社区', '待回访', '13900000000', '夜里吵', '急', 'r'],
      ['SL003', '2025/1/3 19:00', '噪声扰民>建筑施工噪声', '溪华社区', '挂起', '13700000000', '打桩', '', 's'],
    ];
    const proposal = proposeProfile(header, sample, 'hotline-2025.csv');
    expect(proposal.builtIn).toBeUndefined();
    expect(proposal.unmatched).toEqual(['备注', 'xyz']);
    const profile = parsed(proposal);
    expect(profile).toMatchObject({ name: 'hotline-2025-detected', kind: 'complaint', sourceSystem: 'import' });
    const fields = Object.fromEntries(profile.columns.map((c) => [c.header, c.field]));
    expect(fields).toEqual({
      受理编号: 'externalNo',
      登记时间: 'openedAt',
      事项分类: 'categoryCode',
      所属社区: 'placeCode',
      办理状态: 'status',
      手机号: 'complainantPhone',
      诉求内容: 'content',
    });
    expect(columnOf(profile, 'openedAt')?.format).toEqual({ type: 'datetime', patterns: ['yyyy/M/d H:mm'] });
    expect(columnOf(profile, 'categoryCode')?.format).toEqual({ type: 'category', match: 'path', separator: '>' });
    const status = columnOf(profile, 'status');
    expect(status?.format).toMatchObject({ type: 'enum', map: { 处理中: 'in_progress', 待回访: 'responded' } });
    expect(status?.note).toMatch(/^TODO: 未识别的取值 挂起/);
  });

  it('maps a case ledger: kind, amounts, outcomes and Chinese dates', () => {
    const header = ['案号', '立案时间', '当事人名称', '案由', '处罚金额', '处理结果', '状态', '统一社会信用代码'];
    const sample: Cell[][] = [
      ['(2025)01', '2025年6月3日', '义乌𠮷野家', '占道经营', '200.00', '罚款', '已结案', '91330782MA2D000000'],
      ['(2025)02', '2025年11月23日', '张三', '噪声', '', '警告', '调查中', ''],
    ];
    const proposal = proposeProfile(header, sample, '执法台账.csv');
    const profile = parsed(proposal);
    expect(profile).toMatchObject({ name: 'detected-cases', kind: 'case' });
    expect(Object.fromEntries(profile.columns.map((c) => [c.header, c.field]))).toEqual({
      案号: 'externalNo',
      立案时间: 'openedAt',
      当事人名称: 'partyName',
      案由: 'categoryCode',
      处罚金额: 'penaltyFen',
      处理结果: 'outcome',
      状态: 'status',
      统一社会信用代码: 'enterpriseCreditCode',
    });
    expect(columnOf(profile, 'openedAt')?.format).toEqual({ type: 'datetime', patterns: ['yyyy年M月d日'] });
    expect(columnOf(profile, 'penaltyFen')?.format).toEqual({ type: 'yuan' });
    expect(columnOf(profile, 'categoryCode')?.format).toMatchObject({ match: 'name' });
    expect(columnOf(profile, 'status')?.format).toMatchObject({ map: { 已结案: 'closed', 调查中: 'investigating' } });
    expect(columnOf(profile, 'status')?.note).toBeUndefined();
  });

  it('guesses the key columns of unknown headers, with a note to check them', () => {
    const header = ['a', 'b', 'c'];
    const sample: Cell[][] = [
      ['x', '2025-06-03 09:05:00', 'x1'],
      ['x', '2025-06-04 10:00:00', 'x2'],
    ];
    const proposal = proposeProfile(header, sample, 'data.csv');
    const profile = parsed(proposal);
    expect(profile.columns.map((c) => [c.header, c.field])).toEqual([
      ['b', 'openedAt'],
      ['c', 'externalNo'],
    ]);
    expect(profile.columns.every((c) => c.note?.startsWith('TODO'))).toBe(true);
    expect(proposal.unmatched).toEqual(['a']);
    expect(proposal.matched.every((m) => m.confidence < 0.5)).toBe(true);
  });

  it('tells cases from complaints by their headers', () => {
    expect(detectKind(['工单编号', '来电时间', '诉求内容'])).toBe('complaint');
    expect(detectKind(['案件编号', '立案日期', '当事人', '关联投诉编号'])).toBe('case');
    expect(detectKind(['service_request_id', 'requested_datetime'])).toBe('complaint');
  });

  it('guesses date patterns from the text of a sample', () => {
    expect(guessDatetimePatterns(['2025/6/3 9:05', '2025/12/13 10:30'])).toEqual(['yyyy/M/d H:mm']);
    expect(guessDatetimePatterns(['2025-06-03 09:05:07'])).toEqual(['yyyy-MM-dd HH:mm:ss']);
    expect(guessDatetimePatterns(['2025.6.3', '20250603', '2025.6.4'])).toEqual(['yyyy.M.d', 'yyyyMMdd']);
    expect(guessDatetimePatterns(['2025年6月3日 9时05分', '2025年6月3日10时05分30秒'])).toEqual([
      'yyyy年M月d日 H时mm分',
      'yyyy年M月d日H时mm分ss秒',
    ]);
    expect(guessDatetimePatterns(['2025-06-03T09:05:07'])).toEqual(["yyyy-MM-dd'T'HH:mm:ss"]);
    expect(guessDatetimePatterns(['2025-06-03T09:05:07+08:00', new Date(), 45811.5, '不详'])).toEqual([]);
    expect(guessDatetimePatterns(['2025/13/45'])).toEqual([]);
  });

  it('tells category paths, codes and names apart', () => {
    expect(guessCategoryFormat(['劳动保障/涉企劳工纠纷/欠薪', '市容环境/占道经营'])).toEqual({
      type: 'category',
      match: 'path',
      separator: '/',
    });
    expect(guessCategoryFormat(['市容环境-占道经营', '噪声扰民-社会生活噪声', '其他'])).toMatchObject({
      separator: '-',
    });
    expect(guessCategoryFormat(['city_appearance.street_stall', 'noise'])).toEqual({ type: 'category', match: 'code' });
    expect(guessCategoryFormat(['占道经营', '欠薪'])).toEqual({ type: 'category', match: 'name' });
  });

  it('always proposes a valid profile for two or more headers, whatever they are', () => {
    const known = ['工单编号', '来电时间', '案件编号', '立案日期', '当事人', '办理状态', '满意度', '是否解决', 'lat'];
    const headerText = fc.oneof(fc.constantFrom(...known), fc.string({ minLength: 1, maxLength: 8 }));
    const cell = fc.oneof(
      fc.string({ maxLength: 10 }),
      fc.constantFrom('2025/6/3 9:05', '已办结', '是', 'a/b', ''),
      fc.integer(),
      fc.constant(null),
      fc.date({ noInvalidDate: true }),
    );
    fc.assert(
      fc.property(
        fc.uniqueArray(headerText, { minLength: 2, maxLength: 8 }),
        fc.array(fc.array(cell, { maxLength: 9 }), { maxLength: 5 }),
        (header, sample) => {
          fc.pre(header.filter((h) => h.trim() !== '').length >= 2);
          const proposal = proposeProfile(header, sample, 'x.csv');
          const result = profileSchema.safeParse(proposal.profile);
          expect(result.error?.issues ?? []).toEqual([]);
          const used = new Set([...proposal.matched.map((m) => m.header), ...proposal.unmatched]);
          expect(used).toEqual(new Set(header.filter((h) => h !== '')));
        },
      ),
    );
  });
});
