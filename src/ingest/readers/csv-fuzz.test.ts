import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { csvLine } from '../../demo/export/formats.js';
import { CsvTokenizer } from './csv-tokenizer.js';
import { ReaderError, type TableRow } from './table.js';
import { readAll, useTempDir } from './testing.js';

/*
 * Property tests of the CSV reader: whatever cells are written (RFC 4180, as the demo exporter and Excel write them)
 * come back exactly, on the right lines, however the text is cut into pieces; and no bytes at all make it crash.
 */

/** Cells of every kind of trouble: delimiters, quotes, all line ends, CJK (four-byte too), emoji, anything. */
const troubleChar = fc.constantFrom(',', '"', '\r', '\n', '\r\n', ' ', '镇', '𠮷', '😀', 'a', ';', '\t');
const cellText = fc.oneof(
  fc.string({ unit: troubleChar, maxLength: 8 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 6 }),
);
/**
 * Text the reader must return as written: U+FFFD marks undecodable bytes (a row holding it is rejected), and GB
 * 18030-2022 moved 18 private-use characters, which iconv-lite (2005 tables) and Node's ICU (2022) disagree on.
 */
const readable = (text: string) => !/[\uFFFD\uE000-\uF8FF\uFE10-\uFE19]/u.test(text);
const rowsOf = fc.array(fc.array(cellText.filter(readable), { minLength: 1, maxLength: 6 }), { maxLength: 20 });

const isBlank = (cells: readonly string[]) => cells.every((cell) => cell === '');
const breaks = (text: string) => (text.match(/\r\n|\r|\n/g) ?? []).length;

/** The rows a file of `rows` after a header gives: blank rows left out, each on the line it starts on. */
function expected(rows: readonly string[][]): [number, string[]][] {
  let line = 2;
  const out: [number, string[]][] = [];
  for (const row of rows) {
    if (!isBlank(row)) {
      out.push([line, row]);
    }
    line += 1 + row.reduce((sum, cell) => sum + breaks(cell), 0);
  }
  return out;
}

const compact = (rows: readonly TableRow[]) =>
  rows.map((row) => [row.line, row.error ? `error: ${row.error.reason}` : row.cells]);

/** The tokenizer's rows for text fed in pieces cut at `cuts`. */
function tokenize(text: string, cuts: readonly number[], maxRecordChars?: number): TableRow[] {
  const tokenizer = new CsvTokenizer(',', () => 'undecodable', maxRecordChars);
  const out: TableRow[] = [];
  let from = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    tokenizer.push(text.slice(from, cut), out);
    from = cut;
  }
  tokenizer.push(text.slice(from), out);
  tokenizer.end(out);
  return out;
}

describe('CSV reader properties', () => {
  const temp = useTempDir();

  it('reads back any cells written as UTF-8 CSV (CRLF), on the right lines', async () => {
    await fc.assert(
      fc.asyncProperty(rowsOf, fc.boolean(), async (rows, bom) => {
        const text = csvLine(['编号', 'b']) + rows.map((row) => csvLine(row)).join('');
        const bytes = Buffer.from(bom ? `\uFEFF${text}` : text, 'utf8');
        const { header, rows: read } = await readAll(await temp.file('fuzz.csv', bytes));
        expect(header).toEqual(['编号', 'b']);
        expect(compact(read)).toEqual(expected(rows));
      }),
      { numRuns: 150 },
    );
  });

  it('reads back any GB18030-encodable cells written as GB18030 CSV', async () => {
    const chinese = fc.string({
      unit: fc.constantFrom('镇', '村', '𠮷', '䶮', '，', '"', ',', '\r\n', '\n', 'x'),
      maxLength: 10,
    });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(chinese, { minLength: 1, maxLength: 5 }), { maxLength: 20 }), async (rows) => {
        // A Chinese header makes the file non-ASCII from its first bytes, as real ledgers are.
        const text = csvLine(['当事人', '金额']) + rows.map((row) => csvLine(row)).join('');
        const { table, rows: read } = await readAll(await temp.file('fuzz-gb.csv', iconv.encode(text, 'gb18030')));
        expect(table.encoding).toBe('gb18030');
        expect(compact(read)).toEqual(expected(rows));
      }),
      { numRuns: 150 },
    );
  });

  it('gives the same rows however the text is cut into pieces', () => {
    fc.assert(
      fc.property(rowsOf, fc.array(fc.nat(), { maxLength: 8 }), fc.constantFrom('\r\n', '\n'), (rows, cuts, end) => {
        const text = rows.map((row) => csvLine(row).slice(0, -2) + end).join('');
        const whole = tokenize(text, []);
        expect(
          compact(
            tokenize(
              text,
              cuts.map((cut) => cut % (text.length + 1)),
            ),
          ),
        ).toEqual(compact(whole));
      }),
    );
  });

  it('agrees with csv-parse on valid CSV', () => {
    fc.assert(
      fc.property(rowsOf, (rows) => {
        const text = rows.map((row) => csvLine(row)).join('');
        const theirs = (parse(text, { relax_column_count: true, skip_empty_lines: true }) as string[][]).filter(
          (row) => !isBlank(row),
        );
        const ours = tokenize(text, []);
        expect(ours.every((row) => row.error === undefined)).toBe(true);
        expect(ours.map((row) => row.cells)).toEqual(theirs);
      }),
    );
  });

  it('never crashes on random text: every row is cells or a reject, lines only go up', () => {
    const text = fc.string({ unit: fc.constantFrom('"', ',', '\r', '\n', 'a', '镇', '\uFFFD', ' '), maxLength: 200 });
    fc.assert(
      fc.property(text, fc.array(fc.nat(), { maxLength: 5 }), (input, cuts) => {
        const rows = tokenize(
          input,
          cuts.map((cut) => cut % (input.length + 1)),
        );
        let last = 0;
        for (const row of rows) {
          expect(row.line).toBeGreaterThan(last);
          expect(row.line).toBeLessThanOrEqual(breaks(input) + 1);
          expect(row.error === undefined ? row.cells.length > 0 : row.error instanceof ReaderError).toBe(true);
          last = row.line;
        }
      }),
    );
  });

  it('rejects a record longer than the limit instead of buffering on, and reads on at its next line', () => {
    const long = `1,"${'x\n'.repeat(40)}`;
    expect(compact(tokenize(`${long}\n2,ok\n`, [10, 20, 30, 40, 50, 60, 70], 50))).toEqual([
      [1, expect.stringContaining('runs on for more than 50 characters')],
      ...Array.from({ length: 39 }, (_, i) => [i + 2, ['x']]),
      [42, ['2', 'ok']],
    ]);
    const longLine = `${'y'.repeat(120)}\n3,ok\n`;
    expect(compact(tokenize(longLine, [60, 61, 100], 50))).toEqual([
      [1, expect.stringContaining('longer than 50 characters')],
      [2, ['3', 'ok']],
    ]);
  });

  it('never crashes on random bytes: it gives rows, rejects, or a ReaderError', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 400 }),
        fc.constantFrom('auto', 'utf8', 'gb18030'),
        async (bytes, encoding) => {
          try {
            const { rows } = await readAll(await temp.file('random.csv', bytes), { encoding, format: 'csv' });
            for (const row of rows) {
              expect(row.line).toBeGreaterThan(0);
              expect(row.error === undefined || row.error instanceof ReaderError).toBe(true);
            }
          } catch (error) {
            expect(error).toBeInstanceOf(ReaderError);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
