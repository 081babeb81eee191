/**
 * Acceptance: the DOCX files open in LibreOffice. Each sample is converted to PDF with soffice (private profile,
 * fonts.conf fallbacks) and read back with poppler: the headings, the numbers, the page count and the GB/T 9704
 * geometry (22 lines × 28 characters, signature and page-number placement) must be what the renderer meant.
 * LibreOffice is required: without soffice these tests fail with the install hint (CI installs it in .ci/run).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { heading, paragraph, type ReportDocument } from './document.js';
import { renderDocx } from './docx.js';
import { docxToPdf, pdfInfo, pdfLines, pdfText, sampleBulletin, tempDir } from './testing.js';

// 68 CJK characters: one full line of 26 after the two-character indent, a full line of 28, and 14 more.
const LONG =
  '根据镇综合信息指挥室汇总数据本周全镇共受理各类案件其中涉企劳工纠纷举报同比下降市民投诉占道经营和噪声扰民问题仍然较多需要各村社区和有关部门高度重视认真研究切实解决';

function bulletin(locale: ReportDocument['locale'] = 'zh-CN'): ReportDocument {
  const doc = sampleBulletin();
  const filler = Array.from({ length: 8 }, () => paragraph(LONG));
  const blocks = [...doc.blocks.slice(0, 2), ...filler, ...doc.blocks.slice(2)];
  if (locale === 'zh-CN') {
    return { ...doc, blocks };
  }
  return {
    ...doc,
    locale,
    title: 'Suxi Town Case Bulletin',
    subtitle: 'Week 23, 2025',
    addressee: 'To all villages and town departments:',
    issuer: 'Suxi Town Command Room',
    blocks: [
      heading(1, 'Overview'),
      paragraph('From 2 to 8 June the town received 1,284 cases, 12.5% more than the week before.'),
      heading(2, 'By village'),
      ...doc.blocks.filter((b) => b.type === 'table' || b.type === 'figure'),
      heading(1, 'Next steps'),
      paragraph('Villages report their rectification to the command room by 13 June (新院村 first).'),
    ],
  };
}

const squash = (text: string) => text.replace(/\s+/g, '');

/** A lazily started, shared conversion: every test awaits it, so a missing soffice fails each test with the hint. */
function once<T>(start: () => Promise<T>): () => Promise<T> {
  let promise: Promise<T> | undefined;
  return () => {
    promise ??= start();
    return promise;
  };
}

describe('DOCX in LibreOffice (soffice → PDF → pdftotext)', { timeout: 120_000 }, () => {
  let work: Awaited<ReturnType<typeof tempDir>> | undefined;
  const workDir = once(async () => {
    work = await tempDir('shanzhi-docx-lo-');
    return work.dir;
  });
  const zh = once(async () => docxToPdf(await renderDocx(bulletin()), await workDir(), 'bulletin-zh'));
  const en = once(async () => docxToPdf(await renderDocx(bulletin('en-US')), await workDir(), 'bulletin-en'));
  afterAll(async () => {
    await work?.remove();
  });

  it('converts the zh-CN bulletin to an A4 PDF of plausible length with its headings, numbers and page numbers', async () => {
    const zhPdf = await zh();
    const info = await pdfInfo(zhPdf);
    expect(info.width).toBeCloseTo(595.3, 0);
    expect(info.height).toBeCloseTo(841.9, 0);
    expect(info.pages).toBeGreaterThanOrEqual(3);
    expect(info.pages).toBeLessThanOrEqual(5);
    const text = squash(await pdfText(zhPdf));
    for (const expected of [
      '苏溪镇案件信息通报',
      '一、总体情况',
      '（一）分村社情况',
      '二、苗头性问题',
      '1.集中在农贸市场周边',
      '（1）建议联合执法',
      '三、下步工作建议',
      '表1本周分村社案件统计',
      '图1近七周案件数走势',
      '1,284件',
      '新院村156131+19.1%96.2%',
      '合计441390+13.1%93.4%',
      '苏溪镇综合信息指挥室2025年6月9日',
      '—1—',
      '—2—',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('sets 22 lines on a full page and 28 characters on a full line', async () => {
    const zhPdf = await zh();
    // Page 1 is full: 发文字号, blank, title, subtitle, blank, 主送机关, then heading and body text to the bottom.
    const lines = (await pdfLines(zhPdf, 1)).filter((l) => l.yMax < 745);
    const sanhao = lines.filter((l) => Math.abs(l.yMax - l.yMin - 20.8) < 1); // 三号 text boxes are 20.8 pt tall
    const first = sanhao[0]?.yMin ?? 0;
    const slots = sanhao.map((l) => (l.yMin - first) / 28.95);
    for (const slot of slots) {
      expect(Math.abs(slot - Math.round(slot))).toBeLessThan(0.05);
    }
    // The 22nd line of the page is used, and its pitch times 21 spans the type area less one line.
    expect(Math.round(Math.max(...slots))).toBe(21);
    // The first line sits in the first line slot under the 37 mm top margin.
    const top = (37 * 72) / 25.4;
    expect(first).toBeGreaterThanOrEqual(top);
    expect(first + 20.8).toBeLessThanOrEqual(top + 28.95 + 1);
    const full = lines.find((l) => l.text === LONG.slice(26, 54));
    expect(full, `a line of 28 characters: ${lines.map((l) => l.text).join(' | ')}`).toBeDefined();
  });

  it('places page numbers under the type area, odd pages right and even pages left', async () => {
    const zhPdf = await zh();
    const marginRight = 595.3 - (26 * 72) / 25.4;
    const marginLeft = (28 * 72) / 25.4;
    const odd = (await pdfLines(zhPdf, 1)).find((l) => squash(l.text) === '—1—');
    const even = (await pdfLines(zhPdf, 2)).find((l) => squash(l.text) === '—2—');
    // One 四号 character (14 pt) in from the edge of the type area.
    expect(odd?.xMax).toBeCloseTo(marginRight - 14, -1);
    expect(even?.xMin).toBeCloseTo(marginLeft + 14, -1);
    // Below the type area (bottom edge at 297 − 35 mm = 742.7 pt), about 7 mm down.
    expect(odd?.yMin).toBeGreaterThan(745);
    expect(odd?.yMax).toBeLessThan(790);
  });

  it('places the issuer two characters from the right and the date two characters right of its start', async () => {
    const zhPdf = await zh();
    const { pages } = await pdfInfo(zhPdf);
    const lines = await pdfLines(zhPdf, pages);
    const issuer = lines.find((l) => l.text === '苏溪镇综合信息指挥室');
    const date = lines.find((l) => squash(l.text) === '2025年6月9日');
    const em = 15.75;
    const marginRight = 595.3 - (26 * 72) / 25.4;
    expect(issuer?.xMax).toBeCloseTo(marginRight - 2 * em, -1);
    expect((date?.xMin ?? 0) - (issuer?.xMin ?? 0)).toBeCloseTo(2 * em, -1);
    expect((date?.yMin ?? 0) - (issuer?.yMin ?? 0)).toBeCloseTo(28.95, 0);
  });

  it('converts the en-US bulletin with English numbering, the table and the date', async () => {
    const enPdf = await en();
    const info = await pdfInfo(enPdf);
    expect(info.pages).toBeGreaterThanOrEqual(1);
    expect(info.pages).toBeLessThanOrEqual(3);
    const text = await pdfText(enPdf);
    for (const expected of [
      '1. Overview',
      '1.1 By village',
      '2. Next steps',
      'Table 1. 本周分村社案件统计',
      '+19.1%',
      'June 9, 2025',
      '新院村',
    ]) {
      expect(text).toContain(expected);
    }
  });
});
