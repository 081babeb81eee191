import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../core/errors.js';
import { checkPasswordPolicy, hashPassword, needsRehash, type ScryptParams, verifyPassword } from './password.js';

/** Cheap parameters for property runs (the format and code path are the same as the default's). */
const CHEAP: ScryptParams = { logN: 10, r: 8, p: 1 };

function policyError(password: string, username?: string) {
  try {
    checkPasswordPolicy(password, username);
    return undefined;
  } catch (error) {
    if (!isAppError(error)) {
      throw error;
    }
    return error;
  }
}

describe('password hashing', () => {
  it('stores scrypt with its parameters and verifies only the right password', async () => {
    const stored = await hashPassword('Correct-Horse-42');
    expect(stored).toMatch(/^scrypt\$15\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(await verifyPassword('Correct-Horse-42', stored)).toBe(true);
    expect(await verifyPassword('correct-horse-42', stored)).toBe(false);
    expect(await hashPassword('Correct-Horse-42')).not.toBe(stored); // a fresh salt each time
    expect(needsRehash(stored)).toBe(false);
    expect(needsRehash(await hashPassword('x', CHEAP))).toBe(true);
  });

  it('round-trips any password and refuses any other (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 40 }), fc.string({ maxLength: 40 }), async (password, other) => {
        const stored = await hashPassword(password, CHEAP);
        expect(await verifyPassword(password, stored)).toBe(true);
        if (other.normalize('NFC') !== password.normalize('NFC')) {
          expect(await verifyPassword(other, stored)).toBe(false);
        }
      }),
      { numRuns: 25 },
    );
  });

  it('treats a malformed or tampered stored hash as matching nothing, never throwing', async () => {
    const good = await hashPassword('Correct-Horse-42', CHEAP);
    const parts = good.split('$');
    const tampered = [
      '',
      'bcrypt$2b$10$abc',
      good.replace('scrypt', 'Scrypt'),
      [...parts.slice(0, 1), '30', ...parts.slice(2)].join('$'), // 2^30: would allocate gigabytes
      [...parts.slice(0, 5), 'short'].join('$'),
      `${good}$extra`,
    ];
    for (const stored of tampered) {
      expect(await verifyPassword('Correct-Horse-42', stored)).toBe(false);
    }
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 120 }), async (stored) => {
        expect(await verifyPassword('Correct-Horse-42', stored)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});

describe('password policy', () => {
  it('accepts strong passwords, long passphrases and Chinese ones', () => {
    for (const password of [
      'Tr0ub4dor&3x',
      'correct horse battery staple',
      '我的密码是一句很长很长的中文句子',
      'Xi-an2026!',
    ]) {
      expect(policyError(password, 'zhangsan')).toBeUndefined();
    }
  });

  it('refuses short, simple, common, username-bearing and overlong passwords, naming the field', () => {
    const cases: [string, RegExp][] = [
      ['Ab1!xyz', /at least 10/],
      ['abcdefghijk', /three of/],
      ['abcdefgh12', /three of/],
      ['Password@123', /commonly guessed/],
      ['1qaz2wsx3edc', /three of/],
      ['Zhangsan-2026', /username/],
      ['aaaaaaaaaaaaaaaaaaaa', /too few different/],
      ['x'.repeat(150) + 'Y1!'.repeat(20), /at most 200/],
    ];
    for (const [password, message] of cases) {
      const error = policyError(password, 'zhangsan');
      expect(error?.code, password).toBe('invalid_input');
      expect(error?.message).toMatch(/^password: /);
      expect(error?.message).toMatch(message);
      expect(error?.details?.issues?.[0]?.path).toBe('password');
    }
    expect(policyError('short', undefined)?.details?.issues?.[0]?.path).toBe('password');
  });

  it('decides every string without throwing anything but invalid_input (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 250, unit: 'grapheme' }), fc.string({ maxLength: 20 }), (password, user) => {
        const error = policyError(password, user);
        const length = [...password].length;
        if (length < 10 || length > 200) {
          expect(error).toBeDefined();
        }
        if (error) {
          expect(error.code).toBe('invalid_input');
        }
      }),
    );
  });
});
