import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../server/testing.js';
import { testDatabases } from '../store/testing.js';
import { makeCaseInput, makeComplaintInput, seedRecordWorld } from './record.testing.js';

interface BatchBody {
  results: { index: number; outcome: string; id?: number; errors?: { path: string; message: string }[] }[];
  counts: Record<'inserted' | 'updated' | 'unchanged' | 'rejected', number>;
}

describe.each(testDatabases)('POST /api/complaints/batch and /api/cases/batch on %s', (dialect) => {
  const t = useTestApp(dialect);
  beforeAll(async () => {
    await seedRecordWorld(t.db);
  });
  const post = (url: string, payload: unknown) =>
    t.app.inject({
      method: 'POST',
      url,
      payload: JSON.stringify(payload),
      headers: { 'content-type': 'application/json' },
    });

  it('answers each item of a complaint batch and stores the valid ones', async () => {
    const response = await post('/api/complaints/batch', {
      items: [
        makeComplaintInput({ externalNo: 'HB-1' }),
        makeComplaintInput({ externalNo: 'HB-2', channel: 'pigeon' as 'web' }),
        makeComplaintInput({ externalNo: 'HB-3', complainantPhone: '13955556666' }),
      ],
    });
    expect(response.statusCode).toBe(200);
    const body = response.json<BatchBody>();
    expect(body.counts).toEqual({ inserted: 2, updated: 0, unchanged: 0, rejected: 1 });
    expect(body.results[1]).toEqual({
      index: 1,
      outcome: 'rejected',
      code: 'invalid_input',
      errors: [{ path: 'items.1.channel', message: expect.any(String) }],
    });
    const third = await t.app.inject({ url: `/api/complaints/${body.results[2]?.id}` });
    expect(third.json()).toMatchObject({ externalNo: 'HB-3', complainant: { phone: '139****6666' } });
    expect(response.body).not.toContain('13955556666');
  });

  it('answers each item of a case batch', async () => {
    const first = makeCaseInput({ externalNo: 'HC-1' });
    await post('/api/cases', first);
    const response = await post('/api/cases/batch', {
      items: [first, { ...first, outcome: 'warning' }, makeCaseInput({ externalNo: 'HC-2', penaltyFen: -5 })],
    });
    expect(response.statusCode).toBe(200);
    expect(response.json<BatchBody>().results.map((r) => r.errors?.[0]?.path ?? r.outcome)).toEqual([
      'unchanged',
      'items.1.externalNo',
      'items.2.penaltyFen',
    ]);
  });

  it('refuses a batch without items, with none, or with more than 1,000, naming items', async () => {
    for (const payload of [{}, { items: [] }, { items: 'x' }, { items: Array.from({ length: 1_001 }, () => 1) }]) {
      const response = await post('/api/complaints/batch', payload);
      expect(response.statusCode).toBe(422);
      expect(response.json().error.details.issues.map((i: { path: string }) => i.path)).toContain('items');
    }
  });

  // Random bodies, and batches of valid items with random fields replaced: never a 5xx, every item answered, and
  // every rejection says where (a path under its item) and why.
  const fields = Object.keys({ ...makeComplaintInput(), ...makeCaseInput() }).concat([
    'closedAt',
    'complaintId',
    'lat',
  ]);
  const awkward = fc.string({ unit: fc.constantFrom('\u0000', '\uD800', 'a', '张', '-', '9', ' ') });
  const item = (base: () => Record<string, unknown>) =>
    fc.oneof(
      fc.constant(null).map(() => base()),
      fc.jsonValue(),
      fc
        .dictionary(fc.constantFrom(...fields), fc.oneof(fc.jsonValue({ stringUnit: 'binary' }), awkward), {
          minKeys: 1,
          maxKeys: 3,
        })
        .map((changes) => ({ ...base(), ...changes })),
    );
  for (const [url, base] of [
    ['/api/complaints/batch', makeComplaintInput],
    ['/api/cases/batch', makeCaseInput],
  ] as const) {
    it(`never answers a random body to POST ${url} with a 5xx (fuzz)`, async () => {
      const body = fc.oneof(
        { weight: 1, arbitrary: fc.jsonValue() },
        {
          weight: 4,
          arbitrary: fc.array(
            item(() => ({ ...base() })),
            { maxLength: 8 },
          ),
        },
      );
      await fc.assert(
        fc.asyncProperty(body, async (payload) => {
          const items = Array.isArray(payload) ? payload : undefined;
          const response = await post(url, items ? { items } : payload);
          expect(response.statusCode).toBeLessThan(500);
          if (response.statusCode !== 200) {
            expect(response.statusCode).toBe(422);
            const { error } = response.json();
            expect(error.message).toEqual(expect.any(String));
            // Fields are named, except when the JSON parser refuses the whole body (a "__proto__" key).
            if (!/__proto__/.test(JSON.stringify(payload))) {
              expect(error.details.issues.length).toBeGreaterThan(0);
            }
            return;
          }
          const { results, counts } = response.json<BatchBody>();
          expect(results.map((r) => r.index)).toEqual(items?.map((_, i) => i));
          expect(counts.inserted + counts.updated + counts.unchanged + counts.rejected).toBe(results.length);
          for (const result of results) {
            if (result.outcome === 'rejected') {
              expect(result.errors?.length).toBeGreaterThan(0);
              for (const error of result.errors ?? []) {
                expect(error.path).toMatch(new RegExp(`^items\\.${result.index}(\\.|$)`));
                expect(error.message.length).toBeGreaterThan(0);
              }
            } else {
              expect(result.id).toBeGreaterThan(0);
            }
          }
        }),
        { numRuns: 60 },
      );
    });
  }
});
