import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig, loadSecret, loadSecrets, rotateEmbeddedSecret } from './config.js';

const dir = mkdtempSync(join(tmpdir(), 'shanzhi-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('loadConfig', () => {
  it('uses the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      databaseUrl: undefined,
      host: '127.0.0.1',
      port: 8080,
      secret: undefined,
      webDir: undefined,
    });
    expect(config.dataDir).toMatch(/\/data$/);
  });

  it('takes environment variables, and flags over them', () => {
    const env = { DATABASE_URL: 'postgres://x@y/z', PORT: '9000', HOST: '0.0.0.0', SHANZHI_DATA_DIR: dir };
    expect(loadConfig(env)).toMatchObject({
      databaseUrl: 'postgres://x@y/z',
      port: 9000,
      host: '0.0.0.0',
      dataDir: dir,
    });
    expect(loadConfig(env, { port: '7000', databaseUrl: 'sqlite:a.db' })).toMatchObject({
      port: 7000,
      databaseUrl: 'sqlite:a.db',
    });
    expect(loadConfig({ DATABASE_URL: '  ' }).databaseUrl).toBeUndefined();
    expect(loadConfig({ SHANZHI_WEB_DIR: 'build/web' }).webDir).toMatch(/\/build\/web$/);
  });

  it('names the setting that is wrong', () => {
    expect(() => loadConfig({ PORT: 'http' })).toThrow(/^PORT: must be a port number/);
    expect(() => loadConfig({}, { port: '70000' })).toThrow(/^--port: /);
  });
});

describe('loadSecret', () => {
  it('generates the embedded secret once, privately, and reuses it', () => {
    const config = loadConfig({ SHANZHI_DATA_DIR: join(dir, 'a') });
    const first = loadSecret(config, true);
    expect(first.length).toBeGreaterThanOrEqual(32);
    const file = join(dir, 'a', 'secret.key');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadSecret(config, true)).toBe(first);
    expect(readFileSync(file, 'utf8').trim()).toBe(first);
  });

  it('requires SHANZHI_SECRET with PostgreSQL and rejects a short one', () => {
    const config = loadConfig({ SHANZHI_DATA_DIR: join(dir, 'b') });
    expect(() => loadSecret(config, false)).toThrow(/^SHANZHI_SECRET: is required with PostgreSQL/);
    expect(existsSync(join(dir, 'b', 'secret.key'))).toBe(false);
    expect(() => loadSecret(loadConfig({ SHANZHI_SECRET: 'short' }), false)).toThrow(/at least 32/);
    const secret = 'x'.repeat(40);
    expect(loadSecret(loadConfig({ SHANZHI_SECRET: secret }), false)).toBe(secret);
  });
});

describe('loadSecrets and rotateEmbeddedSecret', () => {
  it('rotates the embedded secret, keeping the old ones newest first for decryption', () => {
    const config = loadConfig({ SHANZHI_DATA_DIR: join(dir, 'r') });
    const first = loadSecret(config, true);
    expect(loadSecrets(config, true)).toEqual({ secret: first, previousSecrets: [] });
    const second = rotateEmbeddedSecret(config);
    expect(second.secret).not.toBe(first);
    expect(second.previousSecrets).toEqual([first]);
    const third = rotateEmbeddedSecret(config);
    expect(third.previousSecrets).toEqual([second.secret, first]);
    expect(loadSecrets(config, true)).toEqual(third);
    expect(statSync(join(dir, 'r', 'secret.previous')).mode & 0o777).toBe(0o600);
  });

  it('takes previous secrets from SHANZHI_PREVIOUS_SECRETS and leaves a configured secret to the operator', () => {
    const secret = 'y'.repeat(40);
    const config = loadConfig({
      SHANZHI_SECRET: secret,
      SHANZHI_PREVIOUS_SECRETS: ` ${'a'.repeat(40)},${'b'.repeat(40)} `,
    });
    expect(loadSecrets(config, false)).toEqual({ secret, previousSecrets: ['a'.repeat(40), 'b'.repeat(40)] });
    expect(() => rotateEmbeddedSecret(config)).toThrow(/^SHANZHI_SECRET: is set/);
  });
});
