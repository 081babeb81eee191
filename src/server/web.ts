import { existsSync, statSync } from 'node:fs';
import { join, normalize, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorBody } from './errors.js';

/*
 * The command-room web app (web/, built by Vite into dist/web) served at `/` by the same server: files as they are,
 * hashed assets cached for a year, index.html never cached (so a new build is picked up at the next load), and every
 * other page address that asks for HTML answered with index.html (the app's router draws the page). The files are
 * public: the login page must load before anyone is signed in; the data behind it needs the API's credentials.
 */

export interface WebDeps {
  /** The built app; default dist/web of this checkout. */
  webDir?: string;
}

export const DEFAULT_WEB_DIR = join(import.meta.dirname, '..', '..', 'dist', 'web');

/** Paths that belong to the API and Open311: never the app's pages, so a wrong address there stays a JSON 404. */
const NOT_THE_APP = /^\/(api|open311)(\/|$|\?)/;
const YEAR_SECONDS = 365 * 24 * 3600;

const MISSING_BUILD = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>善治 Shanzhi</title></head>
<body style="font-family: 'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', sans-serif; padding: 2em">
<h1>善治：网页界面尚未构建</h1>
<p>请在项目目录运行 <code>npm run build:web</code>，然后刷新本页。接口不受影响：<a href="/api/docs">/api/docs</a>。</p>
<h2>Shanzhi: the web app is not built yet</h2>
<p>Run <code>npm run build:web</code> in the project folder, then reload this page. The API works: <a href="/api/docs">/api/docs</a>.</p>
</body></html>
`;

function notFound(request: FastifyRequest, reply: FastifyReply) {
  const body: ErrorBody = { error: { code: 'not_found', message: `no route ${request.method} ${request.url}` } };
  return reply.code(404).send(body);
}

/** A file of the build that the path names, relative to the build folder, or undefined (no such file, or outside). */
function fileOf(webDir: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  const relative = normalize(decoded).replace(/^([/\\])+/, '');
  if (relative === '' || relative.startsWith('..') || relative.includes(`${sep}..${sep}`) || relative.includes('\0')) {
    return undefined;
  }
  const full = join(webDir, relative);
  try {
    return statSync(full).isFile() ? relative : undefined;
  } catch {
    return undefined;
  }
}

const wantsHtml = (request: FastifyRequest) => {
  const accept = request.headers.accept ?? '';
  return accept === '' || accept.includes('text/html') || accept.includes('*/*');
};

/** Registers the web app at `/` (see above). */
export const webRoutes: FastifyPluginAsync<WebDeps> = async (app, deps) => {
  const webDir = deps.webDir ?? DEFAULT_WEB_DIR;
  // serve:false: the one route below decides (it declares its permission, which the guard requires of every route).
  await app.register(fastifyStatic, { root: webDir, serve: false });

  app.get('/*', { config: { permission: 'public' }, schema: { hide: true } }, async (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    if (NOT_THE_APP.test(path)) {
      return notFound(request, reply);
    }
    const built = existsSync(join(webDir, 'index.html'));
    const file = built ? fileOf(webDir, path) : undefined;
    if (file && file !== 'index.html') {
      const hashed = file.startsWith(`assets${sep}`);
      reply.header('cache-control', hashed ? `public, max-age=${YEAR_SECONDS}, immutable` : 'no-cache');
      return reply.sendFile(file, { cacheControl: false });
    }
    if (!wantsHtml(request) || /\.[a-z0-9]+$/i.test(path)) {
      return notFound(request, reply);
    }
    reply.header('cache-control', 'no-cache');
    if (!built) {
      return reply.type('text/html; charset=utf-8').send(MISSING_BUILD);
    }
    return reply.sendFile('index.html', { cacheControl: false });
  });
};
