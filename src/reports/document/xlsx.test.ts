import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectInvalid } from '../../core/testing.js';
import { documentArbitrary } from './document.arbitraries.js';
import { heading, type ReportDocument, type TableBlock, table } from './document.js';
import { cleanText, formatCell, textLines } from './format.js';
import { sampleBulletin } from './testing.js';
import { numberFormat, renderXlsx, sheetName } from './xlsx.js';

async function read(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
}

function merges(sheet: ExcelJS.Worksheet): string[] {
  return [...(sheet.model.merges ?? [])].sort();
}

/** The row whose first cell has this text. */
function rowOf(sheet: ExcelJS.Worksheet, first: string): ExcelJS.Row {
  for (let r = 1; r <= sheet.rowCount; r++) {
    if (sheet.getRow(r).getCell(1).value === first) {
      return sheet.getRow(r);
    }
  }
  throw new Error(`no row starting with ${first}`);
}

describe('renderXlsx, the sample bulletin', () => {
  let book: ExcelJS.Workbook;
  beforeAll(async () => {
    const doc = sampleBulletin();
    book = await read(
      await renderXlsx({
        ...doc,
        blocks: [
          ...doc.blocks,
          heading(1, '附表'),
          table({
            columns: [{}, { format: 'number', digits: 1 }, { format: 'number' }],
            header: [
              [
                { text: '村社', rowSpan: 2 },
                { text: '处置', colSpan: 2 },
              ],
              ['时长（小时）', '件数'],
            ],
            rows: [['新院村', 12.345, 1234567]],
          }),
        ],
      }),
    );
  });

  it('has an About sheet and a sheet per table, named after its caption or the heading above it', () => {
    expect(book.worksheets.map((s) => s.name)).toEqual(['说明', '表1 本周分村社案件统计', '附表']);
    const about = book.getWorksheet('说明');
    expect(about?.getCell('A1').value).toBe('苏溪镇案件信息通报');
    expect(about?.getCell('A1').font?.bold).toBe(true);
    const values = about?.getSheetValues().flat().filter(Boolean);
    for (const expected of [
      '发文字号',
      '苏溪综指通报〔2025〕23号',
      '苏溪镇综合信息指挥室',
      '2025年6月9日',
      '表1　本周分村社案件统计',
    ]) {
      expect(values).toContain(expected);
    }
    expect(book.title).toBe('苏溪镇案件信息通报');
    expect(book.creator).toBe('苏溪镇综合信息指挥室');
  });

  it('puts title, subtitle and caption on top, then the header, numbers as numbers with the column formats', () => {
    const sheet = book.getWorksheet('表1 本周分村社案件统计') as ExcelJS.Worksheet;
    expect(sheet.getCell('A1').value).toBe('苏溪镇案件信息通报');
    expect(sheet.getCell('A2').value).toBe('（2025年第23周）');
    expect(sheet.getCell('A3').value).toBe('表1　本周分村社案件统计');
    const head = rowOf(sheet, '村社');
    expect(head.values).toEqual([undefined, '村社', '本周', '上周', '环比', '办结率']);
    expect(head.getCell(1).font?.bold).toBe(true);
    const row = rowOf(sheet, '新院村');
    expect(row.values).toEqual([undefined, '新院村', 156, 131, 0.1908, 0.962]);
    expect(row.getCell(2).numFmt).toBe('#,##0');
    expect(row.getCell(4).numFmt).toBe('+0.0%;-0.0%;0.0%');
    expect(row.getCell(5).numFmt).toBe('0.0%');
    expect(row.getCell(2).alignment?.horizontal).toBe('right');
    const total = rowOf(sheet, '合计');
    expect(total.values).toEqual([undefined, '合计', 441, 390, 0.1308, 0.934]);
    expect(total.getCell(3).font?.bold).toBe(true);
    expect(sheet.getRow(total.number + 1).getCell(1).value).toBe(
      '注：数据来源：综合信息指挥室案件台账，截至6月8日24时。',
    );
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: head.number });
    expect(sheet.pageSetup.printTitlesRow).toBe(`${head.number}:${head.number}`);
  });

  it('merges spanning header cells', () => {
    const sheet = book.getWorksheet('附表') as ExcelJS.Worksheet;
    const head = rowOf(sheet, '村社');
    const r = head.number;
    expect(merges(sheet)).toEqual([`A${r}:A${r + 1}`, `B${r}:C${r}`].sort());
    expect(sheet.getRow(r + 1).values).toEqual([undefined, '村社', '时长（小时）', '件数']);
    const row = rowOf(sheet, '新院村');
    expect(row.values).toEqual([undefined, '新院村', 12.345, 1234567]);
    expect(row.getCell(2).numFmt).toBe('#,##0.0');
  });
});

describe('sheet names and number formats', () => {
  it('makes legal, unique names of at most 31 characters', () => {
    const used = new Set<string>();
    expect(sheetName('表1 a/b\\c?d*e[f]g:h', 'x', used)).toBe('表1 a b c d e f g h');
    expect(sheetName("'quoted'", 'x', used)).toBe('quoted');
    expect(sheetName('History', '表格 1', used)).toBe('表格 1');
    expect(sheetName('', '表格 2', used)).toBe('表格 2');
    const long = '很'.repeat(40);
    expect(sheetName(long, 'x', used)).toBe('很'.repeat(31));
    expect(sheetName(long, 'x', used)).toBe(`${'很'.repeat(28)}(2)`);
    expect(sheetName('QUOTED', 'x', used)).toBe('QUOTED(2)');
    const emoji = sheetName('😀'.repeat(20), 'x', used);
    expect(emoji).toBe('😀'.repeat(15));
  });

  it('writes the Excel format of each column spec', () => {
    expect(numberFormat({})).toBe('#,##0');
    expect(numberFormat({ format: 'number', digits: 2 })).toBe('#,##0.00');
    expect(numberFormat({ format: 'percent' })).toBe('0.0%');
    expect(numberFormat({ format: 'percent', digits: 0, signed: true })).toBe('+0%;-0%;0%');
    expect(numberFormat({ format: 'number', signed: true })).toBe('+#,##0;-#,##0;#,##0');
  });

  it('names the bad field of a bad document', async () => {
    await expectInvalid(renderXlsx({ ...sampleBulletin(), issuer: '' }), 'issuer');
  });
});

describe('renderXlsx, any document (property)', () => {
  it('writes every table with its numbers and texts, under legal unique sheet names', async () => {
    await fc.assert(
      fc.asyncProperty(documentArbitrary({ maxBlocks: 8 }), async (doc: ReportDocument) => {
        const book = await read(await renderXlsx(doc));
        const tables = doc.blocks.filter((b): b is TableBlock => b.type === 'table');
        const names = book.worksheets.map((s) => s.name);
        expect(names).toHaveLength(tables.length + 1);
        expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
        for (const name of names) {
          expect(name.length).toBeGreaterThan(0);
          expect(name.length).toBeLessThanOrEqual(31);
          expect(name).not.toMatch(/[[\]:*?/\\]|^'|'$/);
        }
        tables.forEach((block, t) => {
          const sheet = book.worksheets[t + 1] as ExcelJS.Worksheet;
          const cells: unknown[] = [];
          sheet.eachRow((row) => {
            row.eachCell((cell) => {
              cells.push(cell.value);
            });
          });
          for (const row of [...block.rows, ...(block.total ? [block.total] : [])]) {
            row.forEach((value, c) => {
              if (typeof value === 'number' && Number.isFinite(value)) {
                expect(cells).toContain(value);
              } else {
                const text = textLines(formatCell(value, block.columns[c] ?? {}, doc.locale)).join('\n');
                if (text !== '') {
                  expect(cells).toContain(text);
                }
              }
            });
          }
          for (const cell of block.header.flat()) {
            const text = textLines(typeof cell === 'string' ? cell : cell.text).join('\n');
            if (text !== '') {
              expect(cells).toContain(text);
            }
          }
          for (const value of cells) {
            if (typeof value === 'string') {
              expect(value).toBe(cleanText(value));
            }
          }
        });
      }),
      { numRuns: 40 },
    );
  });
});
