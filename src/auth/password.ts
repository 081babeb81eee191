import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';
import { invalidField } from '../core/errors.js';

/*
 * Passwords: scrypt (RFC 7914) through node:crypto, stored with their parameters so the cost can rise later without
 * invalidating old hashes, and a policy that refuses the passwords people guess first.
 */

export interface ScryptParams {
  /** log2 of the CPU/memory cost N. */
  logN: number;
  r: number;
  p: number;
}

/** OWASP's scrypt recommendation (N=2^15, r=8, p=1): 32 MiB and about 50–100 ms per hash on a laptop. */
export const DEFAULT_SCRYPT: ScryptParams = { logN: 15, r: 8, p: 1 };

const SALT_BYTES = 16;
const KEY_BYTES = 32;

/** Bounds on stored parameters: a tampered hash must not make verification allocate gigabytes. */
const LIMITS = { logN: [10, 20], r: [1, 32], p: [1, 16] } as const;

function derive(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const N = 2 ** params.logN;
  // scrypt needs 128·N·r bytes; Node refuses above maxmem (32 MiB by default, exactly what N=2^15, r=8 needs).
  const options: ScryptOptions = { N, r: params.r, p: params.p, maxmem: 256 * N * params.r + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_BYTES, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/** Hash a password: `scrypt$<logN>$<r>$<p>$<salt>$<hash>`, salt and hash in base64url. */
export async function hashPassword(password: string, params: ScryptParams = DEFAULT_SCRYPT): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, params);
  return ['scrypt', params.logN, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

interface StoredHash {
  params: ScryptParams;
  salt: Buffer;
  key: Buffer;
}

function parseStored(stored: string): StoredHash | undefined {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') {
    return undefined;
  }
  const [logN, r, p] = parts.slice(1, 4).map((part) => (/^\d{1,2}$/.test(part) ? Number(part) : Number.NaN)) as [
    number,
    number,
    number,
  ];
  const within = (value: number, [low, high]: readonly [number, number]) => value >= low && value <= high;
  if (!within(logN, LIMITS.logN) || !within(r, LIMITS.r) || !within(p, LIMITS.p)) {
    return undefined;
  }
  const salt = Buffer.from(parts[4] as string, 'base64url');
  const key = Buffer.from(parts[5] as string, 'base64url');
  if (salt.length < 8 || key.length !== KEY_BYTES) {
    return undefined;
  }
  return { params: { logN, r, p }, salt, key };
}

/** Whether `password` matches the stored hash (compared in constant time). A malformed hash matches nothing. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseStored(stored);
  if (!parsed) {
    return false;
  }
  const key = await derive(password, parsed.salt, parsed.params);
  return timingSafeEqual(key, parsed.key);
}

/** Whether a stored hash was made with weaker parameters than today's (rehash it at the next sign-in). */
export function needsRehash(stored: string, params: ScryptParams = DEFAULT_SCRYPT): boolean {
  const parsed = parseStored(stored);
  return !parsed || parsed.params.logN < params.logN || parsed.params.r < params.r || parsed.params.p < params.p;
}

/**
 * A hash of no one's password, verified against when the username is unknown, so that a wrong username costs the
 * same time as a wrong password (computed once, lazily).
 */
let dummy: Promise<string> | undefined;
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(18).toString('base64url'));
  return dummy;
}

export const PASSWORD_MIN = 10;
export const PASSWORD_LONG = 16;
export const PASSWORD_MAX = 200;

/**
 * The passwords tried first by anyone guessing (lower-cased), among them those common on Chinese sites. Only those
 * that the length and character rules would otherwise let through matter.
 */
const COMMON = new Set([
  'password123',
  'password1234',
  'password@123',
  'p@ssw0rd123',
  'p@ssw0rd1234',
  'passw0rd123!',
  'admin@12345',
  'admin@123456',
  'admin123456!',
  'qwerty@12345',
  'qwerty123456!',
  'qwer1234!@#$',
  'qwe123!@#qwe',
  '1qaz2wsx3edc',
  '1qaz@wsx3edc',
  '1qaz@wsx#edc',
  '1qaz!qaz2wsx',
  'zaq12wsxcde3',
  'abc@12345678',
  'abcd@1234567',
  'aa123456789!',
  'a123456789!',
  'woaini1314!',
  'woaini@1314',
  'iloveyou@123',
  'welcome@123',
  'changeme@123',
  'shanzhi@123',
  'shanzhi@1234',
  'shanzhi123456',
  'shanzhi@123456',
  'zhangsan@123',
  'test@123456',
  'root@123456',
  '123456789abc',
  '1234567890abcdef',
  'abcdefghijklmnop',
  'qwertyuiopasdfgh',
  '1234567890123456',
  'aaaaaaaaaaaaaaaa',
]);

function characterClasses(password: string): number {
  const classes = [/\p{Ll}/u, /\p{Lu}/u, /\p{Nd}/u, /[^\p{Ll}\p{Lu}\p{Nd}]/u];
  return classes.filter((pattern) => pattern.test(password)).length;
}

/**
 * Check a new password against the policy: 10–200 characters; under 16 characters it needs three of lower-case,
 * upper-case, digits and other characters (Chinese counts as other), from 16 on anything goes; it may not contain
 * the username nor be one of the commonly guessed passwords. Throws `invalid_input` naming `field`.
 */
export function checkPasswordPolicy(password: string, username: string | undefined, field = 'password'): void {
  const length = [...password].length;
  if (length < PASSWORD_MIN) {
    throw invalidField(field, `must be at least ${PASSWORD_MIN} characters (got ${length})`);
  }
  if (length > PASSWORD_MAX) {
    throw invalidField(field, `must be at most ${PASSWORD_MAX} characters`);
  }
  if (length < PASSWORD_LONG && characterClasses(password) < 3) {
    throw invalidField(
      field,
      `under ${PASSWORD_LONG} characters it needs three of: lower-case, upper-case, digits, other characters`,
    );
  }
  const lower = password.toLowerCase();
  if (username !== undefined && username.length >= 3 && lower.includes(username.toLowerCase())) {
    throw invalidField(field, 'may not contain the username');
  }
  if (COMMON.has(lower)) {
    throw invalidField(field, 'is one of the most commonly guessed passwords');
  }
  if (new Set(password).size < 4) {
    throw invalidField(field, 'repeats too few different characters');
  }
}
