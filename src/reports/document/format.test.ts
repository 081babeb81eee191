import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { heading, sheet, table } from './document.js';
import { signaturePlacement } from './docx.js';
import {
  blockLabels,
  chineseNumber,
  cleanText,
  displayWidth,
  formatCell,
  formatDocumentDate,
  textLines,
} from './format.js';

describe('chineseNumber', () => {
  it.each([
    [0, '零'],
    [1, '一'],
    [9, '九'],
    [10, '十'],
    [11, '十一'],
    [19, '十九'],
    [20, '二十'],
    [21, '二十一'],
    [99, '九十九'],
    [100, '一百'],
    [105, '一百零五'],
    [110, '一百一十'],
    [1000, '一千'],
    [1001, '一千零一'],
    [1010, '一千零一十'],
    [10000, '一万'],
    [10001, '一万零一'],
    [12345, '一万二千三百四十五'],
    [100000, '十万'],
    [110000, '十一万'],
  ])('%d is %s', (n, text) => {
    expect(chineseNumber(n)).toBe(text);
  });

  it('rejects what headings never need', () => {
    expect(() => chineseNumber(-1)).toThrow(RangeError);
    expect(() => chineseNumber(1.5)).toThrow(RangeError);
    expect(() => chineseNumber(100_000_000)).toThrow(RangeError);
  });

  it('gives different numbers different numerals', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999 }), fc.integer({ min: 0, max: 99_999_999 }), (a, b) => {
        fc.pre(a !== b);
        expect(chineseNumber(a)).not.toBe(chineseNumber(b));
      }),
    );
  });
});

describe('blockLabels', () => {
  const blocks = [
    heading(1, 'a'),
    heading(2, 'b'),
    heading(3, 'c'),
    heading(4, 'd'),
    heading(4, 'e'),
    heading(2, 'f'),
    heading(3, 'g'),
    heading(1, 'h'),
    heading(2, 'i'),
    table({ caption: 'T', columns: [{}], header: [['x']], rows: [] }),
    table({ columns: [{}], header: [['x']], rows: [] }),
    table({ caption: 'U', columns: [{}], header: [['x']], rows: [] }),
    sheet('村'),
    heading(1, 'j'),
  ];

  it('numbers headings 一、 （一） 1. （1） in zh-CN, resetting deeper levels and at each sheet', () => {
    expect(blockLabels(blocks, 'zh-CN')).toEqual([
      '一、',
      '（一）',
      '1.',
      '（1）',
      '（2）',
      '（二）',
      '1.',
      '二、',
      '（一）',
      '表1　',
      undefined,
      '表2　',
      undefined,
      '一、',
    ]);
  });

  it('numbers headings 1. 1.1 1.1.1 in en-US', () => {
    expect(blockLabels(blocks, 'en-US')).toEqual([
      '1. ',
      '1.1 ',
      '1.1.1 ',
      '1.1.1.1 ',
      '1.1.1.2 ',
      '1.2 ',
      '1.2.1 ',
      '2. ',
      '2.1 ',
      'Table 1. ',
      undefined,
      'Table 2. ',
      undefined,
      '1. ',
    ]);
  });

  it('counts past ten in Chinese numerals', () => {
    const many = Array.from({ length: 12 }, (_, i) => heading(1, String(i)));
    expect(blockLabels(many, 'zh-CN').slice(9)).toEqual(['十、', '十一、', '十二、']);
  });
});

describe('formatCell', () => {
  it('formats numbers by the column, the same way in every cell', () => {
    expect(formatCell(1234, {}, 'zh-CN')).toBe('1234');
    expect(formatCell(12345, {}, 'zh-CN')).toBe('12,345');
    expect(formatCell(1234, {}, 'en-US')).toBe('1,234');
    expect(formatCell(2.5, {}, 'zh-CN')).toBe('3');
    expect(formatCell(2.5, { digits: 2 }, 'zh-CN')).toBe('2.50');
    expect(formatCell(0.1234, { format: 'percent' }, 'zh-CN')).toBe('12.3%');
    expect(formatCell(0.1234, { format: 'percent', digits: 0 }, 'en-US')).toBe('12%');
    expect(formatCell(0.05, { format: 'percent', signed: true }, 'zh-CN')).toBe('+5.0%');
    expect(formatCell(-0.05, { format: 'percent', signed: true }, 'zh-CN')).toBe('-5.0%');
    expect(formatCell(0, { signed: true }, 'zh-CN')).toBe('0');
  });

  it('never prints minus zero', () => {
    expect(formatCell(-0, {}, 'zh-CN')).toBe('0');
    expect(formatCell(-0.0004, { format: 'percent' }, 'zh-CN')).toBe('0.0%');
    expect(formatCell(-0.04, { digits: 1, signed: true }, 'en-US')).toBe('0.0');
  });

  it('shows missing and non-finite values as —, and cleans text', () => {
    expect(formatCell(null, {}, 'zh-CN')).toBe('—');
    expect(formatCell(Number.NaN, {}, 'zh-CN')).toBe('—');
    expect(formatCell(Number.POSITIVE_INFINITY, { format: 'percent' }, 'en-US')).toBe('—');
    expect(formatCell('新院村\u0000', {}, 'zh-CN')).toBe('新院村');
  });
});

describe('formatDocumentDate', () => {
  it('writes 成文日期 without leading zeros (GB/T 9704 7.3.5.1)', () => {
    expect(formatDocumentDate('2025-06-09', 'zh-CN')).toBe('2025年6月9日');
    expect(formatDocumentDate('2025-12-31', 'zh-CN')).toBe('2025年12月31日');
    expect(formatDocumentDate('2025-06-09', 'en-US')).toBe('June 9, 2025');
  });
});

describe('cleanText', () => {
  it('removes what XML 1.0 cannot carry and keeps the rest', () => {
    expect(cleanText('a\u0000b\u0001c\u001Fd\u007Fe\u0085f\uFFFEg\uFFFF')).toBe('abcdefg');
    expect(cleanText('x\uD800y\uDC00z')).toBe('xyz');
    expect(cleanText('<&>"\' 中文 😀 \t\n\r')).toBe('<&>"\' 中文 😀 \t\n\r');
  });

  it('leaves only XML characters, and is idempotent', () => {
    const xmlChar = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const clean = cleanText(text);
        expect(xmlChar.test(clean)).toBe(true);
        expect(cleanText(clean)).toBe(clean);
      }),
    );
  });

  it('splits lines at CRLF, CR and LF and turns tabs into spaces', () => {
    expect(textLines('a\r\nb\rc\nd\te')).toEqual(['a', 'b', 'c', 'd e']);
  });
});

describe('signature placement (GB/T 9704 7.3.5.2)', () => {
  it('measures text in 一字', () => {
    expect(displayWidth('苏溪镇综合信息指挥室')).toBe(10);
    expect(displayWidth('2025年6月9日')).toBe(6);
  });

  it('puts the issuer two 一字 from the right and starts the date two 一字 further right', () => {
    // issuer 10 wide ends 2 from the right, so starts 12 from the right; the date starts 10 from the right.
    expect(signaturePlacement('苏溪镇综合信息指挥室', '2025年6月9日')).toEqual({ issuer: 2, date: { start: 10 } });
  });

  it('moves the issuer left when the date is the longer', () => {
    // the date (7 wide) keeps 2 on its right and starts 9 from the right; the issuer (3 wide) must start at 11.
    expect(signaturePlacement('指挥室', '2025年12月31日')).toEqual({ issuer: 8, date: { right: 2 } });
  });
});
