import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Encryption of personal data at rest (complainant names, phone numbers, ID numbers).
 *
 * AES-256-GCM (NIST SP 800-38D) with a 12-byte random IV per value; the key is derived from the configured secret by
 * HKDF-SHA256 (RFC 5869), with one `info` for the encryption key, one for the blind-index key and one for the key id,
 * so the three never coincide. A token reads `v1.<keyId>.<iv>.<ciphertext>.<tag>` (base64url parts); `v1.<keyId>` is
 * bound as additional authenticated data, so a token cannot be relabelled to another version or key.
 *
 * Key rotation: encrypt always uses the current secret; decrypt finds the key by the token's key id among the current
 * and the previous secrets. Blind indexes are always computed with the current secret, so after a rotation the
 * stored indexes must be recomputed (decrypt, blindIndex, write back) for repeat-complainant search to span old rows.
 */
export interface Cipher {
  /** A token for `text`; a fresh IV each call, so equal texts give different tokens. */
  encrypt(text: string): string;
  /** The text of a token made by this secret or a previous one; throws CipherError if it is not authentic. */
  decrypt(token: string): string;
  /** A keyed hash of the normalised value (see normalizeForIndex): equal values give equal indexes. */
  blindIndex(text: string): string;
  /** Identifies the current secret inside tokens; reveals nothing about it. */
  readonly keyId: string;
}

export interface CipherOptions {
  secret: string;
  /** Secrets used before a rotation, still accepted by decrypt. */
  previousSecrets?: readonly string[];
}

/** Decryption failed (unknown key, malformed or tampered token) or the cipher was misconfigured. */
export class CipherError extends Error {
  override readonly name = 'CipherError';
}

const VERSION = 'v1';
const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const MIN_SECRET_LENGTH = 32;
const BLIND_INDEX_HEX = 32;
const SALT = 'shanzhi/pii';

interface KeySet {
  keyId: string;
  encryptionKey: Buffer;
  indexKey: Buffer;
}

function derive(secret: string, info: string, bytes: number): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, SALT, info, bytes));
}

function deriveKeySet(secret: string): KeySet {
  if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) {
    throw new CipherError(`the personal-data secret must be at least ${MIN_SECRET_LENGTH} characters`);
  }
  return {
    keyId: derive(secret, 'shanzhi pii key id v1', 6).toString('base64url'),
    encryptionKey: derive(secret, 'shanzhi pii aes-256-gcm key v1', 32),
    indexKey: derive(secret, 'shanzhi pii blind index hmac key v1', 32),
  };
}

/** base64url that decodes to `bytes` bytes and is written canonically (no stray or padding bits changed). */
function decodePart(text: string, bytes?: number): Buffer {
  const buffer = Buffer.from(text, 'base64url');
  if ((bytes !== undefined && buffer.length !== bytes) || buffer.toString('base64url') !== text) {
    throw new CipherError('malformed personal-data token');
  }
  return buffer;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when `text` has no unpaired UTF-16 surrogate, i.e. it survives UTF-8 encoding unchanged. */
export function isWellFormedText(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

const PHONE_LIKE = /^[+(]?[0-9][0-9 ()\-–—.]*$/;

/**
 * The form a value is indexed in: Unicode NFKC (full-width digits become ASCII), trimmed, inner whitespace collapsed,
 * lower-cased; a value that looks like a phone number keeps its digits only, without a leading +86 / 0086.
 */
export function normalizeForIndex(text: string): string {
  const value = text.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
  if (PHONE_LIKE.test(value)) {
    const digits = value.replace(/\D/g, '');
    return digits.replace(/^(?:0086|86)(?=1\d{10}$)/, '');
  }
  return value;
}

/** The key id inside a token (`v1.<keyId>.…`), or undefined for anything else. */
export function keyIdOf(token: string): string | undefined {
  const parts = token.split('.');
  return parts.length === 5 && parts[0] === VERSION ? parts[1] : undefined;
}

/** A cipher over `secret` (and, for decryption only, `previousSecrets`). Throws CipherError on a short secret. */
export function createCipher(options: CipherOptions): Cipher {
  const current = deriveKeySet(options.secret);
  const byKeyId = new Map<string, KeySet>();
  for (const secret of options.previousSecrets ?? []) {
    const keys = deriveKeySet(secret);
    byKeyId.set(keys.keyId, keys);
  }
  byKeyId.set(current.keyId, current);

  return {
    keyId: current.keyId,
    encrypt(text: string): string {
      if (!isWellFormedText(text)) {
        // UTF-8 would silently replace the surrogate, so the round trip would not give the text back.
        throw new CipherError('cannot encrypt text with an unpaired UTF-16 surrogate');
      }
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv(ALGORITHM, current.encryptionKey, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(Buffer.from(`${VERSION}.${current.keyId}`));
      const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
      const parts = [iv, body, cipher.getAuthTag()].map((b) => b.toString('base64url'));
      return [VERSION, current.keyId, ...parts].join('.');
    },
    decrypt(token: string): string {
      const parts = typeof token === 'string' ? token.split('.') : [];
      if (parts.length !== 5 || parts[0] !== VERSION) {
        throw new CipherError(`not a ${VERSION} personal-data token`);
      }
      const [, keyId, ivText, bodyText, tagText] = parts as [string, string, string, string, string];
      const keys = byKeyId.get(keyId);
      if (!keys) {
        throw new CipherError(
          `personal-data token made with an unknown key "${keyId}" (was the secret rotated without keeping the old one?)`,
        );
      }
      const iv = decodePart(ivText, IV_BYTES);
      const tag = decodePart(tagText, TAG_BYTES);
      const body = decodePart(bodyText);
      try {
        const decipher = createDecipheriv(ALGORITHM, keys.encryptionKey, iv, { authTagLength: TAG_BYTES });
        decipher.setAAD(Buffer.from(`${VERSION}.${keyId}`));
        decipher.setAuthTag(tag);
        return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
      } catch {
        throw new CipherError('personal-data token failed authentication (tampered, or a different key)');
      }
    },
    blindIndex(text: string): string {
      return createHmac('sha256', current.indexKey)
        .update(normalizeForIndex(text), 'utf8')
        .digest('hex')
        .slice(0, BLIND_INDEX_HEX);
    },
  };
}
