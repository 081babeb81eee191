import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerErrorHandling } from './errors.js';
import { registerGuard } from './guard.js';
import { webRoutes } from './web.js';

/** The web plugin alone, behind the real guard and error handling, over a build folder of the test's own. */
async function appOver(webDir: string): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  registerErrorHandling(app);
  registerGuard(app, async () => undefined);
  await app.register(webRoutes, { webDir });
  await app.ready();
  return app;
}

describe('the web app at /', () => {
  let built: FastifyInstance;
  let missing: FastifyInstance;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shanzhi-web-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>善治</title><div id="root"></div>');
    writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
    writeFileSync(join(dir, 'favicon.svg'), '<svg/>');
    built = await appOver(dir);
    missing = await appOver(join(dir, 'no-such-build'));
  });
  afterAll(async () => {
    await built.close();
    await missing.close();
  });

  it('serves index.html at / without caching it', async () => {
    const response = await built.inject({ url: '/', headers: { accept: 'text/html' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/text\/html/);
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.body).toContain('<div id="root">');
  });

  it('caches hashed assets for a year and other files not at all', async () => {
    const asset = await built.inject({ url: '/assets/index-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.body).toBe('console.log(1)');
    const other = await built.inject({ url: '/favicon.svg' });
    expect(other.statusCode).toBe(200);
    expect(other.headers['cache-control']).toBe('no-cache');
  });

  it('answers the app’s page addresses with index.html (the app routes them)', async () => {
    const response = await built.inject({ url: '/login?next=%2F', headers: { accept: 'text/html,*/*' } });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<div id="root">');
  });

  it('keeps unknown API and Open311 paths, missing files and non-HTML requests a JSON 404', async () => {
    for (const url of ['/api/nope', '/api', '/open311/v2/nope.json', '/assets/gone-123.js', '/missing.png']) {
      const response = await built.inject({ url, headers: { accept: 'text/html' } });
      expect(response.statusCode, url).toBe(404);
      expect(response.json().error.code, url).toBe('not_found');
    }
    const json = await built.inject({ url: '/records', headers: { accept: 'application/json' } });
    expect(json.statusCode).toBe(404);
  });

  it('never serves a file outside the build folder', async () => {
    for (const url of ['/../package.json', '/%2e%2e/package.json', '/assets/..%2f..%2fpackage.json', '/%00']) {
      const response = await built.inject({ url, headers: { accept: 'application/json' } });
      expect(response.statusCode, url).toBe(404);
    }
  });

  it('says how to build the app when dist/web is missing', async () => {
    const response = await missing.inject({ url: '/', headers: { accept: 'text/html' } });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('npm run build:web');
    expect(response.body).toContain('网页界面尚未构建');
  });

  it('answers any GET path without a crash: 200 HTML or a JSON 404', async () => {
    await fc.assert(
      fc.asyncProperty(fc.webPath(), fc.constantFrom('text/html', 'application/json', '*/*'), async (path, accept) => {
        const response = await built.inject({ url: path || '/', headers: { accept } });
        expect([200, 404]).toContain(response.statusCode);
        if (response.statusCode === 404) {
          expect(response.json().error.code).toBe('not_found');
        }
      }),
      { numRuns: 300 },
    );
  });
});
