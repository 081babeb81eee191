import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../server/testing.js';
import { testDatabases } from '../store/testing.js';
import { type DefaultCategory, defaultTaxonomy, UNCLASSIFIED_CODE } from './default-taxonomy.js';
import { ensureDefaultTaxonomy } from './default-taxonomy.service.js';

const count = (list: readonly DefaultCategory[]): number => list.reduce((n, c) => n + 1 + count(c.children ?? []), 0);

interface Node {
  code: string;
  children: Node[];
}

describe.each(testDatabases)('/api/categories on %s', (dialect) => {
  const t = useTestApp(dialect);

  it('serves the default tree, flat list, one category and the versions', async () => {
    await ensureDefaultTaxonomy({ db: t.db });
    const tree = await t.app.inject({ url: '/api/categories' });
    expect(tree.statusCode).toBe(200);
    const body = tree.json() as { version: number; tree: Node[] };
    expect(body.version).toBe(1);
    const labour = body.tree.find((n) => n.code === 'labour');
    const dispute = labour?.children.find((n) => n.code === 'labour.enterprise_dispute');
    expect(dispute?.children.map((n) => n.code)).toContain('labour.enterprise_dispute.wage_arrears');

    const flat = await t.app.inject({ url: '/api/categories?flat=1&level=2' });
    const categories = flat.json().categories as { code: string; level: number }[];
    expect(categories.every((c) => c.level === 2)).toBe(true);
    expect(categories.map((c) => c.code)).toContain(UNCLASSIFIED_CODE);

    const one = await t.app.inject({ url: '/api/categories/city_appearance.street_stall' });
    expect(one.json()).toMatchObject({ name: '占道经营', parentCode: 'city_appearance', level: 2, retired: false });
    const versions = await t.app.inject({ url: '/api/taxonomy/versions' });
    expect(versions.json()).toEqual([
      {
        version: 1,
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        note: expect.any(String),
        categoryCount: count(defaultTaxonomy),
      },
    ]);
  });

  it('adds, edits, retires over HTTP and reads an old version back', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/categories',
      payload: { code: 'noise.square_dance', name: '广场舞噪声', nameEn: 'Square dancing noise', parentCode: 'noise' },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ level: 2, path: ['noise', 'noise.square_dance'] });
    const patched = await t.app.inject({
      method: 'PATCH',
      url: '/api/categories/noise.square_dance',
      payload: { name: '广场舞扰民', retired: true },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ name: '广场舞扰民', retired: true });

    const current = await t.app.inject({ url: '/api/categories?flat=true' });
    expect(current.json().version).toBe(3);
    expect(current.json().categories.map((c: { code: string }) => c.code)).not.toContain('noise.square_dance');
    const withRetired = await t.app.inject({ url: '/api/categories?flat=1&includeRetired=1' });
    expect(withRetired.json().categories.map((c: { code: string }) => c.code)).toContain('noise.square_dance');
    const v2 = await t.app.inject({ url: '/api/categories?flat=1&version=2' });
    expect(v2.json().categories.find((c: { code: string }) => c.code === 'noise.square_dance')).toMatchObject({
      name: '广场舞噪声',
      retired: false,
    });
  });

  it('answers bad input with invalid_input or conflict naming the field', async () => {
    const post = (payload: unknown) =>
      t.app.inject({ method: 'POST', url: '/api/categories', payload: payload as object });
    const cases: [unknown, number, string][] = [
      [{ code: 'x.y', name: '某', nameEn: 'Some', parentCode: 'nowhere' }, 422, 'parentCode'],
      [
        { code: 'x.y.z.w', name: '四级', nameEn: 'Fourth', parentCode: 'labour.enterprise_dispute.wage_arrears' },
        422,
        'parentCode',
      ],
      [{ code: 'labour', name: '劳动', nameEn: 'Labour' }, 409, 'code'],
      [{ code: 'noise.other', name: '工业噪声', nameEn: 'Industry', parentCode: 'noise' }, 409, 'name'],
      [{ code: 'UPPER', name: '大写', nameEn: 'Upper' }, 422, 'code'],
      [{ code: 'ok', name: '好', nameEn: 'Ok', sortOrder: -1 }, 422, 'sortOrder'],
    ];
    for (const [payload, status, field] of cases) {
      const response = await post(payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(status);
      expect(response.json().error.details.issues.map((i: { path: string }) => i.path)).toContain(field);
    }
    const move = await t.app.inject({
      method: 'PATCH',
      url: '/api/categories/noise.industrial',
      payload: { parentCode: null },
    });
    expect(move.statusCode).toBe(422);
    expect(move.json().error.details.issues[0].path).toBe('parentCode');
    const missing = await t.app.inject({ method: 'PATCH', url: '/api/categories/no.such', payload: { name: '无' } });
    expect(missing.statusCode).toBe(404);
    expect((await t.app.inject({ url: '/api/categories/no.such' })).json().error.code).toBe('not_found');
    const badVersion = await t.app.inject({ url: '/api/categories?version=999' });
    expect(badVersion.statusCode).toBe(422);
    expect(badVersion.json().error.details.issues[0].path).toBe('version');
    const badQuery = await t.app.inject({ url: '/api/categories?level=4&flat=maybe' });
    expect(badQuery.statusCode).toBe(422);
  });

  it('documents its routes in OpenAPI', async () => {
    const docs = await t.app.inject({ url: '/api/docs/json' });
    expect(docs.statusCode).toBe(200);
    const { paths, components } = docs.json();
    const ours = ['/api/categories', '/api/categories/{code}', '/api/taxonomy/versions'];
    expect(Object.keys(paths)).toEqual(expect.arrayContaining(ours));
    // every $ref in our paths points at a component that is there (a recursive schema would leave one dangling)
    const refs = JSON.stringify(ours.map((p) => paths[p])).match(/"\$ref":"[^"]+"/g) ?? [];
    for (const ref of refs) {
      const name = ref.split('/').at(-1)?.replace('"', '') ?? '';
      expect(components?.schemas?.[name], ref).toBeDefined();
    }
    const tree = paths['/api/categories'].get.responses['200'].content['application/json'].schema;
    expect(JSON.stringify(tree)).toContain('"children"');
  });

  it('never answers a random body with a 5xx (fuzz)', async () => {
    const before = (await t.app.inject({ url: '/api/taxonomy/versions' })).json().length as number;
    let created = 0;
    const fields = {
      code: fc.oneof(fc.string(), fc.stringMatching(/^[a-z][a-z0-9_]{0,8}(\.[a-z][a-z0-9_]{0,8}){0,3}$/)),
      name: fc.oneof(fc.string(), fc.stringMatching(/^[\u4e00-\u9fa5]{1,8}$/)),
      nameEn: fc.oneof(fc.string(), fc.stringMatching(/^[A-Z][a-z ]{0,12}$/)),
      parentCode: fc.oneof(fc.constantFrom('labour', 'labour.enterprise_dispute', 'noise', 'nowhere'), fc.string()),
      sortOrder: fc.oneof(fc.integer(), fc.double()),
      note: fc.string(),
    };
    // mostly wrong bodies, and about a third that should be accepted, so both answers are exercised
    const plausible = fc.record(
      {
        code: fc.stringMatching(/^[a-z][a-z0-9_]{2,10}\.[a-z][a-z0-9_]{2,10}$/),
        name: fc.stringMatching(/^[\u4e00-\u9fa5]{2,8}$/),
        nameEn: fc.stringMatching(/^[A-Z][a-z ]{2,12}$/),
        parentCode: fc.constantFrom('labour', 'labour.enterprise_dispute', 'noise'),
        sortOrder: fc.nat(1000),
      },
      { requiredKeys: ['code', 'name', 'nameEn'] },
    );
    const bodies = fc.oneof(fc.jsonValue(), fc.record(fields, { requiredKeys: [] }), plausible);
    await fc.assert(
      fc.asyncProperty(bodies, async (body) => {
        const response = await t.app.inject({
          method: 'POST',
          url: '/api/categories',
          payload: JSON.stringify(body),
          headers: { 'content-type': 'application/json' },
        });
        expect(response.statusCode).toBeLessThan(500);
        if (response.statusCode >= 400) {
          expect(response.json().error).toMatchObject({ code: expect.any(String), message: expect.any(String) });
        } else {
          expect(response.statusCode).toBe(201);
          created += 1;
        }
      }),
      { numRuns: 100 },
    );
    expect(created).toBeGreaterThan(0);
    // every accepted body made exactly one version, every rejected one none
    expect((await t.app.inject({ url: '/api/taxonomy/versions' })).json()).toHaveLength(before + created);
  });

  it('never answers a random PATCH with a 5xx (fuzz)', async () => {
    const bodies = fc.oneof(
      fc.jsonValue(),
      fc.record(
        {
          name: fc.string(),
          nameEn: fc.string(),
          parentCode: fc.oneof(fc.constant(null), fc.constantFrom('labour', 'noise', 'other'), fc.string()),
          sortOrder: fc.integer(),
          retired: fc.oneof(fc.boolean(), fc.jsonValue()),
        },
        { requiredKeys: [] },
      ),
    );
    const codes = fc.constantFrom(
      'noise.industrial',
      'labour.enterprise_dispute',
      'other',
      UNCLASSIFIED_CODE,
      'no.such',
    );
    await fc.assert(
      fc.asyncProperty(codes, bodies, async (code, body) => {
        const response = await t.app.inject({
          method: 'PATCH',
          url: `/api/categories/${code}`,
          payload: JSON.stringify(body),
          headers: { 'content-type': 'application/json' },
        });
        expect(response.statusCode).toBeLessThan(500);
        if (response.statusCode >= 400) {
          expect(response.json().error).toMatchObject({ code: expect.any(String), message: expect.any(String) });
        }
      }),
      { numRuns: 80 },
    );
    const unclassified = await t.app.inject({ url: `/api/categories/${UNCLASSIFIED_CODE}` });
    expect(unclassified.json().retired).toBe(false);
  });
});
