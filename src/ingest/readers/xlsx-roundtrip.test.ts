import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openTable } from './open-table.js';
import { type Cell, ReaderError } from './table.js';
import { readAll, useTempDir } from './testing.js';

/*
 * Workbooks written by exceljs (both its writers) read back cell for cell; damaged workbooks give a ReaderError.
 */

const DATE_FORMAT = 'yyyy-mm-dd hh:mm:ss';
const HEADER = ['编号', '内容', '数量', '是否', '时间', '备注'];

/** Rows written with exceljs: the whole-workbook writer (shared strings) or the streaming one (inline strings). */
async function writeRows(path: string, rows: readonly (readonly Cell[])[], streaming: boolean): Promise<void> {
  const fill = (sheet: ExcelJS.Worksheet, commit: (row: ExcelJS.Row) => void) => {
    commit(sheet.addRow([...HEADER]));
    for (const cells of rows) {
      const row = sheet.addRow([...cells]);
      cells.forEach((cell, i) => {
        if (cell instanceof Date) {
          row.getCell(i + 1).numFmt = DATE_FORMAT;
        }
      });
      commit(row);
    }
  };
  if (streaming) {
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false, useStyles: true });
    const sheet = writer.addWorksheet('2025年');
    fill(sheet, (row) => row.commit());
    sheet.commit();
    await writer.commit();
  } else {
    const workbook = new ExcelJS.Workbook();
    fill(workbook.addWorksheet('2025年'), () => undefined);
    await workbook.xlsx.writeFile(path);
  }
}

/** What the reader should give for rows written so: '' as null, no empty trailing cells, blank rows left out. */
function expectedRows(rows: readonly (readonly Cell[])[]): [number, Cell[]][] {
  return rows.flatMap((cells, i): [number, Cell[]][] => {
    const read = cells.map((cell) => (cell === '' ? null : cell));
    while (read.length > 0 && read[read.length - 1] === null) {
      read.pop();
    }
    return read.length === 0 ? [] : [[i + 2, read]];
  });
}

/**
 * Characters of two and three bytes in UTF-8. Not four: exceljs's writers themselves cut a surrogate pair (😀, 𠮷)
 * now and then where their buffers end (the hand-made workbooks of xlsx-cells.test.ts have them).
 */
const CJK = [...'湖门村第四村民小组诉求人来电时间噪声扰民占道经营云溪镇前洪村éñ'];

describe('XLSX written by exceljs, read back', () => {
  const temp = useTempDir();

  it('reads thousands of CJK cells whole (exceljs#1665: a character cut between inflated chunks became U+FFFD)', async () => {
    const rows = Array.from({ length: 3000 }, (_, r) =>
      Array.from({ length: 5 }, (_, c) => {
        const start = (r * 7 + c * 3) % CJK.length;
        return `${r}-${c}:${[...CJK.slice(start), ...CJK.slice(0, start)].join('').repeat(1 + ((r + c) % 3))}`;
      }),
    );
    for (const streaming of [false, true]) {
      const path = `${temp.dir()}/cjk-${streaming}.xlsx`;
      await writeRows(path, rows, streaming);
      const read = (await readAll(path)).rows;
      expect(read.some((row) => row.cells.some((cell) => String(cell).includes('\uFFFD')))).toBe(false);
      expect(read.map((row) => [row.line, row.cells])).toEqual(expectedRows(rows));
    }
  });

  it('reads back any cells: text with CJK and XML specials, numbers, booleans, dates', async () => {
    const unit = fc.constantFrom(
      '<',
      '&',
      '>',
      '"',
      "'",
      ' ',
      '\n',
      '\t',
      '中',
      '湖',
      '😀',
      '𠮷',
      'é',
      'a',
      'Z',
      '0',
      '_',
      ';',
    );
    const text = fc.string({ unit, maxLength: 30 }).filter((s) => !/_x[0-9a-fA-F]{4}_/.test(s));
    const cell: fc.Arbitrary<Cell> = fc.oneof(
      text,
      fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => (Object.is(n, -0) ? 0 : n)),
      fc.integer({ min: -1e9, max: 1e9 }),
      fc.boolean(),
      fc.date({ min: new Date('1900-03-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }),
      fc.constant(null),
    );
    const rows = fc.array(fc.array(cell, { maxLength: HEADER.length }), { minLength: 1, maxLength: 6 });
    let file = 0;
    await fc.assert(
      fc.asyncProperty(rows, fc.boolean(), async (written, streaming) => {
        const path = `${temp.dir()}/random-${file++}.xlsx`;
        await writeRows(path, written, streaming);
        const { header, rows: read } = await readAll(path);
        expect(header).toEqual(HEADER);
        expect(read.map((row) => [row.line, row.cells])).toEqual(expectedRows(written));
      }),
      { numRuns: 60 },
    );
  });

  it('reports progress in compressed sheet bytes, up to the size of the file at the end', async () => {
    let seed = 1;
    const random = () => {
      seed = (seed * 48_271) % 2_147_483_647;
      return seed;
    };
    const text = () => Array.from({ length: 20 }, () => CJK[random() % CJK.length]).join('');
    const rows = Array.from({ length: 20_000 }, (_, r) => [`GD${r}`, text(), random()]);
    const path = `${temp.dir()}/progress.xlsx`;
    await writeRows(path, rows, true);
    const table = await openTable(path);
    const seen: number[] = [table.bytesRead()];
    for await (const _ of table.rows) {
      seen.push(table.bytesRead());
    }
    expect(seen.every((bytes, i) => i === 0 || bytes >= (seen[i - 1] as number))).toBe(true);
    expect(new Set(seen).size).toBeGreaterThan(2);
    expect(seen[seen.length - 1]).toBe(table.bytesTotal);
  });

  it('gives a ReaderError for a damaged or truncated workbook, never another error or a hang', async () => {
    const path = `${temp.dir()}/source.xlsx`;
    await writeRows(path, [['GD1', '噪声扰民', 2, true, new Date('2025-06-03T09:05:07Z'), '备注']], false);
    const workbook = await readFile(path);
    const damaged = fc.oneof(
      fc.integer({ min: 0, max: workbook.length - 1 }).map((cut) => workbook.subarray(0, cut)),
      fc
        .array(fc.tuple(fc.nat(workbook.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 })
        .map((changes) => {
          const bytes = Buffer.from(workbook);
          for (const [at, value] of changes) {
            bytes[at] = value;
          }
          return bytes;
        }),
      fc.nat(2000).map((length) => Buffer.concat([Buffer.from('PK\u0003\u0004'), randomBytes(length)])),
    );
    let file = 0;
    await fc.assert(
      fc.asyncProperty(damaged, async (bytes) => {
        const damagedPath = await temp.file(`damaged-${file++}.xlsx`, bytes);
        const error = await readAll(damagedPath).then(
          () => undefined,
          (e: unknown) => e,
        );
        if (error !== undefined && !(error instanceof ReaderError)) {
          throw error;
        }
      }),
      { numRuns: 400 },
    );
  });
});
