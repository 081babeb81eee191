import { XMLParser } from 'fast-xml-parser';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { createApiKey, revokeApiKey } from '../apikeys/index.js';
import { systemActor } from '../auth/access.js';
import { parseInput } from '../core/validation.js';
import { updatePlace } from '../places/index.js';
import { complaintRow, createComplaintSchema, createRefResolver, insertRecordRows } from '../records/index.js';
import { makeComplaintInput, seedRecordWorld, testCipher, world } from '../records/record.testing.js';
import type { Db } from '../store/database.js';
import { xmlItemNames } from './open311.format.js';

/*
 * Test support for Open311: the records world (two towns) with boundaries and centroids, API keys, and helpers to
 * post forms and multipart bodies and to check that the JSON and XML of a resource say the same.
 */

/** 苏华村 is the square 120.09–120.11 E × 29.39–29.41 N; its 第一组 the south-west quarter of it. */
export const geo = {
  inGroup: { lat: 29.395, lng: 120.095 },
  inVillageOnly: { lat: 29.405, lng: 120.105 },
  /** Outside every boundary, ~970 m east of 西山下村's centroid (120.20, 29.40), which has no boundary. */
  nearOtherVillage: { lat: 29.4, lng: 120.21 },
  /** Shanghai: far from everything of the town. */
  farAway: { lat: 31.2304, lng: 121.4737 },
  villageCentroid: { lat: 29.4, lng: 120.1 },
};

const square = (west: number, south: number, east: number, north: number) => ({
  type: 'Polygon' as const,
  coordinates: [
    [
      [west, south],
      [east, south],
      [east, north],
      [west, north],
      [west, south],
    ] as [number, number][],
  ],
});

export interface Open311World {
  /** A key of 苏溪镇 (world.town), one of 大陈镇 (world.otherTown), one revoked. */
  key: string;
  otherTownKey: string;
  revokedKey: string;
}

/** The records world plus boundaries, centroids and keys. Once per database. */
export async function seedOpen311World(db: Db): Promise<Open311World> {
  await seedRecordWorld(db);
  const deps = { db, actor: systemActor('test') };
  await updatePlace(deps, world.village, {
    boundary: square(120.09, 29.39, 120.11, 29.41),
    centroid: geo.villageCentroid,
    aliases: ['苏华'],
  });
  await updatePlace(deps, world.group, { boundary: square(120.09, 29.39, 120.1, 29.4) });
  await updatePlace(deps, world.otherVillage, { centroid: { lat: 29.4, lng: 120.2 } });
  // The other town's village is nearer the far point than anything of 苏溪镇: it must never be picked for 苏溪镇.
  await updatePlace(deps, world.otherTownVillage, { centroid: { lat: 29.4, lng: 120.212 } });
  const keyDeps = { db, actor: systemActor('test') };
  const key = (await createApiKey(keyDeps, { name: 'test app', townCode: world.town })).key;
  const otherTownKey = (await createApiKey(keyDeps, { name: 'other town app', townCode: world.otherTown })).key;
  const revoked = await createApiKey(keyDeps, { name: 'revoked app', townCode: world.town });
  await revokeApiKey(keyDeps, revoked.id);
  return { key, otherTownKey, revokedKey: revoked.key };
}

export type Pairs = [string, string][];

/** The answer to POST requests.json, one item. */
export interface Created {
  service_request_id: string;
  token: string;
  service_notice: string;
  account_id: null;
}

/** A request as GET requests.json gives it. */
export interface Request311 {
  service_request_id: string;
  status: string;
  service_code: string;
  requested_datetime: string;
  address: string | null;
  address_id: string | null;
  lat: number | null;
  long: number | null;
  [field: string]: unknown;
}

export function postForm(app: FastifyInstance, url: string, pairs: Pairs): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    payload: new URLSearchParams(pairs).toString(),
  });
}

export const WAGES = 'labour.enterprise_dispute.wage_arrears';

/** A valid POST body of 苏溪镇 about wage arrears; `more` adds fields or, under the same name, replaces them. */
export function validPairs(key: string, more: Pairs = []): Pairs {
  const base: Pairs = [
    ['api_key', key],
    ['jurisdiction_id', world.town],
    ['service_code', WAGES],
    ['address_string', '苏华村工业区 3 号'],
    ['description', '某服饰厂拖欠工人三个月工资。'],
  ];
  const replaced = new Set(more.map(([name]) => name));
  return [...base.filter(([name]) => !replaced.has(name)), ...more];
}

/**
 * Write complaints of a town straight to the store (one multi-row insert, no HTTP): one per entry of `openedAt`,
 * the first closed, the second a street stall.
 */
export async function writeComplaints(db: Db, town: string, placeCode: string, openedAt: number[]): Promise<void> {
  const resolver = createRefResolver();
  const rows: ReturnType<typeof complaintRow>[] = [];
  const now = Date.now();
  for (const [i, at] of openedAt.entries()) {
    const data = parseInput(
      createComplaintSchema,
      makeComplaintInput({
        townCode: town,
        placeCode,
        openedAt: at,
        ...(i === 0 ? { status: 'closed', closedAt: Math.max(at, now - 1000) } : {}),
        ...(i === 1 ? { categoryCode: 'city_appearance.street_stall' } : {}),
      }),
    );
    rows.push(complaintRow(data, await resolver.resolve(db, data), testCipher, now));
  }
  await db.transaction().execute((trx) => insertRecordRows(trx, 'complaint', rows));
}

const parser = new XMLParser({
  isArray: (name) => Object.values(xmlItemNames).includes(name),
  parseTagValue: false,
  trimValues: false,
  ignoreDeclaration: true,
});

/** A JSON value as the XML of the Spark convention reads back: text everywhere, lists under their item name. */
function asXmlReads(value: unknown, name: string): unknown {
  if (value === null || (Array.isArray(value) && value.length === 0)) {
    return '';
  }
  if (Array.isArray(value)) {
    const item = xmlItemNames[name] as string;
    return { [item]: value.map((v) => asXmlReads(v, item)) };
  }
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asXmlReads(v, k)]));
  }
  return String(value);
}

/** The XML of an answer, parsed, under its root element. */
export function parseXml(response: LightMyRequestResponse, root: string): unknown {
  expect(response.headers['content-type']).toBe('text/xml; charset=utf-8');
  expect(response.body.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
  const document = parser.parse(response.body) as Record<string, unknown>;
  expect(Object.keys(document)).toEqual([root]);
  return document[root];
}

/**
 * GET a resource as .json and as .xml (`url` has `{fmt}` where the format goes) and check both have the status and
 * say the same; returns the JSON.
 */
export async function getBoth(app: FastifyInstance, url: string, root: string, status = 200): Promise<unknown> {
  const json = await app.inject({ url: url.replace('{fmt}', 'json') });
  const xml = await app.inject({ url: url.replace('{fmt}', 'xml') });
  expect(json.statusCode, json.body).toBe(status);
  expect(xml.statusCode, xml.body).toBe(status);
  expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
  const data = json.json() as unknown;
  expect(parseXml(xml, root)).toEqual(asXmlReads(data, root));
  return data;
}

/** An Open311 error answer: the status, and a list of {code, description} each with a description. */
export function expectErrors(response: LightMyRequestResponse, status: number, ...patterns: RegExp[]): void {
  expect(response.statusCode, response.body).toBe(status);
  const errors = response.json() as { code: number; description: string }[];
  expect(Array.isArray(errors)).toBe(true);
  expect(errors.length).toBeGreaterThan(0);
  for (const error of errors) {
    expect(error).toEqual({ code: status, description: expect.stringMatching(/\S/) });
  }
  for (const pattern of patterns) {
    expect(errors.map((e) => e.description).join('\n')).toMatch(pattern);
  }
}
