import { describe, expect, it } from 'vitest';
import { decodePng, inkIn, PROTOTYPE_NAMES, pixelsDiffering, prototypeChanges, xmlProblem } from './charts.testing.js';
import { renderChart, renderChartSvg, svgToPng } from './render.js';
import type { ChartOption } from './spec.js';

const bars: ChartOption = {
  xAxis: { type: 'category', data: ['苏溪镇', '大陈镇'] },
  yAxis: { type: 'value' },
  series: [{ type: 'bar', data: [3, 5] }],
};

describe('renderChart', () => {
  it('gives an SVG of the asked size and a PNG twice as large', async () => {
    const { svg, png } = await renderChart(bars, { width: 320, height: 200 });
    expect(svg).toMatch(/^<svg width="320" height="200"/);
    expect(xmlProblem(svg)).toBeNull();
    expect(svg).toContain("font-family:'Noto Sans CJK SC', sans-serif");
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([640, 400]); // IHDR width, height
    const image = decodePng(png);
    expect([image.width, image.height]).toEqual([640, 400]);
  });

  it('draws something: the PNG differs from the rendering of an empty option', async () => {
    const chart = decodePng((await renderChart(bars, { width: 320, height: 200 })).png);
    const empty = decodePng((await renderChart({}, { width: 320, height: 200 })).png);
    expect(inkIn(empty)).toBe(0);
    expect(inkIn(chart)).toBeGreaterThan(500);
  });

  it('really draws the Chinese title (a blank or tofu regression fails here)', async () => {
    const size = { width: 400, height: 240 };
    const withTitle = decodePng(
      (await renderChart({ ...bars, title: { text: '投诉举报周趋势', top: 4, left: 'center' } }, size)).png,
    );
    const without = decodePng((await renderChart(bars, size)).png);
    const titleArea = { x: 0, y: 0, width: 800, height: 56 };
    expect(inkIn(without, titleArea)).toBe(0);
    expect(inkIn(withTitle, titleArea)).toBeGreaterThan(400);
    expect(pixelsDiffering(withTitle, without)).toBeGreaterThan(400);
  });

  it('draws different characters differently (tofu would make them all the same box)', async () => {
    const glyph = async (text: string) =>
      decodePng(
        await svgToPng(renderChartSvg({ title: { text, left: 0, top: 0 } }, { width: 40, height: 30 }), { scale: 2 }),
      );
    const [zhong, wen, missing] = await Promise.all([glyph('中'), glyph('文'), glyph('\uE000')]);
    expect(inkIn(zhong)).toBeGreaterThan(50);
    expect(pixelsDiffering(zhong, wen)).toBeGreaterThan(50);
    expect(pixelsDiffering(zhong, missing)).toBeGreaterThan(50);
  });

  it('keeps the SVG valid when labels hold XML specials and characters XML forbids', async () => {
    const option: ChartOption = {
      title: { text: '<b>"A&B"</b> \'镇\' \u0001\u0008 \uD800 end' },
      xAxis: { type: 'category', data: ['a<b', 'c&d'] },
      yAxis: { type: 'value' },
      series: [{ type: 'line', data: [1, 2] }],
    };
    const { svg } = await renderChart(option, { width: 300, height: 200 });
    expect(xmlProblem(svg)).toBeNull();
    expect(svg).toContain('&lt;b&gt;&quot;A&amp;B&quot;&lt;/b&gt;');
  });

  it('leaves Object.prototype alone whatever the labels say (zrender keys a cache by label text)', () => {
    const names = [...PROTOTYPE_NAMES, ...PROTOTYPE_NAMES];
    const option: ChartOption = {
      title: { text: '__proto__' },
      xAxis: { type: 'category', data: names },
      yAxis: { type: 'category', data: names },
      series: [{ type: 'line', data: [] }],
    };
    const svg = renderChartSvg(option, { width: 600, height: 400 });
    expect(prototypeChanges()).toEqual([]);
    // The labels were measured, not given the width of a function: every one is placed inside the chart.
    for (const match of svg.matchAll(/translate\(([^ ]+) ([^)]+)\)/g)) {
      expect(Number(match[1])).not.toBeNaN();
    }
    expect(svg).toContain('>__proto__<');
  });

  it("uses ECharts' own words in the chart's locale (here: month names of a time axis)", () => {
    const months: ChartOption = {
      xAxis: { type: 'time' },
      yAxis: { type: 'value' },
      series: [
        {
          type: 'line',
          data: [
            [Date.UTC(2025, 0, 15), 1],
            [Date.UTC(2025, 5, 15), 2],
          ],
        },
      ],
    };
    expect(renderChartSvg(months, { width: 600, height: 200, locale: 'en-US' })).toMatch(/>(Feb|Mar|Apr|May)</);
    expect(renderChartSvg(months, { width: 600, height: 200 })).toMatch(/>[2-5]月</);
  });

  it.each([
    [{ width: 0, height: 100 }, 'width'],
    [{ width: 100.5, height: 100 }, 'width'],
    [{ width: 100, height: 5000 }, 'height'],
  ])('rejects a bad size %o naming the field', async (size, field) => {
    await expect(renderChart(bars, size)).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining(field),
    });
  });

  it('rejects a bad scale', async () => {
    await expect(svgToPng('<svg xmlns="http://www.w3.org/2000/svg"/>', { scale: 0 })).rejects.toMatchObject({
      message: expect.stringContaining('scale'),
    });
  });
});
