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
  beforeAll(async () => {
    app = await buildApp({ store: t.store, secret: TEST_SECRET, logger: false });
  });
  afterAll(async () => {
    await app?.close();
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
