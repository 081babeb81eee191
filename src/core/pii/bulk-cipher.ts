import { createCipheriv, hkdfSync, type Cipher as NodeCipher, randomFillSync } from 'node:crypto';
import { type Cipher, CipherError, isWellFormedText } from './cipher.js';

/*
 * core/pii's encrypt for millions of values: the same AES-256-GCM tokens (`v1.<keyId>.<iv>.<ciphertext>.<tag>`, the
 * key id bound as additional data), which the cipher's own decrypt reads, at a fraction of the cost. Node creates an
 * OpenSSL context and draws 12 random bytes per createCipheriv (about 9 µs a value, 15 µs of each demo record); here
 * one AES-256-ECB context lives for the run and makes the counter blocks, GHASH runs in JavaScript over the few
 * blocks a name or phone number has, and the random IVs come from a pooled CSPRNG buffer. The algorithm is GCM as
 * NIST SP 800-38D specifies it for 96-bit IVs; GHASH uses Shoup's 4-bit tables (as in mbed TLS gcm.c). The tests check
 * every token against core/pii's decrypt and against Node's GCM.
 */

/** How core/pii derives its encryption key (HKDF-SHA256, RFC 5869); the tests fail if the two ever differ. */
const SALT = 'shanzhi/pii';
const KEY_INFO = 'shanzhi pii aes-256-gcm key v1';
const IV_BYTES = 12;
const IV_POOL = IV_BYTES * 4096;

/** The reduction of the 4 bits shifted out of a GHASH product (mbed TLS `last4`). */
const LAST4 = [
  0x0000, 0x1c20, 0x3840, 0x2460, 0x7080, 0x6ca0, 0x48c0, 0x54e0, 0xe100, 0xfd20, 0xd940, 0xc560, 0x9180, 0x8da0,
  0xa9c0, 0xb5e0,
];

/** i·H for every 4-bit i, each as four 32-bit words, most significant first. */
function ghashTable(h: Buffer): Uint32Array {
  const table = new Uint32Array(64);
  let v = [h.readUInt32BE(0), h.readUInt32BE(4), h.readUInt32BE(8), h.readUInt32BE(12)] as [
    number,
    number,
    number,
    number,
  ];
  table.set(v, 8 * 4);
  for (let i = 4; i > 0; i >>= 1) {
    const carry = v[3] & 1 ? 0xe1000000 : 0;
    v = [
      ((v[0] >>> 1) ^ carry) >>> 0,
      ((v[1] >>> 1) | (v[0] << 31)) >>> 0,
      ((v[2] >>> 1) | (v[1] << 31)) >>> 0,
      ((v[3] >>> 1) | (v[2] << 31)) >>> 0,
    ];
    table.set(v, i * 4);
  }
  for (let i = 2; i <= 8; i *= 2) {
    for (let j = 1; j < i; j++) {
      for (let k = 0; k < 4; k++) {
        table[(i + j) * 4 + k] = ((table[i * 4 + k] as number) ^ (table[j * 4 + k] as number)) >>> 0;
      }
    }
  }
  return table;
}

/** GHASH state: X ← (X ⊕ block)·H over 16-byte blocks (a short last block zero-padded). */
class Ghash {
  private readonly x = new Uint32Array(4);
  private readonly block = Buffer.alloc(16);
  private readonly start = new Uint32Array(4);

  constructor(private readonly table: Uint32Array) {}

  /** Make the current state the one reset() returns to (for additional data every message shares). */
  keep(): void {
    this.start.set(this.x);
  }

  reset(): void {
    this.x.set(this.start);
  }

  /** Absorb `data`, zero-padded to whole blocks. */
  update(data: Buffer): void {
    for (let offset = 0; offset < data.length; offset += 16) {
      const { block } = this;
      if (offset + 16 <= data.length) {
        data.copy(block, 0, offset, offset + 16);
      } else {
        block.fill(0);
        data.copy(block, 0, offset);
      }
      this.absorb(block);
    }
  }

  /** Absorb the lengths block: the bit lengths of the additional data and of the ciphertext (each below 2^32). */
  lengths(aadBytes: number, textBytes: number): void {
    const { x } = this;
    x[1] = ((x[1] as number) ^ (aadBytes * 8)) >>> 0;
    x[3] = ((x[3] as number) ^ (textBytes * 8)) >>> 0;
    this.multiply();
  }

  digest(into: Buffer): void {
    for (let k = 0; k < 4; k++) {
      into.writeUInt32BE(this.x[k] as number, k * 4);
    }
  }

  private absorb(block: Buffer): void {
    const { x } = this;
    for (let k = 0; k < 4; k++) {
      x[k] = ((x[k] as number) ^ block.readUInt32BE(k * 4)) >>> 0;
    }
    this.multiply();
  }

  private multiply(): void {
    const { x, table } = this;
    // X·H, 4 bits at a time from the last byte (mbed TLS gcm_mult, 64-bit halves split into 32-bit words).
    let z0 = 0;
    let z1 = 0;
    let z2 = 0;
    let z3 = 0;
    for (let i = 15; i >= 0; i--) {
      const byte = ((x[i >> 2] as number) >>> (8 * (3 - (i & 3)))) & 0xff;
      for (let t = (byte & 0xf) * 4, step = 0; step < 2; step++, t = (byte >>> 4) * 4) {
        const rem = z3 & 0xf;
        z3 = ((z3 >>> 4) | (z2 << 28)) ^ (table[t + 3] as number);
        z2 = ((z2 >>> 4) | (z1 << 28)) ^ (table[t + 2] as number);
        z1 = ((z1 >>> 4) | (z0 << 28)) ^ (table[t + 1] as number);
        z0 = (z0 >>> 4) ^ ((LAST4[rem] as number) << 16) ^ (table[t] as number);
      }
    }
    x[0] = z0 >>> 0;
    x[1] = z1 >>> 0;
    x[2] = z2 >>> 0;
    x[3] = z3 >>> 0;
  }
}

/**
 * A cipher whose encrypt makes the same tokens as `cipher` (made from `secret`) much faster; decrypt and blindIndex
 * are the cipher's own. For bulk writers that encrypt millions of values in one run: the demo and file imports, not
 * requests whose plaintext and timing a remote party controls (docs/decisions/0006-bulk-cipher-for-intake.md).
 */
export function bulkCipher(cipher: Cipher, secret: string): Cipher {
  const key = Buffer.from(hkdfSync('sha256', secret, SALT, KEY_INFO, 32));
  const aes: NodeCipher = createCipheriv('aes-256-ecb', key, null).setAutoPadding(false);
  const ghash = new Ghash(ghashTable(aes.update(Buffer.alloc(16))));
  const prefix = `v1.${cipher.keyId}`;
  // Every token binds the same additional data: absorb it once.
  const aad = Buffer.from(prefix);
  ghash.update(aad);
  ghash.keep();
  const ivs = Buffer.alloc(IV_POOL);
  let ivAt = IV_POOL;
  const tag = Buffer.alloc(16);
  let counters = Buffer.alloc(16 * 8);

  function encrypt(text: string): string {
    if (!isWellFormedText(text)) {
      throw new CipherError('cannot encrypt text with an unpaired UTF-16 surrogate');
    }
    if (ivAt === IV_POOL) {
      randomFillSync(ivs);
      ivAt = 0;
    }
    const iv = ivs.subarray(ivAt, ivAt + IV_BYTES);
    ivAt += IV_BYTES;
    const plain = Buffer.from(text, 'utf8');
    const blocks = Math.ceil(plain.length / 16);
    // Counter blocks J0, inc32(J0), … : E(J0) masks the tag, the rest is the keystream.
    if (counters.length < 16 * (blocks + 1)) {
      counters = Buffer.alloc(32 * (blocks + 1));
    }
    for (let b = 0; b <= blocks; b++) {
      iv.copy(counters, b * 16);
      counters.writeUInt32BE(b + 1, b * 16 + 12);
    }
    const stream = aes.update(counters.subarray(0, 16 * (blocks + 1)));
    const body = Buffer.allocUnsafe(plain.length);
    for (let i = 0; i < plain.length; i++) {
      body[i] = (plain[i] as number) ^ (stream[16 + i] as number);
    }
    ghash.reset();
    ghash.update(body);
    ghash.lengths(aad.length, body.length);
    ghash.digest(tag);
    for (let i = 0; i < 16; i++) {
      tag[i] = (tag[i] as number) ^ (stream[i] as number);
    }
    return `${prefix}.${iv.toString('base64url')}.${body.toString('base64url')}.${tag.toString('base64url')}`;
  }

  return {
    keyId: cipher.keyId,
    encrypt,
    decrypt: (token) => cipher.decrypt(token),
    blindIndex: (text) => cipher.blindIndex(text),
  };
}
