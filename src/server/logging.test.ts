import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { testDatabases, useTestStore } from '../store/testing.js';
import { buildApp, defaultLogger, loggedUrl } from './app.js';
import { TEST_SECRET } from './testing.js';

describe('loggedUrl', () => {
  it('keeps the path and the parameter names, never their values', () => {
    expect(loggedUrl('/api/complaints/5')).toBe('/api/complaints/5');
    expect(loggedUrl('/api/complaints/5?reveal=true&reason=回访13812345678')).toBe(
      '/api/complaints/5?reveal=…&reason=…',
    );
    expect(loggedUrl('/api/stats?&town=1&&flag')).toBe('/api/stats?town=…&flag=…');
  });
});

describe.each(testDatabases)('the request log on %s', (dialect) => {
  const t = useTestStore(dialect);
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  let close: (() => Promise<void>) | undefined;
  afterAll(async () => close?.());

  it('holds no personal data, reason, password or credential of the requests it logs', async () => {
    const app = await buildApp({
      store: t.store,
      secret: TEST_SECRET,
      dataDir: '',
      logger: { ...(defaultLogger as object), level: 'info', stream },
    });
    close = () => app.close();
    await app.inject({ url: '/api/complaints/1?reveal=true&reason=回访13812345678' });
    await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'zhangsan', password: 'Secret-Password-99' },
    });
    await app.inject({ url: '/api/stats', headers: { authorization: 'Bearer sz_0123456789abcdefghijklmnopqrstuv' } });
    await app.inject({ url: '/api/stats', headers: { cookie: 'shanzhi_session=abcdefghijklmnop' } });
    const log = lines.join('');
    expect(log).toContain('/api/complaints/1?reveal=…&reason=…');
    expect(log).toContain('/api/auth/login');
    for (const secret of ['13812345678', '回访', 'Secret-Password-99', 'sz_0123456789', 'abcdefghijklmnop']) {
      expect(log).not.toContain(secret);
    }
  });
});
