import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderAsync } from '@resvg/resvg-js';
import { BarChart, LineChart, MapChart, PieChart, RadarChart } from 'echarts/charts';
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  RadarComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { invalidField } from '../../core/errors.js';
import type { Locale } from '../../core/time/index.js';
import { type CjkFont, cjkFont } from './font.js';
import type { ChartOption, ChartSpec } from './spec.js';
import './zrender-guard.js';
import { type PreparedFace, prepareFace, subsetFont, svgCodePoints } from './subset.js';

/*
 * Server-side chart rendering: ECharts' SSR SVG renderer, then resvg for the PNG that DOCX and pdfkit need. Only
 * the ECharts parts the report charts use are registered (ChartOption lists the same parts). Text is drawn with the
 * one CJK font found by font.ts, loaded into resvg explicitly with system fonts off, so what renders here renders
 * the same on every machine, or fails with an error that says which font to install.
 */

echarts.use([
  BarChart,
  LineChart,
  MapChart,
  PieChart,
  RadarChart,
  AriaComponent,
  GridComponent,
  LegendComponent,
  RadarComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
  SVGRenderer,
]);

export interface RenderOptions {
  /** Size in CSS pixels of the SVG; the PNG is `scale` times larger. */
  width: number;
  height: number;
  /** Language of ECharts' own words (e.g. in aria descriptions); zh-CN by default. */
  locale?: Locale;
  /** PNG pixels per SVG pixel; 2 by default, enough for print at the usual figure sizes. */
  scale?: number;
  /** The font to draw with; the process's checked CJK font by default. */
  font?: CjkFont;
}

export interface RenderedChart {
  svg: string;
  png: Buffer;
}

const MAX_SIDE = 4000;
const NOT_XML =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters XML 1.0 does not allow.
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const ECHARTS_LOCALE: Record<Locale, string> = { 'zh-CN': 'ZH', 'en-US': 'EN' };

/** Render a chart (a builder's ChartSpec, or a bare ECharts option) to SVG text and a PNG at `scale`× resolution. */
export async function renderChart(chart: ChartSpec | ChartOption, options: RenderOptions): Promise<RenderedChart> {
  const font = options.font ?? cjkFont();
  const svg = renderChartSvg(chart, { ...options, font });
  return { svg, png: await svgToPng(svg, { scale: options.scale, font }) };
}

/** The chart as a standalone SVG document whose text asks for the CJK font's family. */
export function renderChartSvg(chart: ChartSpec | ChartOption, options: RenderOptions): string {
  const width = side(options.width, 'width');
  const height = side(options.height, 'height');
  const font = options.font ?? cjkFont();
  const spec: ChartSpec = isSpec(chart) ? chart : { option: chart };
  for (const [name, geoJson] of Object.entries(spec.maps ?? {})) {
    // Map names are derived from the outlines' content (geo.ts), so an existing entry is the same map.
    if (!echarts.getMap(name)) {
      echarts.registerMap(name, geoJson as unknown as Parameters<typeof echarts.registerMap>[1]);
    }
  }
  const instance = echarts.init(null, null, {
    renderer: 'svg',
    ssr: true,
    width,
    height,
    locale: ECHARTS_LOCALE[options.locale ?? 'zh-CN'],
  });
  try {
    instance.setOption({
      ...spec.option,
      animation: false,
      textStyle: { ...(spec.option.textStyle as object | undefined), fontFamily: `'${font.family}', sans-serif` },
    });
    // ECharts escapes & < > " ' but passes on characters XML forbids (C0 controls, lone surrogates), after which
    // resvg would reject the whole SVG; labels are user data, so drop those characters here.
    return instance.renderToSVGString().replace(NOT_XML, '');
  } finally {
    instance.dispose();
  }
}

/**
 * Rasterise an SVG with resvg on libuv's thread pool, so the event loop stays free. resvg gets only the CJK font
 * (system fonts would make the output depend on the machine), cut down to the glyphs this SVG uses (subset.ts:
 * resvg re-reads the font file for every glyph, and the full Noto CJK collection is 20 MB).
 */
export async function svgToPng(svg: string, options: { scale?: number; font?: CjkFont } = {}): Promise<Buffer> {
  const scale = options.scale ?? 2;
  if (!Number.isFinite(scale) || scale <= 0 || scale > 8) {
    throw invalidField('scale', `must be a number in (0, 8], got ${String(scale)}`);
  }
  const font = options.font ?? cjkFont();
  const dir = await mkdtemp(join(tmpdir(), 'shanzhi-chart-'));
  try {
    const fontFiles = await subsetFiles(font, svg, dir);
    const image = await renderAsync(svg, {
      fitTo: { mode: 'zoom', value: scale },
      background: '#ffffff',
      font: {
        fontFiles,
        loadSystemFonts: false,
        defaultFontFamily: font.family,
        sansSerifFamily: font.family,
        serifFamily: font.family,
      },
      logLevel: 'off',
    });
    return image.asPng();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const prepared = new Map<string, PreparedFace | null>();

/** The font files for one SVG: subsets where the face allows it, the original file where it does not. */
async function subsetFiles(font: CjkFont, svg: string, dir: string): Promise<string[]> {
  const codePoints = svgCodePoints(svg);
  // The regular file always; the others (bold) only when some text is bold, as each subset costs time.
  const bold = /font-weight:\s*(bold|bolder|[6-9]00)/.test(svg);
  const files = font.files.filter((_, i) => i === 0 || bold);
  return Promise.all(
    files.map(async (file, i) => {
      if (!prepared.has(file)) {
        let face: PreparedFace | null = null;
        try {
          face = prepareFace(file, font.family);
        } catch {
          // A face the subsetter cannot read is still a checked font (font.ts): resvg gets it whole, only slower.
        }
        prepared.set(file, face);
      }
      const face = prepared.get(file);
      if (!face) {
        return file;
      }
      const subset = join(dir, `font-${i}.otf`);
      await writeFile(subset, subsetFont(face, codePoints));
      return subset;
    }),
  );
}

function isSpec(chart: ChartSpec | ChartOption): chart is ChartSpec {
  return typeof (chart as ChartSpec).option === 'object' && (chart as ChartSpec).option !== null;
}

function side(value: number, field: string): number {
  if (!Number.isInteger(value) || value < 1 || value > MAX_SIDE) {
    throw invalidField(field, `must be a whole number of pixels from 1 to ${MAX_SIDE}, got ${String(value)}`);
  }
  return value;
}
