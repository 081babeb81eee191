import { describe, expect, it } from 'vitest';
import type { Stats, StatsRow } from '../../stats/index.js';
import { type ReportDocument, renderDocx } from '../document/index.js';
import { docxToPdf, pdfText, tempDir } from '../document/testing.js';
import { SCORE_KEYS, type ScoreKey, type Scores } from './quarterly.indicators.js';
import { villageSheet } from './quarterly.sheet.js';
import { textFor } from './quarterly.text.js';

/*
 * The longest sheet the builder writes — five-digit counts, a two-digit rank, three long category names, every
 * finding sentence present, ties in the best and worst indicators — must still fit one A4 page.
 */

const scores = (values: number[]): Scores =>
  Object.fromEntries(SCORE_KEYS.map((key, i) => [key, values[i] ?? null])) as Scores;

function row(name: string, now: number, before: number): StatsRow {
  return {
    period: '2025Q2',
    keys: {
      village: { id: 1, code: 'V1', name: '西山下村', nameEn: null },
      category2: { id: 2, code: name, name, nameEn: `${name} (a long English category name)` },
    },
    values: { records: now },
    pop: { period: '2025Q1', values: { records: before }, change: { records: null } },
  };
}

const villageCategories = {
  rows: [
    row('电动自行车违规充电', 12_345, 9_876),
    row('擅自改变房屋结构', 11_234, 8_765),
    row('假冒伪劣商品', 10_123, 10_000),
  ],
} as unknown as Stats;

function longestSheet(locale: 'zh-CN' | 'en-US'): ReportDocument {
  const t = textFor(locale);
  const ranks = Object.fromEntries(SCORE_KEYS.map((key) => [key, new Map([['V1', 28]])])) as Record<
    ScoreKey,
    Map<string, number>
  >;
  const blocks = villageSheet({
    village: {
      code: 'V1',
      name: '西山下村',
      figures: {
        records: 98_765,
        loads: { safety: 1, environment: 1, marketOrder: 1, labour: 1 },
        overdue: 1,
        responseRate: 0.5,
        handlingMedian: 1,
        satisfactionRate: 0.5,
      },
      profile: {
        now: scores([12.3, 12.3, 12.3, 88.8, 88.8, 88.8, 50.5]),
        pop: scores([99.9, 45.6, 12.3, 10.1, 88.8, 88.8, 57.5]),
        yoy: scores([50, 50, 50, 50, 50, 50, 50]),
      },
    },
    townProfile: { now: scores([50, 50, 50, 50, 50, 50, 50]), pop: scores([]), yoy: scores([]) },
    ranks,
    ranked: 30,
    villageCategories,
    t,
    locale,
  });
  return {
    kind: 'portrait',
    locale,
    title: t.title('苏溪镇'),
    // A first page before the sheet, as in the portrait, where each sheet starts a page of its own.
    blocks: [
      { type: 'paragraph', runs: [{ text: t.addressee }] },
      ...blocks,
      { type: 'sheet', title: t.methodTitle },
      { type: 'list', items: t.method.map((m) => [{ text: m }]) },
    ],
    issuer: t.issuer('苏溪镇'),
    date: '2025-07-01',
  };
}

describe('village sheet', () => {
  it('writes every finding of the longest case', () => {
    const doc = longestSheet('zh-CN');
    const text = doc.blocks
      .flatMap((b) => (b.type === 'paragraph' ? [b.runs.map((r) => r.text).join('')] : []))
      .join('\n');
    expect(text).toContain('本季度记录98,765件，综合得分50.5分，列第28位（共30个），较上季度下降7.0分。');
    expect(text).toContain('主要类别：电动自行车违规充电12,345件、擅自改变房屋结构11,234件、假冒伪劣商品10,123件。');
    expect(text).toContain('优势：劳动保障等3项得分最高（88.8分）；劳动保障较上季度提高78.7分。');
    expect(text).toContain(
      '问题：安全稳定等3项得分最低（12.3分）；安全稳定较上季度下降87.6分；电动自行车违规充电由9876件增至12,345件。',
    );
  });

  it('fits one A4 page in zh-CN and en-US (LibreOffice)', async () => {
    const tmp = await tempDir('shanzhi-sheet-');
    try {
      for (const locale of ['zh-CN', 'en-US'] as const) {
        const doc = longestSheet(locale);
        const pdf = await docxToPdf(await renderDocx(doc), tmp.dir, `sheet-${locale}`);
        const pages = (await pdfText(pdf)).split('\f').map((p) => p.replace(/\s+/g, ''));
        const last = locale === 'zh-CN' ? '问题：' : 'Problems:';
        const sheetPage = pages.findIndex((p) => p.includes(last));
        const title = doc.blocks[1]?.type === 'sheet' ? doc.blocks[1].title : '?';
        expect(pages[sheetPage]?.startsWith(title.replace(/\s+/g, ''))).toBe(true);
        // The sheet's last words end its page; the next page starts with the method note.
        const lastWords = locale === 'zh-CN' ? '12,345件。' : '12,345).';
        expect(pages[sheetPage]).toContain(lastWords);
        expect(pages[sheetPage + 1]?.startsWith(textFor(locale).methodTitle.replace(/\s+/g, ''))).toBe(true);
      }
    } finally {
      await tmp.remove();
    }
  }, 120_000);
});
