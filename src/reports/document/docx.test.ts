import fc from 'fast-check';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectInvalid } from '../../core/testing.js';
import { documentArbitrary, textsOf } from './document.arbitraries.js';
import { type Block, figure, heading, pageBreak, paragraph, type ReportDocument, sheet, table } from './document.js';
import { renderDocx } from './docx.js';
import { EM, LINE_PITCH, TEXT_HEIGHT, TEXT_WIDTH } from './docx-style.js';
import { type DocxParagraph, docxPart, paragraphsOf, placeholderChartPng, sampleBulletin, unzip } from './testing.js';

const png = placeholderChartPng(200, 100);

async function render(doc: ReportDocument) {
  const parts = unzip(await renderDocx(doc));
  const part = (path: string) => parts.get(path)?.toString('utf8') ?? '';
  const xml = part('word/document.xml');
  return { parts, part, xml, paragraphs: paragraphsOf(xml) };
}

function find(paragraphs: DocxParagraph[], text: string): DocxParagraph {
  const found = paragraphs.find((p) => p.text === text);
  if (found === undefined) {
    throw new Error(`no paragraph "${text}" among: ${paragraphs.map((p) => p.text).join(' | ')}`);
  }
  return found;
}

describe('renderDocx, zh-CN (GB/T 9704-2012)', () => {
  let doc: Awaited<ReturnType<typeof render>>;
  beforeAll(async () => {
    doc = await render(sampleBulletin());
  });

  it('sets an A4 page with 37/35/28/26 mm margins (in twips), i.e. a 156 × 225 mm type area', () => {
    expect(doc.xml).toContain('<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"/>');
    expect(doc.xml).toMatch(
      /<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587" w:header="1417" w:footer="1417"/,
    );
    expect(Math.round((TEXT_WIDTH * 25.4) / 1440)).toBe(156);
    expect(Math.round((TEXT_HEIGHT * 25.4) / 1440)).toBe(225);
  });

  it('fits 22 lines a page and 28 characters a line', () => {
    expect(LINE_PITCH).toBe(579);
    expect(22 * LINE_PITCH).toBeLessThanOrEqual(TEXT_HEIGHT);
    expect(23 * LINE_PITCH).toBeGreaterThan(TEXT_HEIGHT);
    expect(28 * EM).toBeLessThanOrEqual(TEXT_WIDTH);
    expect(29 * EM).toBeGreaterThan(TEXT_WIDTH);
    expect(doc.xml).toContain('<w:docGrid w:linePitch="579"/>');
    const body = find(doc.paragraphs, '市民投诉占道经营和噪声扰民较上周明显增多，主要集中在早晚高峰时段。');
    expect(body.props).toContain('<w:spacing w:after="0" w:before="0" w:line="579" w:lineRule="exact"/>');
    expect(doc.xml).toContain('<w:spacing w:val="-5"/>');
  });

  it('sets the title in 小标宋 二号 and the subtitle in 楷体 三号, centred', () => {
    const title = find(doc.paragraphs, '苏溪镇案件信息通报');
    expect(title.props).toContain('<w:jc w:val="center"/>');
    expect(title.runs[0]).toMatchObject({ eastAsia: '方正小标宋简体', size: 44 });
    expect(find(doc.paragraphs, '（2025年第23周）').runs[0]).toMatchObject({ eastAsia: '楷体_GB2312', size: 32 });
    expect(find(doc.paragraphs, '苏溪综指通报〔2025〕23号').props).toContain('<w:jc w:val="center"/>');
  });

  it('sets the body in 仿宋_GB2312 三号, justified with a two-character first-line indent, bold runs kept', () => {
    const body = doc.paragraphs.find((p) => p.text.startsWith('6月2日至6月8日'));
    expect(body?.props).toContain('<w:jc w:val="both"/>');
    expect(body?.props).toContain(`<w:ind w:firstLine="${2 * EM}"/>`);
    expect(body?.runs.map((r) => [r.eastAsia, r.size, r.bold])).toEqual([
      ['仿宋_GB2312', 32, false],
      ['仿宋_GB2312', 32, true],
      ['仿宋_GB2312', 32, false],
    ]);
    expect(body?.runs[1]?.text).toBe('1,284件');
    // East Asian text needs w:eastAsia; the hint sends ambiguous punctuation to the CJK font too.
    expect(doc.xml).toContain('w:eastAsia="仿宋_GB2312" w:hAnsi="仿宋_GB2312" w:hint="eastAsia"');
  });

  it('numbers headings 一、 （一） 1. （1） and sets them in 黑体, 楷体, bold 仿宋, 仿宋 三号', () => {
    const expected: [string, string, boolean, number][] = [
      ['一、总体情况', '黑体', false, 0],
      ['（一）分村社情况', '楷体_GB2312', false, 1],
      ['二、苗头性问题', '黑体', false, 0],
      ['（一）占道经营', '楷体_GB2312', false, 1],
      ['1.集中在农贸市场周边', '仿宋_GB2312', true, 2],
      ['（1）建议联合执法', '仿宋_GB2312', false, 3],
      ['三、下步工作建议', '黑体', false, 0],
    ];
    for (const [text, font, bold, outline] of expected) {
      const p = find(doc.paragraphs, text);
      expect(p.runs[0]).toMatchObject({ eastAsia: font, size: 32, bold });
      expect(p.props).toContain(`<w:outlineLvl w:val="${outline}"/>`);
      expect(p.props).toContain('<w:keepNext/>');
    }
  });

  it('ends with the issuer and the date, right-aligned as GB/T 9704 7.3.5.2 places them', () => {
    const [blank, issuer, date] = doc.paragraphs.slice(-3);
    expect(blank?.text).toBe('');
    expect(issuer?.text).toBe('苏溪镇综合信息指挥室');
    expect(date?.text).toBe('2025年6月9日');
    expect(issuer?.props).toContain('<w:jc w:val="right"/>');
    // The issuer (10 一字) ends 2 一字 from the right edge; the date starts 2 一字 right of its start, 10 from the edge.
    expect(issuer?.props).toContain(`<w:ind w:right="${2 * EM}"/>`);
    expect(date?.props).toContain('<w:jc w:val="left"/>');
    expect(date?.props).toContain(`<w:ind w:left="${TEXT_WIDTH - 10 * EM}"/>`);
    // The closing keeps company with the last line of text.
    expect(doc.paragraphs.at(-4)?.props).toContain('<w:keepNext/>');
  });

  it('numbers pages — 1 — in 宋体 四号, odd pages on the right and even pages on the left (GB/T 9704 7.5)', () => {
    expect(doc.part('word/settings.xml')).toContain('<w:evenAndOddHeaders/>');
    expect(doc.xml).toMatch(/<w:footerReference w:type="default" r:id="rId\d+"\/><w:footerReference w:type="even"/);
    const footers = [...doc.parts.keys()].filter((k) => /^word\/footer\d+\.xml$/.test(k)).map((k) => doc.part(k));
    expect(footers).toHaveLength(2);
    for (const footer of footers) {
      expect(footer).toContain('<w:instrText xml:space="preserve">PAGE</w:instrText>');
      const [p] = paragraphsOf(footer);
      expect(p?.text).toBe('—  —');
      expect(p?.runs.some((r) => r.eastAsia === '宋体' && r.size === 28)).toBe(true);
    }
    const sides = footers.map((f) => /<w:jc w:val="(\w+)"\/>/.exec(f)?.[1]).sort();
    expect(sides).toEqual(['left', 'right']);
    expect(footers.join('')).toContain('<w:ind w:right="280"/>');
    expect(footers.join('')).toContain('<w:ind w:left="280"/>');
  });

  it('lists each font with its fallback in the font table, and sets the language to zh-CN', () => {
    const fonts = doc.part('word/fontTable.xml');
    expect(XMLValidator.validate(fonts)).toBe(true);
    expect(fonts).toContain('<w:font w:name="方正小标宋简体"><w:altName w:val="华文中宋"/><w:charset w:val="86"/>');
    expect(fonts).toContain('<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>');
    expect(fonts).toContain('<w:font w:name="楷体_GB2312"><w:altName w:val="楷体"/>');
    expect(fonts).toContain('<w:font w:name="黑体"><w:altName w:val="SimHei"/>');
    expect(doc.part('word/styles.xml')).toContain('<w:lang w:val="en-US" w:eastAsia="zh-CN"/>');
  });

  it('writes tables with repeated header rows, borders, fixed widths and numbers formatted by column', () => {
    const tbl = /<w:tbl>[\s\S]*?<\/w:tbl>/.exec(doc.xml)?.[0] ?? '';
    expect(tbl).toContain('<w:tblHeader/>');
    expect(tbl).toContain('<w:tblLayout w:type="fixed"/>');
    expect(tbl).toMatch(/<w:tblBorders><w:top w:val="single" w:color="000000" w:sz="4"\/>/);
    const widths = [...tbl.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
    expect(widths.reduce((a, b) => a + b, 0)).toBe(TEXT_WIDTH);
    const cells = paragraphsOf(tbl);
    expect(cells.slice(0, 5).map((c) => c.text)).toEqual(['村社', '本周', '上周', '环比', '办结率']);
    expect(cells[0]?.runs[0]).toMatchObject({ eastAsia: '黑体', size: 24 });
    expect(cells.slice(5, 10).map((c) => c.text)).toEqual(['新院村', '156', '131', '+19.1%', '96.2%']);
    expect(cells[6]?.props).toContain('<w:jc w:val="right"/>');
    expect(cells[5]?.runs[0]).toMatchObject({ eastAsia: '仿宋_GB2312', size: 24, bold: false });
    const total = cells.slice(-5);
    expect(total.map((c) => c.text)).toEqual(['合计', '441', '390', '+13.1%', '93.4%']);
    expect(total.every((c) => c.runs[0]?.bold)).toBe(true);
    expect(find(doc.paragraphs, '表1　本周分村社案件统计').props).toContain('<w:keepNext/>');
    expect(find(doc.paragraphs, '注：数据来源：综合信息指挥室案件台账，截至6月8日24时。').runs[0]?.size).toBe(24);
  });

  it('embeds figures as PNG, at most the type width, with a numbered caption', () => {
    const media = [...doc.parts.entries()].filter(([name]) => name.startsWith('word/media/'));
    expect(media).toHaveLength(1);
    expect(media[0]?.[1].subarray(1, 4).toString('latin1')).toBe('PNG');
    const [cx, cy] = (/<wp:extent cx="(\d+)" cy="(\d+)"\/>/.exec(doc.xml) ?? []).slice(1).map(Number);
    expect(cx).toBeLessThanOrEqual(TEXT_WIDTH * 635); // 635 EMU a twip
    expect(cx).toBeGreaterThan(TEXT_WIDTH * 635 * 0.95);
    expect((cx ?? 0) / (cy ?? 1)).toBeCloseTo(2, 1);
    expect(find(doc.paragraphs, '图1　近七周案件数走势').props).toContain('<w:jc w:val="center"/>');
  });
});

describe('renderDocx, structure of blocks', () => {
  const base = sampleBulletin({ documentNumber: undefined, subtitle: undefined, addressee: undefined });

  it('starts each sheet on a new page (but the first) and restarts heading numbers there', async () => {
    const { paragraphs } = await render({
      ...base,
      kind: 'portrait',
      blocks: [sheet('新院村'), heading(1, '概况'), heading(1, '问题'), sheet('楂林村'), heading(1, '概况')],
    });
    expect(find(paragraphs, '新院村').props).not.toContain('pageBreakBefore');
    expect(find(paragraphs, '楂林村').props).toContain('<w:pageBreakBefore/>');
    expect(paragraphs.filter((p) => p.text === '一、概况')).toHaveLength(2);
    expect(find(paragraphs, '二、问题').runs[0]?.eastAsia).toBe('黑体');
  });

  it('puts a page break on the next paragraph, and before a table without caption', async () => {
    const { paragraphs, xml } = await render({
      ...base,
      blocks: [
        paragraph('前'),
        pageBreak(),
        pageBreak(),
        paragraph('后'),
        pageBreak(),
        table({ columns: [{}], header: [['x']], rows: [['y']] }),
      ],
    });
    expect(find(paragraphs, '后').props).toContain('<w:pageBreakBefore/>');
    expect(xml.match(/<w:pageBreakBefore\/>/g)).toHaveLength(2);
    expect(xml).toMatch(/<w:pageBreakBefore\/>[\s\S]*?<\/w:p><w:tbl>/);
  });

  it('writes line breaks inside text as w:br', async () => {
    const { paragraphs } = await render({ ...base, title: '第一行\n第二行', blocks: [paragraph('甲\r\n乙')] });
    expect(find(paragraphs, '第一行\n第二行').runs).toHaveLength(2);
    expect(find(paragraphs, '甲\n乙')).toBeDefined();
  });

  it('spans header cells across columns and rows', async () => {
    const { xml } = await render({
      ...base,
      blocks: [
        table({
          columns: [{}, {}, {}],
          header: [
            [
              { text: '村社', rowSpan: 2 },
              { text: '案件', colSpan: 2 },
            ],
            ['本周', '上周'],
          ],
          rows: [['新院村', 1, 2]],
        }),
      ],
    });
    expect(xml).toContain('<w:gridSpan w:val="2"/>');
    expect(xml).toContain('<w:vMerge w:val="restart"/>');
    expect(xml).toContain('<w:vMerge w:val="continue"/>');
  });
});

describe('renderDocx, en-US', () => {
  it('uses the same A4 page with Times New Roman, English numbering and date, centred page numbers', async () => {
    const doc = await render(
      sampleBulletin({
        locale: 'en-US',
        title: 'Suxi Town Case Bulletin',
        issuer: 'Suxi Town Command Room',
        blocks: [heading(1, 'Overview'), heading(2, 'By village'), paragraph('Cases rose 12.5% on the week.')],
      }),
    );
    expect(doc.xml).toContain('<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"/>');
    expect(find(doc.paragraphs, 'Suxi Town Case Bulletin').runs[0]).toMatchObject({
      ascii: 'Times New Roman',
      size: 36,
      bold: true,
    });
    expect(find(doc.paragraphs, '1. Overview').runs[0]).toMatchObject({
      ascii: 'Times New Roman',
      eastAsia: '宋体',
      size: 28,
    });
    expect(find(doc.paragraphs, '1.1 By village').runs[0]?.size).toBe(24);
    expect(find(doc.paragraphs, 'Cases rose 12.5% on the week.').runs[0]?.size).toBe(24);
    expect(doc.paragraphs.at(-1)?.text).toBe('June 9, 2025');
    expect(doc.part('word/settings.xml')).not.toContain('<w:evenAndOddHeaders/>');
    const footer = doc.part('word/footer1.xml');
    expect(footer).toContain('<w:jc w:val="center"/>');
    expect(footer).toContain('PAGE');
    expect(doc.xml).not.toContain('<w:spacing w:val="-5"/>');
  });
});

describe('renderDocx, bad documents', () => {
  const base = sampleBulletin();
  it.each<[string, Partial<ReportDocument>]>([
    ['title', { title: ' \u0001 ' }],
    ['issuer', { issuer: '' }],
    ['date', { date: '2025-13-01' }],
    ['locale', { locale: 'fr-FR' as 'en-US' }],
    ['blocks.0.level', { blocks: [heading(2, '跳级')] }],
    ['blocks.1.level', { blocks: [heading(1, 'a'), heading(3, 'b')] }],
    ['blocks.0.rows.1', { blocks: [table({ columns: [{}, {}], header: [['a', 'b']], rows: [['x', 1], ['y']] })] }],
    [
      'blocks.0.header.0',
      { blocks: [table({ columns: [{}, {}], header: [['a', { text: 'b', colSpan: 2 }]], rows: [] })] },
    ],
    [
      'blocks.0.header.1',
      {
        blocks: [
          table({
            columns: [{}, {}],
            header: [
              [{ text: 'a', rowSpan: 2 }, 'b'],
              ['c', 'd'],
            ],
            rows: [],
          }),
        ],
      },
    ],
    ['blocks.0.columns.0.digits', { blocks: [table({ columns: [{ digits: -1 }], header: [['a']], rows: [] })] }],
    ['blocks.0.png', { blocks: [{ type: 'figure', png: new Uint8Array(40), width: 10, height: 10 }] }],
    ['blocks.0', { blocks: [{ ...figure(png), width: 0 }] }],
    ['blocks.0.type', { blocks: [{ type: 'video' } as unknown as Block] }],
    ['blocks.0.title', { blocks: [sheet('')] }],
  ])('names %s', async (field, change) => {
    await expectInvalid(renderDocx({ ...base, ...change }), field);
  });
});

/* Property: any document of random blocks renders to a DOCX whose XML parses and carries every text. */

/** All w:t text of a parsed part, in document order. */
function collectText(node: unknown, out: string[]): void {
  if (Array.isArray(node)) {
    for (const child of node) {
      collectText(child, out);
    }
  } else if (node !== null && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'w:t' && Array.isArray(value)) {
        out.push(value.map((v: Record<string, unknown>) => String(v['#text'] ?? '')).join(''));
      } else if (key !== ':@') {
        collectText(value, out);
      }
    }
  }
}

describe('renderDocx, any document (property)', () => {
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    trimValues: false,
    parseTagValue: false,
  });
  const notXml = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

  it('renders random blocks and text (CJK, emoji, XML specials, control characters) to valid XML with every text', async () => {
    await fc.assert(
      fc.asyncProperty(documentArbitrary(), async (doc) => {
        const docx = await renderDocx(doc);
        const parts = unzip(docx);
        for (const [name, data] of parts) {
          if (name.endsWith('.xml') || name.endsWith('.rels')) {
            const xml = data.toString('utf8');
            expect(notXml.test(xml), name).toBe(false);
            expect(XMLValidator.validate(xml), name).toBe(true);
          }
        }
        const texts: string[] = [];
        collectText(parser.parse(docxPart(docx, 'word/document.xml')), texts);
        const all = texts.join('');
        for (const text of textsOf(doc)) {
          expect(all).toContain(text);
        }
      }),
      { numRuns: 60 },
    );
  });
});
