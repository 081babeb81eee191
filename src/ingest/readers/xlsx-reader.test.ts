import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ReaderError } from './table.js';
import { lines, readAll, useTempDir } from './testing.js';

/** A wall clock as exceljs takes and gives it: the UTC fields of a Date. */
const wall = (text: string) => new Date(`${text}Z`);

async function writeWorkbook(path: string, fill: (workbook: ExcelJS.Workbook) => void): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  fill(workbook);
  await workbook.xlsx.writeFile(path);
  return path;
}

/** Sheets a year, the header on the third row of the first, a blank row, an empty sheet between. */
function yearSheets(workbook: ExcelJS.Workbook): void {
  const first = workbook.addWorksheet('2024年');
  first.getCell('A3').value = '工单编号';
  first.getCell('B3').value = ' 诉求人 ';
  first.addRow(['GD1', '张三']);
  first.addRow([]);
  first.addRow(['GD2', '李四']);
  workbook.addWorksheet('空表');
  const second = workbook.addWorksheet('2025年');
  second.addRow(['工单编号', '诉求人']);
  second.addRow(['GD3', '王五']);
  const part = workbook.addWorksheet('2025年（2）');
  part.addRow(['工单编号', '诉求人', null]);
  part.addRow(['GD4']);
}

describe('XLSX reader', () => {
  const temp = useTempDir();
  const path = (name: string) => join(temp.dir(), name);

  it('reads every kind of cell as its plain value', async () => {
    const file = await writeWorkbook(path('cells.xlsx'), (workbook) => {
      const sheet = workbook.addWorksheet('2025年');
      sheet.addRow([
        '工单编号',
        '来电时间',
        '文本时间',
        '重办次数',
        '是否',
        '内容',
        '公式',
        '公式日期',
        '链接',
        '错误',
      ]);
      const row = sheet.addRow([
        'GD1',
        wall('2025-06-03T09:05:07'),
        '2025/6/3 9:05',
        2,
        true,
        { richText: [{ text: '噪声' }, { font: { bold: true }, text: '扰民' }] },
        { formula: 'D2*2', result: 4 },
        { formula: 'B2+1', result: 45812.5 },
        { text: '详情', hyperlink: 'https://example.org/1' },
        { error: '#N/A' },
      ]);
      row.getCell(2).numFmt = 'yyyy-mm-dd hh:mm:ss';
      row.getCell(8).numFmt = 'yyyy/m/d h:mm';
      sheet.addRow(['GD2', null, '', null, false]);
    });
    const { table, header, rows } = await readAll(file);
    expect([table.format, table.encoding]).toEqual(['xlsx', null]);
    expect(header).toEqual([
      '工单编号',
      '来电时间',
      '文本时间',
      '重办次数',
      '是否',
      '内容',
      '公式',
      '公式日期',
      '链接',
      '错误',
    ]);
    expect(lines(rows)).toEqual([
      [
        2,
        [
          'GD1',
          wall('2025-06-03T09:05:07'),
          '2025/6/3 9:05',
          2,
          true,
          '噪声扰民',
          4,
          wall('2025-06-04T12:00:00'),
          '详情',
          '#N/A',
        ],
      ],
      [3, ['GD2', null, null, null, false]],
    ]);
  });

  it('reads every sheet in order, skipping the repeated header, empty sheets and blank rows', async () => {
    const file = await writeWorkbook(path('sheets.xlsx'), yearSheets);
    const { header, rows } = await readAll(file);
    expect(header).toEqual(['工单编号', '诉求人']);
    expect(lines(rows)).toEqual([
      [4, ['GD1', '张三']],
      [6, ['GD2', '李四']],
      [2, ['GD3', '王五']],
      [2, ['GD4']],
    ]);
  });

  it('stops at a sheet whose header differs, naming it, after the rows before it', async () => {
    const file = await writeWorkbook(path('other.xlsx'), (workbook) => {
      const first = workbook.addWorksheet('2025年');
      first.addRow(['工单编号', '诉求人']);
      first.addRow(['GD1', '张三']);
      const lookup = workbook.addWorksheet('字典');
      lookup.addRow(['办理状态']);
      lookup.addRow(['已办结']);
    });
    const { openTable } = await import('./open-table.js');
    const table = await openTable(file);
    const read: unknown[] = [];
    const error = await (async () => {
      for await (const row of table.rows) {
        read.push(row.cells);
      }
    })().catch((e: unknown) => e);
    expect(read).toEqual([['GD1', '张三']]);
    expect(error).toBeInstanceOf(ReaderError);
    expect((error as ReaderError).sheet).toBe('字典');
    expect((error as ReaderError).message).toMatch(/^sheet "字典", row 1: its first row is not the header/);
  });

  it("reads what exceljs's streaming writer writes (inline strings, styles after the sheets)", async () => {
    const file = path('stream.xlsx');
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false, useStyles: true });
    const sheet = writer.addWorksheet('2025年');
    sheet.addRow(['编号', '时间']).commit();
    const row = sheet.addRow(['GD1', wall('2025-12-31T23:59:59')]);
    row.getCell(2).numFmt = 'yyyy-mm-dd hh:mm:ss';
    row.commit();
    sheet.commit();
    await writer.commit();
    const { rows } = await readAll(file);
    expect(lines(rows)).toEqual([[2, ['GD1', wall('2025-12-31T23:59:59')]]]);
  });

  it('reads a workbook whatever its name says, and names what it cannot read', async () => {
    const named = await writeWorkbook(path('export.csv'), (workbook) => {
      workbook.addWorksheet('Sheet1').addRow(['a']);
    });
    expect((await readAll(named)).table.format).toBe('xlsx');
    const empty = await writeWorkbook(path('empty.xlsx'), (workbook) => {
      workbook.addWorksheet('Sheet1');
    });
    await expect(readAll(empty)).rejects.toThrow(/no worksheet with a header row/);
    const broken = await temp.file('broken.xlsx', Buffer.from('PK\u0003\u0004 not really a zip'));
    await expect(readAll(broken)).rejects.toThrow(ReaderError);
    const notZip = await temp.file('text.xlsx', Buffer.from('a,b\n1,2\n'));
    await expect(readAll(notZip)).rejects.toThrow(ReaderError);
  });
});
