import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TextFileWriter } from './text-file.js';

describe('TextFileWriter', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'shanzhi-text-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes GB18030 without a BOM, four-byte characters included', async () => {
    const path = join(dir, 'ledger.csv');
    const writer = await TextFileWriter.open(path, 'gb18030');
    await writer.write('当事人,金额\r\n');
    await writer.write('𠮷野家,100.00\r\n');
    const bytes = await writer.close();
    const file = await readFile(path);
    expect(file.length).toBe(bytes);
    expect(file.subarray(0, 2).toString('hex')).toBe('b5b1');
    expect(new TextDecoder('gb18030', { fatal: true }).decode(file)).toBe('当事人,金额\r\n𠮷野家,100.00\r\n');
  });

  it('starts a UTF-8 file with BOM with the BOM', async () => {
    const path = join(dir, 'bom.csv');
    const writer = await TextFileWriter.open(path, 'utf8-bom');
    await writer.write('企业名称\r\n');
    await writer.close();
    expect((await readFile(path)).toString('hex')).toBe(`efbbbf${Buffer.from('企业名称\r\n').toString('hex')}`);
  });

  it('keeps every piece in order when writes outrun the disk', async () => {
    const path = join(dir, 'big.txt');
    const writer = await TextFileWriter.open(path, 'utf8');
    const piece = `${'镇'.repeat(10_000)}\n`;
    for (let i = 0; i < 300; i++) {
      await writer.write(`${i}:${piece}`);
    }
    await writer.close();
    const lines = (await readFile(path, 'utf8')).split('\n');
    expect(lines).toHaveLength(301);
    expect(lines.slice(0, 300).map((line) => line.slice(0, line.indexOf(':')))).toEqual(
      Array.from({ length: 300 }, (_, i) => String(i)),
    );
  });
});
