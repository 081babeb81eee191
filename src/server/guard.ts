import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type Actor, can } from '../auth/access.js';
import type { RoutePermission } from '../auth/permissions.js';
import { AppError } from '../core/errors.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** What the route requires: every route declares one (the app refuses to start otherwise). */
    permission?: RoutePermission;
    /**
     * `open311`: the route's client authenticates with the spec's `api_key` form field, which the route reads and
     * checks itself (a multipart body is only read inside the handler); the guard leaves the check to it.
     */
    credentials?: 'open311';
  }
  interface FastifyRequest {
    /** Who is asking; undefined on a public route called without credentials. */
    actor?: Actor;
  }
}

/** A route as the route table lists it: the authorisation matrix test is generated from these. */
export interface RouteEntry {
  method: string;
  url: string;
  permission: RoutePermission;
}

/** Finds who is asking from the request's credentials (session cookie, bearer token), or undefined; may throw 401/403. */
export type Authenticate = (request: FastifyRequest) => Promise<Actor | undefined>;

/** The API docs' own routes (registered by @fastify/swagger-ui) are public. */
const DOCS_PREFIX = '/api/docs';

/**
 * Access control for every route: a route registered without `config.permission` stops the app from being built;
 * before validation, each request's actor is found and the route's permission checked (401 without credentials,
 * 403 without the permission in any scope). Which data the permission reaches is the repositories' business: they
 * filter by the actor's scope. Returns the route table, filled as routes register.
 */
export function registerGuard(app: FastifyInstance, authenticate: Authenticate): RouteEntry[] {
  const table: RouteEntry[] = [];
  app.addHook('onRoute', (route) => {
    const config = (route.config ?? {}) as { permission?: RoutePermission };
    if (config.permission === undefined && route.url.startsWith(DOCS_PREFIX)) {
      route.config = { ...config, permission: 'public' };
    }
    const permission = (route.config as { permission?: RoutePermission } | undefined)?.permission;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (permission === undefined) {
      throw new Error(`route ${methods.join(',')} ${route.url} declares no permission (config.permission)`);
    }
    for (const method of methods) {
      table.push({ method, url: route.url, permission });
    }
  });
  app.addHook('preValidation', async (request) => {
    const permission = request.routeOptions.config.permission;
    if (permission === undefined) {
      return; // the not-found handler
    }
    request.actor = await authenticate(request);
    if (permission === 'public') {
      return;
    }
    if (request.routeOptions.config.credentials === 'open311') {
      return; // the route checks the api_key and its permission itself
    }
    if (!request.actor) {
      throw new AppError('unauthenticated', 'sign in first (or send an API token)');
    }
    if (permission !== 'signed-in' && !can(request.actor, permission)) {
      throw new AppError('forbidden', `this needs the permission ${permission}`, { permission });
    }
  });
  return table;
}

/** The actor of a route that declares a permission (the guard has checked it is there). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) {
    throw new AppError('unauthenticated', 'sign in first (or send an API token)');
  }
  return request.actor;
}
