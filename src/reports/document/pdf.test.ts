import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectInvalid } from '../../core/testing.js';
import { rankingChart } from '../charts/index.js';
import { documentArbitrary } from './document.arbitraries.js';
import { chart, heading, paragraph, type ReportDocument, sheet, table } from './document.js';
import { closePdfBrowser, findChromium, type PdfEngine, pdfEngine, renderPdf } from './pdf.js';
import { pdfInfo, pdfLines, pdfText, sampleBulletin, tempDir } from './testing.js';

const ranking = rankingChart({
  items: [
    { name: '新院村', value: 156 },
    { name: '楂林村', value: 98 },
    { name: '苏福社区', value: 112 },
  ],
});

/** The sample bulletin with a chart, and a long table that must run onto a second page. */
function bulletin(overrides: Partial<ReportDocument> = {}): ReportDocument {
  const doc = sampleBulletin(overrides);
  const villages = Array.from({ length: 45 }, (_, i) => [`第${i + 1}村`, 1000 + i * 37, (i % 7) / 10 - 0.3]);
  return {
    ...doc,
    blocks: [
      ...doc.blocks,
      chart(ranking, { width: 560, height: 280 }, '分村社案件数排名'),
      table({
        caption: '全部村社',
        columns: [{}, { format: 'number' }, { format: 'percent', signed: true }],
        header: [
          [
            { text: '村社', rowSpan: 2 },
            { text: '案件', colSpan: 2 },
          ],
          ['本周', '环比'],
        ],
        rows: villages,
      }),
    ],
  };
}

const dir = await tempDir('shanzhi-pdf-');
afterAll(async () => {
  await closePdfBrowser();
  await dir.remove();
});

async function render(doc: ReportDocument, engine: PdfEngine, name: string) {
  const { bytes, engine: used } = await renderPdf(doc, { engine });
  const file = join(dir.dir, `${name}.pdf`);
  await writeFile(file, bytes);
  return { bytes, used, file, text: await pdfText(file), info: await pdfInfo(file) };
}

function requireChromium(): void {
  if (findChromium() === undefined) {
    throw new Error(
      'Chromium is not installed: apt-get install chromium (CI installs it in .ci/run), or set SHANZHI_CHROMIUM',
    );
  }
}

describe.each<PdfEngine>(['chromium', 'pdfkit'])('renderPdf with %s', (engine) => {
  let pdf: Awaited<ReturnType<typeof render>>;
  beforeAll(async () => {
    if (engine === 'chromium') {
      requireChromium();
    }
    pdf = await render(bulletin(), engine, `zh-${engine}`);
  }, 120_000);

  it('says which engine wrote it and writes an A4 PDF of a sane page count', () => {
    expect(pdf.used).toBe(engine);
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.info.width).toBeCloseTo(595.3, 0);
    expect(pdf.info.height).toBeCloseTo(841.9, 0);
    expect(pdf.info.pages).toBeGreaterThanOrEqual(3);
    expect(pdf.info.pages).toBeLessThanOrEqual(7);
  });

  it('has the title, headings, table numbers, captions, chart labels and closing in Chinese', () => {
    const text = pdf.text.replace(/[ \u00a0]+/g, '');
    for (const expected of [
      '苏溪镇案件信息通报',
      '苏溪综指通报〔2025〕23号',
      '一、总体情况',
      '（一）分村社情况',
      '1.集中在农贸市场周边',
      '（1）建议联合执法',
      '表1',
      '本周分村社案件统计',
      '+19.1%',
      '-3.9%',
      '93.4%',
      '1,284件',
      '注：数据来源',
      '图2',
      '分村社案件数排名',
      '苏福社区',
      '第45村',
      '2628',
      '苏溪镇综合信息指挥室',
      '2025年6月9日',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('repeats the table header on the pages the long table runs onto', () => {
    const pages = pdf.text.split('\f');
    const withRows = pages.filter((page) => /第\d+村/.test(page));
    expect(withRows.length).toBeGreaterThanOrEqual(2);
    for (const page of withRows) {
      expect(page).toContain('村社');
      expect(page).toContain('环比');
    }
  });

  it('numbers pages — 1 — under the type area: odd pages on the right, even pages on the left', async () => {
    for (const page of [1, 2]) {
      const lines = await pdfLines(pdf.file, page);
      const number = lines.find((l) => l.text.replace(/\s/g, '') === `—${page}—`);
      expect(number, `page ${page}`).toBeDefined();
      const typeBottom = 841.89 - (35 * 72) / 25.4;
      expect(number?.yMin).toBeGreaterThan(typeBottom);
      expect(number?.yMax).toBeLessThan(841.89 - 40);
      if (page % 2 === 1) {
        expect(number?.xMax).toBeGreaterThan(480);
      } else {
        expect(number?.xMin).toBeLessThan(140);
      }
    }
  });

  it('writes text inside the GB/T 9704 type area (left margin 28 mm)', async () => {
    const lines = await pdfLines(pdf.file, 1);
    const body = lines.filter((l) => !/^—/.test(l.text));
    const left = Math.min(...body.map((l) => l.xMin));
    expect(left).toBeGreaterThan(((28 - 1) * 72) / 25.4);
    expect(Math.max(...body.map((l) => l.xMax))).toBeLessThan(595.28 - ((26 - 1.5) * 72) / 25.4);
  });

  it('writes en-US with 1. headings, sheets on new pages and centred page numbers', async () => {
    const doc: ReportDocument = {
      ...sampleBulletin({
        locale: 'en-US',
        title: 'Suxi town case bulletin',
        issuer: 'Command room',
        subtitle: 'Week 23',
      }),
      documentNumber: undefined,
      addressee: undefined,
      blocks: [
        sheet('Xinyuan village'),
        heading(1, 'Overview'),
        paragraph('Cases rose by 12.5% on last week.'),
        sheet('Zhalin village'),
        heading(1, 'Overview'),
        table({ columns: [{}, { format: 'number' }], header: [['Village', 'Cases']], rows: [['新院村', 12345]] }),
      ],
    };
    const en = await render(doc, engine, `en-${engine}`);
    const text = en.text.replace(/\s+/g, ' ');
    expect(text).toContain('1. Overview');
    expect(text).toContain('12,345');
    expect(text).toContain('June 9, 2025');
    expect(en.info.pages).toBe(2);
    expect(en.text.split('\f')[1]).toContain('Zhalin village');
    const lines = await pdfLines(en.file, 1);
    const number = lines.find((l) => l.text === '1');
    expect(((number?.xMin ?? 0) + (number?.xMax ?? 0)) / 2).toBeCloseTo((28 * 72) / 25.4 + (156 * 72) / 25.4 / 2, -1);
  }, 60_000);
});

describe('PDF engine choice', () => {
  it('takes the option, then SHANZHI_PDF, then Chromium when found, else pdfkit', () => {
    expect(pdfEngine({ engine: 'pdfkit' }, {})).toBe('pdfkit');
    expect(pdfEngine({}, { SHANZHI_PDF: 'pdfkit' })).toBe('pdfkit');
    expect(pdfEngine({}, { SHANZHI_PDF: 'chromium' })).toBe('chromium');
    expect(pdfEngine({}, { SHANZHI_CHROMIUM: '/usr/bin/env' })).toBe('chromium');
    expect(() => pdfEngine({}, { SHANZHI_PDF: 'word' })).toThrow(/SHANZHI_PDF must be chromium or pdfkit/);
    expect(() => findChromium({ SHANZHI_CHROMIUM: '/nowhere/chromium' })).toThrow(/apt-get install chromium/);
  });

  it('names the bad field of a bad document with either engine', async () => {
    await expectInvalid(renderPdf({ ...sampleBulletin(), title: '' }, { engine: 'pdfkit' }), 'title');
    await expectInvalid(renderPdf({ ...sampleBulletin(), title: '' }, { engine: 'chromium' }), 'title');
  });
});

describe('renderPdfFallback, any document (property)', () => {
  it('lays out random blocks and text (CJK, emoji, specials, control characters, empty texts) without failing', async () => {
    await fc.assert(
      fc.asyncProperty(documentArbitrary({ maxBlocks: 10 }), async (doc) => {
        const { bytes, engine } = await renderPdf(doc, { engine: 'pdfkit' });
        expect(engine).toBe('pdfkit');
        expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
        expect(bytes.subarray(-6).toString('latin1')).toContain('%%EOF');
      }),
      { numRuns: 15 },
    );
  }, 120_000);
});

describe.each<[PdfEngine, number[]]>([
  ['pdfkit', [14, 15, 16, 17, 18, 19, 20, 21, 22]],
  ['chromium', [16, 17, 21]],
])('renderPdf with %s, the closing', (engine, counts) => {
  it('never leaves the issuer and date alone on a page: the last paragraph goes with them', async () => {
    for (const lines of counts) {
      const doc = sampleBulletin({
        documentNumber: undefined,
        addressee: undefined,
        blocks: Array.from({ length: lines }, (_, i) => paragraph(`第${i + 1}段。`)),
      });
      const pdf = await render(doc, engine, `closing-${engine}-${lines}`);
      const last =
        pdf.text
          .split('\f')
          .filter((page) => page.trim() !== '')
          .at(-1) ?? '';
      expect(last, `${lines} paragraphs`).toContain('苏溪镇综合信息指挥室');
      expect(last, `${lines} paragraphs`).toMatch(/第\d+段。/);
      expect(last).toContain(`第${lines}段。`);
    }
  }, 120_000);
});
