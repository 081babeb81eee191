import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  csvField,
  csvLine,
  excelWallClock,
  fromExcelWallClock,
  isoDateTime,
  ledgerDateTime,
  townYear,
  yuan,
} from './formats.js';
import { parseCsv } from './testing.js';
import { encodeText } from './text-file.js';

const at = (text: string) => Date.parse(text);

describe('time formats', () => {
  it('writes the town wall clock in the ledger format, to the minute', () => {
    expect(ledgerDateTime(at('2025-06-03T10:00:00+08:00'))).toBe('2025/6/3 10:00');
    expect(ledgerDateTime(at('2025-12-31T23:59:59+08:00'))).toBe('2025/12/31 23:59');
    // 01:05 in the town is still the previous day in UTC.
    expect(ledgerDateTime(at('2026-01-01T01:05:30+08:00'))).toBe('2026/1/1 1:05');
  });

  it('writes ISO 8601 with +08:00, to the second', () => {
    expect(isoDateTime(at('2025-06-03T02:04:05.678Z'))).toBe('2025-06-03T10:04:05+08:00');
    expect(isoDateTime(at('2025-12-31T16:00:00Z'))).toBe('2026-01-01T00:00:00+08:00');
  });

  it('gives Excel the wall clock and takes it back', () => {
    const ms = at('2025-06-03T10:04:05+08:00');
    expect(excelWallClock(ms).toISOString()).toBe('2025-06-03T10:04:05.000Z');
    expect(fromExcelWallClock(excelWallClock(ms))).toBe(ms);
    expect(excelWallClock(ms + 999).getTime()).toBe(excelWallClock(ms).getTime());
  });

  it('takes the year in the town', () => {
    expect(townYear(at('2025-12-31T16:30:00Z'))).toBe(2026);
    expect(townYear(at('2025-12-31T15:59:59Z'))).toBe(2025);
  });
});

describe('yuan', () => {
  it('writes fen as yuan with two decimals', () => {
    expect(yuan(0)).toBe('0.00');
    expect(yuan(5)).toBe('0.05');
    expect(yuan(180_050)).toBe('1800.50');
    expect(yuan(20_000)).toBe('200.00');
    expect(yuan(-199)).toBe('-1.99');
  });

  it('agrees with the decimal value for any amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), (fen) => {
        expect(Math.round(Number(yuan(fen)) * 100)).toBe(fen);
        expect(yuan(fen)).toMatch(/^\d+\.\d{2}$/);
      }),
    );
  });
});

describe('CSV fields (RFC 4180)', () => {
  it('quotes only what needs quoting', () => {
    expect(csvField('张三')).toBe('张三');
    expect(csvField(undefined)).toBe('');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('说"好"')).toBe('"说""好"""');
    expect(csvField('一\r\n二')).toBe('"一\r\n二"');
    expect(csvLine(['a', undefined, 'c'])).toBe('a,,c\r\n');
  });

  it('reads back as written, whatever the text', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string({ unit: 'binary' }), { minLength: 1, maxLength: 6 })), (rows) => {
        expect(parseCsv(rows.map((row) => csvLine(row)).join(''))).toEqual(rows);
      }),
    );
  });
});

describe('GB18030', () => {
  const decoder = new TextDecoder('gb18030', { fatal: true });

  it('encodes characters outside the BMP as four bytes', () => {
    const bytes = encodeText('𠮷', 'gb18030');
    // GB 18030-2005 maps U+10000 + n to the four-byte sequence of linear index 189000 + n (0x90308130 is index
    // 189000): U+20BB7 is n = 68535, index 257535 = ((20 × 10 + 4) × 126 + 49) × 10 + 5 → 95 34 B2 35.
    expect([...bytes]).toEqual([0x95, 0x34, 0xb2, 0x35]);
    expect(decoder.decode(bytes)).toBe('𠮷');
    expect(decoder.decode(encodeText('𠮷野家,张三\r\n', 'gb18030'))).toBe('𠮷野家,张三\r\n');
  });

  // GB 18030-2022 moved 18 characters out of the Private Use Area (e.g. the vertical forms U+FE10–U+FE19, which
  // 2005 encoded via PUA points such as U+E78D). iconv-lite encodes by the 2005 table and Node's ICU decodes by 2022,
  // so PUA text does not round-trip between them; real ledgers never carry it. Everything else must.
  const outsidePrivateUse = (text: string) => !/[\uE000-\uF8FF\uFE10-\uFE19]/u.test(text);

  it('round-trips any well-formed text outside the private use area', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }).filter(outsidePrivateUse), (text) => {
        expect(decoder.decode(encodeText(text, 'gb18030'))).toBe(text);
      }),
    );
  });

  it('writes UTF-8 as UTF-8', () => {
    expect(encodeText('镇', 'utf8').toString('hex')).toBe('e99587');
  });
});
