import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { ReaderError } from './table.js';
import { lines, readAll, useTempDir } from './testing.js';

const utf8 = (text: string) => Buffer.from(text, 'utf8');
const withBom = (text: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8(text)]);
const gb18030 = (text: string) => iconv.encode(text, 'gb18030');

describe('CSV reader: encodings', () => {
  const temp = useTempDir();

  it('reads UTF-8 without a BOM', async () => {
    const path = await temp.file('a.csv', utf8('工单编号,诉求人\r\nGD1,张三\r\n'));
    const { table, header, rows } = await readAll(path);
    expect([table.format, table.encoding]).toEqual(['csv', 'utf8']);
    expect(header).toEqual(['工单编号', '诉求人']);
    expect(lines(rows)).toEqual([[2, ['GD1', '张三']]]);
  });

  it('reads UTF-8 with a BOM, which is not part of the first header', async () => {
    const path = await temp.file('bom.csv', withBom('企业名称,行业\r\n义乌𠮷野家,餐饮\r\n'));
    const { table, header, rows } = await readAll(path);
    expect(table.encoding).toBe('utf8-bom');
    expect(header).toEqual(['企业名称', '行业']);
    expect(rows[0]?.cells).toEqual(['义乌𠮷野家', '餐饮']);
  });

  it('reads GB18030, four-byte characters included', async () => {
    const path = await temp.file('ledger.csv', gb18030('当事人,金额\r\n𠮷野家,100.00\r\n张三,0.05\r\n'));
    const { table, header, rows } = await readAll(path);
    expect(table.encoding).toBe('gb18030');
    expect(header).toEqual(['当事人', '金额']);
    expect(lines(rows)).toEqual([
      [2, ['𠮷野家', '100.00']],
      [3, ['张三', '0.05']],
    ]);
  });

  it('takes a GBK file (two-byte characters only) as GB18030', async () => {
    const path = await temp.file('gbk.csv', iconv.encode('所属村社,办理状态\n后山村,已办结\n', 'gbk'));
    const { table, rows } = await readAll(path);
    expect(table.encoding).toBe('gb18030');
    expect(rows[0]?.cells).toEqual(['后山村', '已办结']);
  });

  it('decides at the first non-ASCII byte, however far into the file', async () => {
    const ascii = Array.from({ length: 20_000 }, (_, i) => `A${i},x\r\n`).join('');
    const path = await temp.file('late.csv', gb18030(`no,name\r\n${ascii}A-last,云溪镇\r\n`));
    const { table, rows } = await readAll(path);
    expect(table.encoding).toBe('gb18030');
    expect(rows).toHaveLength(20_001);
    expect(rows.at(-1)).toEqual({ line: 20_002, cells: ['A-last', '云溪镇'] });
  });

  it('reads a UTF-8 file as UTF-8 even when a character is cut at the end of the sample', async () => {
    // 64 KiB of three-byte characters after one ASCII byte: the sample ends inside a character.
    const filler = '镇'.repeat(30_000);
    const path = await temp.file('cut.csv', utf8(`a,b\r\nx,${filler}\r\n`));
    const { table, rows } = await readAll(path);
    expect(table.encoding).toBe('utf8');
    expect(rows[0]?.cells).toEqual(['x', filler]);
  });

  it('honours a requested encoding, but a UTF-8 BOM wins', async () => {
    const gbPath = await temp.file('gb.csv', gb18030('a,b\r\n镇,村\r\n'));
    expect((await readAll(gbPath, { encoding: 'gb18030' })).rows[0]?.cells).toEqual(['镇', '村']);
    const bomPath = await temp.file('bom.csv', withBom('a,b\r\n镇,村\r\n'));
    const read = await readAll(bomPath, { encoding: 'gb18030' });
    expect([read.table.encoding, read.rows[0]?.cells]).toEqual(['utf8-bom', ['镇', '村']]);
  });

  it('rejects the rows holding bytes the encoding cannot read, and reads the others', async () => {
    // 80 KB of UTF-8 rows decide the encoding; a GB18030 row comes after them.
    const good = utf8(`no,name\r\n${'1,云溪\r\n'.repeat(8000)}`);
    const bad = Buffer.concat([utf8('2,'), gb18030('云溪'), utf8('\r\n')]);
    const path = await temp.file('mixed.csv', Buffer.concat([good, bad, utf8('3,后山\r\n')]));
    const { table, rows } = await readAll(path);
    expect(table.encoding).toBe('utf8');
    expect(rows).toHaveLength(8002);
    expect(lines(rows.slice(-3))).toEqual([
      [8001, ['1', '云溪']],
      [8002, expect.stringContaining('not valid UTF-8')],
      [8003, ['3', '后山']],
    ]);
  });
});

describe('CSV reader: records and lines', () => {
  const temp = useTempDir();

  it('reads what Excel writes: CRLF, quoted fields with commas, quotes and line breaks', async () => {
    const text =
      '工单编号,诉求内容,办理状态\r\n' +
      'GD1,"一,二",已办结\r\n' +
      'GD2,"第一行\r\n第二行\n第三行","已""受理"""\r\n' +
      'GD3,"""引号""开头",\r\n';
    const { rows } = await readAll(await temp.file('excel.csv', gb18030(text)));
    expect(lines(rows)).toEqual([
      [2, ['GD1', '一,二', '已办结']],
      [3, ['GD2', '第一行\r\n第二行\n第三行', '已"受理"']],
      [6, ['GD3', '"引号"开头', '']],
    ]);
  });

  it('skips blank lines and rows of empty cells, counting their lines', async () => {
    const text = '\r\na,b\r\n\r\n1,2\r\n,\r\n\n3,4\r\n\r\n\r\n';
    const { header, rows } = await readAll(await temp.file('blank.csv', utf8(text)));
    expect(header).toEqual(['a', 'b']);
    expect(lines(rows)).toEqual([
      [4, ['1', '2']],
      [7, ['3', '4']],
    ]);
  });

  it('passes ragged rows as they are', async () => {
    const { rows } = await readAll(await temp.file('ragged.csv', utf8('a,b,c\n1\n1,2,3,4\n')));
    expect(lines(rows)).toEqual([
      [2, ['1']],
      [3, ['1', '2', '3', '4']],
    ]);
  });

  it('reads LF, CR and mixed line ends, and a last line without one', async () => {
    const { rows } = await readAll(await temp.file('ends.csv', utf8('a,b\r1,2\n3,"x\ry"\r\n5,6')));
    expect(lines(rows)).toEqual([
      [2, ['1', '2']],
      [3, ['3', 'x\ry']],
      [5, ['5', '6']],
    ]);
  });

  it('trims the header cells and keeps data cells as they are', async () => {
    const { header, rows } = await readAll(await temp.file('trim.csv', utf8(' 工单编号 ,"诉求人 "\n x , y \n')));
    expect(header).toEqual(['工单编号', '诉求人']);
    expect(rows[0]?.cells).toEqual([' x ', ' y ']);
  });

  it('finds a tab or semicolon delimiter on the header line', async () => {
    const tab = await readAll(await temp.file('tab.txt', iconv.encode('编号\t名称\n1\t一,二\n', 'gbk')));
    expect([tab.header, tab.rows[0]?.cells]).toEqual([
      ['编号', '名称'],
      ['1', '一,二'],
    ]);
    const semicolon = await readAll(await temp.file('semi.csv', utf8('a;b\n1;2,5\n')));
    expect(semicolon.rows[0]?.cells).toEqual(['1', '2,5']);
  });

  it('gives an empty table for a header alone, and an error for an empty file', async () => {
    expect((await readAll(await temp.file('header.csv', utf8('a,b\r\n')))).rows).toEqual([]);
    const empty = readAll(await temp.file('empty.csv', utf8('\r\n\r\n')));
    await expect(empty).rejects.toThrow(ReaderError);
    await expect(empty).rejects.toThrow(/empty/);
  });

  it('reports progress in bytes up to the size of the file', async () => {
    const text = `a,b\r\n${'1,云溪镇\r\n'.repeat(100_000)}`;
    const path = await temp.file('big.csv', gb18030(text));
    const { table, rows } = await readAll(path);
    expect(rows).toHaveLength(100_000);
    expect(table.bytesTotal).toBe(gb18030(text).length);
    expect(table.bytesRead()).toBe(table.bytesTotal);
  });

  it('reads the rows lazily and can be closed early', async () => {
    const { openTable } = await import('./open-table.js');
    const path = await temp.file('lazy.csv', utf8(`a\n${'x\n'.repeat(200_000)}`));
    const table = await openTable(path);
    let count = 0;
    for await (const _ of table.rows) {
      if (++count === 10) {
        break;
      }
    }
    expect(table.bytesRead()).toBeLessThan(table.bytesTotal);
    await table.close();
    expect(() => table.rows[Symbol.asyncIterator]()).toThrow(/once/);
  });
});

describe('CSV reader: malformed quotes', () => {
  const temp = useTempDir();

  it('rejects a record whose closing quote is followed by text, and goes on at the next line', async () => {
    const text = 'a,b,c\r\n1,"He said "hi" ok",x\r\n2,y,z\r\n';
    const { rows } = await readAll(await temp.file('closing.csv', utf8(text)));
    expect(lines(rows)).toEqual([
      [2, expect.stringContaining('"h" follows the closing quote of field 2')],
      [3, ['2', 'y', 'z']],
    ]);
    expect(rows[0]?.error).toBeInstanceOf(ReaderError);
    expect(rows[0]?.error?.line).toBe(2);
    expect(rows[0]?.error?.message).toMatch(/^line 2: /);
  });

  it('rejects a quote inside an unquoted field', async () => {
    const { rows } = await readAll(await temp.file('inner.csv', utf8('a,b\n1,12"3\n2,ok\n')));
    expect(lines(rows)).toEqual([
      [2, expect.stringContaining('a quote inside field 2')],
      [3, ['2', 'ok']],
    ]);
  });

  it('names the line of a fault inside a record of several lines', async () => {
    const text = 'a,b\n1,"x\ny\nz"q\n2,ok\n';
    const { rows } = await readAll(await temp.file('multi.csv', utf8(text)));
    expect(lines(rows)).toEqual([
      [2, expect.stringContaining('(on line 4)')],
      [5, ['2', 'ok']],
    ]);
  });

  it('rejects only the first line of a quote never closed, and reads the lines it swallowed', async () => {
    const text = 'a,b\n1,"open\n2,x\n3,y\n';
    const { rows } = await readAll(await temp.file('unclosed.csv', utf8(text)));
    expect(lines(rows)).toEqual([
      [2, expect.stringContaining('never closed')],
      [3, ['2', 'x']],
      [4, ['3', 'y']],
    ]);
  });

  it('stops on a header row it cannot read', async () => {
    await expect(readAll(await temp.file('head.csv', utf8('a,"b"c\n1,2\n')))).rejects.toThrow(
      /line 1: the header row cannot be read/,
    );
  });
});
