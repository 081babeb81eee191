import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedRecordWorld, world } from '../records/record.testing.js';
import { useTestApp } from '../server/testing.js';
import { testDatabases } from '../store/testing.js';
import { builtinAdviceTemplates } from './advice.defaults.js';
import { placeholders } from './advice.template.js';

const town = `town=${world.town}`;
const url = (code: string, query = town) => `/api/advice-templates/${code}?${query}`;

describe.each(testDatabases)('/api/advice-templates on %s', (dialect) => {
  const t = useTestApp(dialect, { now: () => Date.parse('2025-06-11T09:00:00+08:00') });
  let secretary: Record<string, string>;
  let otherAnalyst: Record<string, string>;

  beforeAll(async () => {
    await seedRecordWorld(t.db);
    secretary = await t.signIn('secretary', [{ role: 'village_secretary', kind: 'village', code: world.village }]);
    otherAnalyst = await t.signIn('other-analyst', [{ role: 'analyst', kind: 'town', code: world.otherTown }]);
  });

  const put = (code: string, payload: unknown, headers?: Record<string, string>) =>
    t.app.inject({ method: 'PUT', url: url(code), payload: payload as object, headers });
  const audit = (action: string) =>
    t.db
      .selectFrom('audit_log')
      .select(['entity_id', 'before', 'after', 'reason'])
      .where('action', '=', action)
      .orderBy('seq')
      .execute();

  it('lists the built-in library for a town, filtered by situation', async () => {
    const list = await t.app.inject({ url: `/api/advice-templates?${town}` });
    expect(list.statusCode).toBe(200);
    const items = list.json() as { code: string; origin: string; active: boolean; situation: string }[];
    expect(items).toHaveLength(builtinAdviceTemplates.length);
    expect(items.every((item) => item.origin === 'builtin' && item.active)).toBe(true);
    expect(items[0]).toMatchObject({
      code: 'generic.village_surge',
      townCode: world.town,
      builtin: null,
      updatedAt: null,
    });
    const spread = await t.app.inject({ url: `/api/advice-templates?${town}&situation=spread` });
    expect(spread.json().every((item: { situation: string }) => item.situation === 'spread')).toBe(true);
    expect(spread.json().length).toBeGreaterThan(5);
  });

  it('edits a built-in, shows it as edited and audits the change', async () => {
    const edited = await put('noise.village_surge', { body: '{place}噪声投诉{count}，由{department}夜查。' });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({
      code: 'noise.village_surge',
      categoryCode: 'noise',
      situation: 'village_surge',
      body: '{place}噪声投诉{count}，由{department}夜查。',
      active: true,
      origin: 'edited',
      updatedAt: '2025-06-11T01:00:00.000Z',
    });
    const one = await t.app.inject({ url: url('noise.village_surge') });
    expect(one.json().builtin.body).toContain('22时后');
    expect(one.json().title).toBe('{place}{category}问题突增');
    const [entry] = await audit('advice_template.update');
    expect(entry.entity_id).toBe(`${world.town}/noise.village_surge`);
    expect(JSON.parse(entry.after ?? '{}')).toEqual({ body: '{place}噪声投诉{count}，由{department}夜查。' });
    expect(entry.reason).toBe('edit of the built-in noise.village_surge');
    // The other town keeps the built-in.
    const other = await t.app.inject({ url: url('noise.village_surge', `town=${world.otherTown}`) });
    expect(other.json().origin).toBe('builtin');
    // The same edit again changes nothing and logs nothing.
    await put('noise.village_surge', { body: '{place}噪声投诉{count}，由{department}夜查。' });
    expect(await audit('advice_template.update')).toHaveLength(1);
  });

  it('previews the edit with sample facts, and with given ones', async () => {
    const sample = await t.app.inject({
      method: 'POST',
      url: `/api/advice-templates/preview?${town}`,
      payload: { code: 'noise.village_surge' },
    });
    expect(sample.statusCode).toBe(200);
    expect(sample.json()).toMatchObject({
      code: 'noise.village_surge',
      title: '苏华村噪声扰民问题突增',
      advice: '苏华村噪声投诉12件，由苏溪镇综合行政执法队夜查。',
      department: { code: 'enforcement', name: '苏溪镇综合行政执法队' },
      facts: { situation: 'village_surge', categoryCode: 'noise', placeCode: world.village, week: 202524 },
    });
    const given = await t.app.inject({
      method: 'POST',
      url: `/api/advice-templates/preview?${town}`,
      payload: {
        template: { body: '{villages}：{terms}，{count}，{expected}' },
        facts: {
          situation: 'new_term',
          categoryCode: 'market_order.consumer_dispute',
          villageCodes: [world.village, world.otherVillage],
          terms: ['预付卡'],
          observed: 5,
          expected: null,
        },
      },
    });
    expect(given.statusCode).toBe(200);
    expect(given.json()).toMatchObject({
      code: 'market_order.new_term',
      advice: '苏华村、西山下村：“预付卡”等新词，5件，往常水平',
      department: { code: 'market' },
    });
    const spread = await t.app.inject({
      method: 'POST',
      url: `/api/advice-templates/preview?${town}`,
      payload: { facts: { situation: 'spread', categoryCode: 'fire_safety.ebike_charging' } },
    });
    expect(spread.json()).toMatchObject({
      code: 'fire_safety.spread',
      title: '电动自行车违规充电问题在苏华村、西山下村等村（社区）扩散',
      facts: { placeCode: world.town, villageCodes: [world.village, world.otherVillage] },
    });
  });

  it('creates a template of its own, which needs every field, and removes it again', async () => {
    const missing = await put('night_market.village_surge', { title: '夜市' });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().error.details.issues.map((i: { path: string }) => i.path)).toEqual([
      'categoryCode',
      'situation',
      'titleEn',
      'body',
      'bodyEn',
    ]);
    const created = await put('night_market.village_surge', {
      categoryCode: 'city_appearance.street_stall',
      situation: 'village_surge',
      title: '{place}夜市占道',
      titleEn: 'Night market in {place}',
      body: '由{department}在夜市时段定点管理。',
      bodyEn: '{department} should manage the night market on the spot.',
    });
    expect(created.statusCode).toBe(200);
    expect(created.json()).toMatchObject({ origin: 'town', active: true, builtin: null });
    const [entry] = await audit('advice_template.create');
    expect(JSON.parse(entry.after ?? '{}')).toMatchObject({ code: 'night_market.village_surge', active: true });

    const removed = await t.app.inject({ method: 'DELETE', url: url('night_market.village_surge') });
    expect(removed.statusCode).toBe(204);
    expect((await t.app.inject({ url: url('night_market.village_surge') })).statusCode).toBe(404);
    const again = await t.app.inject({ method: 'DELETE', url: url('night_market.village_surge') });
    expect(again.statusCode).toBe(404);
    expect(again.json().error.code).toBe('not_found');
  });

  it('switches a built-in off and brings it back with DELETE', async () => {
    const off = await put('labour.spread', { active: false });
    expect(off.json()).toMatchObject({ origin: 'edited', active: false });
    const list = await t.app.inject({ url: `/api/advice-templates?${town}&situation=spread` });
    expect(list.json().find((item: { code: string }) => item.code === 'labour.spread').active).toBe(false);
    expect((await t.app.inject({ method: 'DELETE', url: url('labour.spread') })).statusCode).toBe(204);
    expect((await t.app.inject({ url: url('labour.spread') })).json()).toMatchObject({
      origin: 'builtin',
      active: true,
    });
    const entry = (await audit('advice_template.delete')).at(-1);
    expect(entry?.entity_id).toBe(`${world.town}/labour.spread`);
    expect(JSON.parse(entry?.before ?? '{}')).toMatchObject({ code: 'labour.spread', active: false });
    expect(entry?.reason).toBe('back to the built-in labour.spread');
  });

  it('refuses bad templates naming the field', async () => {
    const cases: [string, unknown, string][] = [
      ['generic.spread', { bodyEn: 'In {town}' }, 'bodyEn'],
      ['generic.spread', { title: '{place' }, 'title'],
      ['generic.spread', { body: '}' }, 'body'],
      ['generic.spread', { titleEn: '' }, 'titleEn'],
      ['generic.spread', { active: false }, 'active'],
      ['generic.spread', { situation: 'slow_rise' }, 'situation'],
      ['noise.spread', { categoryCode: 'labour' }, 'categoryCode'],
      ['mine.spread', { ...builtinAdviceTemplates[0], categoryCode: 'no_such_area' }, 'categoryCode'],
      ['mine.spread', { ...builtinAdviceTemplates[0], situation: 'outbreak' }, 'situation'],
      ['mine.spread', { ...builtinAdviceTemplates[0], body: 'a\u0000b' }, 'body'],
    ];
    for (const [code, payload, field] of cases) {
      const response = await put(code, payload);
      expect(response.statusCode, `${code} ${JSON.stringify(payload)}`).toBe(422);
      expect(response.json().error.details.issues[0].path).toBe(field);
    }
    expect((await put('Bad Code', {})).statusCode).toBe(422);
    const unknownTown = await t.app.inject({ url: '/api/advice-templates?town=999' });
    expect(unknownTown.statusCode).toBe(422);
    expect(unknownTown.json().error.details.issues[0].path).toBe('town');
    const village = await t.app.inject({ url: `/api/advice-templates?town=${world.village}` });
    expect(village.statusCode).toBe(422);
    const badWeek = await t.app.inject({
      method: 'POST',
      url: `/api/advice-templates/preview?${town}`,
      payload: { facts: { week: 202554 } },
    });
    expect(badWeek.json().error.details.issues[0].path).toBe('facts.week');
    const foreignVillage = await t.app.inject({
      method: 'POST',
      url: `/api/advice-templates/preview?${town}`,
      payload: { facts: { villageCodes: [world.otherTownVillage] } },
    });
    expect(foreignVillage.json().error.details.issues[0].path).toBe('facts.villageCodes.0');
  });

  it('lets readers of the town read and preview, and only writers of the whole town write', async () => {
    expect((await t.app.inject({ url: `/api/advice-templates?${town}`, headers: secretary })).statusCode).toBe(200);
    const preview = await t.app.inject({
      method: 'POST',
      url: `/api/advice-templates/preview?${town}`,
      payload: {},
      headers: secretary,
    });
    expect(preview.statusCode).toBe(200);
    expect((await put('generic.spread', { body: '改。' }, secretary)).statusCode).toBe(403);
    expect((await put('generic.spread', { body: '改。' }, otherAnalyst)).statusCode).toBe(403);
    expect((await t.app.inject({ url: `/api/advice-templates?${town}`, headers: otherAnalyst })).statusCode).toBe(403);
    expect(
      (await t.app.inject({ url: `/api/advice-templates?town=${world.otherTown}`, headers: otherAnalyst })).statusCode,
    ).toBe(200);
    expect((await t.anonymous.inject({ url: `/api/advice-templates?${town}` })).statusCode).toBe(401);
  });

  it('never answers a random PUT body with a 5xx, and stores only valid templates (fuzz)', async () => {
    const text = fc.oneof(
      fc.string(),
      fc
        .array(fc.oneof(fc.string(), fc.constantFrom(...placeholders.map((p) => `{${p}}`), '{', '}', '{x}')))
        .map((p) => p.join('')),
    );
    const body = fc.oneof(
      fc.jsonValue(),
      fc.record(
        {
          categoryCode: fc.oneof(
            fc.string(),
            fc.constant(null),
            fc.constantFrom('noise', 'labour.enterprise_dispute', 'x.y'),
          ),
          situation: fc.oneof(fc.string(), fc.constantFrom('spread', 'new_term')),
          title: text,
          titleEn: text,
          body: text,
          bodyEn: text,
          active: fc.oneof(fc.boolean(), fc.jsonValue()),
        },
        { requiredKeys: [] },
      ),
    );
    const code = fc.constantFrom('generic.new_term', 'noise.spread', 'fuzz.one', 'fuzz.two', 'Bad', 'a..b');
    await fc.assert(
      fc.asyncProperty(code, body, async (templateCode, payload) => {
        const response = await t.app.inject({
          method: 'PUT',
          url: url(templateCode),
          payload: JSON.stringify(payload),
          headers: { 'content-type': 'application/json' },
        });
        expect(response.statusCode).toBeLessThan(500);
        if (response.statusCode >= 400) {
          expect(response.json().error).toMatchObject({ code: expect.any(String), message: expect.any(String) });
        } else {
          const stored = response.json();
          for (const field of ['title', 'titleEn', 'body', 'bodyEn']) {
            for (const match of String(stored[field]).matchAll(/\{([^{}]*)\}/g)) {
              expect(placeholders).toContain(match[1]);
            }
          }
        }
      }),
      { numRuns: 80 },
    );
    // Drafting still works whatever was stored.
    const preview = await t.app.inject({
      method: 'POST',
      url: `/api/advice-templates/preview?${town}`,
      payload: { facts: { situation: 'new_term', categoryCode: 'noise' } },
    });
    expect(preview.statusCode).toBe(200);
  });

  it('never answers a random preview with a 5xx (fuzz)', async () => {
    const week = fc.oneof(fc.integer({ min: 200_001, max: 203_053 }), fc.integer(), fc.string());
    const number = fc.oneof(fc.double(), fc.integer(), fc.constant(null), fc.string());
    const facts = fc.record(
      {
        situation: fc.oneof(fc.string(), fc.constantFrom('spread', 'slow_rise', 'overdue_backlog')),
        categoryCode: fc.oneof(fc.string(), fc.constant(null), fc.constantFrom('labour', 'noise.industrial', 'x')),
        placeCode: fc.oneof(fc.string(), fc.constantFrom(world.town, world.village, world.otherTownVillage)),
        villageCodes: fc.array(fc.oneof(fc.string(), fc.constantFrom(world.village, world.otherVillage, world.town))),
        week,
        sinceWeek: week,
        observed: number,
        expected: number,
        upperBound: number,
        terms: fc.array(fc.string()),
        slopePerWeek: number,
        overdue: number,
      },
      { requiredKeys: [] },
    );
    const body = fc.oneof(
      fc.jsonValue(),
      fc.record(
        {
          code: fc.oneof(fc.string(), fc.constantFrom('generic.spread', 'labour.new_term', 'none.such')),
          template: fc.oneof(
            fc.jsonValue(),
            fc.record({ body: fc.string(), titleEn: fc.string() }, { requiredKeys: [] }),
          ),
          facts: fc.oneof(fc.jsonValue(), facts),
        },
        { requiredKeys: [] },
      ),
    );
    await fc.assert(
      fc.asyncProperty(body, async (payload) => {
        const response = await t.app.inject({
          method: 'POST',
          url: `/api/advice-templates/preview?${town}`,
          payload: JSON.stringify(payload),
          headers: { 'content-type': 'application/json' },
        });
        expect(response.statusCode).toBeLessThan(500);
        if (response.statusCode >= 400) {
          expect(response.json().error).toMatchObject({ code: expect.any(String), message: expect.any(String) });
        } else {
          expect(response.json().advice.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('documents its routes in the OpenAPI description', async () => {
    const paths = Object.keys((await t.app.inject({ url: '/api/docs/json' })).json().paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/advice-templates',
        '/api/advice-templates/{code}',
        '/api/advice-templates/preview',
      ]),
    );
  });
});
