import { createCipheriv, createDecipheriv, hkdfSync } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bulkCipher } from './bulk-cipher.js';
import { CipherError, createCipher, isWellFormedText } from './cipher.js';

const SECRET = 'bulk-cipher-test-secret-0123456789abcdefghij';

describe('bulkCipher', () => {
  const cipher = createCipher({ secret: SECRET });
  const bulk = bulkCipher(cipher, SECRET);

  it('makes tokens the cipher decrypts, for any well-formed text and length', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (text) => {
        expect(cipher.decrypt(bulk.encrypt(text))).toBe(text);
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }).filter(isWellFormedText), (text) => {
        expect(cipher.decrypt(bulk.encrypt(text))).toBe(text);
      }),
    );
    // Around the block boundaries (GCM's last partial block and the 4-bit GHASH tables).
    for (let length = 0; length <= 70; length++) {
      const text = 'x'.repeat(length);
      expect(cipher.decrypt(bulk.encrypt(text))).toBe(text);
    }
  });

  it('writes the cipher’s token format, with a fresh IV each time', () => {
    const a = bulk.encrypt('13812345678');
    const b = bulk.encrypt('13812345678');
    expect(a).not.toBe(b);
    const parts = a.split('.');
    expect(parts.slice(0, 2)).toEqual(['v1', cipher.keyId]);
    expect(Buffer.from(parts[2] ?? '', 'base64url')).toHaveLength(12);
    expect(Buffer.from(parts[3] ?? '', 'base64url')).toHaveLength(11);
    expect(Buffer.from(parts[4] ?? '', 'base64url')).toHaveLength(16);
    // Thousands of values draw their IVs from the pool and refill it: all distinct.
    const ivs = new Set(Array.from({ length: 10_000 }, () => bulk.encrypt('张三').split('.')[2]));
    expect(ivs.size).toBe(10_000);
  });

  it('computes the same ciphertext and tag as Node’s AES-256-GCM', () => {
    // Re-encrypt each token's plaintext with Node under the token's IV: GCM is deterministic given key and IV.
    const key = coreKey();
    for (const text of ['', '张三', '13812345678', '义乌市云溪镇溪华社区丰收路190号附近工地晚上十点后仍在打桩']) {
      const [, keyId, iv, body, tag] = bulk.encrypt(text).split('.') as [string, string, string, string, string];
      const node = createCipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'), { authTagLength: 16 });
      node.setAAD(Buffer.from(`v1.${keyId}`));
      const expected = Buffer.concat([node.update(text, 'utf8'), node.final()]);
      expect([body, tag]).toEqual([expected.toString('base64url'), node.getAuthTag().toString('base64url')]);
    }
  });

  it('leaves decrypt and blind indexes to the cipher, and refuses what the cipher refuses', () => {
    expect(bulk.keyId).toBe(cipher.keyId);
    expect(bulk.blindIndex('138 1234 5678')).toBe(cipher.blindIndex('13812345678'));
    expect(() => bulk.encrypt('a\uD800b')).toThrow(CipherError);
    const token = bulk.encrypt('张三');
    const forged = `${token.slice(0, -2)}${token.endsWith('AA') ? 'AB' : 'AA'}`;
    expect(() => cipher.decrypt(forged)).toThrow(CipherError);
  });
});

/** core/pii's encryption key, derived as its module comment documents, proven by decrypting one of its tokens. */
function coreKey(): Buffer {
  const key = Buffer.from(hkdfSync('sha256', SECRET, 'shanzhi/pii', 'shanzhi pii aes-256-gcm key v1', 32));
  const [, keyId, iv, body, tag] = createCipher({ secret: SECRET }).encrypt('check').split('.') as string[];
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv ?? '', 'base64url'), { authTagLength: 16 });
  decipher.setAAD(Buffer.from(`v1.${keyId}`));
  decipher.setAuthTag(Buffer.from(tag ?? '', 'base64url'));
  expect(Buffer.concat([decipher.update(Buffer.from(body ?? '', 'base64url')), decipher.final()]).toString()).toBe(
    'check',
  );
  return key;
}
