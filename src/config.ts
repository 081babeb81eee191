import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

const SECRET_FILE = 'secret.key';

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
