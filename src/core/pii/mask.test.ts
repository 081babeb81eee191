import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskName, maskPhone } from './mask.js';

const countStars = (text: string) => Array.from(text).filter((c) => c === '*').length;
const codePoints = (text: string) => Array.from(text.trim()).length;
const noStars = fc.string({ unit: 'binary' }).filter((s) => !s.includes('*'));

describe('maskPhone', () => {
  it('keeps the first 3 and last 4 digits of a mobile, the area code and last 4 of a landline', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone(' 138-1234-5678 ')).toBe('138****5678');
    expect(maskPhone('+86 13812345678')).toBe('+86 138****5678');
    expect(maskPhone('0579-85123456')).toBe('0579-****3456');
    expect(maskPhone('0579-85123456-801')).toBe('0579-****3456-***');
    expect(maskPhone('(010) 1234567')).toBe('(010) ****567');
    expect(maskPhone('057985123456')).toBe('0579****3456');
    expect(maskPhone('02112345678')).toBe('021****5678');
    expect(maskPhone('12345')).toBe('*****');
    expect(maskPhone('')).toBe('');
  });

  it('never shows the middle four digits of a mobile number', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^1[3-9]\d{9}$/),
        fc.constantFrom('', '+86 ', '0086-'),
        fc.constantFrom('', '-', ' '),
        (digits, prefix, separator) => {
          const written = `${prefix}${digits.slice(0, 3)}${separator}${digits.slice(3, 7)}${separator}${digits.slice(7)}`;
          const masked = maskPhone(written);
          expect(masked.endsWith(`${digits.slice(0, 3)}****${digits.slice(7)}`)).toBe(true);
          expect(masked.replace(/\D/g, '').replace(/^(0086|86)/, '')).toBe(digits.slice(0, 3) + digits.slice(7));
        },
      ),
    );
  });

  it('never throws and masks at least 4 characters (or all of a short value) of any string', () => {
    fc.assert(
      fc.property(noStars, (text) => {
        const masked = maskPhone(text);
        expect(countStars(masked)).toBeGreaterThanOrEqual(Math.min(4, codePoints(text)));
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9 ()+-]{0,20}$/), (text) => {
        expect(countStars(maskPhone(text))).toBeGreaterThanOrEqual(Math.min(4, codePoints(text)));
      }),
      { numRuns: 500 },
    );
  });
});

describe('maskName', () => {
  it('keeps only the first character', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName(' 李四 ')).toBe('李*');
    expect(maskName('张')).toBe('*');
    expect(maskName('𠮷野家')).toBe('𠮷**');
    expect(maskName('')).toBe('');
  });

  it('never throws and shows at most one character of any string', () => {
    fc.assert(
      fc.property(noStars, (text) => {
        const masked = maskName(text);
        expect(Array.from(masked)).toHaveLength(codePoints(text));
        expect(codePoints(text) - countStars(masked)).toBeLessThanOrEqual(codePoints(text) > 1 ? 1 : 0);
      }),
      { numRuns: 500 },
    );
  });
});

describe('maskIdNumber', () => {
  it('keeps the first 4 and last 4 characters of a resident ID', () => {
    expect(maskIdNumber('33078219800101123X')).toBe('3307**********123X');
    expect(maskIdNumber('330782800101123')).toBe('3307*******1123');
    expect(maskIdNumber('AB123456')).toBe('AB****56');
    expect(maskIdNumber('1234')).toBe('****');
  });

  it('never throws and never shows the middle ten of an 18-character ID', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{17}[\dX]$/), (id) => {
        const masked = maskIdNumber(id);
        expect(masked).toBe(`${id.slice(0, 4)}${'*'.repeat(10)}${id.slice(14)}`);
      }),
    );
    fc.assert(
      fc.property(noStars, (text) => {
        const masked = maskIdNumber(text);
        expect(countStars(masked)).toBeGreaterThanOrEqual(Math.min(4, codePoints(text)));
      }),
      { numRuns: 500 },
    );
  });
});
