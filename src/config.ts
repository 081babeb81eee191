import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { invalidField } from './core/errors.js';

/**
 * Shanzhi's settings: environment variables, overridden by CLI flags. See README.md, "Configuration".
 */
export interface Config {
  /** Absent: the embedded SQLite file in `dataDir`. `postgres://…`: PostgreSQL. */
  databaseUrl: string | undefined;
  dataDir: string;
  host: string;
  port: number;
  /** Key material for personal-data encryption; see `loadSecret`. */
  secret: string | undefined;
  /** Secrets before a rotation, still accepted for decryption (`SHANZHI_PREVIOUS_SECRETS`); see `loadSecrets`. */
  previousSecrets: string[];
  /**
   * `SHANZHI_TRUST_PROXY`: `true` (any proxy) or comma-separated proxy addresses/CIDRs to believe
   * about X-Forwarded-Proto/-For; absent: none (the server faces clients directly).
   */
  trustProxy: boolean | string;
  /** `SHANZHI_WEB_DIR`: the built web app to serve at `/`; absent: `dist/web` of this checkout. */
  webDir: string | undefined;
}

export interface ConfigFlags {
  databaseUrl?: string;
  dataDir?: string;
  host?: string;
  port?: string | number;
}

const portSchema = z.coerce.number().int().min(0).max(65_535);

export function loadConfig(env: NodeJS.ProcessEnv = process.env, flags: ConfigFlags = {}): Config {
  const rawPort = flags.port ?? env.PORT ?? 8080;
  const port = portSchema.safeParse(rawPort);
  if (!port.success) {
    throw invalidField(
      flags.port !== undefined ? '--port' : 'PORT',
      `must be a port number 0–65535 (got "${rawPort}")`,
    );
  }
  return {
    databaseUrl: nonEmpty(flags.databaseUrl) ?? nonEmpty(env.DATABASE_URL),
    dataDir: resolve(nonEmpty(flags.dataDir) ?? nonEmpty(env.SHANZHI_DATA_DIR) ?? './data'),
    host: nonEmpty(flags.host) ?? nonEmpty(env.HOST) ?? '127.0.0.1',
    port: port.data,
    secret: nonEmpty(env.SHANZHI_SECRET),
    previousSecrets: (env.SHANZHI_PREVIOUS_SECRETS ?? '').split(/[\s,]+/).filter((secret) => secret !== ''),
    trustProxy: parseTrustProxy(nonEmpty(env.SHANZHI_TRUST_PROXY)),
    webDir: optionalPath(env.SHANZHI_WEB_DIR),
  };
}

function parseTrustProxy(value: string | undefined): boolean | string {
  if (value === undefined || value === 'false') {
    return false;
  }
  return value === 'true' ? true : value;
}

function optionalPath(value: string | undefined): string | undefined {
  const path = nonEmpty(value);
  return path === undefined ? undefined : resolve(path);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

const SECRET_FILE = 'secret.key';
/** The embedded secrets before rotations, one per line, newest first (`shanzhi pii rotate`). */
const PREVIOUS_FILE = 'secret.previous';

/**
 * The key material for encrypting personal data. `SHANZHI_SECRET` when set (required with PostgreSQL, where many
 * processes must share it); otherwise, for the embedded database, a random secret generated on the first run into
 * `<dataDir>/secret.key` (mode 0600) and read from there afterwards. Losing that file loses the personal data.
 */
export function loadSecret(config: Config, embedded: boolean): string {
  if (config.secret) {
    if (config.secret.length < 32) {
      throw invalidField('SHANZHI_SECRET', 'must be at least 32 characters (e.g. `openssl rand -base64 48`)');
    }
    return config.secret;
  }
  if (!embedded) {
    throw invalidField('SHANZHI_SECRET', 'is required with PostgreSQL: every process must use the same key');
  }
  const file = join(config.dataDir, SECRET_FILE);
  if (existsSync(file)) {
    return readFileSync(file, 'utf8').trim();
  }
  mkdirSync(config.dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64');
  writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  return secret;
}

/** The current secret and the previous ones (decryption only): the environment's, then the embedded file's. */
export function loadSecrets(config: Config, embedded: boolean): { secret: string; previousSecrets: string[] } {
  const secret = loadSecret(config, embedded);
  const file = join(config.dataDir, PREVIOUS_FILE);
  const stored = embedded && !config.secret && existsSync(file) ? lines(readFileSync(file, 'utf8')) : [];
  return { secret, previousSecrets: [...config.previousSecrets, ...stored] };
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');

/**
 * Rotate the embedded secret: a new random secret into `secret.key`, the old one kept at the top of
 * `secret.previous` so what it encrypted still decrypts until `shanzhi pii reencrypt` has moved it to the new key.
 * With `SHANZHI_SECRET` set, rotation is the operator's: set the new secret, list the old in
 * `SHANZHI_PREVIOUS_SECRETS`, then re-encrypt.
 */
export function rotateEmbeddedSecret(config: Config): { secret: string; previousSecrets: string[] } {
  if (config.secret) {
    throw invalidField(
      'SHANZHI_SECRET',
      'is set: rotate it yourself (new SHANZHI_SECRET, the old one in SHANZHI_PREVIOUS_SECRETS), then run `shanzhi pii reencrypt`',
    );
  }
  const old = loadSecret(config, true);
  const previousFile = join(config.dataDir, PREVIOUS_FILE);
  const kept = existsSync(previousFile) ? lines(readFileSync(previousFile, 'utf8')) : [];
  const previousSecrets = [old, ...kept.filter((secret) => secret !== old)];
  // The old secret is saved before the new one replaces it, so a crash in between loses neither.
  writeFileSync(previousFile, `${previousSecrets.join('\n')}\n`, { mode: 0o600 });
  const secret = randomBytes(48).toString('base64');
  const next = join(config.dataDir, `${SECRET_FILE}.next`);
  writeFileSync(next, `${secret}\n`, { mode: 0o600 });
  renameSync(next, join(config.dataDir, SECRET_FILE));
  return { secret, previousSecrets };
}
