import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectInvalid } from '../../core/testing.js';
import { makeVillages } from '../charts/charts.testing.js';
import { CHART_FONT_STACK, rankingChart, villageMapChart, weeklyTrendChart } from '../charts/index.js';
import { documentArbitrary, textsOf } from './document.arbitraries.js';
import { chart, heading, paragraph, type ReportDocument, sheet, table } from './document.js';
import { escapeHtml, renderHtml, scriptJson } from './html.js';
import { chartData, checkMarkup, markupOf, visibleText } from './html.testing.js';
import { sampleBulletin } from './testing.js';

const trend = weeklyTrendChart({
  weeks: [202519, 202520, 202521, 202522, 202523],
  thisYear: [140, 135, 160, 150, 170],
  lastYear: [115, 130, 125, 140, 150],
});
const ranking = rankingChart({
  items: [
    { name: '新院村', value: 156 },
    { name: '楂林村', value: 98 },
  ],
});

function withCharts(overrides: Partial<ReportDocument> = {}): ReportDocument {
  const doc = sampleBulletin(overrides);
  return {
    ...doc,
    blocks: [
      ...doc.blocks,
      chart(trend, { width: 590, height: 300 }, '近五周案件数走势'),
      chart(ranking, { width: 560, height: 280 }),
    ],
  };
}

describe('renderHtml, zh-CN', () => {
  let html: string;
  beforeAll(async () => {
    html = await renderHtml(withCharts());
  });

  it('is one well-formed, self-contained page with lang and title', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="zh-CN">')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<title>苏溪镇案件信息通报 （2025年第23周）</title>');
    expect(checkMarkup(html)).toBe(true);
    // Offline: nothing is fetched (no src/href to another place, no @import).
    expect(markupOf(html)).not.toMatch(/\b(src|href)="(?!data:)/);
    expect(html).not.toContain('@import');
  });

  it('numbers headings and captions as format.ts does, and shows every number formatted by the column spec', () => {
    const text = visibleText(html);
    for (const expected of [
      '苏溪综指通报〔2025〕23号',
      '一、总体情况',
      '（一）分村社情况',
      '二、苗头性问题',
      '1.集中在农贸市场周边',
      '（1）建议联合执法',
      '表1　本周分村社案件统计',
      '图1　近七周案件数走势',
      '图2　近五周案件数走势',
      '+19.1%',
      '-3.9%',
      '96.2%',
      '注：数据来源',
      '苏溪镇综合信息指挥室',
      '2025年6月9日',
    ]) {
      expect(text).toContain(expected);
    }
    for (const t of textsOf(withCharts())) {
      expect(text).toContain(t);
    }
    expect(html).toContain('<h2 class="heading h1">一、总体情况</h2>');
    expect(html).toContain('<strong>1,284件</strong>');
    expect(html).toContain('<tr class="total"><td class="left">合计</td><td class="right">441</td>');
  });

  it('sets the official look: A4 column on screen, GB/T 9704 margins and page numbers in print, font stacks', () => {
    expect(html).toContain('width: 210mm');
    expect(html).toContain('@page { size: A4; margin: 37mm 26mm 35mm 28mm; }');
    expect(html).toContain('@page :right { @bottom-right { content: "— " counter(page) " —";');
    expect(html).toContain('@page :left { @bottom-left {');
    expect(html).toContain('thead { display: table-header-group; }');
    expect(html).toMatch(/\.body-text \{ text-align: justify; text-indent: 31\.5pt; \}/);
    expect(html).toContain("local('仿宋_GB2312')");
    expect(html).toContain("local('Noto Serif CJK SC')");
    expect(html).toMatch(/h1\.title \{ font-family: 'Shanzhi Title'[^}]*font-size: 22pt;/);
    expect(html).toMatch(/\.h1 \{ font-family: 'Shanzhi HeiTi'/);
    expect(html).toContain('line-height: 28.95pt');
  });

  it('embeds each chart option once as parseable JSON with the browser font stack, and ECharts once', () => {
    const data = chartData(html);
    expect([...data.keys()]).toEqual(['chart-0-data', 'chart-1-data']);
    expect(data.get('chart-0-data')).toEqual({
      option: { ...trend.option, textStyle: { ...(trend.option.textStyle as object), fontFamily: CHART_FONT_STACK } },
      maps: {},
    });
    expect(html).toContain('<div class="chart" id="chart-0" data-chart="chart-0-data"');
    expect(html.match(/echarts\.init/g)?.length).toBe(1);
    // The bundle is inlined once (its license banner names Apache ECharts).
    expect(html.split('Apache').length - 1).toBeGreaterThan(0);
    expect(html.length).toBeGreaterThan(1_000_000);
  });

  it('places figures as data: URIs', () => {
    expect(html).toMatch(
      /<img src="data:image\/png;base64,iVBOR[^"]+" width="1200" height="600" alt="近七周案件数走势">/,
    );
  });

  it('with staticCharts draws charts as inline SVG and has no script at all', async () => {
    const page = await renderHtml(withCharts(), { staticCharts: true });
    expect(page).not.toContain('<script');
    expect(page.match(/<svg /g)?.length).toBe(2);
    expect(visibleText(page)).toContain('第23周');
    expect(checkMarkup(page)).toBe(true);
  });

  it('without charts inlines no script', async () => {
    expect(await renderHtml(sampleBulletin())).not.toContain('<script');
  });
});

describe('renderHtml, en-US and sheets', () => {
  it('numbers headings 1. 1.1, writes Table 1. and the English date, restarts at each sheet', async () => {
    const html = await renderHtml({
      ...sampleBulletin({ locale: 'en-US', title: 'Suxi town bulletin', issuer: 'Command room' }),
      blocks: [
        sheet('Xinyuan'),
        heading(1, 'Overview'),
        heading(2, 'Detail'),
        table({
          caption: 'Cases',
          columns: [{}, { format: 'number' }],
          header: [['Village', 'Cases']],
          rows: [['A', 12345]],
        }),
        sheet('Zhalin'),
        heading(1, 'Overview'),
        paragraph('Text'),
      ],
    });
    const text = visibleText(html);
    expect(html).toContain('<html lang="en-US">');
    expect(text).toContain('1. Overview');
    expect(text).toContain('1.1 Detail');
    expect(text).toContain('Table 1. Cases');
    expect(text).toContain('12,345');
    expect(text).toContain('June 9, 2025');
    expect(html.match(/<section class="sheet( first)?">/g)).toEqual([
      '<section class="sheet first">',
      '<section class="sheet">',
    ]);
    expect(html).toContain('section.sheet:not(.first) { break-before: page; }');
    expect(html).toContain('@bottom-center { content: counter(page);');
    expect(checkMarkup(html)).toBe(true);
  });
});

describe('renderHtml, escaping', () => {
  it('escapes text and keeps </script> inside chart data from closing the element', async () => {
    const evil = '</script><script>alert(1)</script><!-- & "q" \'a\' \u2028\u2029 \u0000';
    const option = { title: { text: evil }, series: [] };
    const html = await renderHtml({
      ...sampleBulletin({ title: evil, issuer: evil }),
      blocks: [
        heading(1, evil),
        paragraph(evil),
        table({ caption: evil, columns: [{}], header: [[evil]], rows: [[evil]], notes: [evil] }),
        chart({ option: option as never }, { width: 300, height: 200 }, evil),
      ],
    });
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<!-- &');
    expect(html.match(/<script\b/g)?.length).toBe(3);
    expect(html).toContain(
      '&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;!-- &amp; &quot;q&quot; &#39;a&#39;',
    );
    const data = chartData(html).get('chart-0-data') as { option: { title: { text: string } } };
    expect(data.option.title.text).toBe(evil);
    expect(checkMarkup(html)).toBe(true);
  });

  it('scriptJson round-trips any value and never contains < > & U+2028 U+2029', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = scriptJson(value);
        expect(text).not.toMatch(/[<>&\u2028\u2029]/);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
    expect(escapeHtml('a\u0001<b>')).toBe('a&lt;b&gt;');
  });

  it('names the bad field of a bad document', async () => {
    await expectInvalid(renderHtml({ ...sampleBulletin(), date: '2025-13-01' }), 'date');
  });

  it('renders random documents (CJK, emoji, specials, </script>) to well-formed HTML with every text and chart', async () => {
    await fc.assert(
      fc.asyncProperty(documentArbitrary({ charts: true }), async (doc) => {
        const html = await renderHtml(doc);
        expect(checkMarkup(html)).toBe(true);
        const text = visibleText(html);
        for (const t of textsOf(doc)) {
          expect(text).toContain(t);
        }
        const charts = doc.blocks.filter((b) => b.type === 'chart');
        const data = chartData(html);
        expect(data.size).toBe(charts.length);
        charts.forEach((c, i) => {
          const parsed = data.get(`chart-${i}-data`) as { option: { title: unknown } };
          expect(parsed.option.title).toEqual(JSON.parse(JSON.stringify(c.spec.option.title)));
        });
        expect(html.match(/<script\b/g)?.length ?? 0).toBe(charts.length === 0 ? 0 : charts.length + 2);
      }),
      { numRuns: 60 },
    );
  });
});

describe('renderHtml in Chromium (interactive charts)', () => {
  let close: (() => Promise<void>) | undefined;
  afterAll(async () => {
    await close?.();
  });

  it('draws every chart with ECharts, without console errors, offline', async () => {
    const { findChromium } = await import('./pdf.js');
    const executablePath = findChromium();
    if (executablePath === undefined) {
      throw new Error(
        'Chromium is not installed: apt-get install chromium (CI installs it in .ci/run), or set SHANZHI_CHROMIUM',
      );
    }
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath });
    close = () => browser.close();
    const context = await browser.newContext({ offline: true, viewport: { width: 900, height: 1200 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') {
        errors.push(message.text());
      }
    });
    page.on('pageerror', (error) => errors.push(String(error)));
    const requests: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith('data:') && request.url() !== 'about:blank') {
        requests.push(request.url());
      }
    });
    const map = villageMapChart({
      geo: makeVillages(4, ['新院村', '楂林村', '徐丰村', '苏福社区']),
      values: [
        { code: 'v01', value: 156 },
        { code: 'v02', value: 98 },
        { code: 'v03', value: 75 },
      ],
      unit: '件',
    });
    const doc = withCharts();
    const interactive = await renderHtml({
      ...doc,
      blocks: [...doc.blocks, chart(map, { width: 500, height: 400 }, '分村社地图')],
    });
    expect(chartData(interactive).get('chart-2-data')).toMatchObject({ maps: map.maps });
    await page.setContent(interactive, { waitUntil: 'load' });
    await page.waitForFunction('document.querySelectorAll(".chart svg path").length > 20');
    const charts = await page.$$eval('.chart', (nodes) =>
      nodes.map((n) => ({
        svg: n.querySelector('svg') !== null,
        paths: n.querySelectorAll('path').length,
        texts: [...n.querySelectorAll('text')].map((t) => t.textContent).join('|'),
        error: n.getAttribute('data-error'),
        width: n.clientWidth,
      })),
    );
    expect(charts).toHaveLength(3);
    for (const c of charts) {
      expect(c).toMatchObject({ svg: true, error: null });
      expect(c.paths).toBeGreaterThan(3);
      expect(c.width).toBeGreaterThan(300);
    }
    expect(charts[0]?.texts).toContain('第23周');
    expect(charts[1]?.texts).toContain('新院村');
    expect(charts[2]?.texts).toContain('苏福社区');
    // The charts follow the window: a narrower page makes the chart narrower.
    await page.setViewportSize({ width: 420, height: 900 });
    await page.waitForTimeout(300);
    const narrow = await page.$eval('.chart svg', (svg) => svg.getBoundingClientRect().width);
    expect(narrow).toBeLessThan(420);
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
  }, 60_000);
});
