import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonArrayProducer, JsonLinesProducer, ObjectRows } from './json-producers.js';
import { ReaderError, type TableRow } from './table.js';
import { lines, readAll, useTempDir } from './testing.js';

const utf8 = (text: string) => Buffer.from(text, 'utf8');

describe('JSON Lines reader', () => {
  const temp = useTempDir();

  it('reads one object a line; the header grows with new keys', async () => {
    const text =
      '{"service_request_id":"GD1","lat":29.3,"closed":true}\r\n' +
      '\r\n' +
      '{"service_request_id":"GD2","media_url":"http://x/1.jpg","closed":null}\n' +
      '{"lat":29.4,"tags":["噪声",1],"extra":{"a":1}}\n';
    const { table, header, rows } = await readAll(await temp.file('r.jsonl', utf8(text)));
    expect([table.format, table.encoding]).toEqual(['jsonl', 'utf8']);
    expect(header).toEqual(['service_request_id', 'lat', 'closed', 'media_url', 'tags', 'extra']);
    expect(lines(rows)).toEqual([
      [1, ['GD1', 29.3, true]],
      [3, ['GD2', null, null, 'http://x/1.jpg']],
      [4, [null, 29.4, null, null, '["噪声",1]', '{"a":1}']],
    ]);
  });

  it('rejects a line that is not a JSON object, naming it, and goes on', async () => {
    const text = '{"a":1}\n{"a":2\n[1,2]\n"text"\nnull\n{"a":3}\n';
    const { rows } = await readAll(await temp.file('bad.ndjson', utf8(text)));
    expect(lines(rows)).toEqual([
      [1, [1]],
      [2, expect.stringContaining('not valid JSON')],
      [3, 'a JSON object was expected, not an array'],
      [4, 'a JSON object was expected, not a string'],
      [5, 'a JSON object was expected, not null'],
      [6, [3]],
    ]);
    expect(rows[1]?.error).toBeInstanceOf(ReaderError);
    expect(rows[1]?.error?.message).toMatch(/^line 2: not valid JSON/);
  });

  it('takes the header from the first object even when bad lines come before it', async () => {
    const { header, rows } = await readAll(await temp.file('late.jsonl', utf8('oops\n{"k":"v"}\n')));
    expect(header).toEqual(['k']);
    expect(lines(rows)).toEqual([
      [1, expect.stringContaining('not valid JSON')],
      [2, ['v']],
    ]);
  });

  it('stops when no line is an object, and gives an empty table for an empty file', async () => {
    await expect(readAll(await temp.file('none.jsonl', utf8('1\n2\n')))).rejects.toThrow(
      /line 1: no JSON object could be read/,
    );
    const empty = await readAll(await temp.file('empty.jsonl', utf8('\n\n')));
    expect([empty.header, empty.rows]).toEqual([[], []]);
  });

  it('reads GB18030 JSON Lines too', async () => {
    const { default: iconv } = await import('iconv-lite');
    const { table, rows } = await readAll(
      await temp.file('gb.jsonl', iconv.encode('{"村社":"后山村𠮷"}\n', 'gb18030')),
    );
    expect([table.encoding, rows[0]?.cells]).toEqual(['gb18030', ['后山村𠮷']]);
  });

  it('rejects a line longer than the limit and reads the next', () => {
    const producer = new JsonLinesProducer(new ObjectRows(() => 'undecodable'), 20);
    const out: TableRow[] = [];
    producer.push('{"a":1}\n{"a":"', out);
    producer.push('x'.repeat(30), out);
    producer.push('"}\n{"a":2}', out);
    producer.end(out);
    expect(lines(out)).toEqual([
      [1, [1]],
      [2, 'the line is longer than 20 characters'],
      [3, [2]],
    ]);
  });
});

describe('JSON array reader', () => {
  const temp = useTempDir();

  it('reads an array of objects element by element, on the lines they start', async () => {
    const text =
      '[\n{"service_request_id":"GD1",\n "description":"有人说 \\"吵\\" [1]"},\n{"service_request_id":"GD2","lat":29.3}\n]\n';
    const { table, header, rows } = await readAll(await temp.file('open311.json', utf8(text)));
    expect(table.format).toBe('jsonl');
    expect(header).toEqual(['service_request_id', 'description', 'lat']);
    expect(lines(rows)).toEqual([
      [2, ['GD1', '有人说 "吵" [1]']],
      [4, ['GD2', null, 29.3]],
    ]);
  });

  it('rejects elements that are not valid objects and reads the rest', async () => {
    const text = '[{"a":1}, 5, {"a":tru}, "x",\n{"a":2}]';
    const { rows } = await readAll(await temp.file('mixed.json', utf8(text)));
    expect(lines(rows)).toEqual([
      [1, [1]],
      [1, 'a JSON object was expected, not a number'],
      [1, expect.stringContaining('not valid JSON')],
      [1, 'a JSON object was expected, not a string'],
      [2, [2]],
    ]);
  });

  it('names a file cut short, and text after the array', async () => {
    const cut = await readAll(await temp.file('cut.json', utf8('[{"a":1},\n{"a":2')));
    expect(lines(cut.rows)).toEqual([
      [1, [1]],
      [2, expect.stringContaining('ends inside this element')],
    ]);
    const unclosed = await readAll(await temp.file('unclosed.json', utf8('[{"a":1}\n')));
    expect(lines(unclosed.rows)).toEqual([
      [1, [1]],
      [2, expect.stringContaining('before the array is closed')],
    ]);
    const after = await readAll(await temp.file('after.json', utf8('[{"a":1}]\n{"b":2}')));
    expect(lines(after.rows)).toEqual([
      [1, [1]],
      [2, 'text after the end of the JSON array'],
    ]);
  });

  it('gives an empty table for an empty array', async () => {
    const { header, rows } = await readAll(await temp.file('empty.json', utf8(' [ ] ')));
    expect([header, rows]).toEqual([[], []]);
  });

  it('skips an element longer than the limit', () => {
    const producer = new JsonArrayProducer(new ObjectRows(() => 'undecodable'), 20);
    const out: TableRow[] = [];
    for (const piece of ['[{"a":1},{"a":"', 'x'.repeat(15), 'x'.repeat(15), '"},', '{"a":2}]']) {
      producer.push(piece, out);
    }
    producer.end(out);
    expect(lines(out)).toEqual([
      [1, [1]],
      [1, 'the element is longer than 20 characters'],
      [1, [2]],
    ]);
  });
});

describe('JSON reader properties', () => {
  const temp = useTempDir();
  const value = fc.oneof(
    fc.string({ unit: 'binary' }).filter((s) => !s.includes('\uFFFD')),
    fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => (Object.is(x, -0) ? 0 : x)),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.integer(), { maxLength: 3 }),
  );
  const object = fc.dictionary(fc.constantFrom('a', 'b', '村社', '__proto__', 'constructor', 'c d'), value, {
    minKeys: 1,
  });
  const garbage = fc.oneof(
    fc.string({ unit: fc.constantFrom('{', '}', '[', ']', '"', ',', ':', 'x', '1', ' ') }),
    fc.json(),
  );
  const entry = fc.oneof(
    object.map((o) => ({ ok: true as const, o })),
    garbage.map((g) => ({ ok: false as const, g })),
  );

  it('reads every object line back and rejects or reads every other line, never crashing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(entry, { minLength: 1, maxLength: 15 }), async (entries) => {
        const text = entries.map((e) => (e.ok ? JSON.stringify(e.o) : e.g.replaceAll('\n', ' '))).join('\n');
        try {
          const { header, rows } = await readAll(await temp.file('fuzz.jsonl', utf8(text)));
          for (const row of rows) {
            const source = entries[row.line - 1];
            expect(source).toBeDefined();
            if (row.error) {
              expect(row.error).toBeInstanceOf(ReaderError);
              continue;
            }
            const read = Object.fromEntries(
              row.cells.flatMap((cell, i) => (cell === null ? [] : [[header[i] as string, cell]])),
            );
            const parsed = JSON.parse(source?.ok ? JSON.stringify(source.o) : (source?.g ?? ''));
            const expectedCells = Object.fromEntries(
              Object.entries(parsed as object)
                .filter(([, v]) => v !== null)
                .map(([k, v]) => [k, typeof v === 'object' ? JSON.stringify(v) : v]),
            );
            expect(read).toEqual(expectedCells);
          }
          const objectLines = entries.flatMap((e, i) =>
            e.ok && Object.values(e.o).some((v) => v !== null && v !== '') ? [i + 1] : [],
          );
          for (const line of objectLines) {
            expect(rows.find((row) => row.line === line && !row.error)).toBeDefined();
          }
        } catch (error) {
          expect(error).toBeInstanceOf(ReaderError);
          expect(entries.some((e) => e.ok)).toBe(false);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('never crashes on random text as a JSON array', () => {
    const text = fc.string({ unit: fc.constantFrom('[', ']', '{', '}', '"', '\\', ',', ':', '1', 'a', '\n', ' ') });
    fc.assert(
      fc.property(text, fc.array(fc.nat(), { maxLength: 4 }), (input, cuts) => {
        const producer = new JsonArrayProducer(new ObjectRows(() => 'undecodable'), 50);
        const out: TableRow[] = [];
        let from = 0;
        for (const cut of cuts.map((c) => c % (input.length + 1)).sort((a, b) => a - b)) {
          producer.push(`[${input}`.slice(from, cut), out);
          from = cut;
        }
        producer.push(`[${input}`.slice(from), out);
        producer.end(out);
        for (const row of out) {
          expect(row.error === undefined ? row.cells.length > 0 : row.error instanceof ReaderError).toBe(true);
        }
      }),
    );
  });
});
