import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../server/testing.js';
import { testDatabases } from '../store/testing.js';
import { systemActor } from './access.js';
import { SESSION_COOKIE } from './session.service.js';
import { createUser } from './user.service.js';

const PASSWORD = 'Lantern-Harbor-73';

describe.each(testDatabases)('the session cookie behind a TLS proxy on %s', (dialect) => {
  const t = useTestApp(dialect, { trustProxy: true });
  beforeAll(async () => {
    await createUser(
      { db: t.db, actor: systemActor('test') },
      { username: 'proxied', displayName: '代理后用户', password: PASSWORD, grants: [{ role: 'leader', kind: 'all' }] },
    );
  });

  const login = (headers: Record<string, string>) =>
    t.anonymous.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'proxied', password: PASSWORD },
      headers,
    });

  it('is Secure when the trusted proxy says the client came over HTTPS, and not otherwise', async () => {
    const overTls = await login({ 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.7' });
    expect(overTls.statusCode).toBe(200);
    expect(overTls.cookies.find((c) => c.name === SESSION_COOKIE)).toMatchObject({ secure: true, httpOnly: true });
    const session = await t.db.selectFrom('user_session').select('ip').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(session.ip).toBe('203.0.113.7');

    const plain = await login({ 'x-forwarded-proto': 'http' });
    expect(plain.cookies.find((c) => c.name === SESSION_COOKIE)?.secure).toBeFalsy();
  });
});
