import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ReaderError } from './table.js';
import { lines, readAll, useTempDir } from './testing.js';
import { makeZip, sharedStringsXml, stylesXml, workbookParts, worksheetXml } from './xlsx-testing.js';

/*
 * Worksheets written by hand: every cell type and layout the reader knows, read the same by the fast path and token
 * by token (a namespace prefix on every element sends each cell down the slow path).
 */

const wall = (text: string) => new Date(`${text}Z`);

const SHARED = sharedStringsXml([
  '<t>编号</t>',
  '<t>值</t>',
  '<r><t>湖门村</t></r><r><rPr><b/></rPr><t xml:space="preserve"> 第四组</t></r><rPh sb="0" eb="1"><t>こもん</t></rPh>',
  '<t>a_x000D_b_x005F_x0041_</t>',
  '<t></t>',
]);
// Cell styles: 0 general, 1 a custom date, 2 a percentage (built in, 10), 3 a built-in date (14), 4 a custom number.
const STYLES = stylesXml({ 164: 'yyyy-mm-dd hh:mm', 165: '0.00" 元"' }, [0, 164, 10, 14, 165]);

const ROWS = [
  '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>',
  '<row r="2" spans="1:16"><c r="A2" t="s"><v>2</v></c>',
  '<c r="B2" t="inlineStr"><is><r><t>噪声</t></r><r><rPr><b/></rPr><t xml:space="preserve"> 扰民</t></r><rPh><t>x</t></rPh></is></c>',
  '<c r="C2" t="str"><f>A1&amp;"x"</f><v>公式结果_x000D_</v></c><c r="D2" t="b"><v>1</v></c>',
  '<c r="E2" t="e"><v>#DIV/0!</v></c><c r="F2" t="d"><v>2025-06-03T09:05:07</v></c>',
  '<c r="G2" s="1"><v>45812.5</v></c><c r="H2" s="2"><v>0.5</v></c><c r="J2"><v>1e3</v></c>',
  '<c s="3"><v>44562</v></c><c r="M2"/><c r="N2" t="s"></c><c r="O2"><v>&#50;5</v></c>',
  '<c r="P2" s="4" t="n"><v> 12.5 </v></c><c r="Q2" t="s"><v>3</v></c><c r="R2" t="s"><v>4</v></c>',
  '<c r="S2" t="str"><v>a &amp; b\r\nc</v></c></row>',
  '<row r="3"><c r="A3" s="1"/><c r="B3" t="str"><v></v></c></row>',
  '<row><c r="A4" t="str"><v>no row number</v></c><c t="b"><v>0</v></c><c r="D4" t="b" cm="1"><v>true</v></c></row>',
  '<row r="5"><c r="A5" t="s"><v>99</v></c></row>',
  '<row r="6"><c r="A6"><v>abc</v></c></row>',
  '<row r="7"><c r="A7" t="b"><v>2</v></c></row>',
  '<row r="8"><c r="A8" t="zz"><v>1</v></c></row>',
  '<row r="9"><c r="1A"><v>1</v></c></row>',
  '<row r="x"><c r="A10"><v>1</v></c></row>',
  '<row r="11"><c r="A11" t="d"><v>not a date</v></c><c r="B11"><v>1</v></c></row>',
  '<row r="12"><c r="XFE12"><v>1</v></c></row>',
  '<row r="13"><c r="A13" t="str"><v>last</v></c></row>',
].join('');

const EXPECTED: [number, readonly unknown[] | string][] = [
  [
    2,
    [
      '湖门村 第四组',
      '噪声 扰民',
      '公式结果\r',
      true,
      '#DIV/0!',
      wall('2025-06-03T09:05:07'),
      wall('2025-06-04T12:00:00'),
      0.5,
      null,
      1000,
      wall('2022-01-01T00:00:00'),
      null,
      null,
      null,
      25,
      12.5,
      'a\rb_x0041_',
      null,
      'a & b\nc',
    ],
  ],
  [4, ['no row number', false, null, true]],
  [5, 'cell A5: shared string 99 does not exist'],
  [6, 'cell A6: "abc" is not a number'],
  [7, 'cell A7: "2" is not a boolean'],
  [8, 'cell A8: the cell type "zz" is unknown'],
  [9, 'the cell reference "1A" is not one'],
  [10, 'the row number "x" is not a number'],
  [11, 'cell A11: "not a date" is not an ISO 8601 date'],
  [12, 'the cell reference "XFE12" is not one'],
  [13, ['last']],
];

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The same XML with every element of the main namespace under the prefix x. */
const prefixed = (xml: string) =>
  xml
    .replace(/<(\/?)(?!\?)([a-zA-Z]+)([ />])/g, '<$1x:$2$3')
    .replace(
      'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"',
      'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"',
    );

describe('XLSX cells written by hand', () => {
  const temp = useTempDir();
  const write = (name: string, files: Parameters<typeof makeZip>[0]) => temp.file(name, makeZip(files));

  it('reads every cell type and layout, and rejects the rows it cannot read, naming the cell', async () => {
    const file = await write(
      'cells.xlsx',
      workbookParts([{ name: '表', xml: worksheetXml(ROWS) }], { sharedStrings: SHARED, styles: STYLES }),
    );
    const { header, rows } = await readAll(file);
    expect(header).toEqual(['编号', '值']);
    expect(lines(rows)).toEqual(EXPECTED);
    expect(rows.find((row) => row.error)?.error).toBeInstanceOf(ReaderError);
    expect(rows.find((row) => row.error)?.error?.message).toBe(
      'sheet "表", row 5: cell A5: shared string 99 does not exist',
    );
  });

  it('reads the same token by token (every element under a namespace prefix)', async () => {
    const sheet = prefixed(worksheetXml(ROWS));
    expect(sheet).toContain('<x:c r="A2" t="s"><x:v>2</x:v></x:c>');
    const file = await write(
      'prefixed.xlsx',
      workbookParts([{ name: '表', xml: sheet }], { sharedStrings: prefixed(SHARED), styles: prefixed(STYLES) }),
    );
    expect(lines((await readAll(file)).rows)).toEqual(EXPECTED);
  });

  it('reads the same whatever the layout of the tags: attribute order, quotes, spaces, self-closing rows', async () => {
    const layouts = [
      '<row r="1"><c t="str" r="A1"><v>h</v></c></row><row r="2"><c s="1" r="A2" t="n"><v>45812.5</v></c></row>',
      "<row r='1'><c r='A1' t='str'><v>h</v></c></row><row r='2'><c r='A2' s='1'><v>45812.5</v></c></row>",
      '<row r="1" ><c  r="A1"  t="str" ><v>h</v></c></row>\n<row r="2">\n  <c r="A2" s="1">\n    <v>45812.5</v>\n  </c>\n</row>',
      '<row r="1"><c r = "A1" t="str"><v>h</v></c></row><row r="2"><c\tr="A2"\ns="1"><v>45812.5</v></c></row><row r="3"/>',
      '<row r="1"><c r="A1" t="str"><v>h</v></c></row><row r="2"><c r="A2" s="1"><v><![CDATA[45812.5]]></v></c></row>',
    ];
    for (const [i, layout] of layouts.entries()) {
      const file = await write(
        `layout-${i}.xlsx`,
        workbookParts([{ name: 'S', xml: worksheetXml(layout) }], { styles: STYLES }),
      );
      expect(lines((await readAll(file)).rows), layout).toEqual([[2, [wall('2025-06-04T12:00:00')]]]);
    }
  });

  it('reads characters of every UTF-8 length whole, however the inflated chunks cut them', async () => {
    const text = (i: number) => `${i}:${'湖😀é𠮷a'.repeat(1 + (i % 5))}`;
    const rows = Array.from(
      { length: 8000 },
      (_, i) => `<row r="${i + 2}"><c r="A${i + 2}" t="str"><v>${text(i)}</v></c></row>`,
    );
    const xml = worksheetXml(`<row r="1"><c r="A1" t="str"><v>h</v></c></row>${rows.join('')}`);
    expect(Buffer.byteLength(xml)).toBeGreaterThan(8 * 64 * 1024);
    const file = await write('utf8.xlsx', workbookParts([{ name: 'S', xml }]));
    const read = (await readAll(file)).rows;
    expect(read.map((row) => row.cells[0])).toEqual(Array.from({ length: 8000 }, (_, i) => text(i)));
  });

  it('reads any cells the same by the fast path and token by token', async () => {
    const text = fc.string({ unit: fc.constantFrom('a', ' ', '<', '&', '>', '"', '中', '_', '\n'), maxLength: 8 });
    const cell = fc.oneof(
      fc.record({ t: fc.constant('str'), v: text }),
      fc.record({ t: fc.constantFrom('n', undefined), v: fc.oneof(fc.double({ noNaN: true }).map(String), text) }),
      fc.record({ t: fc.constant('s'), v: fc.oneof(fc.nat(6).map(String), text) }),
      fc.record({ t: fc.constant('b'), v: fc.constantFrom('0', '1', 'true', 'x') }),
      fc.record({ t: fc.constantFrom('e', 'd', 'inlineStr', 'q'), v: text }),
    );
    const row = fc.array(fc.record({ cell, style: fc.nat(5), column: fc.option(fc.integer({ min: 1, max: 30 })) }), {
      maxLength: 6,
    });
    await fc.assert(
      fc.asyncProperty(fc.array(row, { maxLength: 5 }), async (rows) => {
        const xml = rows
          .map((cells, r) => {
            const inner = cells.map(({ cell: { t, v }, style, column }) => {
              const ref = column === null ? '' : ` r="${String.fromCharCode(64 + (column % 26) + 1)}${r + 2}"`;
              const type = t === undefined ? '' : ` t="${t}"`;
              const value = t === 'inlineStr' ? `<is><t>${escapeXml(v)}</t></is>` : `<v>${escapeXml(v)}</v>`;
              return `<c${ref} s="${style}"${type}>${value}</c>`;
            });
            return `<row r="${r + 2}">${inner.join('')}</row>`;
          })
          .join('');
        const sheet = worksheetXml(`<row r="1"><c r="A1" t="str"><v>h</v></c></row>${xml}`);
        const read = async (name: string, sheetXml: string, strings: string, styles: string) =>
          lines(
            (
              await readAll(
                await write(name, workbookParts([{ name: 'S', xml: sheetXml }], { sharedStrings: strings, styles })),
              )
            ).rows,
          );
        expect(await read('fast.xlsx', sheet, SHARED, STYLES)).toEqual(
          await read('slow.xlsx', prefixed(sheet), prefixed(SHARED), prefixed(STYLES)),
        );
      }),
      { numRuns: 150 },
    );
  });

  it('reads dates of the 1904 system, and hidden sheets like the others', async () => {
    const header = '<row r="1"><c r="A1" t="str"><v>时间</v></c></row>';
    const file = await write(
      '1904.xlsx',
      workbookParts(
        [
          { name: 'A', xml: worksheetXml(`${header}<row r="2"><c r="A2" s="1"><v>44350.5</v></c></row>`) },
          { name: 'B', xml: worksheetXml(`${header}<row r="2"><c r="A2" s="3"><v>0</v></c></row>`), hidden: true },
        ],
        { styles: STYLES, date1904: true },
      ),
    );
    expect(lines((await readAll(file)).rows)).toEqual([
      [2, [wall('2025-06-04T12:00:00')]],
      [2, [wall('1904-01-01T00:00:00')]],
    ]);
  });

  it('names the sheet whose XML is damaged, and the part a workbook lacks', async () => {
    const header = '<row r="1"><c r="A1" t="str"><v>h</v></c></row>';
    const broken = await write(
      'broken.xlsx',
      workbookParts([
        { name: 'A', xml: worksheetXml(`${header}<row r="2"><c r="A2" t="str"><v>1</v></c></row>`) },
        { name: 'B', xml: worksheetXml(header).replace('</sheetData>', '<row></sheetData>') },
      ]),
    );
    const table = await (await import('./open-table.js')).openTable(broken);
    const read: unknown[] = [];
    const error = await (async () => {
      for await (const row of table.rows) {
        read.push(row.cells);
      }
    })().catch((e: unknown) => e);
    expect(read).toEqual([['1']]);
    expect(error).toBeInstanceOf(ReaderError);
    expect((error as ReaderError).message).toBe(
      'sheet "B": not a readable XLSX workbook: the XML closes <sheetData> inside <row>',
    );
    const noWorkbook = await write('no-workbook.xlsx', [
      { name: 'xl/worksheets/sheet1.xml', data: worksheetXml(header) },
    ]);
    await expect(readAll(noWorkbook)).rejects.toThrow(/the zip has no workbook part \(xl\/workbook.xml\)/);
    const noSheet = workbookParts([{ name: 'A', xml: worksheetXml(header) }]).filter(
      (file) => !file.name.includes('sheet1'),
    );
    await expect(readAll(await write('no-sheet.xlsx', noSheet))).rejects.toThrow(/the worksheet "A" is missing/);
  });
});
