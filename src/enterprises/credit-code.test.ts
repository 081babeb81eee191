import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CREDIT_CODE_ALPHABET,
  creditCodeCheckChar,
  makeCreditCode,
  normalizeCreditCode,
  validateCreditCode,
} from './credit-code.js';

/** Codes published on the national enterprise credit information publicity system (国家企业信用信息公示系统). */
const published = [
  '914403001922038216', // 华为技术有限公司
  '91440300708461136T', // 深圳市腾讯计算机系统有限公司
  '91330100799655058B', // 阿里巴巴（中国）有限公司
];

const bodyChar = fc.constantFrom(...CREDIT_CODE_ALPHABET);
const digit = fc.constantFrom(...'0123456789');
/** 17 well-formed characters: positions 3–8 digits, the others anything of the alphabet. */
const body17 = fc
  .tuple(fc.array(bodyChar, { minLength: 2, maxLength: 2 }), fc.array(digit, { minLength: 6, maxLength: 6 }))
  .chain(([head, division]) =>
    fc.array(bodyChar, { minLength: 9, maxLength: 9 }).map((tail) => [...head, ...division, ...tail].join('')),
  );

describe('unified social credit code (GB 32100-2015)', () => {
  it('accepts published codes', () => {
    for (const code of published) {
      expect(validateCreditCode(code)).toEqual({ ok: true, code });
    }
  });

  it('computes the check character as the standard does (Huawei, worked by hand)', () => {
    // values 9 1 4 4 0 3 0 0 1 9 2 2 0 3 8 2 1 × weights 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28
    // = 9+3+36+108+0+78+0+0+20+261+50+26+0+72+80+60+28 = 831; 831 mod 31 = 25; 31 − 25 = 6
    expect(creditCodeCheckChar('91440300192203821')).toBe('6');
    // Alibaba: the check value 11 is written as the letter B (A = 10, B = 11)
    expect(creditCodeCheckChar('91330100799655058')).toBe('B');
    expect(makeCreditCode('91330782MA2EC0H67')).toBe('91330782MA2EC0H67X');
  });

  it('writes a check value of 31 as 0', () => {
    // sum ≡ 0 (mod 31) → 31 − 0 = 31 → "0": seventeen zeros give sum 0
    expect(creditCodeCheckChar('00000000000000000')).toBe('0');
    expect(validateCreditCode('000000000000000000')).toEqual({ ok: true, code: '000000000000000000' });
  });

  it('forgives lower case, surrounding spaces and full-width characters, nothing else', () => {
    expect(validateCreditCode('  91330100799655058b\n')).toEqual({ ok: true, code: '91330100799655058B' });
    expect(validateCreditCode('\u3000９１３３０１００７９９６５５０５８Ｂ')).toEqual({
      ok: true,
      code: '91330100799655058B',
    });
    expect(normalizeCreditCode(' 9133 ')).toBe('9133');
  });

  it('says precisely what is wrong', () => {
    expect(validateCreditCode('')).toEqual({ ok: false, reason: 'must be 18 characters (got 0)' });
    expect(validateCreditCode('9144030019220382161')).toEqual({ ok: false, reason: 'must be 18 characters (got 19)' });
    expect(validateCreditCode('9144O3001922038216')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^position 5: "O" is not/),
    });
    expect(validateCreditCode('91440300192203821I')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^position 18: "I" is not/),
    });
    expect(validateCreditCode('9144A3001922038216')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^position 5: the administrative division code \(positions 3–8\) must be digits/),
    });
    expect(validateCreditCode('9144030A1922038216')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^position 8: the admin/),
    });
    expect(validateCreditCode('91440300A922038216')).toMatchObject({
      ok: false,
      reason: 'wrong check character: expected C, got 6',
    });
    expect(validateCreditCode('914403001922038217')).toEqual({
      ok: false,
      reason: 'wrong check character: expected 6, got 7',
    });
    expect(validateCreditCode('91440300192203821中')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^position 18: "中"/),
    });
    expect(() => creditCodeCheckChar('9144030019220382')).toThrow(RangeError);
    expect(() => makeCreditCode('9144030019220382Z')).toThrow(/position 17/);
  });

  it('validates every code makeCreditCode builds', () => {
    fc.assert(
      fc.property(body17, (body) => {
        const code = makeCreditCode(body);
        expect(validateCreditCode(code)).toEqual({ ok: true, code });
      }),
      { numRuns: 2000 },
    );
  });

  it('detects every single-character substitution', () => {
    const replacement = fc.oneof(bodyChar, fc.constantFrom(...'IOSVZ-_ a1中Ａ'), fc.string({ minLength: 1 }));
    fc.assert(
      fc.property(body17, fc.integer({ min: 0, max: 17 }), replacement, (body, position, char) => {
        const code = makeCreditCode(body);
        const changed = code.slice(0, position) + char + code.slice(position + 1);
        fc.pre(normalizeCreditCode(changed) !== code);
        expect(validateCreditCode(changed).ok).toBe(false);
      }),
      { numRuns: 5000 },
    );
  });

  it('never throws on random text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' })), (text) => {
        const result = validateCreditCode(text);
        expect(result.ok ? result.code : result.reason).toEqual(expect.any(String));
      }),
      { numRuns: 2000 },
    );
  });
});
