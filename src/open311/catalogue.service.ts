import type { Db } from '../store/database.js';
import { type Category, listCategories, listTaxonomyVersions } from '../taxonomy/index.js';
import { attributesOf, type Open311Attribute } from './attributes.js';
import { clip, notFound } from './open311.errors.js';

/*
 * The catalogue: Open311's services are the taxonomy's active leaf categories (the matters a complaint is filed
 * under), grouped by their level-1 area. Every service has the standard attributes (attributes.ts), so metadata is
 * true for all, and every request gets its id at once (type realtime).
 */

export type Open311Service = {
  service_code: string;
  service_name: string;
  description: string;
  metadata: boolean;
  type: 'realtime';
  keywords: string;
  group: string;
};

export type Open311ServiceDefinition = {
  service_code: string;
  attributes: Open311Attribute[];
};

export interface CatalogueDeps {
  db: Db;
}

function toService(category: Category, byCode: ReadonlyMap<string, Category>): Open311Service {
  const path = category.path.map((code) => byCode.get(code)?.name ?? code);
  const parents = path.slice(0, -1);
  return {
    service_code: category.code,
    service_name: category.name,
    description: `${path.join(' › ')}（${category.nameEn}）`,
    metadata: true,
    type: 'realtime',
    keywords: [category.name, category.nameEn, ...parents.slice(1)].join(', '),
    group: path[0] ?? category.name,
  };
}

/** Every service, in the taxonomy's tree order. */
export async function listServices(deps: CatalogueDeps): Promise<Open311Service[]> {
  const categories = await listCategories(deps);
  const byCode = new Map(categories.map((c) => [c.code, c]));
  const withChildren = new Set(categories.map((c) => c.parentCode));
  return categories.filter((c) => !withChildren.has(c.code)).map((c) => toService(c, byCode));
}

/** The service of a code, or 404 naming it: retired categories and categories with children are no services. */
export async function requireService(deps: CatalogueDeps, code: string): Promise<Open311Service> {
  const service = (await listServices(deps)).find((s) => s.service_code === code);
  if (!service) {
    throw notFound(`service_code: no service "${clip(code)}"`);
  }
  return service;
}

/** The definition of a service: its code and the attributes it asks for. */
export async function getServiceDefinition(deps: CatalogueDeps, code: string): Promise<Open311ServiceDefinition> {
  const service = await requireService(deps, code);
  return { service_code: service.service_code, attributes: [...attributesOf(service.service_code)] };
}

/** When the catalogue last changed, for discovery's changeset: the latest taxonomy version, as ISO 8601 UTC. */
export async function catalogueChangeset(deps: CatalogueDeps): Promise<string> {
  const [latest] = await listTaxonomyVersions(deps);
  return latest?.createdAt ?? new Date(0).toISOString();
}
