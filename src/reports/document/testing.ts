/**
 * Test helpers for report documents: read the parts of a DOCX (a small ZIP reader on node:zlib), a placeholder chart
 * PNG, a sample weekly bulletin, and LibreOffice/poppler wrappers that turn a DOCX into PDF text and page images.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { inflateRawSync } from 'node:zlib';
import { Resvg } from '@resvg/resvg-js';
import { bold, figure, heading, list, paragraph, type ReportDocument, table } from './document.js';
import { FONTCONFIG_FILE } from './docx.js';

const run = promisify(execFile);

/** The entries of a ZIP archive by name, read through its central directory (stored and deflated entries). */
export function unzip(zip: Buffer): Map<string, Buffer> {
  const entries = new Map<string, Buffer>();
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) {
    end -= 1;
  }
  if (end < 0) {
    throw new Error('unzip: no end of central directory record');
  }
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) {
      throw new Error(`unzip: bad central directory entry ${i}`);
    }
    const method = zip.readUInt16LE(at + 10);
    const compressedSize = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(dataStart, dataStart + compressedSize);
    if (method !== 0 && method !== 8) {
      throw new Error(`unzip: ${name} uses compression method ${method}`);
    }
    entries.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** One part of a DOCX as text, e.g. `word/document.xml`. */
export function docxPart(docx: Buffer, path: string): string {
  const part = unzip(docx).get(path);
  if (part === undefined) {
    throw new Error(`the DOCX has no ${path}`);
  }
  return part.toString('utf8');
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function unescapeXml(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, name: string) =>
    name.startsWith('#x')
      ? String.fromCodePoint(Number.parseInt(name.slice(2), 16))
      : name.startsWith('#')
        ? String.fromCodePoint(Number(name.slice(1)))
        : (ENTITIES[name] ?? ''),
  );
}

export interface DocxRun {
  text: string;
  eastAsia?: string;
  ascii?: string;
  size?: number;
  bold: boolean;
}

export interface DocxParagraph {
  /** The paragraph properties as XML (w:pPr). */
  props: string;
  runs: DocxRun[];
  text: string;
}

/** The paragraphs of a WordprocessingML part with their runs' text, fonts, sizes and weight (enough for tests). */
export function paragraphsOf(xml: string): DocxParagraph[] {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map(([p]) => {
    const props = /<w:pPr>[\s\S]*?<\/w:pPr>/.exec(p)?.[0] ?? '';
    const runs = [...p.matchAll(/<w:r>([\s\S]*?)<\/w:r>/g)].map(([, r = '']) => {
      const text = [...r.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:br\/>/g)]
        .map((m) => (m[0] === '<w:br/>' ? '\n' : unescapeXml(m[1] ?? '')))
        .join('');
      const size = /<w:sz w:val="(\d+)"/.exec(r)?.[1];
      const run: DocxRun = { text, bold: /<w:b\/>|<w:b w:val="(true|1|on)"\/>/.test(r) };
      const eastAsia = /w:eastAsia="([^"]*)"/.exec(r)?.[1];
      const ascii = /w:ascii="([^"]*)"/.exec(r)?.[1];
      if (eastAsia !== undefined) {
        run.eastAsia = unescapeXml(eastAsia);
      }
      if (ascii !== undefined) {
        run.ascii = unescapeXml(ascii);
      }
      if (size !== undefined) {
        run.size = Number(size);
      }
      return run;
    });
    return { props, runs, text: runs.map((r) => r.text).join('') };
  });
}

/** A small placeholder bar chart as PNG (resvg, no text so no fonts are needed). */
export function placeholderChartPng(width = 1200, height = 600, bars = [12, 18, 9, 15, 21, 17, 11]): Buffer {
  const max = Math.max(...bars);
  const slot = (width - 80) / bars.length;
  const rects = bars
    .map((value, i) => {
      const h = Math.round((value / max) * (height - 80));
      return `<rect x="${Math.round(60 + i * slot + slot * 0.2)}" y="${height - 40 - h}" width="${Math.round(slot * 0.6)}" height="${h}" fill="#5470c6"/>`;
    })
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#fff"/><path d="M50 20V${height - 40}H${width - 20}" stroke="#333" stroke-width="2" fill="none"/>${rects}</svg>`;
  return new Resvg(svg, { font: { loadSystemFonts: false } }).render().asPng();
}

/** A short weekly bulletin with headings, a table, a figure and a list; override any field. */
export function sampleBulletin(overrides: Partial<ReportDocument> = {}): ReportDocument {
  return {
    kind: 'bulletin',
    locale: 'zh-CN',
    title: '苏溪镇案件信息通报',
    subtitle: '（2025年第23周）',
    documentNumber: '苏溪综指通报〔2025〕23号',
    addressee: '各村（社区）、镇属各部门：',
    issuer: '苏溪镇综合信息指挥室',
    date: '2025-06-09',
    blocks: [
      heading(1, '总体情况'),
      paragraph(
        '6月2日至6月8日，全镇共受理执法案件',
        bold('1,284件'),
        '，环比上升12.5%，同比下降3.2%；办结1,201件，办结率93.5%。涉企劳工纠纷举报48件，同比下降64%。',
      ),
      heading(2, '分村社情况'),
      table({
        caption: '本周分村社案件统计',
        columns: [
          {},
          { format: 'number' },
          { format: 'number' },
          { format: 'percent', signed: true },
          { format: 'percent' },
        ],
        header: [['村社', '本周', '上周', '环比', '办结率']],
        rows: [
          ['新院村', 156, 131, 0.1908, 0.962],
          ['楂林村', 98, 102, -0.0392, 0.918],
          ['徐丰村', 75, 60, 0.25, 0.88],
          ['苏福社区', 112, 97, 0.1546, 0.955],
        ],
        total: ['合计', 441, 390, 0.1308, 0.934],
        notes: ['数据来源：综合信息指挥室案件台账，截至6月8日24时。'],
      }),
      figure(placeholderChartPng(), '近七周案件数走势'),
      heading(1, '苗头性问题'),
      heading(2, '占道经营'),
      heading(3, '集中在农贸市场周边'),
      paragraph('市民投诉占道经营和噪声扰民较上周明显增多，主要集中在早晚高峰时段。'),
      heading(4, '建议联合执法'),
      list('周五联合执法重点巡查农贸市场周边；', '对反复投诉点位建立台账，逐一销号。'),
      heading(1, '下步工作建议'),
      paragraph('请各村（社区）对照通报问题抓好整改，整改情况于6月13日前报镇综合信息指挥室。'),
    ],
    ...overrides,
  };
}

/** Where an executable is on PATH, or undefined. */
export function findExecutable(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, name);
    if (dir !== '' && existsSync(candidate)) {
      return candidate;
    }
  }
  return undefined;
}

/**
 * Converts a DOCX to PDF with LibreOffice in a private profile (parallel runs do not clash) and the fonts.conf
 * fallbacks. Throws with the install hint when soffice is missing or the conversion writes no PDF.
 */
export async function docxToPdf(docx: Buffer, dir: string, name = 'document'): Promise<string> {
  const soffice = findExecutable('soffice');
  if (soffice === undefined) {
    throw new Error(
      'LibreOffice is not installed (no soffice on PATH): apt-get install libreoffice-writer-nogui (.ci/run installs it in CI)',
    );
  }
  const input = join(dir, `${name}.docx`);
  await writeFile(input, docx);
  const profile = await mkdtemp(join(tmpdir(), 'shanzhi-lo-'));
  try {
    await run(
      soffice,
      [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, input],
      { env: { ...process.env, FONTCONFIG_FILE }, timeout: 120_000 },
    );
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
  const pdf = join(dir, `${basename(input, '.docx')}.pdf`);
  if (!existsSync(pdf)) {
    throw new Error(`LibreOffice wrote no PDF for ${input}`);
  }
  return pdf;
}

function requirePoppler(tool: string): string {
  const path = findExecutable(tool);
  if (path === undefined) {
    throw new Error(`${tool} is not installed: apt-get install poppler-utils (.ci/run installs it in CI)`);
  }
  return path;
}

/** The text of a PDF (pdftotext), pages separated by form feeds. */
export async function pdfText(pdf: string): Promise<string> {
  const { stdout } = await run(requirePoppler('pdftotext'), [pdf, '-'], { maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

/** Page count and size of a PDF (pdfinfo). */
export async function pdfInfo(pdf: string): Promise<{ pages: number; width: number; height: number }> {
  const { stdout } = await run(requirePoppler('pdfinfo'), [pdf]);
  const pages = Number(/^Pages:\s+(\d+)/m.exec(stdout)?.[1]);
  const size = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(stdout);
  return { pages, width: Number(size?.[1]), height: Number(size?.[2]) };
}

/** Text lines of one PDF page with their boxes in points (pdftotext -bbox-layout). */
export async function pdfLines(
  pdf: string,
  page: number,
): Promise<{ text: string; xMin: number; yMin: number; xMax: number; yMax: number }[]> {
  const { stdout } = await run(
    requirePoppler('pdftotext'),
    ['-f', String(page), '-l', String(page), '-bbox-layout', pdf, '-'],
    {
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const lines: { text: string; xMin: number; yMin: number; xMax: number; yMax: number }[] = [];
  for (const match of stdout.matchAll(
    /<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([\s\S]*?)<\/line>/g,
  )) {
    const words = [...(match[5] ?? '').matchAll(/<word[^>]*>([^<]*)<\/word>/g)].map((w) => w[1] ?? '');
    lines.push({
      text: words.join(''),
      xMin: Number(match[1]),
      yMin: Number(match[2]),
      xMax: Number(match[3]),
      yMax: Number(match[4]),
    });
  }
  return lines;
}

/** A fresh temporary directory and its removal. */
export async function tempDir(prefix: string): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
