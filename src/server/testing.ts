import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import type { Db } from '../store/database.js';
import type { DialectName } from '../store/dialect.js';
import { useTestStore } from '../store/testing.js';
import { buildApp } from './app.js';

/** The personal-data secret of test apps (48 characters): fixed, so tests can build the same cipher. */
export const TEST_SECRET = 'shanzhi-test-secret-not-for-production-000000000';

export interface TestApp {
  readonly app: FastifyInstance;
  readonly db: Db;
}

/** The whole HTTP app on a fresh test database, for `app.inject` tests inside `describe.each(testDatabases)`. */
export function useTestApp(dialect: DialectName): TestApp {
  const t = useTestStore(dialect);
  let app: FastifyInstance | undefined;
  let dataDir: string | undefined;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'shanzhi-app-'));
    app = await buildApp({ store: t.store, secret: TEST_SECRET, logger: false, dataDir });
  });
  afterAll(async () => {
    await app?.close();
    if (dataDir) {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
  return {
    get app(): FastifyInstance {
      if (!app) {
        throw new Error('the test app is only there inside tests');
      }
      return app;
    },
    get db(): Db {
      return t.db;
    },
  };
}

export interface FilePart {
  field: string;
  filename: string;
  type: string;
  content: Buffer;
}

/** A multipart/form-data body of fields, then files. */
export function multipartBody(
  pairs: readonly (readonly [string, string])[],
  files: FilePart[] = [],
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----shanzhi${Date.now().toString(16)}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of pairs) {
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`, 'utf8'),
    );
  }
  for (const file of files) {
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n`;
    chunks.push(Buffer.from(head, 'utf8'), file.content, Buffer.from('\r\n', 'utf8'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`, 'utf8'));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
