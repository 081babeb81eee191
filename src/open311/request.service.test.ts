import { beforeAll, describe, expect, it } from 'vitest';
import { testCipher, world } from '../records/record.testing.js';
import { useTestApp } from '../server/testing.js';
import { testDatabases } from '../store/testing.js';
import {
  type Created,
  expectErrors,
  geo,
  getBoth,
  type Open311World,
  type Pairs,
  postForm,
  type Request311,
  seedOpen311World,
  validPairs,
} from './open311.testing.js';

/*
 * What Shanzhi does with an Open311 report beyond the spec: where it is filed (the village or group of a point, an
 * address_id, an address naming a village) and how the reporter's personal data is kept.
 */
describe.each(testDatabases)('Open311 requests filed on %s', (dialect) => {
  const t = useTestApp(dialect);
  let w: Open311World;
  beforeAll(async () => {
    w = await seedOpen311World(t.db);
  });
  const T = `jurisdiction_id=${world.town}`;
  const post = (pairs: Pairs) => postForm(t.app, '/open311/v2/requests.json', pairs);
  const create = async (more: Pairs): Promise<Created> => {
    const response = await post(validPairs(w.key, more));
    expect(response.statusCode, response.body).toBe(200);
    return (response.json() as Created[])[0] as Created;
  };
  const requestOf = async (id: string) =>
    ((await getBoth(t.app, `/open311/v2/requests/${id}.{fmt}?${T}`, 'service_requests')) as Request311[])[0];

  it('finds the group or village a point lies in, else the nearest centroid in the town, else none', async () => {
    const at = async (point: { lat: number; lng: number }) => {
      const created = await create([
        ['address_string', ''],
        ['lat', String(point.lat)],
        ['long', String(point.lng)],
      ]);
      return requestOf(created.service_request_id);
    };
    expect(await at(geo.inGroup)).toMatchObject({
      address_id: world.group,
      lat: geo.inGroup.lat,
      long: geo.inGroup.lng,
    });
    expect(await at(geo.inVillageOnly)).toMatchObject({ address_id: world.village, address: '苏华村，苏溪镇' });
    // 大陈镇's village is nearer still, but it is another town's.
    expect(await at(geo.nearOtherVillage)).toMatchObject({ address_id: world.otherVillage });
    expect(await at(geo.farAway)).toMatchObject({
      address_id: null,
      address: null,
      lat: geo.farAway.lat,
      long: geo.farAway.lng,
    });
  });

  it('files by address_id (a village or group of the town) and refuses other places', async () => {
    const created = await create([
      ['address_string', ''],
      ['address_id', world.group],
    ]);
    expect(await requestOf(created.service_request_id)).toMatchObject({ address_id: world.group });
    for (const code of [world.otherTownVillage, world.town, 'nowhere']) {
      expectErrors(await post(validPairs(w.key, [['address_id', code]])), 400, /^address_id: no village or group/);
    }
  });

  it('keeps personal data out of Open311 output, stores it only encrypted, and not at all when anonymous', async () => {
    const named = await create([
      ['first_name', '三'],
      ['last_name', '张'],
      ['phone', '13812345678'],
      ['email', 'zhang.san@example.org'],
      ['description', '欠薪，请回电 13812345678，身份证 330782199001011234。'],
    ]);
    for (const format of ['json', 'xml']) {
      const one = await t.app.inject({ url: `/open311/v2/requests/${named.service_request_id}.${format}?${T}` });
      const all = await t.app.inject({ url: `/open311/v2/requests.${format}?${T}` });
      for (const text of [one.body, all.body]) {
        for (const secret of ['张三', '13812345678', 'zhang.san', '330782199001011234']) {
          expect(text).not.toContain(secret);
        }
      }
      expect(one.body).toContain('138****5678');
    }
    const row = await t.db
      .selectFrom('complaint')
      .selectAll()
      .where('id', '=', Number(named.service_request_id))
      .executeTakeFirstOrThrow();
    expect(testCipher.decrypt(row.complainant_name_enc ?? '')).toBe('张三');
    expect(testCipher.decrypt(row.complainant_phone_enc ?? '')).toBe('13812345678');
    // The email is not kept at all; the name only encrypted.
    expect(Object.values(row).map(String).join('\n')).not.toMatch(/zhang\.san|张三/);

    const western = await create([
      ['first_name', 'Ann'],
      ['last_name', 'Lee'],
    ]);
    const westernRow = await t.db
      .selectFrom('complaint')
      .select('complainant_name_enc')
      .where('id', '=', Number(western.service_request_id))
      .executeTakeFirstOrThrow();
    expect(testCipher.decrypt(westernRow.complainant_name_enc ?? '')).toBe('Ann Lee');

    const anonymous = await create([
      ['first_name', '四'],
      ['last_name', '李'],
      ['phone', '13900001111'],
      ['attribute[anonymous]', 'yes'],
    ]);
    const hidden = await t.db
      .selectFrom('complaint')
      .select(['complainant_name_enc', 'complainant_phone_enc', 'complainant_phone_hash'])
      .where('id', '=', Number(anonymous.service_request_id))
      .executeTakeFirstOrThrow();
    expect(hidden).toEqual({ complainant_name_enc: null, complainant_phone_enc: null, complainant_phone_hash: null });
  });
  it('writes the complaint as the api_key’s token, audited under it with personal data masked', async () => {
    const created = await create([
      ['first_name', '五'],
      ['last_name', '王'],
      ['phone', '13977778888'],
    ]);
    const entry = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'complaint.create')
      .where('entity_id', '=', created.service_request_id)
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ actor_kind: 'token', actor_name: 'test app', entity: 'complaint' });
    expect(JSON.parse(entry.after ?? '{}')).toMatchObject({
      source_system: 'open311',
      complainant_name: '[personal data]',
      complainant_phone: '[personal data]',
    });
    expect(JSON.stringify(entry)).not.toMatch(/13977778888|王五/);
  });
});
