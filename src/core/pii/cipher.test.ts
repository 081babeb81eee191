import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CipherError, createCipher, isWellFormedText, normalizeForIndex } from './cipher.js';

const SECRET = 'test-secret-0123456789abcdefghijklmnopqrstuvwxyz';
const OTHER = 'another-secret-0123456789abcdefghijklmnopqrstuv';

describe('createCipher', () => {
  const cipher = createCipher({ secret: SECRET });

  it('round-trips any well-formed text, with a fresh IV each time', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        expect(cipher.decrypt(cipher.encrypt(text))).toBe(text);
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary', minLength: 1 }).filter(isWellFormedText), (text) => {
        expect(cipher.decrypt(cipher.encrypt(text))).toBe(text);
      }),
    );
    const a = cipher.encrypt('13812345678');
    const b = cipher.encrypt('13812345678');
    expect(a).not.toBe(b);
    expect(a).not.toContain('13812345678');
  });

  it('writes tokens as v1.<keyId>.<iv>.<ciphertext>.<tag> in base64url', () => {
    const token = cipher.encrypt('张三');
    const parts = token.split('.');
    expect(parts).toHaveLength(5);
    expect(parts[0]).toBe('v1');
    expect(parts[1]).toBe(cipher.keyId);
    expect(Buffer.from(parts[2] ?? '', 'base64url')).toHaveLength(12);
    expect(Buffer.from(parts[4] ?? '', 'base64url')).toHaveLength(16);
    for (const part of parts) {
      expect(part).toMatch(/^[A-Za-z0-9_-]*$/);
    }
    // the key id identifies the secret, stably, and says nothing of it
    expect(createCipher({ secret: SECRET }).keyId).toBe(cipher.keyId);
    expect(createCipher({ secret: OTHER }).keyId).not.toBe(cipher.keyId);
    expect(SECRET).not.toContain(cipher.keyId);
  });

  it('decrypts tokens of a previous secret after rotation, and refuses an unknown key', () => {
    const old = createCipher({ secret: OTHER });
    const token = old.encrypt('欧阳娜娜');
    const rotated = createCipher({ secret: SECRET, previousSecrets: [OTHER] });
    expect(rotated.keyId).toBe(cipher.keyId);
    expect(rotated.decrypt(token)).toBe('欧阳娜娜');
    expect(rotated.encrypt('x').split('.')[1]).toBe(cipher.keyId);
    expect(() => cipher.decrypt(token)).toThrow(/unknown key/);
  });

  it('throws a CipherError, never garbage, on any tampered token', () => {
    const token = cipher.encrypt('13812345678');
    fc.assert(
      fc.property(fc.nat(token.length - 1), fc.constantFrom(...'ABCxyz019-_.='), (index, replacement) => {
        const tampered = token.slice(0, index) + replacement + token.slice(index + 1);
        if (tampered === token) {
          return;
        }
        expect(() => cipher.decrypt(tampered)).toThrow(CipherError);
      }),
      { numRuns: 500 },
    );
    // a token relabelled with another key id of a known secret still fails: the label is authenticated
    const both = createCipher({ secret: SECRET, previousSecrets: [OTHER] });
    const relabelled = token.replace(`.${cipher.keyId}.`, `.${createCipher({ secret: OTHER }).keyId}.`);
    expect(() => both.decrypt(relabelled)).toThrow(/authentication/);
    for (const bad of ['', 'v1', 'v2.a.b.c.d', 'v1....', token.replace(/^v1/, 'v2'), `${token}.x`]) {
      expect(() => cipher.decrypt(bad)).toThrow(CipherError);
    }
  });

  it('refuses a short secret and text that UTF-8 cannot carry', () => {
    expect(() => createCipher({ secret: 'short' })).toThrow(/at least 32/);
    expect(() => createCipher({ secret: SECRET, previousSecrets: ['short'] })).toThrow(CipherError);
    expect(() => cipher.encrypt('a\uD800b')).toThrow(/surrogate/);
  });

  it('gives equal blind indexes for equal normalised values only, keyed by the secret', () => {
    const index = cipher.blindIndex('13812345678');
    expect(index).toMatch(/^[0-9a-f]{32}$/);
    for (const same of ['138-1234-5678', ' 138 1234 5678 ', '+86 138 1234 5678', '００８６１３８１２３４５６７８']) {
      expect(cipher.blindIndex(same)).toBe(index);
    }
    expect(cipher.blindIndex('13812345679')).not.toBe(index);
    expect(createCipher({ secret: OTHER }).blindIndex('13812345678')).not.toBe(index);
    expect(cipher.blindIndex('张三')).toBe(cipher.blindIndex(' 张三 '));
    expect(cipher.blindIndex('张三')).not.toBe(cipher.blindIndex('张四'));
    // the index is not the plain hash of the value (it needs the key)
    expect(index).not.toContain('13812345678');
  });

  it('normalises phones to their digits and other text to one trimmed lower-case form', () => {
    expect(normalizeForIndex('0579-8512 3456')).toBe('057985123456');
    expect(normalizeForIndex('(0579) 85123456')).toBe('057985123456');
    expect(normalizeForIndex('+8613812345678')).toBe('13812345678');
    expect(normalizeForIndex('  Zhang   San ')).toBe('zhang san');
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const once = normalizeForIndex(text);
        expect(typeof once).toBe('string');
      }),
    );
  });
});
