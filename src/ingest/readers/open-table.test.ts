import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { openTable } from './open-table.js';
import { ReaderError } from './table.js';
import { readAll, useTempDir } from './testing.js';

const utf8 = (text: string) => Buffer.from(text, 'utf8');

describe('openTable: choosing the format', () => {
  const temp = useTempDir();

  it('goes by the extension, or by the name of an upload', async () => {
    expect((await readAll(await temp.file('a.txt', utf8('a\n1\n')))).table.format).toBe('csv');
    expect((await readAll(await temp.file('a.ndjson', utf8('{"a":1}\n')))).table.format).toBe('jsonl');
    const upload = await temp.file('upload-0001', utf8('{"a":1}\n{"a":2}\n'));
    expect((await readAll(upload, { fileName: '请求.jsonl' })).rows).toHaveLength(2);
    await expect(readAll(upload, { format: 'csv' })).rejects.toThrow(/the header row cannot be read/);
  });

  it('sniffs the first bytes of a file without a known extension', async () => {
    const lines = await readAll(await temp.file('export', utf8('\uFEFF {"a":1}\n')));
    expect([lines.table.format, lines.header]).toEqual(['jsonl', ['a']]);
    const array = await readAll(await temp.file('export', utf8('\n[{"a":1},{"a":2}]')));
    expect(array.rows.map((row) => row.cells)).toEqual([[1], [2]]);
    expect((await readAll(await temp.file('export', utf8('a,b\n1,2\n')))).table.format).toBe('csv');
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Sheet1').addRow(['a']);
    const zip = await temp.file('export', new Uint8Array(await workbook.xlsx.writeBuffer()));
    expect((await readAll(zip)).table.format).toBe('xlsx');
    await expect(openTable(zip, { format: 'csv' })).rejects.toThrow(/an XLSX workbook \(a zip\), not csv/);
  });

  it('names the files it cannot read', async () => {
    const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    await expect(openTable(await temp.file('old.xls', ole))).rejects.toThrow(/XLS workbook \(Excel 97–2003\)/);
    await expect(openTable(await temp.file('ledger.xls', utf8('a,b\n')))).rejects.toThrow(/\.xls workbook/);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a\tb\r\n', 'utf16le')]);
    const error = await openTable(await temp.file('unicode.txt', utf16)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReaderError);
    expect((error as ReaderError).message).toMatch(/UTF-16/);
    await expect(openTable(`${temp.dir()}/missing.csv`)).rejects.toThrow(/ENOENT/);
  });
});
