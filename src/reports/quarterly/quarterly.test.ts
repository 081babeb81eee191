import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../auth/index.js';
import { isAppError } from '../../core/errors.js';
import { addQuarters } from '../../core/time/index.js';
import {
  makeCaseInput,
  makeComplaintInput,
  recordDeps,
  seedRecordWorld,
  testActor,
  world,
} from '../../records/record.testing.js';
import { getStats, type StatsQuery } from '../../stats/index.js';
import { type TestRecord, writeRecords } from '../../stats/stats.testing.js';
import { testDatabases, useTestStore } from '../../store/testing.js';
import { type Block, type ReportDocument, renderDocx, type TableBlock } from '../document/index.js';
import { docxPart, docxToPdf, pdfText, tempDir } from '../document/testing.js';
import { buildQuarterlyPortrait, parseQuarterlyInput, type QuarterlyPortraitInput, quarterWeeks } from './index.js';
import {
  INDICATOR_AREAS,
  INDICATORS,
  LOAD_INDICATORS,
  type PlaceQuarter,
  referencesOf,
  SCORE_KEYS,
  type Scores,
  scoreChange,
  scorePlace,
} from './quarterly.indicators.js';

/*
 * 苏溪镇 in 2025Q2 (April–June) against 2025Q1 and 2024Q2, with 2024Q3–Q4 in the reference window:
 *   苏华村 (and its 第一组): wage-arrears complaints (labour), an e-bike charging complaint (safety), a price complaint
 *     (market order); 西山下村: street-stall cases (environment), one overdue, and a noise complaint.
 */
const Q = '2025Q2';
const ZH_HEADINGS = ['总体画像', '基础数据与趋势', '村（社区）排名', '主要优势', '突出问题'];

const complaint = (overrides: Parameters<typeof makeComplaintInput>[0]): TestRecord => ({
  kind: 'complaint',
  input: makeComplaintInput(overrides),
});
const enforcementCase = (overrides: Parameters<typeof makeCaseInput>[0]): TestRecord => ({
  kind: 'case',
  input: makeCaseInput(overrides),
});

const RECORDS: TestRecord[] = [
  // 2025Q2
  complaint({
    openedAt: '2025-04-08T09:00:00+08:00',
    departmentCode: 'labour',
    firstResponseAt: '2025-04-08T10:00:00+08:00',
    closedAt: '2025-04-09T09:00:00+08:00',
    resolved: true,
    satisfaction: 'satisfied',
  }),
  complaint({
    openedAt: '2025-05-12T09:00:00+08:00',
    departmentCode: 'labour',
    firstResponseAt: '2025-05-13T15:00:00+08:00',
    closedAt: '2025-05-16T09:00:00+08:00',
    satisfaction: 'dissatisfied',
  }),
  complaint({ openedAt: '2025-06-02T09:00:00+08:00', placeCode: world.group, difficult: true }),
  complaint({
    openedAt: '2025-06-03T09:00:00+08:00',
    categoryCode: 'fire_safety.ebike_charging',
    firstResponseAt: '2025-06-03T11:00:00+08:00',
    closedAt: '2025-06-04T09:00:00+08:00',
    satisfaction: 'basically_satisfied',
  }),
  complaint({ openedAt: '2025-06-10T09:00:00+08:00', categoryCode: 'market_order.price' }),
  enforcementCase({
    openedAt: '2025-04-15T10:00:00+08:00',
    departmentCode: 'enforcement',
    deadlineAt: '2025-04-16T18:00:00+08:00',
    closedAt: '2025-04-18T10:00:00+08:00',
  }),
  enforcementCase({ openedAt: '2025-05-06T10:00:00+08:00', closedAt: '2025-05-06T14:00:00+08:00' }),
  enforcementCase({ openedAt: '2025-06-17T10:00:00+08:00' }),
  complaint({
    openedAt: '2025-06-18T20:00:00+08:00',
    categoryCode: 'noise.neighbourhood',
    placeCode: world.otherVillage,
    firstResponseAt: '2025-06-18T21:00:00+08:00',
  }),
  // 2025Q1
  complaint({ openedAt: '2025-02-10T09:00:00+08:00' }),
  enforcementCase({ openedAt: '2025-03-04T10:00:00+08:00' }),
  enforcementCase({ openedAt: '2025-03-05T10:00:00+08:00' }),
  // 2024Q4, 2024Q3, 2024Q2
  enforcementCase({ openedAt: '2024-11-05T10:00:00+08:00' }),
  complaint({ openedAt: '2024-08-06T09:00:00+08:00', categoryCode: 'market_order.price' }),
  complaint({ openedAt: '2024-05-07T09:00:00+08:00' }),
  complaint({ openedAt: '2024-05-08T09:00:00+08:00', categoryCode: 'fire_safety.ebike_charging' }),
];

describe.each(testDatabases)('quarterly portrait on %s', (dialect) => {
  const t = useTestStore(dialect);
  const deps = (actor?: Actor) => recordDeps(t.db, actor);
  let doc: ReportDocument;

  beforeAll(async () => {
    await seedRecordWorld(t.db);
    await writeRecords(t.db, RECORDS);
    doc = await buildQuarterlyPortrait(deps(), { townCode: world.town, quarter: Q, locale: 'zh-CN' });
  });

  const headings = (d: ReportDocument) => d.blocks.flatMap((b) => (b.type === 'heading' ? [b.text] : []));
  const sheets = (d: ReportDocument) => d.blocks.flatMap((b) => (b.type === 'sheet' ? [b.title] : []));
  const tablesOf = (d: ReportDocument, caption: string) =>
    d.blocks.filter((b): b is TableBlock => b.type === 'table' && b.caption === caption);
  const tableOf = (d: ReportDocument, caption: string) => {
    const found = tablesOf(d, caption)[0];
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
            : b.type === 'heading' || b.type === 'sheet'
              ? [b.type === 'heading' ? b.text : b.title]
              : [],
      )
      .join('\n');
  /** The blocks of one village's sheet. */
  const sheetBlocks = (d: ReportDocument, title: string) => {
    const start = d.blocks.findIndex((b) => b.type === 'sheet' && b.title === title);
    const next = d.blocks.findIndex((b, i) => i > start && b.type === 'sheet');
    return d.blocks.slice(start, next === -1 ? undefined : next);
  };

  /**
   * A place-quarter read with one getStats call per figure (place and category filters, not the portrait's grouped
   * queries), so the test checks the portrait's reading of its answers as well as its arithmetic.
   */
  async function placeQuarter(actor: Actor | undefined, period: string, place?: string, perVillage = 1) {
    const base = { town: world.town, period: 'quarter' as const, from: period, to: period, ...(place && { place }) };
    const stats = (query: StatsQuery) => getStats(deps(actor), query);
    const service = (await stats({ ...base, measures: 'records,overdue,responseRate,handlingMedian,satisfactionRate' }))
      .totals[0]?.values;
    const loads = { safety: 0, environment: 0, marketOrder: 0, labour: 0 };
    for (const indicator of LOAD_INDICATORS) {
      for (const category of INDICATOR_AREAS[indicator]) {
        loads[indicator] += ((await stats({ ...base, category })).totals[0]?.values.records ?? 0) / perVillage;
      }
    }
    return {
      records: service?.records ?? 0,
      loads,
      overdue: service?.overdue ?? 0,
      responseRate: service?.responseRate ?? null,
      handlingMedian: service?.handlingMedian ?? null,
      satisfactionRate: service?.satisfactionRate ?? null,
    } satisfies PlaceQuarter;
  }

  /** The scores the portrait should show, from placeQuarter figures and the indicator functions. */
  async function expectedScores(actor: Actor | undefined, villages: string[]) {
    const window: PlaceQuarter[] = [];
    for (const village of villages) {
      for (const n of [0, -1, -2, -3]) {
        window.push(await placeQuarter(actor, addQuarters(Q, n), village));
      }
    }
    const refs = referencesOf(window);
    const three = async (place?: string, perVillage = 1) => ({
      now: scorePlace(await placeQuarter(actor, Q, place, perVillage), refs),
      pop: scorePlace(await placeQuarter(actor, addQuarters(Q, -1), place, perVillage), refs),
      yoy: scorePlace(await placeQuarter(actor, addQuarters(Q, -4), place, perVillage), refs),
    });
    const town = await three(undefined, villages.length);
    const byVillage = new Map<string, { now: Scores; pop: Scores; yoy: Scores }>();
    for (const village of villages) {
      byVillage.set(village, await three(village));
    }
    return { town, byVillage };
  }
  const rowsOf = (p: { now: Scores; pop: Scores; yoy: Scores }) =>
    SCORE_KEYS.map((key) => [
      p.now[key],
      p.pop[key],
      scoreChange(p.now[key], p.pop[key]),
      p.yoy[key],
      scoreChange(p.now[key], p.yoy[key]),
    ]);

  it('has the town sections, one sheet per village, a title for the town and quarter', () => {
    expect(doc.kind).toBe('portrait');
    expect(doc.title).toBe('苏溪镇基层治理综合画像');
    expect(doc.subtitle).toBe('（2025年第二季度）');
    expect(doc.date).toBe('2025-07-01');
    expect(headings(doc)).toEqual(ZH_HEADINGS);
    expect(sheets(doc)).toEqual(['苏华村治理画像', '西山下村治理画像', '附注：指标计算方法']);
    expect(doc.blocks.filter((b) => b.type === 'chart')).toHaveLength(3 + 2);
  });

  it('scores the town and each village with the indicator functions applied to getStats numbers', async () => {
    const expected = await expectedScores(undefined, [world.village, world.otherVillage]);
    const indicators = tableOf(doc, '本季度综合指标');
    expect(indicators.rows.map((r) => r.slice(1))).toEqual(rowsOf(expected.town));
    expect(indicators.rows.map((r) => r[0])).toEqual([
      '安全稳定',
      '生态环境',
      '市场秩序',
      '劳动保障',
      '服务效能',
      '群众满意',
      '综合得分',
    ]);
    // Something was really scored: every indicator of the town this quarter has a value.
    expect(indicators.rows.every((r) => typeof r[1] === 'number')).toBe(true);
    const [sheetA, sheetB] = doc.blocks.filter(
      (b): b is TableBlock => b.type === 'table' && b.header[0]?.at(-1) === '全镇排名',
    );
    expect(sheetA?.rows.map((r) => r.slice(1, 6))).toEqual(rowsOf(expected.byVillage.get(world.village) as never));
    expect(sheetB?.rows.map((r) => r.slice(1, 6))).toEqual(rowsOf(expected.byVillage.get(world.otherVillage) as never));
    // Ranks: the better of the two villages on each score is first; ties share the rank.
    const a = expected.byVillage.get(world.village)?.now as Scores;
    const b = expected.byVillage.get(world.otherVillage)?.now as Scores;
    SCORE_KEYS.forEach((key, i) => {
      const [ra, rb] = [a[key], b[key]];
      if (ra === null || rb === null) {
        return;
      }
      expect(sheetA?.rows[i]?.[6]).toBe(ra >= rb ? 1 : 2);
      expect(sheetB?.rows[i]?.[6]).toBe(rb >= ra ? 1 : 2);
    });
    const ranking = tableOf(doc, '各村（社区）综合得分排名');
    const order = [
      ['苏华村', expected.byVillage.get(world.village)],
      ['西山下村', expected.byVillage.get(world.otherVillage)],
    ].sort(
      (x, y) =>
        ((y[1] as { now: Scores }).now.composite as number) - ((x[1] as { now: Scores }).now.composite as number),
    );
    expect(ranking.rows.map((r) => r[1])).toEqual(order.map((o) => o[0]));
    expect(ranking.rows.map((r) => r.slice(2))).toEqual(
      order.map(([, p]) => {
        const s = p as { now: Scores; pop: Scores };
        return [s.now.composite, ...INDICATORS.map((i) => s.now[i]), scoreChange(s.now.composite, s.pop.composite)];
      }),
    );
  });

  it('shows the figures the scores come from, each equal to getStats for the same filters', async () => {
    const stats = (query: StatsQuery) => getStats(deps(), query);
    const periods = [Q, addQuarters(Q, -1), addQuarters(Q, -4)];
    const one = (p: string) => ({ town: world.town, period: 'quarter' as const, from: p, to: p });
    const figures = tableOf(doc, '本季度基础数据（件）');
    const expected: (number | null)[][] = [[], [], [], [], [], []];
    for (const p of periods) {
      const totals = (await stats({ ...one(p), measures: 'records,overdue' })).totals[0]?.values;
      expected[0]?.push(totals?.records ?? 0);
      for (const [i, indicator] of LOAD_INDICATORS.entries()) {
        let sum = 0;
        for (const category of INDICATOR_AREAS[indicator]) {
          sum += (await stats({ ...one(p), category })).totals[0]?.values.records ?? 0;
        }
        expected[i + 1]?.push(sum);
      }
      expected[5]?.push(totals?.overdue ?? 0);
    }
    expect(figures.rows.map((r) => r.slice(1))).toEqual(expected);
    expect(figures.rows[0]?.slice(1)).toEqual([9, 3, 2]);
    const service = tableOf(doc, '服务效能与满意度');
    const rates = [];
    for (const p of periods) {
      const v = (await stats({ ...one(p), measures: 'responseRate,handlingMedian,satisfactionRate' })).totals[0]
        ?.values;
      const hours = v?.handlingMedian == null ? null : Math.round((v.handlingMedian / 3_600_000) * 10) / 10;
      rates.push([v?.responseRate ?? null, hours, v?.satisfactionRate ?? null]);
    }
    expect(service.rows.map((r) => r.slice(1))).toEqual(rates);
    expect(service.rows[0]?.[3]).toBeCloseTo(2 / 3);
  });

  it('draws the quarter’s weeks against last year from one weekly query', async () => {
    const weeks = quarterWeeks(Q);
    expect(weeks).toHaveLength(13);
    expect(weeks[0]).toBe(202514);
    expect(weeks.at(-1)).toBe(202526);
    const trend = doc.blocks.find((b) => b.type === 'chart' && b.caption === '本季度各周记录数（与去年同期对比）');
    expect(trend).toBeDefined();
    const weekly = await getStats(deps(), {
      town: world.town,
      period: 'week',
      from: '2025W14',
      to: '2025W26',
      compare: 'yoy',
    });
    const series = (trend as { spec: { option: { series: { data: unknown[] }[] } } }).spec.option.series;
    expect(series[0]?.data).toEqual(weekly.totals.map((r) => r.values.records));
    expect(series[1]?.data).toEqual(weekly.totals.map((r) => r.yoy?.values.records ?? 0));
  });

  it('writes strengths and problems from the numbers', async () => {
    const expected = await expectedScores(undefined, [world.village, world.otherVillage]);
    const now = expected.town.now;
    const present = INDICATORS.filter((i) => now[i] !== null);
    const high = Math.max(...present.map((i) => now[i] as number));
    const low = Math.min(...present.map((i) => now[i] as number));
    const names = {
      safety: '安全稳定',
      environment: '生态环境',
      marketOrder: '市场秩序',
      labour: '劳动保障',
      service: '服务效能',
      satisfaction: '群众满意',
    };
    const at = (score: number) =>
      present
        .filter((i) => now[i] === score)
        .map((i) => names[i])
        .join('、');
    const text = textOf(doc.blocks);
    expect(text).toContain(`${at(high)}得分最高，为${high.toFixed(1)}分。`);
    expect(text).toContain(`${at(low)}得分最低，为${low.toFixed(1)}分，是当前主要短板。`);
    // Wage arrears (涉企劳工纠纷) rose from 1 to 3 on last quarter; street stalls stayed at 2 → 3 (西山下村 cases).
    expect(text).toContain('涉企劳工纠纷（由1件增至3件）');
    expect(text).toContain(`本季度全镇共受理投诉举报和执法案件9件，综合得分${now.composite?.toFixed(1)}分`);
    const ranking = tableOf(doc, '各村（社区）综合得分排名');
    expect(text).toContain(`综合得分居前的村（社区）：${ranking.rows[0]?.[1]}（`);
    expect(text).toContain(`综合得分靠后的村（社区）：${ranking.rows[1]?.[1]}（`);
    const sheetText = textOf(sheetBlocks(doc, '苏华村治理画像'));
    expect(sheetText).toContain('本季度记录5件');
    expect(sheetText).toContain('主要类别：涉企劳工纠纷3件、');
    expect(sheetText).toContain('优势：');
    expect(sheetText).toContain('问题：');
  });

  it('renders to DOCX, each village sheet on one A4 page (LibreOffice), in zh-CN and en-US', async () => {
    const docx = await renderDocx(doc);
    const xml = docxPart(docx, 'word/document.xml');
    expect(xml).toContain('苏溪镇基层治理综合画像');
    expect(xml).toContain('西山下村治理画像');
    const en = await buildQuarterlyPortrait(deps(), { townCode: world.town, quarter: Q, locale: 'en-US' });
    const tmp = await tempDir('shanzhi-portrait-');
    try {
      for (const [d, suffix, last, method] of [
        [doc, '治理画像', '问题：', '附注：指标计算方法'],
        [en, ': governance profile', 'Problems:', 'Note: how the indicators are computed'],
      ] as const) {
        const pdf = await docxToPdf(await renderDocx(d), tmp.dir, `portrait-${d.locale}`);
        // pdftotext may break a line anywhere: compare pages without whitespace.
        const pages = (await pdfText(pdf)).split('\f').map((p) => p.replace(/\s+/g, ''));
        const titles = [`苏华村${suffix}`, `西山下村${suffix}`, method].map((x) => x.replace(/\s+/g, ''));
        for (const [i, title] of titles.slice(0, 2).entries()) {
          const at = pages.findIndex((p) => p.startsWith(title));
          expect(at).toBeGreaterThan(0);
          // The whole sheet is on that page: its last paragraph is there, and the next page starts the next sheet.
          expect(pages[at]).toContain(last.replace(/\s+/g, ''));
          expect(pages[at + 1]?.startsWith(titles[i + 1] as string)).toBe(true);
        }
      }
    } finally {
      await tmp.remove();
    }
  }, 180_000);

  it('says in words that an empty quarter is empty, and renders it', async () => {
    const empty = await buildQuarterlyPortrait(deps(), { townCode: world.town, quarter: '2023-Q1' });
    const text = textOf(empty.blocks);
    expect(text).toContain('本季度无记录，各项指标无法计算，请核实数据报送是否正常。');
    expect(text).toContain('本季度各村（社区）均无记录，无法排名。');
    expect(text).toContain('本季度无记录，各项指标无法计算。');
    expect(empty.blocks.some((b) => b.type === 'chart')).toBe(false);
    expect(tableOf(empty, '本季度综合指标').rows.every((r) => r.slice(1).every((c) => c === null))).toBe(true);
    await expect(renderDocx(empty)).resolves.toBeInstanceOf(Buffer);
  });

  it('writes en-US too', async () => {
    const en = await buildQuarterlyPortrait(deps(), { townCode: world.town, quarter: Q, locale: 'en-US' });
    expect(headings(en)).toEqual(['Overview', 'Figures and trend', 'Village rankings', 'Strengths', 'Problems']);
    expect(en.subtitle).toBe('(Q2 2025)');
    expect(tableOf(en, 'Composite indicators this quarter').rows).toEqual(
      tableOf(doc, '本季度综合指标').rows.map((r, i) => [
        [
          'Safety and stability',
          'Environment',
          'Market order',
          'Labour relations',
          'Service efficiency',
          'Satisfaction',
          'Composite',
        ][i],
        ...r.slice(1),
      ]),
    );
    expect(textOf(en.blocks)).toContain('Enterprise labour disputes (1 → 3)');
    await expect(renderDocx(en)).resolves.toBeInstanceOf(Buffer);
  });

  it('covers only what the caller reaches: a village secretary’s portrait is their village', async () => {
    const secretary = await testActor(t.db, 'secretary', [
      { role: 'village_secretary', kind: 'village', code: world.village },
    ]);
    const own = await buildQuarterlyPortrait(deps(secretary), { townCode: world.town, quarter: Q });
    expect(sheets(own)).toEqual(['苏华村治理画像', '附注：指标计算方法']);
    const expected = await expectedScores(secretary, [world.village]);
    expect(tableOf(own, '本季度综合指标').rows.map((r) => r.slice(1))).toEqual(rowsOf(expected.town));
    expect(tableOf(own, '本季度基础数据（件）').rows[0]?.slice(1)).toEqual([5, 1, 2]);
    expect(tableOf(own, '各村（社区）综合得分排名').rows.map((r) => r[1])).toEqual(['苏华村']);
    expect(textOf(own.blocks)).not.toContain('西山下村');
  });

  it('refuses a village as the town and a quarter that does not exist, naming the field', async () => {
    await expect(buildQuarterlyPortrait(deps(), { townCode: world.village, quarter: Q })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('townCode'),
    });
    await expect(buildQuarterlyPortrait(deps(), { townCode: world.town, quarter: '2025Q5' })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('quarter'),
    });
  });
});

describe('quarterly portrait input', () => {
  it('accepts any input or refuses it with invalid_input naming the field, never a crash', () => {
    fc.assert(
      fc.property(
        fc.record({
          townCode: fc.oneof(fc.string(), fc.constant('330782100'), fc.integer()),
          quarter: fc.oneof(
            fc.string(),
            fc.integer(),
            fc.constant('2025Q2'),
            fc.constant('2025-q4'),
            fc.constant('2025Q0'),
          ),
          locale: fc.oneof(fc.constant('zh-CN'), fc.constant('en-US'), fc.string()),
        }),
        (input) => {
          try {
            const parsed = parseQuarterlyInput(input as QuarterlyPortraitInput);
            expect(parsed.quarter).toMatch(/^\d{4}Q[1-4]$/);
          } catch (error) {
            expect(isAppError(error)).toBe(true);
            expect((error as Error).message).toMatch(/^(townCode|quarter|locale)/);
          }
        },
      ),
    );
    expect(parseQuarterlyInput({ townCode: '330782100', quarter: '2025-Q2' })).toEqual({
      townCode: '330782100',
      quarter: '2025Q2',
      locale: 'zh-CN',
    });
  });
});
