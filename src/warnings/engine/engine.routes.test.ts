import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedRecordWorld, world } from '../../records/record.testing.js';
import { useTestApp } from '../../server/testing.js';
import { testDatabases } from '../../store/testing.js';

describe.each(testDatabases)('/api/warnings/run and /api/warnings/runs on %s', (dialect) => {
  const t = useTestApp(dialect, { now: () => Date.parse('2025-06-11T09:00:00+08:00') });
  let secretary: Record<string, string>;

  beforeAll(async () => {
    await seedRecordWorld(t.db);
    secretary = await t.signIn('secretary', [{ role: 'village_secretary', kind: 'village', code: world.village }]);
  });

  const run = (payload: unknown, headers?: Record<string, string>) =>
    t.app.inject({ method: 'POST', url: '/api/warnings/run', payload: payload as object, headers });

  it('runs the engine for the last complete week by default, and lists the run', async () => {
    const response = await run({ town: world.town });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ town: { code: world.town }, week: 202523 });
    const runs = await t.app.inject({ url: `/api/warnings/runs?town=${world.town}` });
    expect(runs.json().items[0]).toMatchObject({
      id: response.json().runId,
      week: 202523,
      trigger: 'api',
      error: null,
    });
  });

  it('refuses a bad week or town naming the field, and a village scope', async () => {
    expect((await run({ town: world.town, week: '2025W54' })).json().error.details.issues[0].path).toBe('week');
    expect((await run({ town: world.town, week: '2026W10' })).json().error.details.issues[0].path).toBe('week');
    expect((await run({ town: 'nowhere' })).json().error.details.issues[0].path).toBe('town');
    expect((await run({ town: world.town }, secretary)).statusCode).toBe(403);
    expect((await t.app.inject({ url: `/api/warnings/runs?town=${world.town}`, headers: secretary })).statusCode).toBe(
      200,
    );
  });

  it('never answers a random body with a 5xx (fuzz)', async () => {
    const body = fc.oneof(
      fc.jsonValue(),
      fc.record({
        town: fc.oneof(fc.string(), fc.constantFrom(world.town, world.village, world.otherTown)),
        week: fc.oneof(fc.string(), fc.integer(), fc.constantFrom('2025W20', '202401', '2025-W01', 202553)),
      }),
    );
    await fc.assert(
      fc.asyncProperty(body, async (payload) => {
        const response = await t.app.inject({
          method: 'POST',
          url: '/api/warnings/run',
          payload: JSON.stringify(payload),
          headers: { 'content-type': 'application/json' },
        });
        expect(response.statusCode).toBeLessThan(500);
        if (response.statusCode >= 400) {
          expect(response.json().error).toMatchObject({ code: expect.any(String), message: expect.any(String) });
        }
      }),
      { numRuns: 60 },
    );
  });
});
