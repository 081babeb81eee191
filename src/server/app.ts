import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { adviceRoutes } from '../advice/index.js';
import { apiKeyRoutes, authenticateToken } from '../apikeys/index.js';
import { auditRoutes } from '../audit/index.js';
import { authRoutes, createAuthenticate, userRoutes } from '../auth/index.js';
import { createCipher } from '../core/pii/index.js';
import { updateCube } from '../cube/index.js';
import { enterpriseRoutes } from '../enterprises/index.js';
import { importRoutes } from '../ingest/index.js';
import { open311Routes } from '../open311/index.js';
import { departmentRoutes } from '../orgs/index.js';
import { placeRoutes } from '../places/index.js';
import { caseRoutes, complaintRoutes, type RecordRouteDeps } from '../records/index.js';
import { reportRoutes } from '../reports/archive/index.js';
import { reportJobRoutes } from '../reports/jobs/index.js';
import { statsRoutes } from '../stats/index.js';
import type { Store } from '../store/open.js';
import { taxonomyRoutes } from '../taxonomy/index.js';
import { version } from '../version.js';
import { engineRoutes, monthlyProblemRoutes, warningRoutes } from '../warnings/index.js';
import { registerErrorHandling } from './errors.js';
import { type Authenticate, type RouteEntry, registerGuard } from './guard.js';
import { type HealthDeps, healthRoutes } from './health.routes.js';
import { webRoutes } from './web.js';

export interface AppOptions {
  store: Store;
  /** Key material for encrypting personal data at rest (config.ts loadSecrets). */
  secret: string;
  /** Secrets before a rotation: what they encrypted still decrypts until `shanzhi pii reencrypt` moves it. */
  previousSecrets?: readonly string[];
  /** The data folder: uploads and saved import profiles live under it (config.ts dataDir). */
  dataDir: string;
  /** pino options, or false for silence (tests). */
  logger?: FastifyServerOptions['logger'];
  /** `shanzhi demo`: the demo town's users (app_user.demo = 1) may sign in. False for `serve`. */
  demoMode?: boolean;
  /**
   * Which proxies to believe about the client (Fastify's trustProxy; `SHANZHI_TRUST_PROXY`): behind a proxy that
   * terminates TLS, its X-Forwarded-Proto makes the session cookie Secure and its X-Forwarded-For names the client
   * for the per-address sign-in limit and the audit log.
   */
  trustProxy?: boolean | string;
  /** The clock of sign-in, sessions and lockout (tests move it instead of sleeping). */
  now?: () => number;
  /** The built web app served at `/` (default dist/web; see server/web.ts). */
  webDir?: string;
  /** Replaces the session and API-token authentication (the test harness wraps it; see server/testing.ts). */
  authenticate?: Authenticate;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route with the permission it declares (the authorisation matrix test is generated from it). */
    routeTable: readonly RouteEntry[];
  }
}

/** What every feature's routes may be given: the union of the features' declared dependencies. */
export type AppDeps = HealthDeps & RecordRouteDeps & { dataDir: string };

/** Log options: never log credentials or personal data carried in headers. */
export const defaultLogger: FastifyServerOptions['logger'] = {
  level: process.env.LOG_LEVEL ?? 'info',
  redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-api-key"]'],
  serializers: {
    req: (request: { method: string; url: string; ip?: string }) => ({
      method: request.method,
      url: loggedUrl(request.url),
      remoteAddress: request.ip,
    }),
  },
};

/**
 * A URL as the request log keeps it: the path and the names of its query parameters, never their values (a reveal's
 * reason, a search for a phone number).
 */
export function loggedUrl(url: string): string {
  const mark = url.indexOf('?');
  if (mark < 0) {
    return url;
  }
  const names = url
    .slice(mark + 1)
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => `${pair.split('=')[0]}=…`);
  return `${url.slice(0, mark)}?${names.join('&')}`;
}

/** The Fastify app with every feature's routes, OpenAPI at /api/docs and one error shape. Not yet listening. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? defaultLogger,
    bodyLimit: 10 * 1024 * 1024,
    trustProxy: options.trustProxy ?? false,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);
  // Cookies, then access control, before any route: the guard refuses to build a route without a permission.
  await app.register(cookie);
  const routeTable = registerGuard(
    app,
    options.authenticate ??
      createAuthenticate({ db: options.store.db, authenticateToken, demoMode: options.demoMode, now: options.now }),
  );
  app.decorate('routeTable', routeTable);

  await app.register(swagger, {
    openapi: {
      info: { title: 'Shanzhi 善治 API', version, description: 'Governance intelligence for towns.' },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  const deps: AppDeps = {
    db: options.store.db,
    dialect: options.store.dialect,
    version,
    cipher: createCipher({ secret: options.secret, previousSecrets: options.previousSecrets }),
    dataDir: options.dataDir,
    afterWrite: updateCube,
  };
  await app.register(healthRoutes, { ...deps, demoMode: options.demoMode });
  await app.register(authRoutes, { db: options.store.db, demoMode: options.demoMode, now: options.now });
  await app.register(userRoutes, { db: options.store.db, now: options.now });
  await app.register(placeRoutes, deps);
  await app.register(taxonomyRoutes, deps);
  await app.register(departmentRoutes, deps);
  await app.register(enterpriseRoutes, deps);
  await app.register(complaintRoutes, deps);
  await app.register(caseRoutes, deps);
  // Only intake's worker threads get the secret itself (they encrypt on their own thread).
  await app.register(importRoutes, { ...deps, secret: options.secret });
  await app.register(open311Routes, deps);
  await app.register(statsRoutes, deps);
  await app.register(apiKeyRoutes, deps);
  await app.register(auditRoutes, deps);
  await app.register(adviceRoutes, { db: options.store.db, now: options.now });
  await app.register(warningRoutes, deps);
  await app.register(engineRoutes, { db: options.store.db, now: options.now, dataDir: options.dataDir });
  await app.register(monthlyProblemRoutes, deps);
  await app.register(reportRoutes, { db: options.store.db, now: options.now });
  await app.register(reportJobRoutes, { db: options.store.db });
  await app.register(webRoutes, { webDir: options.webDir });
  await app.ready();
  return app;
}
