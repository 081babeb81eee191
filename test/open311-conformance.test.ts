import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../src/apikeys/index.js';
import { systemActor } from '../src/auth/access.js';
import {
  type Created,
  expectErrors,
  geo,
  getBoth,
  type Open311World,
  type Pairs,
  parseXml,
  postForm,
  type Request311,
  seedOpen311World,
  validPairs,
  WAGES,
  writeComplaints,
} from '../src/open311/open311.testing.js';
import { createPlace } from '../src/places/index.js';
import { world } from '../src/records/record.testing.js';
import { multipartBody, useTestApp } from '../src/server/testing.js';
import { testDatabases } from '../src/store/testing.js';
import { ensureDefaultTaxonomy } from '../src/taxonomy/index.js';

/*
 * Open311 GeoReport v2 conformance, written from the spec (https://wiki.open311.org/GeoReport_v2/ and
 * /Service_Discovery/): every resource in JSON and XML saying the same, the POST → token → request flow, the error
 * lists and their statuses, the defaults of GET requests, and fuzzed POST bodies.
 */

const STALL = 'city_appearance.street_stall';
const T = `jurisdiction_id=${world.town}`;
const DAY = 86_400_000;
const STEP = 6_000_000;

describe.each(testDatabases)('Open311 GeoReport v2 on %s', (dialect) => {
  const t = useTestApp(dialect);
  let w: Open311World;
  beforeAll(async () => {
    w = await seedOpen311World(t.db);
  });

  const body = (more: Pairs = []): Pairs => validPairs(w.key, more);
  const post = async (pairs: Pairs, format = 'json') => postForm(t.app, `/open311/v2/requests.${format}`, pairs);
  const create = async (pairs: Pairs): Promise<Created> => {
    const response = await post(pairs);
    expect(response.statusCode, response.body).toBe(200);
    return (response.json() as Created[])[0] as Created;
  };
  const requestOf = async (id: string) =>
    ((await getBoth(t.app, `/open311/v2/requests/${id}.{fmt}?${T}`, 'service_requests')) as Request311[])[0];

  it('serves discovery in both formats with the spec fields', async () => {
    const discovery = (await getBoth(t.app, '/open311/discovery.{fmt}', 'discovery')) as Record<string, unknown>;
    expect(Object.keys(discovery)).toEqual(['changeset', 'contact', 'key_service', 'endpoints']);
    expect(discovery.endpoints).toEqual([
      {
        specification: 'http://wiki.open311.org/GeoReport_v2',
        url: expect.stringMatching(/^http:\/\/.+\/open311\/v2$/),
        changeset: discovery.changeset,
        type: 'production',
        formats: ['text/xml', 'application/json'],
      },
    ]);
  });

  it('lists the active leaf categories as services, grouped by their area', async () => {
    const services = (await getBoth(t.app, `/open311/v2/services.{fmt}?${T}`, 'services')) as Record<string, unknown>[];
    const wages = services.find((s) => s.service_code === WAGES);
    expect(wages).toEqual({
      service_code: WAGES,
      service_name: '欠薪',
      description: expect.stringContaining('劳动保障'),
      metadata: true,
      type: 'realtime',
      keywords: expect.stringContaining('欠薪'),
      group: '劳动保障',
    });
    const codes = services.map((s) => s.service_code as string);
    expect(codes).toContain('other.unclassified');
    // No category with children is a service.
    expect(codes.some((code) => codes.some((other) => other.startsWith(`${code}.`)))).toBe(false);
    expect(codes).not.toContain('labour');
  });

  it('defines every service with the standard attributes, and 404s unknown services', async () => {
    const definition = (await getBoth(t.app, `/open311/v2/services/${WAGES}.{fmt}?${T}`, 'service_definition')) as {
      service_code: string;
      attributes: Record<string, unknown>[];
    };
    expect(definition.service_code).toBe(WAGES);
    expect(definition.attributes.map((a) => [a.code, a.datatype, a.order])).toEqual([
      ['occurred_at', 'datetime', 1],
      ['anonymous', 'singlevaluelist', 2],
      ['affected_groups', 'multivaluelist', 3],
      ['enterprise_credit_code', 'string', 4],
    ]);
    expect(definition.attributes[1]?.values).toEqual([
      { key: 'yes', name: '是' },
      { key: 'no', name: '否' },
    ]);
    for (const code of ['labour', 'no.such.service']) {
      await getBoth(t.app, `/open311/v2/services/${code}.{fmt}?${T}`, 'errors', 404);
    }
  });

  it('needs jurisdiction_id with two towns (400) and 404s an unknown one, as error lists in both formats', async () => {
    for (const url of ['/open311/v2/services.{fmt}', '/open311/v2/requests.{fmt}', '/open311/v2/requests/1.{fmt}']) {
      const missing = (await getBoth(t.app, url, 'errors', 400)) as { description: string }[];
      expect(missing[0]?.description).toMatch(/^jurisdiction_id: required/);
      const unknown = (await getBoth(t.app, `${url}?jurisdiction_id=999`, 'errors', 404)) as { code: number }[];
      expect(unknown).toEqual([{ code: 404, description: expect.stringContaining('jurisdiction_id') }]);
    }
    const xml = await t.app.inject({ url: '/open311/v2/services.xml?jurisdiction_id=999' });
    expect(parseXml(xml, 'errors')).toEqual({ error: [{ code: '404', description: expect.any(String) }] });
  });

  it('files a request, finds its id from the token and reads it back in both formats', async () => {
    const response = await post(body([['media_url', 'https://example.org/photo.jpg']]), 'xml');
    expect(response.statusCode).toBe(200);
    const [created] = (parseXml(response, 'service_requests') as { request: Record<string, string>[] }).request;
    expect(created).toEqual({
      service_request_id: expect.stringMatching(/^\d+$/),
      token: expect.stringMatching(/^[0-9a-f-]{36}$/),
      service_notice: expect.stringContaining('已受理'),
      account_id: '',
    });
    const id = created?.service_request_id as string;
    const tokens = await getBoth(t.app, `/open311/v2/tokens/${created?.token}.{fmt}?${T}`, 'service_requests');
    expect(tokens).toEqual([{ service_request_id: id, token: created?.token }]);
    const request = await requestOf(id);
    expect(request).toEqual({
      service_request_id: id,
      status: 'open',
      status_notes: '已受理',
      service_name: '欠薪',
      service_code: WAGES,
      description: '某服饰厂拖欠工人三个月工资。',
      agency_responsible: null,
      service_notice: null,
      requested_datetime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/),
      updated_datetime: expect.stringMatching(/\+08:00$/),
      expected_datetime: null,
      address: '苏华村工业区 3 号',
      // The address names 苏华村: it is filed there, and shown at the village's centroid.
      address_id: world.village,
      zipcode: null,
      lat: geo.villageCentroid.lat,
      long: geo.villageCentroid.lng,
      media_url: 'https://example.org/photo.jpg',
    });
    const stored = await t.db
      .selectFrom('complaint')
      .select(['source_system', 'external_no', 'channel', 'media_url'])
      .where('id', '=', Number(id))
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({
      source_system: 'open311',
      external_no: created?.token,
      channel: 'web',
      media_url: 'https://example.org/photo.jpg',
    });
    await getBoth(t.app, `/open311/v2/tokens/00000000-0000-4000-8000-000000000000.{fmt}?${T}`, 'errors', 404);
    await getBoth(t.app, `/open311/v2/tokens/not-a-token.{fmt}?${T}`, 'errors', 404);
    // The token belongs to 苏溪镇: asked of 大陈镇 it does not exist.
    await getBoth(
      t.app,
      `/open311/v2/tokens/${created?.token}.{fmt}?jurisdiction_id=${world.otherTown}`,
      'errors',
      404,
    );
  });

  it('takes repeated attribute[code][] fields as a multi-value list and checks every attribute', async () => {
    const created = await create(
      body([
        ['attribute[affected_groups][]', 'workers'],
        ['attribute[affected_groups][]', 'residents'],
        ['attribute[affected_groups][]', 'workers'],
        ['attribute[occurred_at]', '2025-06-01T08:00:00+08:00'],
        ['attribute[enterprise_credit_code]', '91330782MA2EC0H67X'],
        ['attribute[anonymous]', 'no'],
      ]),
    );
    const stored = await t.db
      .selectFrom('complaint')
      .select('attributes')
      .where('id', '=', Number(created.service_request_id))
      .executeTakeFirstOrThrow();
    expect(JSON.parse(stored.attributes ?? 'null')).toEqual({
      affected_groups: ['workers', 'residents'],
      occurred_at: '2025-06-01T08:00:00+08:00',
      enterprise_credit_code: '91330782MA2EC0H67X',
      anonymous: 'no',
    });
    const bad = await post(
      body([
        ['attribute[affected_groups][]', 'aliens'],
        ['attribute[anonymous][]', 'yes'],
        ['attribute[anonymous][]', 'no'],
        ['attribute[occurred_at]', 'yesterday'],
        ['attribute[colour]', 'red'],
        ['attribute[]', 'x'],
      ]),
    );
    expectErrors(
      bad,
      400,
      /attribute\[affected_groups\]: "aliens" is not one of/,
      /attribute\[anonymous\]: takes one value, got 2/,
      /attribute\[occurred_at\]: .*ISO 8601/,
      /attribute\[colour\]: not an attribute of this service/,
      /attribute\[\]: an attribute needs its code/,
    );
    expect((bad.json() as unknown[]).length).toBe(5);
  });

  it('accepts multipart/form-data, reads and drops a media file with a note, refuses one over 5 MB', async () => {
    const small = multipartBody(body([['attribute[affected_groups][]', 'elderly']]), [
      { field: 'media', filename: 'photo.jpg', type: 'image/jpeg', content: Buffer.alloc(200_000, 7) },
    ]);
    const ok = await t.app.inject({ method: 'POST', url: '/open311/v2/requests.json', ...small });
    expect(ok.statusCode, ok.body).toBe(200);
    const [created] = ok.json() as Created[];
    expect(created?.service_notice).toContain('所附文件未保存');
    expect(await requestOf(created?.service_request_id as string)).toMatchObject({ service_code: WAGES });

    const big = multipartBody(body(), [
      { field: 'media', filename: 'video.mp4', type: 'video/mp4', content: Buffer.alloc(5 * 1024 * 1024 + 1) },
    ]);
    const before = await t.db
      .selectFrom('complaint')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const refused = await t.app.inject({ method: 'POST', url: '/open311/v2/requests.xml', ...big });
    expect(refused.statusCode).toBe(400);
    expect(parseXml(refused, 'errors')).toEqual({
      error: [{ code: '400', description: 'media: the file is over 5 MB' }],
    });
    const after = await t.db
      .selectFrom('complaint')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));

    const file = (field: string) => ({
      field,
      filename: `${field}.jpg`,
      type: 'image/jpeg',
      content: Buffer.from(field),
    });
    const two = multipartBody(body(), [file('a'), file('b')]);
    const tooMany = await t.app.inject({ method: 'POST', url: '/open311/v2/requests.json', ...two });
    expectErrors(tooMany, 400);
  });

  it('refuses a missing, wrong, revoked or other town api_key with 403', async () => {
    const cases: [Pairs, RegExp][] = [
      [body([['api_key', '']]), /^api_key: missing/],
      [body([['api_key', 'sz_0000000000000000000000000000000x']]), /^api_key: invalid or revoked/],
      [body([['api_key', w.revokedKey]]), /^api_key: invalid or revoked/],
      [body([['api_key', w.otherTownKey]]), /^api_key: not a key of jurisdiction/],
    ];
    for (const [pairs, pattern] of cases) {
      expectErrors(await post(pairs), 403, pattern);
      const xml = await post(pairs, 'xml');
      expect(xml.statusCode).toBe(403);
      expect(parseXml(xml, 'errors')).toEqual({
        error: [{ code: '403', description: expect.stringMatching(pattern) }],
      });
    }
    // The key may come in the X-Api-Key header instead of the body.
    const viaHeader = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-api-key': w.key },
      payload: new URLSearchParams(body().filter(([n]) => n !== 'api_key')).toString(),
    });
    expect(viaHeader.statusCode, viaHeader.body).toBe(200);
  });

  it('answers bad requests with one error per problem: 400 for what is missing or malformed, 404 for what is unknown', async () => {
    expectErrors(await post(body([['service_code', '']])), 400, /^service_code: missing/);
    expectErrors(await post(body([['service_code', 'labour']])), 404, /^service_code: no service "labour"/);
    expectErrors(await post(body([['address_string', '']])), 400, /^location: give lat and long/);
    expectErrors(await post(body([['description', '   ']])), 400, /^description: required/);
    expectErrors(await post(body([['lat', '29.4']])), 400, /^long: lat and long go together/);
    const many = await post(
      body([
        ['address_string', ''],
        ['description', ''],
        ['lat', '91'],
        ['long', 'east'],
        ['media_url', 'ftp://example.org/x.jpg'],
        ['phone', '12'],
      ]),
    );
    expectErrors(many, 400, /lat: must be at most 90/, /long: must be decimal degrees/, /description: required/);
    expectErrors(
      await post(body([['media_url', 'ftp://example.org/x.jpg']])),
      400,
      /^media_url: must be an http or https URL/,
    );
    expectErrors(await post(body([['phone', 'call me']])), 400, /^phone: must be a phone number/);
    expectErrors(await post(body([['description', 'x'.repeat(4001)]])), 400, /^description: must be at most 4000/);
    expectErrors(await post([...body(), ['description', 'twice']]), 400, /^description: give it once/);
    expectErrors(await post([]), 400, /^jurisdiction_id: required/);
    expectErrors(await post(body([['description', 'x'.repeat(1024 * 1024)]])), 400, /body is over 1 MB/);
    const json = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(Object.fromEntries(body())),
    });
    expectErrors(json, 400, /application\/x-www-form-urlencoded or multipart\/form-data/);
    expectErrors(await t.app.inject({ url: '/open311/v2/requests.html' }), 404, /use \.json or \.xml/);
    expectErrors(await t.app.inject({ url: '/open311/v2/nothing.json' }), 404, /no Open311 resource/);
  });

  describe('GET requests', () => {
    const other = `jurisdiction_id=${world.otherTown}`;
    const now = Date.now();
    beforeAll(async () => {
      // 大陈镇: 1,005 complaints in the last 70 days (100 minutes apart) and 5 from 100 days ago; the newest is
      // closed, the next a street stall.
      const recent = Array.from({ length: 1005 }, (_, i) => now - 60_000 - i * STEP);
      const old = Array.from({ length: 5 }, (_, i) => now - 100 * DAY - i * 3_600_000);
      await writeComplaints(t.db, world.otherTown, world.otherTownVillage, [...recent, ...old]);
    });
    const list = async (query: string) =>
      (await getBoth(t.app, `/open311/v2/requests.{fmt}?${other}&${query}`, 'service_requests')) as Request311[];

    it('gives at most 1,000 of the last 90 days by default, newest first', async () => {
      const found = await list('');
      expect(found).toHaveLength(1000);
      const times = found.map((r) => Date.parse(r.requested_datetime));
      expect(times).toEqual([...times].sort((a, b) => b - a));
      expect(Math.min(...times)).toBeGreaterThan(now - 90 * DAY);
      expect(found[0]).toMatchObject({ status: 'closed', status_notes: '已办结' });
    });

    it('filters by dates (at most 90 days apart), status, service_code and ids', async () => {
      const iso = (ms: number) => new Date(ms).toISOString();
      const old = await list(`start_date=${iso(now - 120 * DAY)}&end_date=${iso(now - 95 * DAY)}`);
      expect(old).toHaveLength(5);
      const afterStart = await list(`start_date=${iso(now - 101 * DAY)}`);
      // start_date alone: the 90 days after it, so up to 11 days ago.
      expect(afterStart.length).toBe(5 + 1005 - Math.ceil((11 * DAY - 60_000) / STEP));
      expect(await list('status=closed')).toEqual([expect.objectContaining({ status: 'closed' })]);
      expect((await list('status=open,closed')).length).toBe(1000);
      const stalls = await list(`service_code=${STALL}`);
      expect(stalls.map((r) => r.service_code)).toEqual([STALL]);
      expect((await list(`service_code=${STALL},${WAGES}`)).length).toBe(1000);
      const [a, b] = stalls.length > 0 ? [stalls[0] as Request311, old[0] as Request311] : [];
      // service_request_id overrides every other filter, dates included.
      const byId = await list(`service_request_id=${a?.service_request_id},${b?.service_request_id}&status=closed`);
      expect(byId.map((r) => r.service_request_id).sort()).toEqual(
        [a?.service_request_id, b?.service_request_id].sort(),
      );
      const dayOnly = await list('start_date=2025-06-01&end_date=2025-06-30');
      expect(dayOnly).toEqual([]);
    });

    it('refuses bad filters with 400 naming the parameter', async () => {
      const bad = async (query: string, pattern: RegExp) => {
        const errors = (await getBoth(t.app, `/open311/v2/requests.{fmt}?${other}&${query}`, 'errors', 400)) as {
          description: string;
        }[];
        expect(errors.map((e) => e.description).join('\n')).toMatch(pattern);
      };
      await bad('start_date=2025-01-01T00:00:00Z&end_date=2025-06-01T00:00:00Z', /more than 90 days/);
      await bad('start_date=2025-06-01T00:00:00Z&end_date=2025-05-01T00:00:00Z', /end_date: must not be before/);
      await bad('start_date=yesterday', /^start_date: "yesterday" is not a w3 date-time/);
      await bad('end_date=2025-02-30', /^end_date:/);
      await bad('status=pending', /^status: "pending" is neither open nor closed/);
      await bad('service_code=no.such', /^service_code: no service "no.such"/);
      await bad('service_request_id=12,abc', /^service_request_id: "abc"/);
      await bad(`service_code=${Array.from({ length: 201 }, () => WAGES).join(',')}`, /at most 200 codes/);
      await bad('start_date=2025-06-01&start_date=2025-06-02', /start_date: give start_date once/);
    });

    it('reads one request of the jurisdiction and 404s the rest', async () => {
      const [first] = await list('');
      expect(
        await getBoth(t.app, `/open311/v2/requests/${first?.service_request_id}.{fmt}?${other}`, 'service_requests'),
      ).toEqual([first]);
      for (const id of [first?.service_request_id, '0', 'abc', '99999999']) {
        await getBoth(t.app, `/open311/v2/requests/${id}.{fmt}?${T}`, 'errors', 404);
      }
    });
  });

  it('never answers a fuzzed POST with 5xx, and every error has a description', async () => {
    const names = [
      'api_key',
      'jurisdiction_id',
      'service_code',
      'lat',
      'long',
      'address_string',
      'address_id',
      'description',
      'media_url',
      'first_name',
      'last_name',
      'phone',
      'email',
      'attribute[anonymous]',
      'attribute[affected_groups][]',
      'attribute[occurred_at]',
      'attribute[x',
      'attribute[]',
      'attribute[a][b]',
      '__proto__',
      'constructor',
      'attribute[__proto__]',
    ];
    const value = fc.oneof(
      fc.string(),
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.constantFrom(w.key, w.otherTownKey, world.town, world.otherTown, WAGES, 'labour', 'yes', 'workers'),
      fc.constantFrom(
        '29.4',
        '120.1',
        '-91',
        '1e3',
        'NaN',
        '',
        'https://example.org/a.jpg',
        world.village,
        '13812345678',
      ),
      fc.double().map(String),
    );
    const field = fc.tuple(fc.oneof(fc.constantFrom(...names), fc.string({ maxLength: 20 })), value);
    await fc.assert(
      fc.asyncProperty(
        fc.boolean(),
        fc.array(field, { maxLength: 12 }),
        fc.constantFrom('json', 'xml'),
        async (valid, extra, format) => {
          const pairs: Pairs = valid ? body(extra) : extra;
          const response = await post(pairs, format);
          expect([200, 400, 403, 404], response.body).toContain(response.statusCode);
          if (format === 'xml') {
            const root = response.statusCode === 200 ? 'service_requests' : 'errors';
            const parsed = parseXml(response, root) as Record<string, Record<string, string>[]>;
            for (const item of Object.values(parsed).flat()) {
              expect(item.description ?? item.service_request_id).toMatch(/\S/);
            }
            return;
          }
          if (response.statusCode === 200) {
            expect(response.json()).toEqual([
              expect.objectContaining({ service_request_id: expect.stringMatching(/^\d+$/) }),
            ]);
          } else {
            expectErrors(response, response.statusCode);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe.each(testDatabases)('Open311 GETs under random parameters on %s', (dialect) => {
  const t = useTestApp(dialect);
  beforeAll(async () => {
    await seedOpen311World(t.db);
  });

  it('never answer 5xx, and every error is a list of {code, description}', async () => {
    const text = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.string({ unit: 'binary', maxLength: 20 }),
      fc.constantFrom(
        world.town,
        world.otherTown,
        WAGES,
        'open',
        'closed,open',
        '1,2',
        '2025-06-01',
        '2025-06-01T00:00:00Z',
      ),
    );
    const names = ['jurisdiction_id', 'service_request_id', 'service_code', 'start_date', 'end_date', 'status', 'x'];
    const paths = ['services.{fmt}', 'services/{x}.{fmt}', 'requests.{fmt}', 'requests/{x}.{fmt}', 'tokens/{x}.{fmt}'];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...paths),
        text,
        fc.constantFrom('json', 'xml', 'html', ''),
        fc.array(fc.tuple(fc.constantFrom(...names), text), { maxLength: 5 }),
        async (path, segment, format, query) => {
          const url = `/open311/v2/${path.replace('{x}', encodeURIComponent(segment)).replace('{fmt}', format)}`;
          const search = new URLSearchParams(query).toString();
          const response = await t.app.inject({ url: search ? `${url}?${search}` : url });
          expect([200, 400, 404], `${url}?${search}: ${response.body}`).toContain(response.statusCode);
          if (response.statusCode !== 200) {
            if (String(response.headers['content-type']).startsWith('text/xml')) {
              parseXml(response, 'errors');
            } else {
              expectErrors(response, response.statusCode);
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe.each(testDatabases)('Open311 on a server of one town (%s)', (dialect) => {
  const t = useTestApp(dialect);
  let key: string;
  beforeAll(async () => {
    const deps = { db: t.db, actor: systemActor('test') };
    await createPlace(deps, { code: '330782', name: '义乌市', level: 'city' });
    await createPlace(deps, { code: '330782199', name: '善治镇', level: 'town', parentCode: '330782' });
    await ensureDefaultTaxonomy({ db: t.db });
    key = (await createApiKey({ db: t.db, actor: systemActor('test') }, { name: 'app', townCode: '330782199' })).key;
  });

  it('takes jurisdiction_id as optional (empty is absent), and still 404s a wrong one', async () => {
    const services = (await getBoth(t.app, '/open311/v2/services.{fmt}', 'services')) as unknown[];
    expect(services.length).toBeGreaterThan(10);
    expect(await getBoth(t.app, '/open311/v2/requests.{fmt}?jurisdiction_id=', 'service_requests')).toEqual([]);
    await getBoth(t.app, '/open311/v2/requests.{fmt}?jurisdiction_id=330782', 'errors', 404);
    const posted = await postForm(t.app, '/open311/v2/requests.json', [
      ['api_key', key],
      ['service_code', WAGES],
      ['address_string', '善治镇人民路 1 号'],
      ['description', '工资拖欠。'],
    ]);
    expect(posted.statusCode, posted.body).toBe(200);
    const [created] = posted.json() as Created[];
    const found = (await getBoth(t.app, '/open311/v2/requests.{fmt}', 'service_requests')) as Request311[];
    expect(found.map((r) => r.service_request_id)).toEqual([created?.service_request_id]);
  });
});
