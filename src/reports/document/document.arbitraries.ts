/**
 * fast-check arbitraries of report documents for the renderers' property tests: random blocks whose text mixes CJK,
 * emoji, XML/HTML specials, `</script>`, control characters, lone surrogates and line separators, random tables
 * (formats, header spans, null and non-finite numbers), figures and charts; and every text a document should show.
 */
import fc from 'fast-check';
import type { Block, Cell, ColumnSpec, HeaderCell, HeadingLevel, ReportDocument, TableBlock } from './document.js';
import { chart, figure, pageBreak, sheet } from './document.js';
import { formatCell, textLines } from './format.js';
import { placeholderChartPng } from './testing.js';

const nasty = fc.constantFrom(
  '<',
  '&',
  '>',
  '"',
  "'",
  ']]>',
  '</script>',
  '<!--',
  '<script>alert(1)</script>',
  '&amp;',
  '\u0000',
  '\u0001',
  '\u000B',
  '\u007F',
  '\u0085',
  '\uFFFE',
  '\uD800',
  '\uDFFF',
  '\u2028',
  '\u2029',
  '\t',
  '\n',
  '\r',
  ' ',
  '😀',
  '👨‍👩‍👧',
  '〔',
  '—',
  '\u3000',
  '__proto__',
);
const textUnit = fc.oneof(
  nasty,
  fc.integer({ min: 0x4e00, max: 0x9fff }).map((cp) => String.fromCodePoint(cp)),
  fc.integer({ min: 0, max: 0x10ffff }).map((cp) => String.fromCodePoint(cp)),
  fc.string({ maxLength: 3 }),
);
export const anyText = fc.string({ unit: textUnit, maxLength: 30 });
export const someText = anyText.map((t) => `T${t}`);
const cell: fc.Arbitrary<Cell> = fc.oneof(anyText, fc.double(), fc.integer(), fc.constant(null));
const column: fc.Arbitrary<ColumnSpec> = fc.record(
  {
    align: fc.constantFrom('left', 'center', 'right'),
    format: fc.constantFrom('number', 'percent'),
    digits: fc.integer({ min: 0, max: 6 }),
    signed: fc.boolean(),
    width: fc.double({ min: 0.5, max: 10, noNaN: true }),
  },
  { requiredKeys: [] },
);

/** A header of one or two rows; with two rows and two or more columns, the first cell may span both rows. */
function header(width: number): fc.Arbitrary<HeaderCell[][]> {
  const plain = fc.array(fc.array(anyText, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 2 });
  if (width < 2) {
    return plain;
  }
  const spanned = fc
    .tuple(anyText, anyText, fc.array(anyText, { minLength: width - 1, maxLength: width - 1 }))
    .map(([first, group, below]): HeaderCell[][] => [
      [
        { text: first, rowSpan: 2 },
        { text: group, colSpan: width - 1 },
      ],
      below,
    ]);
  return fc.oneof(plain, spanned);
}

export const tableBlock: fc.Arbitrary<TableBlock> = fc.integer({ min: 1, max: 5 }).chain((width) =>
  fc.record(
    {
      type: fc.constant('table' as const),
      columns: fc.array(column, { minLength: width, maxLength: width }),
      header: header(width),
      rows: fc.array(fc.array(cell, { minLength: width, maxLength: width }), { maxLength: 5 }),
      total: fc.array(cell, { minLength: width, maxLength: width }),
      caption: anyText,
      notes: fc.array(anyText, { maxLength: 2 }),
    },
    { requiredKeys: ['type', 'columns', 'header', 'rows'] },
  ),
);

const png = placeholderChartPng(200, 100);
const run = fc.record({ text: anyText, bold: fc.boolean() }, { requiredKeys: ['text'] });

/** A chart block with random title text (a plain bar option; no PNG is drawn unless a renderer needs one). */
export const chartBlock = fc
  .record({
    title: anyText,
    names: fc.array(anyText, { minLength: 1, maxLength: 4 }),
    caption: fc.option(anyText, { nil: undefined }),
  })
  .map(({ title, names, caption }) =>
    chart(
      {
        option: {
          title: { text: title },
          xAxis: { type: 'category', data: names },
          yAxis: { type: 'value' },
          series: [{ type: 'bar', data: names.map((_, i) => i + 1) }],
        } as never,
      },
      { width: 320, height: 200 },
      caption,
    ),
  );

export function blockArbitrary(options: { charts?: boolean } = {}): fc.Arbitrary<Block> {
  const blocks: fc.Arbitrary<Block>[] = [
    fc.record({
      type: fc.constant('heading' as const),
      level: fc.constantFrom<HeadingLevel>(1, 2, 3, 4),
      text: anyText,
    }),
    fc.record({ type: fc.constant('paragraph' as const), runs: fc.array(run, { maxLength: 4 }) }),
    fc.record({
      type: fc.constant('list' as const),
      items: fc.array(fc.array(run, { maxLength: 3 }), { maxLength: 3 }),
    }),
    tableBlock,
    fc.option(anyText, { nil: undefined }).map((caption) => figure(png, caption)),
    fc.constant(pageBreak()),
    someText.map((title) => sheet(title)),
  ];
  return fc.oneof(...blocks, ...(options.charts ? [chartBlock] : []));
}

/** Heading levels may only go one deeper at a time (the model's rule); lift random levels to obey it. */
export function fixLevels(blocks: Block[]): Block[] {
  let level = 0;
  return blocks.map((b) => {
    if (b.type === 'sheet') {
      level = 0;
    }
    if (b.type !== 'heading') {
      return b;
    }
    level = Math.min(b.level, level + 1);
    return { ...b, level: level as HeadingLevel };
  });
}

/** Random documents in both locales. */
export function documentArbitrary(
  options: { charts?: boolean; maxBlocks?: number } = {},
): fc.Arbitrary<ReportDocument> {
  return fc
    .record({
      locale: fc.constantFrom<'zh-CN' | 'en-US'>('zh-CN', 'en-US'),
      title: someText,
      issuer: someText,
      subtitle: fc.option(anyText, { nil: undefined }),
      addressee: fc.option(anyText, { nil: undefined }),
      documentNumber: fc.option(anyText, { nil: undefined }),
      blocks: fc.array(blockArbitrary(options), { maxLength: options.maxBlocks ?? 12 }).map(fixLevels),
    })
    .map((input) => ({ kind: 'bulletin', date: '2025-06-09', ...input }));
}

/** Every text line a rendering of the document must show (cleaned; table numbers as formatCell writes them). */
export function textsOf(doc: ReportDocument): string[] {
  const texts: string[] = [doc.title, doc.issuer, doc.subtitle ?? '', doc.addressee ?? '', doc.documentNumber ?? ''];
  for (const b of doc.blocks) {
    switch (b.type) {
      case 'heading':
        texts.push(b.text);
        break;
      case 'paragraph':
        texts.push(...b.runs.map((r) => r.text));
        break;
      case 'list':
        texts.push(...b.items.flat().map((r) => r.text));
        break;
      case 'table':
        texts.push(
          ...b.header.flat().map((c) => (typeof c === 'string' ? c : c.text)),
          b.caption ?? '',
          ...(b.notes ?? []),
        );
        for (const row of [...b.rows, ...(b.total ? [b.total] : [])]) {
          texts.push(...row.map((c, i) => formatCell(c, b.columns[i] ?? {}, doc.locale)));
        }
        break;
      case 'figure':
      case 'chart':
        texts.push(b.caption ?? '');
        break;
      case 'sheet':
        texts.push(b.title);
        break;
    }
  }
  return texts.flatMap(textLines).filter((t) => t !== '');
}
