import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../core/errors.js';
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
import { insertTestWarning } from '../../warnings/warning.testing.js';
import { type Block, type ReportDocument, renderDocx, type TableBlock } from '../document/index.js';
import { docxPart } from '../document/testing.js';
import { buildWeeklyBulletin, parseWeeklyInput, type WeeklyBulletinInput } from './index.js';

/*
 * 苏溪镇, 2025W23 (2–8 June) against 2025W22 and 2024W23:
 *   W23: C1 wage arrears 苏华村 labour dept, answered in 1 h, closed after 20 h, resolved, satisfied
 *        C2 illegal employment 苏华村 labour dept, answered after 30 h, closed after 3 days
 *        C3 wage arrears 第一组 (苏华村), difficult
 *        K1 street stall 西山下村 enforcement, deadline 06-04, closed 06-05 (overdue)
 *        K2 street stall 西山下村 enforcement, closed after 4 h
 *   W22: three street-stall cases and one wage-arrears complaint; 2024W23: one complaint.
 * Warnings: red and orange in W23, one in W22 and one dismissed in W23 (both left out).
 */
const W = '2025W23';

describe.each(testDatabases)('weekly bulletin on %s', (dialect) => {
  const t = useTestStore(dialect);
  const deps = () => recordDeps(t.db);
  const stats = (query: StatsQuery) => getStats(deps(), query);
  let doc: ReportDocument;

  beforeAll(async () => {
    await seedRecordWorld(t.db);
    await writeRecords(t.db, [
      {
        kind: 'complaint',
        input: makeComplaintInput({
          departmentCode: 'labour',
          firstResponseAt: '2025-06-02T10:30:00+08:00',
          closedAt: '2025-06-03T05:30:00+08:00',
          resolved: true,
          satisfaction: 'satisfied',
        }),
      },
      {
        kind: 'complaint',
        input: makeComplaintInput({
          categoryCode: 'labour.illegal_employment',
          departmentCode: 'labour',
          openedAt: '2025-06-03T09:00:00+08:00',
          firstResponseAt: '2025-06-04T15:00:00+08:00',
          closedAt: '2025-06-06T09:00:00+08:00',
        }),
      },
      { kind: 'complaint', input: makeComplaintInput({ placeCode: world.group, difficult: true }) },
      {
        kind: 'case',
        input: makeCaseInput({
          departmentCode: 'enforcement',
          deadlineAt: '2025-06-04T18:00:00+08:00',
          closedAt: '2025-06-05T10:00:00+08:00',
        }),
      },
      {
        kind: 'case',
        input: makeCaseInput({ departmentCode: 'enforcement', closedAt: '2025-06-03T14:00:00+08:00' }),
      },
      ...[0, 1, 2].map(() => ({
        kind: 'case' as const,
        input: makeCaseInput({ openedAt: '2025-05-27T10:00:00+08:00' }),
      })),
      { kind: 'complaint', input: makeComplaintInput({ openedAt: '2025-05-28T10:00:00+08:00' }) },
      { kind: 'complaint', input: makeComplaintInput({ openedAt: '2024-06-04T10:00:00+08:00' }) },
    ]);
    await insertTestWarning(t.db, { severity: 'red', summary: '苏华村拖欠工资投诉激增', week: 202523 });
    await insertTestWarning(t.db, {
      severity: 'orange',
      summary: '西山下村占道经营缓慢上升',
      placeCode: world.otherVillage,
      categoryCode: 'city_appearance.street_stall',
      week: 202523,
      row: { advice: '建议综合执法队加强早晚巡查。' },
    });
    await insertTestWarning(t.db, { severity: 'red', summary: '上周的预警', week: 202522 });
    await insertTestWarning(t.db, { severity: 'red', summary: '已排除的预警', status: 'dismissed', week: 202523 });
    doc = await buildWeeklyBulletin(deps(), { townCode: world.town, week: W, locale: 'zh-CN' });
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
  const one = { town: world.town, period: 'week' as const, from: W, to: W };

  it('has the sections, a title for the town and week, and the week after as its date', () => {
    expect(headings(doc)).toEqual(['总体情况', '分类情况', '分村社情况', '处置效能', '本周预警', '下周工作要点']);
    expect(doc).toMatchObject({ kind: 'bulletin', title: '苏溪镇案件信息通报', subtitle: '（2025年第23周）' });
    expect(doc.date).toBe('2025-06-09');
    expect(doc.blocks.some((b) => b.type === 'chart')).toBe(true);
  });

  it('puts the stats API numbers in the overall table, with 同比 and 环比', async () => {
    const rows = tableOf(doc, '本周主要指标').rows;
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
    // The seeded world, so the comparison cannot pass on two empty answers.
    expect(rows[0]?.slice(1, 4)).toEqual([5, 4, 0.25]);
    expect(rows[2]?.[1]).toBe(2);
    expect(rows[4]?.[1]).toBe(1);
  });

  it('puts the stats API numbers in the category, village and department tables', async () => {
    const categories = await stats({ ...one, by: 'category2', top: 10, share: true, compare: 'pop' });
    expect(tableOf(doc, '本周类别前十').rows).toEqual(
      categories.rows.map((r) => [
        r.keys.category2?.name,
        r.values.records,
        r.share?.records,
        r.pop?.values.records,
        r.pop?.change.records,
      ]),
    );
    expect(tableOf(doc, '本周类别前十').rows.length).toBe(3);

    const villages = await stats({ ...one, by: 'village', measures: 'records,overdue', compare: 'pop' });
    const villageTable = tableOf(doc, '分村社统计');
    expect(new Set(villageTable.rows)).toEqual(
      new Set(
        villages.rows.map((r) => [
          r.keys.village?.name,
          r.values.records,
          r.pop?.values.records,
          r.pop?.change.records,
          r.values.overdue,
        ]),
      ),
    );
    expect(villageTable.rows.map((r) => r[0])).toEqual(['苏华村', '西山下村']);
    expect(villageTable.total?.[1]).toBe(villages.totals[0]?.values.records);

    const measures = 'handled,handlingMedian,handlingP90,overdue,responseRate,resolutionRate,satisfactionRate';
    const cells = (v: Record<string, number | null> | undefined) => [
      v?.handled,
      hours(v?.handlingMedian),
      hours(v?.handlingP90),
      v?.overdue,
      v?.responseRate,
      v?.resolutionRate,
      v?.satisfactionRate,
    ];
    const departments = await stats({ ...one, by: 'department', measures: `records,${measures}` });
    const deptTable = tableOf(doc, '分部门处置效能');
    expect(deptTable.rows).toEqual(departments.rows.map((r) => [r.keys.department?.name, ...cells(r.values)]));
    const total = await stats({ ...one, measures });
    expect(deptTable.total).toEqual(['合计', ...cells(total.totals[0]?.values)]);
    expect(deptTable.total?.slice(1, 2)).toEqual([4]);
  });

  it('lists the week’s warnings with their advice and writes next week’s points from the numbers', async () => {
    const text = textOf(doc.blocks);
    expect(text).toContain('本周预警2条，其中红色预警1条。');
    expect(text).toContain('【红色】苏华村拖欠工资投诉激增');
    expect(text).toContain('建议劳动保障部门开展专项检查。');
    expect(text).toContain('【橙色】西山下村占道经营缓慢上升');
    expect(text).toContain('建议综合执法队加强早晚巡查。');
    expect(text).not.toContain('上周的预警');
    expect(text).not.toContain('已排除的预警');
    const points = doc.blocks.at(-1);
    expect(points?.type).toBe('list');
    const pointText = textOf([points as Block]);
    // Wage arrears (企业劳资纠纷) rose from 1 to 2; illegal employment from 0 to 1; street stalls fell from 3 to 2.
    const categories = await stats({ town: world.town, period: 'week', from: '2025W22', to: W, by: 'category2' });
    const rising = categories.rows.find(
      (r) => r.period === W && r.keys.category2?.code === 'labour.enterprise_dispute',
    );
    expect(rising?.values.records).toBe(2);
    expect(pointText).toContain(`${rising?.keys.category2?.name}（由1件增至2件）`);
    expect(pointText).toContain('1条红色预警');
    expect(pointText).toContain('本周超期1件');
    expect(text).toContain('（由3件降至2件）');
    expect(text).toContain('环比上升25.0%');
    expect(text).toContain('超期1件（环比上期为零，无可比）');
  });

  it('renders to DOCX', async () => {
    const docx = await renderDocx(doc);
    const xml = docxPart(docx, 'word/document.xml');
    expect(xml).toContain('苏溪镇案件信息通报');
    expect(xml).toContain('下周工作要点');
  });

  it('says in words that an empty week is empty, and renders it', async () => {
    const empty = await buildWeeklyBulletin(deps(), { townCode: world.town, week: '2025W30' });
    const text = textOf(empty.blocks);
    expect(text).toContain('7月21日至7月27日，全镇未受理投诉举报，未立执法案件，本周无统计数据。');
    expect(text).toContain('本周无分类数据。');
    expect(text).toContain('本周各村（社区）均无记录。');
    expect(text).toContain('本周无预警。');
    expect(text).toContain('本周无记录，请核实数据报送是否正常。');
    expect(empty.blocks.some((b) => b.type === 'chart')).toBe(false);
    await expect(renderDocx(empty)).resolves.toBeInstanceOf(Buffer);
  });

  it('writes en-US too', async () => {
    const en = await buildWeeklyBulletin(deps(), { townCode: world.town, week: W, locale: 'en-US' });
    expect(headings(en)[0]).toBe('Overview');
    expect(textOf(en.blocks)).toContain('Test warning');
    await expect(renderDocx(en)).resolves.toBeInstanceOf(Buffer);
  });

  it('counts only what the caller reaches: a village secretary sees their village’s numbers', async () => {
    const secretary = await testActor(t.db, 'secretary', [
      { role: 'village_secretary', kind: 'village', code: world.village },
    ]);
    const own = await buildWeeklyBulletin({ db: t.db, actor: secretary }, { townCode: world.town, week: W });
    const total = (await getStats({ db: t.db, actor: secretary }, { ...one, compare: 'yoy,pop' })).totals[0];
    const row = tableOf(own, '本周主要指标').rows[0];
    expect(row?.slice(1)).toEqual([
      total?.values.records,
      total?.pop?.values.records,
      total?.pop?.change.records,
      total?.yoy?.values.records,
      total?.yoy?.change.records,
    ]);
    expect(row?.[1]).toBe(3);
    expect(tableOf(own, '分村社统计').rows.map((r) => r[0])).toEqual(['苏华村']);
  });

  it('refuses a village as the town and a week that does not exist, naming the field', async () => {
    await expect(buildWeeklyBulletin(deps(), { townCode: world.village, week: W })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('townCode'),
    });
    await expect(buildWeeklyBulletin(deps(), { townCode: world.town, week: '2025W54' })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('week'),
    });
  });
});

describe('weekly bulletin input', () => {
  it('accepts any input or refuses it with invalid_input naming the field, never a crash', () => {
    fc.assert(
      fc.property(
        fc.record({
          townCode: fc.oneof(fc.string(), fc.constant('330782100'), fc.integer()),
          week: fc.oneof(fc.string(), fc.integer(), fc.constant('2025W23'), fc.constant('2025W53')),
          locale: fc.oneof(fc.constant('zh-CN'), fc.constant('en-US'), fc.string()),
        }),
        (input) => {
          try {
            const parsed = parseWeeklyInput(input as WeeklyBulletinInput);
            expect(parsed.week).toBeGreaterThan(100_000);
          } catch (error) {
            expect(isAppError(error)).toBe(true);
            expect((error as Error).message).toMatch(/^(townCode|week|locale)/);
          }
        },
      ),
    );
    expect(parseWeeklyInput({ townCode: '330782100', week: '2025-W23' })).toEqual({
      townCode: '330782100',
      week: 202523,
      locale: 'zh-CN',
    });
  });
});
