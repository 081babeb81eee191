/**
 * HTML renderer of the report document model: one self-contained file (styles, pictures and ECharts inlined; it
 * opens from disk with no network). Charts are interactive (ECharts in the browser, from the spec's plain-JSON
 * option) or, with `staticCharts`, server-side SVG, which the PDF path prints without running any script.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { CHART_FONT_STACK, type ChartSpec, renderChartSvg } from '../charts/index.js';
import { checkDocument } from './check.js';
import type { Block, ChartBlock, FigureBlock, ReportDocument, Run, TableBlock } from './document.js';
import { signaturePlacement } from './docx.js';
import { blockLabels, cleanText, formatCell, formatDocumentDate, textLines } from './format.js';
import { htmlStyle } from './html-style.js';
import { columnWeights, placeHeader } from './table-layout.js';

export interface HtmlOptions {
  /** Draw charts as inline SVG on the server instead of with ECharts in the browser (no script in the page). */
  staticCharts?: boolean;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for HTML content or a quoted attribute: cleaned of characters a document must not hold, then escaped. */
export function escapeHtml(text: string): string {
  return cleanText(text).replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** Text with its line breaks as <br>. */
function textHtml(text: string): string {
  return textLines(text).map(escapeHtml).join('<br>');
}

function runsHtml(runs: readonly Run[]): string {
  return runs.map((run) => (run.bold ? `<strong>${textHtml(run.text)}</strong>` : textHtml(run.text))).join('');
}

/**
 * JSON for a <script type="application/json"> element: `<`, `>` and `&` as \u escapes, so no text in it can close
 * the element (`</script>`) or open a comment (`<!--`); U+2028/U+2029 escaped too, as older parsers treat them as
 * line ends. JSON.parse gives back exactly the original value.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

let echartsBundle: string | undefined;

/** ECharts' browser bundle (the full build, with the ZH and EN locales), read once from node_modules. */
function echartsScript(): string {
  if (echartsBundle === undefined) {
    const require = createRequire(import.meta.url);
    const code = readFileSync(require.resolve('echarts/dist/echarts.min.js'), 'utf8');
    // A bundle holding `</script` would end the element early; echarts 6.1 has none, but a future build might.
    echartsBundle = code.replace(/<\/(script)/gi, '<\\/$1');
  }
  return echartsBundle;
}

function tableHtml(block: TableBlock, label: string, doc: ReportDocument): string {
  const width = block.columns.length;
  const header = placeHeader(block.header, width);
  const weights = columnWeights(block, header, doc.locale);
  const sum = weights.reduce((a, b) => a + b, 0);
  const cols = weights.map((w) => `<col style="width:${((w / sum) * 100).toFixed(3)}%">`).join('');
  const head = header
    .map((row) => {
      const cells = row.map((cell) => {
        const spans = `${cell.colSpan > 1 ? ` colspan="${cell.colSpan}"` : ''}${cell.rowSpan > 1 ? ` rowspan="${cell.rowSpan}"` : ''}`;
        return `<th scope="col"${spans}>${textHtml(cell.text)}</th>`;
      });
      return `<tr>${cells.join('')}</tr>`;
    })
    .join('');
  const bodyRow = (cells: (string | number | null)[], total: boolean) =>
    `<tr${total ? ' class="total"' : ''}>${cells
      .map((value, c) => {
        const column = block.columns[c] ?? {};
        const align = column.align ?? (typeof value === 'number' ? 'right' : 'left');
        return `<td class="${align}">${textHtml(formatCell(value, column, doc.locale))}</td>`;
      })
      .join('')}</tr>`;
  const rows = [...block.rows.map((row) => bodyRow(row, false)), ...(block.total ? [bodyRow(block.total, true)] : [])];
  const caption = block.caption === undefined ? '' : `<caption>${textHtml(label + block.caption)}</caption>`;
  const prefix = doc.locale === 'zh-CN' ? '注：' : 'Note: ';
  const notes = (block.notes ?? []).map((note, n) => `<p class="note">${textHtml((n === 0 ? prefix : '') + note)}</p>`);
  return `<div class="table-block"><table>${caption}<colgroup>${cols}</colgroup><thead>${head}</thead><tbody>${rows.join('')}</tbody></table>${notes.join('')}</div>`;
}

function captionHtml(caption: string | undefined, label: string): string {
  return caption === undefined ? '' : `<figcaption>${textHtml(label + caption)}</figcaption>`;
}

function figureHtml(block: FigureBlock, label: string): string {
  const alt = escapeHtml(block.caption ?? '');
  const src = `data:image/png;base64,${Buffer.from(block.png).toString('base64')}`;
  return `<figure class="figure"><img src="${src}" width="${block.width}" height="${block.height}" alt="${alt}">${captionHtml(block.caption, label)}</figure>`;
}

/** The option the page hands to ECharts: the spec's, with the browser's CJK font stack for text. */
function browserOption(spec: ChartSpec): ChartSpec['option'] {
  return {
    ...spec.option,
    textStyle: { ...(spec.option.textStyle as object | undefined), fontFamily: CHART_FONT_STACK },
  };
}

interface ChartState {
  count: number;
  data: string[];
}

function chartHtml(
  block: ChartBlock,
  label: string,
  doc: ReportDocument,
  options: HtmlOptions,
  charts: ChartState,
): string {
  const size = `width:${block.width}px;aspect-ratio:${block.width}/${block.height}`;
  const aria = escapeHtml(block.caption ?? '');
  let inner: string;
  if (options.staticCharts) {
    inner = `<div class="chart" role="img" aria-label="${aria}" style="${size}">${renderChartSvg(block.spec, { width: block.width, height: block.height, locale: doc.locale })}</div>`;
  } else {
    const id = `chart-${charts.count}`;
    charts.count += 1;
    const data = { option: browserOption(block.spec), maps: block.spec.maps ?? {} };
    charts.data.push(`<script type="application/json" id="${id}-data">${scriptJson(data)}</script>`);
    inner = `<div class="chart" id="${id}" data-chart="${id}-data" role="img" aria-label="${aria}" style="${size}"></div>`;
  }
  return `<figure class="figure">${inner}${captionHtml(block.caption, label)}</figure>`;
}

/** Runs each chart's option through ECharts (SVG renderer: crisp on screen and in print) and keeps them sized. */
function chartBoot(locale: string): string {
  return `(function () {
  var charts = [];
  var nodes = document.querySelectorAll('[data-chart]');
  for (var i = 0; i < nodes.length; i++) {
    var node = nodes[i];
    try {
      var data = JSON.parse(document.getElementById(node.getAttribute('data-chart')).textContent);
      var maps = data.maps || {};
      for (var name in maps) {
        if (Object.prototype.hasOwnProperty.call(maps, name) && !echarts.getMap(name)) {
          echarts.registerMap(name, maps[name]);
        }
      }
      var chart = echarts.init(node, null, { renderer: 'svg', locale: '${locale === 'zh-CN' ? 'ZH' : 'EN'}' });
      chart.setOption(data.option);
      charts.push(chart);
    } catch (error) {
      node.setAttribute('data-error', String(error));
      console.error('chart ' + node.id + ': ' + error);
    }
  }
  function resize() { for (var c = 0; c < charts.length; c++) { charts[c].resize(); } }
  window.addEventListener('resize', resize);
  window.addEventListener('beforeprint', resize);
})();`;
}

function blocksHtml(doc: ReportDocument, options: HtmlOptions, charts: ChartState): string {
  const labels = blockLabels(doc.blocks, doc.locale);
  const out: string[] = [];
  let inSheet = false;
  doc.blocks.forEach((block: Block, i) => {
    const label = labels[i] ?? '';
    switch (block.type) {
      case 'heading': {
        const tag = `h${block.level + 1}`;
        out.push(`<${tag} class="heading h${block.level}">${textHtml(label + block.text)}</${tag}>`);
        return;
      }
      case 'paragraph':
        out.push(`<p class="body-text">${runsHtml(block.runs)}</p>`);
        return;
      case 'list':
        out.push(`<ul class="list">${block.items.map((item) => `<li>${runsHtml(item)}</li>`).join('')}</ul>`);
        return;
      case 'table':
        out.push(tableHtml(block, label, doc));
        return;
      case 'figure':
        out.push(figureHtml(block, label));
        return;
      case 'chart':
        out.push(chartHtml(block, label, doc, options, charts));
        return;
      case 'pageBreak':
        out.push('<div class="page-break"></div>');
        return;
      case 'sheet':
        // A sheet starts a new page, unless it is the first block (as in the DOCX).
        out.push(
          `${inSheet ? '</section>' : ''}<section class="sheet${i === 0 ? ' first' : ''}"><h2 class="sheet-title">${textHtml(block.title)}</h2>`,
        );
        inSheet = true;
        return;
    }
  });
  if (inSheet) {
    out.push('</section>');
  }
  return out.join('\n');
}

/** The closing: 发文机关署名 and 成文日期 placed as in the DOCX (GB/T 9704-2012 7.3.5.2), in 一字 (em). */
function closingHtml(doc: ReportDocument): string {
  const date = formatDocumentDate(doc.date, doc.locale);
  if (doc.locale !== 'zh-CN') {
    return `<div class="closing"><p class="issuer right">${textHtml(doc.issuer)}</p><p class="date right">${escapeHtml(date)}</p></div>`;
  }
  const place = signaturePlacement(cleanText(doc.issuer), date);
  const dateStyle =
    'start' in place.date
      ? `text-align:left;padding-left:calc(100% - ${place.date.start}em)`
      : `text-align:right;padding-right:${place.date.right}em`;
  return `<div class="closing"><p class="issuer" style="text-align:right;padding-right:${place.issuer}em">${textHtml(doc.issuer)}</p><p class="date" style="${dateStyle}">${escapeHtml(date)}</p></div>`;
}

/**
 * Renders a report document to one self-contained HTML file: the official look on screen, A4 with the GB/T 9704
 * margins in print, interactive ECharts charts (or inline SVG with `staticCharts`). Throws `invalid_input` on a bad
 * model.
 */
export async function renderHtml(input: ReportDocument, options: HtmlOptions = {}): Promise<string> {
  const doc = checkDocument(input);
  const charts: ChartState = { count: 0, data: [] };
  const head: string[] = [];
  if (doc.documentNumber !== undefined) {
    head.push(`<p class="doc-number">${textHtml(doc.documentNumber)}</p>`);
  }
  head.push(`<h1 class="title">${textHtml(doc.title)}</h1>`);
  if (doc.subtitle !== undefined) {
    head.push(`<p class="subtitle">${textHtml(doc.subtitle)}</p>`);
  }
  head.push('<div class="head-end"></div>');
  if (doc.addressee !== undefined) {
    head.push(`<p class="addressee">${textHtml(doc.addressee)}</p>`);
  }
  const body = blocksHtml(doc, options, charts);
  const scripts =
    charts.count === 0
      ? ''
      : `\n${charts.data.join('\n')}\n<script>${echartsScript()}</script>\n<script>${chartBoot(doc.locale)}</script>`;
  const title =
    textLines(doc.title).join(' ') + (doc.subtitle === undefined ? '' : ` ${textLines(doc.subtitle).join(' ')}`);
  return `<!DOCTYPE html>
<html lang="${doc.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Shanzhi">
<title>${escapeHtml(title)}</title>
<style>
${htmlStyle(doc.locale)}</style>
</head>
<body>
<main class="page">
${head.join('\n')}
${body}
${closingHtml(doc)}
</main>${scripts}
</body>
</html>
`;
}
