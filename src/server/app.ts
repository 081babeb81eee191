import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { createCipher } from '../core/pii/index.js';
import { updateCube } from '../cube/index.js';
import { enterpriseRoutes } from '../enterprises/index.js';
import { importRoutes } from '../ingest/index.js';
import { open311Routes } from '../open311/index.js';
import { departmentRoutes } from '../orgs/index.js';
import { placeRoutes } from '../places/index.js';
import { caseRoutes, complaintRoutes, type RecordWriteDeps } from '../records/index.js';
import { statsRoutes } from '../stats/index.js';
import type { Store } from '../store/open.js';
import { taxonomyRoutes } from '../taxonomy/index.js';
import { version } from '../version.js';
import { registerErrorHandling } from './errors.js';
import { type HealthDeps, healthRoutes } from './health.routes.js';

export interface AppOptions {
  store: Store;
  /** Key material for encrypting personal data at rest (config.ts loadSecret). */
  secret: string;
  /** The data folder: uploads and saved import profiles live under it (config.ts dataDir). */
  dataDir: string;
  /** pino options, or false for silence (tests). */
  logger?: FastifyServerOptions['logger'];
}

/** What every feature's routes may be given: the union of the features' declared dependencies. */
export type AppDeps = HealthDeps & RecordWriteDeps & { dataDir: string };

/** Log options: never log credentials or personal data carried in headers. */
export const defaultLogger: FastifyServerOptions['logger'] = {
  level: process.env.LOG_LEVEL ?? 'info',
  redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-api-key"]'],
};

/** The Fastify app with every feature's routes, OpenAPI at /api/docs and one error shape. Not yet listening. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? defaultLogger,
    bodyLimit: 10 * 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);

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
    cipher: createCipher({ secret: options.secret }),
    dataDir: options.dataDir,
    afterWrite: updateCube,
  };
  await app.register(healthRoutes, deps);
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
  await app.ready();
  return app;
}
