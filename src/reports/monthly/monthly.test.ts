import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../auth/index.js';
import { isAppError } from '../../core/errors.js';
import { monthEnd as monthEndOf } from '../../core/time/index.js';
import {
  makeCaseInput,
  makeComplaintInput,
  recordDeps,
  seedRecordWorld,
  testActor,
  world,
} from '../../records/record.testing.js';
import { getStats, type StatsQuery } from '../../stats/index.js';
import { writeRecords } from '../../stats/stats.testing.js';
import { testDatabases, useTestStore } from '../../store/testing.js';
import { promoteWarning } from '../../warnings/index.js';
import { insertTestWarning } from '../../warnings/warning.testing.js';
import { type Block, type ChartBlock, type ReportDocument, renderDocx, type TableBlock } from '../document/index.js';
import { docxPart } from '../document/testing.js';
import {
  buildMonthlyAdvice,
  type MonthlyAdviceInput,
  monthTrendChart,
  monthWeeks,
  parseMonthlyInput,
  reportDate,
} from './index.js';
import { MAX_REPEATS, repeatBlocks } from './monthly.sections.js';
import { textFor } from './monthly.text.js';

/*
 * 苏溪镇, June 2025 against May 2025 and June 2024:
 *   苏华村 wage arrears: 3 complaints in each of April, May and June (a recurring hot spot), June's at the address
 *     苏华村工业区3号 (one with spaces around it) and two naming the enterprise 义乌市苏华服饰有限公司;
 *   西山下村 street stalls: 3 cases in June at 西山下村路口, one overdue (deadline 06-04, closed 06-05), 1 in May;
 *   June 2024: one complaint.
 * Warnings of June: red street stalls in 西山下村 (new), orange rectifying with its own due day, one closed, one
 * dismissed. Of May: one closed, one rectifying past its due day, one new, and one closed before May's report
 * (not a recommendation then). May's problem of the month: the rectifying one.
 */
const M = '2025-06';

describe.each(testDatabases)('monthly advice on %s', (dialect) => {
  const t = useTestStore(dialect);
  const deps = () => recordDeps(t.db);
  const stats = (query: StatsQuery) => getStats(deps(), query);
  let doc: ReportDocument;

  beforeAll(async () => {
    await seedRecordWorld(t.db);
    const wage = (openedAt: string, extra = {}) => ({
      kind: 'complaint' as const,
      input: makeComplaintInput({ openedAt, ...extra }),
    });
    const stall = (openedAt: string, extra = {}) => ({
      kind: 'case' as const,
      input: makeCaseInput({ openedAt, departmentCode: 'enforcement', ...extra }),
    });
    await writeRecords(t.db, [
      wage('2025-04-07T09:00:00+08:00'),
      wage('2025-04-14T09:00:00+08:00'),
      wage('2025-04-21T09:00:00+08:00'),
      wage('2025-05-06T09:00:00+08:00'),
      wage('2025-05-13T09:00:00+08:00'),
      wage('2025-05-20T09:00:00+08:00'),
      stall('2025-05-21T09:00:00+08:00'),
      wage('2025-06-03T09:00:00+08:00', {
        address: '苏华村工业区3号',
        departmentCode: 'labour',
        enterpriseCreditCode: world.enterprise,
        firstResponseAt: '2025-06-03T10:00:00+08:00',
        closedAt: '2025-06-04T09:00:00+08:00',
        resolved: true,
        satisfaction: 'satisfied',
      }),
      wage('2025-06-10T09:00:00+08:00', {
        address: '  苏华村工业区3号 ',
        departmentCode: 'labour',
        enterpriseCreditCode: world.enterprise,
      }),
      wage('2025-06-17T09:00:00+08:00', { address: '苏华村工业区3号', placeCode: world.group, difficult: true }),
      stall('2025-06-03T10:00:00+08:00', {
        address: '西山下村路口',
        deadlineAt: '2025-06-04T18:00:00+08:00',
        closedAt: '2025-06-05T10:00:00+08:00',
      }),
      stall('2025-06-11T10:00:00+08:00', { address: '西山下村路口', closedAt: '2025-06-11T14:00:00+08:00' }),
      stall('2025-06-18T10:00:00+08:00', { address: '西山下村路口' }),
      wage('2024-06-04T10:00:00+08:00'),
    ]);
    const stallWarning = { placeCode: world.otherVillage, categoryCode: 'city_appearance.street_stall' };
    await insertTestWarning(t.db, {
      ...stallWarning,
      severity: 'red',
      summary: '西山下村占道经营突增。',
      departmentCode: 'enforcement',
      week: 202525,
      row: { advice: '建议综合执法队加强早晚巡查。' },
    });
    await insertTestWarning(t.db, {
      ...stallWarning,
      severity: 'orange',
      status: 'rectifying',
      summary: '西山下村占道经营缓慢上升。',
      week: 202524,
      sinceWeek: 202522,
      row: { owner: '王队长', due_day: '2025-07-20', actions: '设临时疏导点' },
    });
    await insertTestWarning(t.db, { ...stallWarning, status: 'closed', summary: '六月已办结的预警', week: 202523 });
    await insertTestWarning(t.db, { ...stallWarning, status: 'dismissed', summary: '六月已排除的预警', week: 202526 });
    await insertTestWarning(t.db, {
      status: 'closed',
      summary: '五月已办结',
      week: 202520,
      row: { result: '已追回欠薪' },
    });
    const mayRectifying = await insertTestWarning(t.db, {
      status: 'rectifying',
      severity: 'yellow',
      summary: '五月整改中',
      week: 202521,
      row: { owner: '李科长', due_day: '2025-06-20', actions: '约谈企业负责人' },
    });
    await insertTestWarning(t.db, { severity: 'blue', summary: '五月未签收', week: 202519 });
    await insertTestWarning(t.db, {
      status: 'closed',
      summary: '五月报告前已办结',
      week: 202519,
      row: { detected_at: Date.parse('2025-05-16T09:00:00+08:00'), result: '早已办结' },
    });
    await promoteWarning({ db: t.db, actor: systemActor('test') }, mayRectifying, {
      month: '2025-05',
      owner: '李科长',
      plan: '逐企排查欠薪隐患',
    });
    doc = await buildMonthlyAdvice(deps(), { townCode: world.town, month: M });
  });

  const headings = (d: ReportDocument, level = 1) =>
    d.blocks.flatMap((b) => (b.type === 'heading' && b.level === level ? [b.text] : []));
  const tableOf = (d: ReportDocument, caption: string) => {
    const found = d.blocks.find((b): b is TableBlock => b.type === 'table' && b.caption === caption);
    if (!found) {
      throw new Error(`no table ${caption}`);
    }
    return found;
  };
  const textOf = (blocks: Block[]) =>
    blocks
      .flatMap((b) =>
        b.type === 'paragraph'
          ? [b.runs.map((r) => r.text).join('')]
          : b.type === 'list'
            ? b.items.map((i) => i.map((r) => r.text).join(''))
            : b.type === 'heading'
              ? [b.text]
              : [],
      )
      .join('\n');
  const hours = (ms: number | null | undefined) => (ms == null ? null : Math.round((ms / 3_600_000) * 10) / 10);
  const one = { town: world.town, period: 'month' as const, from: M, to: M };

  it('has the seven sections, the title and month, and the first working day of July as its date', () => {
    expect(headings(doc)).toEqual([
      '本月总体情况',
      '分类趋势',
      '分村社趋势',
      '反复高发点位',
      '部门履职情况',
      '执法建议',
      '上月建议落实情况',
    ]);
    expect(doc).toMatchObject({ kind: 'advice', title: '苏溪镇基层执法建议', subtitle: '（2025年6月）' });
    expect(doc.date).toBe('2025-07-01');
    // 2 June 2025 is the Dragon Boat holiday: May's report came out on the 3rd.
    expect(reportDate('2025-05')).toBe('2025-06-03');
    expect(monthWeeks('2025-06')).toEqual({ first: 202523, last: 202526 });
    expect(monthWeeks('2025-05')).toEqual({ first: 202518, last: 202522 });
  });

  it('puts the stats API numbers in the overall table and the trend chart', async () => {
    const rows = tableOf(doc, '本月主要指标').rows;
    const expected = async (query: StatsQuery, measure: string) => {
      const total = (await stats({ ...one, ...query, measures: measure, compare: 'yoy,pop' })).totals[0];
      return [
        total?.values[measure],
        total?.pop?.values[measure],
        total?.pop?.change[measure],
        total?.yoy?.values[measure],
        total?.yoy?.change[measure],
      ];
    };
    expect(rows).toEqual([
      ['记录总数', ...(await expected({}, 'records'))],
      ['投诉举报', ...(await expected({ kind: 'complaint' }, 'records'))],
      ['执法案件', ...(await expected({ kind: 'case' }, 'records'))],
      ['疑难件', ...(await expected({}, 'difficult'))],
      ['超期件', ...(await expected({}, 'overdue'))],
    ]);
    expect(rows[0]?.slice(1)).toEqual([6, 4, 0.5, 1, 5]);
    expect(rows[4]?.[1]).toBe(1);
    const trend = await stats({ ...one, from: '2024-07', compare: 'yoy' });
    const chart = doc.blocks.find(
      (b): b is ChartBlock => b.type === 'chart' && b.caption === '近12个月记录数与上年同期',
    );
    const series = chart?.spec.option.series as { data: unknown[] }[];
    expect(series[0]?.data).toEqual(trend.totals.map((r) => r.values.records));
    expect(series[1]?.data).toEqual(trend.totals.map((r) => r.yoy?.values.records ?? '-'));
    expect(series[0]?.data.slice(-3)).toEqual([3, 4, 6]);
  });

  it('puts the stats API numbers in the category, village, hot spot and department tables', async () => {
    const categories = await stats({ ...one, by: 'category2', top: 10, share: true, compare: 'yoy,pop' });
    expect(tableOf(doc, '本月类别前十').rows).toEqual(
      categories.rows.map((r) => [
        r.keys.category2?.name,
        r.values.records,
        r.share?.records,
        r.pop?.values.records,
        r.pop?.change.records,
        r.yoy?.values.records,
        r.yoy?.change.records,
      ]),
    );
    const villages = await stats({
      ...one,
      by: 'village',
      measures: 'records,overdue',
      share: true,
      compare: 'yoy,pop',
    });
    const villageTable = tableOf(doc, '分村社统计');
    expect(new Set(villageTable.rows)).toEqual(
      new Set(
        villages.rows.map((r) => [
          r.keys.village?.name,
          r.values.records,
          r.share?.records,
          r.pop?.values.records,
          r.pop?.change.records,
          r.yoy?.change.records,
          r.values.overdue,
        ]),
      ),
    );
    expect(villageTable.rows.map((r) => r[0])).toEqual(['苏华村', '西山下村']);
    expect(villageTable.total?.[1]).toBe(villages.totals[0]?.values.records);

    const cells = await stats({ ...one, from: '2025-03', by: 'village,category2' });
    const spotTable = tableOf(doc, '连续高发的村（社区）类别');
    expect(spotTable.header[0]?.slice(2)).toEqual(['2025年6月', '2025年5月', '2025年4月', '2025年3月']);
    expect(spotTable.rows).toHaveLength(1);
    const cell = (period: string) =>
      cells.rows.find(
        (r) =>
          r.period === period &&
          r.keys.village?.code === world.village &&
          r.keys.category2?.code === 'labour.enterprise_dispute',
      )?.values.records;
    expect(spotTable.rows[0]).toEqual([
      '苏华村',
      cells.rows.find((r) => r.keys.category2?.code === 'labour.enterprise_dispute')?.keys.category2?.name,
      cell('2025-06'),
      cell('2025-05'),
      cell('2025-04'),
      cell('2025-03'),
    ]);
    expect(spotTable.rows[0]?.slice(2)).toEqual([3, 3, 3, 0]);

    const measures = 'handled,handlingMedian,handlingP90,overdue,responseRate,resolutionRate,satisfactionRate';
    const row = (v: Record<string, number | null> | undefined) => [
      v?.handled,
      hours(v?.handlingMedian),
      hours(v?.handlingP90),
      v?.overdue,
      v?.responseRate,
      v?.resolutionRate,
      v?.satisfactionRate,
    ];
    const departments = await stats({ ...one, by: 'department', measures: `records,${measures}` });
    const deptTable = tableOf(doc, '分部门履职情况');
    expect(deptTable.rows).toEqual(
      departments.rows
        .filter((r) => (r.values.records ?? 0) > 0)
        .map((r) => [r.keys.department?.name, ...row(r.values)]),
    );
    const total = await stats({ ...one, measures });
    expect(deptTable.total).toEqual(['合计', ...row(total.totals[0]?.values)]);
    expect(deptTable.total?.[1]).toBe(3);
  });

  it('lists repeat addresses (trimmed) and enterprises, with counts and no personal data', () => {
    const addresses = tableOf(doc, '重复地址');
    expect(addresses.rows).toEqual([
      ['苏华村工业区3号', '苏华村', expect.any(String), 3, 0, 3],
      ['西山下村路口', '西山下村', expect.any(String), 0, 3, 3],
    ]);
    expect(tableOf(doc, '重复涉及企业').rows).toEqual([
      ['义乌市苏华服饰有限公司', world.enterprise, expect.any(String), 2, 0, 2],
    ]);
    const all = JSON.stringify(doc);
    expect(all).not.toContain('张三');
    expect(all).not.toContain('13812345678');
  });

  it('recommends who, what, where and by when from the warnings and the advice library', async () => {
    const advice = tableOf(doc, '执法建议清单');
    const labour = await t.db
      .selectFrom('department')
      .innerJoin('place', 'place.id', 'department.town_id')
      .select('department.name')
      .where('place.code', '=', world.town)
      .where('department.code', '=', 'labour')
      .executeTakeFirstOrThrow();
    const enforcement = await t.db
      .selectFrom('department')
      .innerJoin('place', 'place.id', 'department.town_id')
      .select('department.name')
      .where('place.code', '=', world.town)
      .where('department.code', '=', 'enforcement')
      .executeTakeFirstOrThrow();
    // Red first with the report date + 5 working days; the orange one keeps its own due day; the hot spot last,
    // its department from the advice library (labour answers for wage arrears), + 15 working days.
    expect(advice.rows.map((r) => [r[1], r[3], r[4], r[5]])).toEqual([
      ['红色', enforcement.name, '西山下村', '2025-07-08'],
      ['橙色', '属地村（社区）和相关职能部门', '西山下村', '2025-07-20'],
      ['连续高发', labour.name, '苏华村', '2025-07-22'],
    ]);
    const text = textOf(doc.blocks);
    expect(text).toContain('提出执法建议3条（其中红色预警1条、连续高发点位1条）；本月另有1条预警已办结。');
    expect(text).toContain('【红色】西山下村占道经营突增。建议：建议综合执法队加强早晚巡查。');
    expect(text).toContain('2025年7月8日前完成');
    expect(text).not.toContain('六月已排除的预警');
  });

  it('follows up last month’s recommendations and its problem of the month', () => {
    const rows = tableOf(doc, '上月建议落实情况').rows;
    // Red first (the list's order); the orange one began in May, so it was one of May's too.
    expect(rows.map((r) => [r[1], r[2], r[3], r[4]])).toEqual([
      ['王队长', '2025-07-20', '整改中', '设临时疏导点'],
      [expect.any(String), expect.any(String), '已办结', '已追回欠薪'],
      ['李科长', '2025-06-20', '逾期未办结', '约谈企业负责人'],
      [expect.any(String), '2025-06-24', '逾期未办结', '—'],
    ]);
    const text = textOf(doc.blocks);
    expect(text).toContain('上月提出建议4条，截至本报告日：已办结1条，逾期未办结2条，整改中1条。');
    expect(text).not.toContain('早已办结');
    expect(text).toContain('上月“每月一题”：五月整改中，牵头人李科长，仍在推进。');
  });

  it('writes its sentences from the numbers', async () => {
    const text = textOf(doc.blocks);
    expect(text).toContain('2025年6月，全镇共受理投诉举报3件、执法案件3件，合计6件，环比上升50.0%，同比上升500.0%。');
    expect(text).toContain('其中疑难件1件，超期1件（环比上期为零，无可比）。');
    expect(text).toContain('（由1件增至3件）');
    expect(text).toContain('同一地址本月记录3件及以上的有2处');
    expect(text).toContain('超期件最多的是苏溪镇综合行政执法队（1件，全镇1件）。');
    // Records nobody was assigned to are not a unit to blame.
    expect(text).not.toContain('未指派响应率');
    const may = await buildMonthlyAdvice(deps(), { townCode: world.town, month: '2025-05' });
    const mayText = textOf(may.blocks);
    expect(mayText).toContain('2025年5月，全镇共受理投诉举报3件、执法案件1件，合计4件，环比上升33.3%');
    expect(mayText).toContain('本月无记录3件及以上的重复地址。');
  });

  it('renders to DOCX', async () => {
    const xml = docxPart(await renderDocx(doc), 'word/document.xml');
    expect(xml).toContain('苏溪镇基层执法建议');
    expect(xml).toContain('上月建议落实情况');
  });

  it('says in words that an empty month is empty, and renders it', async () => {
    // September 2023: nothing in it nor in the 12 months of its trend.
    const empty = await buildMonthlyAdvice(deps(), { townCode: world.town, month: 202309 });
    const text = textOf(empty.blocks);
    expect(text).toContain('2023年9月，全镇未受理投诉举报，未立执法案件，本月无统计数据。');
    expect(text).toContain('本月无分类数据。');
    expect(text).toContain('本月各村（社区）均无记录。');
    expect(text).toContain('本月无连续高发的村（社区）类别。');
    expect(text).toContain('本月无涉及2件及以上记录的企业。');
    expect(text).toContain('暂无新的执法建议');
    expect(text).toContain('上月无执法建议需跟踪落实。');
    expect(text).toContain('上月未确定“每月一题”。');
    expect(empty.blocks.some((b) => b.type === 'chart')).toBe(false);
    await expect(renderDocx(empty)).resolves.toBeInstanceOf(Buffer);
  });

  it('writes en-US too', async () => {
    const en = await buildMonthlyAdvice(deps(), { townCode: world.town, month: '202506', locale: 'en-US' });
    expect(headings(en)[0]).toBe('Overview of the month');
    expect(textOf(en.blocks)).toContain('6 records in all: up 50.0% on last month');
    expect(textOf(en.blocks)).toContain('on the same month last year. 1 were difficult');
    expect(textOf(en.blocks)).toContain('Test warning');
    await expect(renderDocx(en)).resolves.toBeInstanceOf(Buffer);
  });

  it('counts only what the caller reaches: a village secretary sees their village', async () => {
    const secretary = await testActor(t.db, 'secretary', [
      { role: 'village_secretary', kind: 'village', code: world.village },
    ]);
    const own = await buildMonthlyAdvice({ db: t.db, actor: secretary }, { townCode: world.town, month: M });
    const total = (await getStats({ db: t.db, actor: secretary }, { ...one, compare: 'yoy,pop' })).totals[0];
    expect(tableOf(own, '本月主要指标').rows[0]?.slice(1)).toEqual([
      total?.values.records,
      total?.pop?.values.records,
      total?.pop?.change.records,
      total?.yoy?.values.records,
      total?.yoy?.change.records,
    ]);
    expect(total?.values.records).toBe(3);
    expect(tableOf(own, '分村社统计').rows.map((r) => r[0])).toEqual(['苏华村']);
    expect(tableOf(own, '重复地址').rows.map((r) => r[0])).toEqual(['苏华村工业区3号']);
    expect(JSON.stringify(own)).not.toContain('西山下村占道经营突增');
  });

  it('agrees with getStats in any month (fast-check over months)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 2024 * 12, max: 2025 * 12 + 11 }), async (index) => {
        const month = `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
        const built = await buildMonthlyAdvice(deps(), { townCode: world.town, month });
        const total = (await stats({ ...one, from: month, to: month, compare: 'yoy,pop' })).totals[0];
        expect(tableOf(built, '本月主要指标').rows[0]?.slice(1)).toEqual([
          total?.values.records,
          total?.pop?.values.records,
          total?.pop?.change.records,
          total?.yoy?.values.records,
          total?.yoy?.change.records,
        ]);
        expect(built.date > monthEndOf(month)).toBe(true);
      }),
      { numRuns: 8 },
    );
  });

  it('gives a reader holding stats:read only the numbers, without records or warnings', async () => {
    const organisation = await testActor(t.db, 'organisation', [
      { role: 'organisation', kind: 'town', code: world.town },
    ]);
    const own = await buildMonthlyAdvice({ db: t.db, actor: organisation }, { townCode: world.town, month: M });
    expect(tableOf(own, '本月主要指标').rows[0]?.[1]).toBe(6);
    const text = textOf(own.blocks);
    expect(text).toContain('本月无记录3件及以上的重复地址。');
    expect(text).toContain('上月无执法建议需跟踪落实。');
    expect(text).not.toContain('西山下村占道经营突增');
    // The hot spot is still a recommendation: it comes from the numbers and the advice library.
    expect(tableOf(own, '执法建议清单').rows.map((r) => r[1])).toEqual(['连续高发']);
  });

  it('refuses a village as the town and a month that does not exist, naming the field', async () => {
    await expect(buildMonthlyAdvice(deps(), { townCode: world.village, month: M })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('townCode'),
    });
    await expect(buildMonthlyAdvice(deps(), { townCode: world.town, month: '2025-13' })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('month'),
    });
  });
});

describe('repeat addresses and enterprises', () => {
  it('lists the 20 with the most records and says how many there are in all', () => {
    const items = Array.from({ length: 25 }, (_, i) => ({
      name: `稠州路${i + 1}号`,
      creditCode: null,
      records: 40 - i,
      complaints: 30 - i,
      cases: 10,
      village: '东村',
      category: '占道经营',
    }));
    const blocks = repeatBlocks(textFor('zh-CN'), items, 'addresses', (x) => String(x));
    const tableBlock = blocks.find((b): b is TableBlock => b.type === 'table');
    expect(tableBlock?.rows.length).toBe(MAX_REPEATS);
    expect(tableBlock?.rows[0]?.[0]).toBe('稠州路1号');
    expect(tableBlock?.notes?.[0]).toBe('共25处，按记录数列出前20处。');
    const few = repeatBlocks(textFor('zh-CN'), items.slice(0, 3), 'enterprises', (x) => String(x));
    expect(few.find((b): b is TableBlock => b.type === 'table')?.notes).toBeUndefined();
  });
});

describe('month trend chart', () => {
  it('draws the months with the year before, in both locales, and names bad input', () => {
    const spec = monthTrendChart({
      months: ['2024-12', '2025-01'],
      thisYear: [3, 5],
      lastYear: [null, 2],
      unit: '件',
      locale: 'zh-CN',
    });
    expect((spec.option.xAxis as { data: string[] }).data).toEqual(['24年12月', '25年1月']);
    expect((spec.option.series as { data: unknown[] }[])[1]?.data).toEqual(['-', 2]);
    const en = monthTrendChart({ months: ['2025-01'], thisYear: [1], lastYear: [1], unit: 'records', locale: 'en-US' });
    expect((en.option.xAxis as { data: string[] }).data).toEqual(['2025-01']);
    expect(JSON.parse(JSON.stringify(spec))).toEqual(spec);
    const bad = (input: Partial<Parameters<typeof monthTrendChart>[0]>) => () =>
      monthTrendChart({ months: ['2025-01'], thisYear: [1], lastYear: [1], unit: '件', locale: 'zh-CN', ...input });
    expect(bad({ lastYear: [] })).toThrow(/^lastYear/);
    expect(bad({ thisYear: [Number.NaN] })).toThrow(/^thisYear\.0/);
  });
});

describe('monthly advice input', () => {
  it('accepts any input or refuses it with invalid_input naming the field, never a crash', () => {
    fc.assert(
      fc.property(
        fc.record({
          townCode: fc.oneof(fc.string(), fc.constant('330782100'), fc.integer()),
          month: fc.oneof(
            fc.string(),
            fc.integer(),
            fc.constant('2025-06'),
            fc.constant(202506),
            fc.constant('202513'),
          ),
          locale: fc.oneof(fc.constant('zh-CN'), fc.constant('en-US'), fc.string()),
        }),
        (input) => {
          try {
            const parsed = parseMonthlyInput(input as MonthlyAdviceInput);
            expect(parsed.month).toMatch(/^\d{4}-(0[1-9]|1[0-2])$/);
          } catch (error) {
            expect(isAppError(error)).toBe(true);
            expect((error as Error).message).toMatch(/^(townCode|month|locale)/);
          }
        },
      ),
    );
    expect(parseMonthlyInput({ townCode: '330782100', month: 202506 })).toEqual({
      townCode: '330782100',
      month: '2025-06',
      locale: 'zh-CN',
    });
  });
});
