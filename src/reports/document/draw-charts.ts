import { renderChart } from '../charts/index.js';
import type { Block, ReportDocument } from './document.js';

/**
 * The document with every chart block drawn as a figure: a 2× PNG placed at the chart's layout size, for the formats
 * that take pictures (DOCX, the PDF fallback). Charts are drawn one after another: each PNG step already runs on
 * libuv's thread pool, and the font subsets it writes are per chart.
 */
export async function drawCharts(doc: ReportDocument): Promise<ReportDocument> {
  if (!doc.blocks.some((block) => block.type === 'chart')) {
    return doc;
  }
  const blocks: Block[] = [];
  for (const block of doc.blocks) {
    if (block.type !== 'chart') {
      blocks.push(block);
      continue;
    }
    const { png } = await renderChart(block.spec, { width: block.width, height: block.height, locale: doc.locale });
    const drawn: Block = { type: 'figure', png, width: block.width, height: block.height };
    blocks.push(block.caption === undefined ? drawn : { ...drawn, caption: block.caption });
  }
  return { ...doc, blocks };
}
