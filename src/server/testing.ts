import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { authenticateToken } from '../apikeys/index.js';
import {
  type Actor,
  CSRF_HEADER,
  createAuthenticate,
  createUser,
  type Grant,
  type GrantInput,
  permissions,
  SESSION_COOKIE,
  startSession,
  systemActor,
} from '../auth/index.js';
import type { Db } from '../store/database.js';
import type { DialectName } from '../store/dialect.js';
import { useTestStore } from '../store/testing.js';
import { buildApp } from './app.js';

/** The personal-data secret of test apps (48 characters): fixed, so tests can build the same cipher. */
export const TEST_SECRET = 'shanzhi-test-secret-not-for-production-000000000';

export interface TestApp {
  /**
   * The app, signed in as the test administrator: each `inject` carries its session cookie and CSRF header unless
   * the request brings a cookie or an Authorization header of its own.
   */
  readonly app: FastifyInstance;
  /** The app itself: requests without credentials. */
  readonly anonymous: FastifyInstance;
  readonly db: Db;
  /** The test administrator's user id and headers. */
  readonly admin: { id: number; headers: Record<string, string> };
  /**
   * Create a user with these grants and a session for it; returns the headers to send (cookie and CSRF token).
   * Grants as people write them: `{ role, kind, code }` (code null for `all`).
   */
  signIn(username: string, grants: readonly GrantInput[]): Promise<Record<string, string>>;
}

export interface TestAppOptions {
  /** The app's clock for sign-in, sessions and lockout (default Date.now). */
  now?: () => number;
  demoMode?: boolean;
  trustProxy?: boolean;
}

/** A grant of every permission everywhere: what the test administrator holds beyond its stored admin@all role. */
const EVERY_PERMISSION: Grant = { role: null, permissions, kind: 'all', scopeId: null, townIds: [] };

/** A password that meets the policy, different each time. */
export function testPassword(): string {
  return `Pw-${randomBytes(12).toString('base64url')}`;
}

/** The headers of a signed-in session: its cookie and its CSRF token. */
export function sessionHeaders(session: { token: string; csrfToken: string }): Record<string, string> {
  return { cookie: `${SESSION_COOKIE}=${session.token}`, [CSRF_HEADER]: session.csrfToken };
}

function hasCredentials(options: InjectOptions): boolean {
  const names = Object.keys(options.headers ?? {}).map((name) => name.toLowerCase());
  return names.includes('cookie') || names.includes('authorization') || options.cookies !== undefined;
}

/** The app whose `inject` adds `headers` to requests that bring no credentials of their own. */
function signedInProxy(app: FastifyInstance, headers: Record<string, string>): FastifyInstance {
  const inject = (options?: InjectOptions | string) => {
    if (options === undefined) {
      return app.inject().headers(headers);
    }
    const request: InjectOptions = typeof options === 'string' ? { url: options } : options;
    return app.inject(hasCredentials(request) ? request : { ...request, headers: { ...headers, ...request.headers } });
  };
  return new Proxy(app, {
    get(target, property, receiver) {
      if (property === 'inject') {
        return inject;
      }
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/**
 * The whole HTTP app on a fresh test database, for `app.inject` tests inside `describe.each(testDatabases)`. A real
 * administrator (`test-admin`, admin within `all`) is signed in with a real session; so that tests written before
 * access control keep working, the harness also lets that one user hold every permission (records:write, pii:read,
 * open311:submit, which no administrator holds). Tests of roles use `signIn`, whose users hold exactly their grants.
 */
export function useTestApp(dialect: DialectName, options: TestAppOptions = {}): TestApp {
  const t = useTestStore(dialect);
  let app: FastifyInstance | undefined;
  let proxy: FastifyInstance | undefined;
  let admin: { id: number; headers: Record<string, string> } | undefined;
  let dataDir: string | undefined;
  const now = () => (options.now ? options.now() : Date.now());
  const signIn = async (username: string, grants: readonly GrantInput[]) => {
    const user = await createUser(
      { db: t.db, actor: systemActor('test'), now },
      { username, displayName: username, password: testPassword(), grants: [...grants] },
    );
    return sessionHeaders(await startSession(t.db, user.id, { ip: '127.0.0.1' }, now()));
  };
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'shanzhi-app-'));
    const user = await createUser(
      { db: t.db, actor: systemActor('test'), now },
      {
        username: 'test-admin',
        displayName: '测试管理员',
        password: testPassword(),
        grants: [{ role: 'admin', kind: 'all' }],
      },
    );
    const headers = sessionHeaders(await startSession(t.db, user.id, { ip: '127.0.0.1' }, now()));
    admin = { id: user.id, headers };
    const base = createAuthenticate({ db: t.db, authenticateToken, demoMode: options.demoMode, now });
    const authenticate = async (request: Parameters<typeof base>[0]): Promise<Actor | undefined> => {
      const actor = await base(request);
      return actor?.kind === 'user' && actor.id === user.id
        ? { ...actor, grants: [...actor.grants, EVERY_PERMISSION] }
        : actor;
    };
    app = await buildApp({
      store: t.store,
      secret: TEST_SECRET,
      // SHANZHI_TEST_LOG=1 shows the server's errors (the stack behind a 500) while debugging a test.
      logger: process.env.SHANZHI_TEST_LOG ? { level: 'error' } : false,
      dataDir,
      demoMode: options.demoMode,
      trustProxy: options.trustProxy,
      now: options.now,
      authenticate,
    });
    proxy = signedInProxy(app, headers);
  });
  afterAll(async () => {
    await app?.close();
    if (dataDir) {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) {
      throw new Error('the test app is only there inside tests');
    }
    return value;
  };
  return {
    get app(): FastifyInstance {
      return ready(proxy);
    },
    get anonymous(): FastifyInstance {
      return ready(app);
    },
    get db(): Db {
      return t.db;
    },
    get admin() {
      return ready(admin);
    },
    signIn,
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
