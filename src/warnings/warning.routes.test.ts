import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedRecordWorld, world } from '../records/record.testing.js';
import { useTestApp } from '../server/testing.js';
import { testDatabases } from '../store/testing.js';
import { monthlyProblemSchema } from './monthly-problem.schema.js';
import { warningDetailSchema, warningPageSchema, warningStatuses } from './warning.schema.js';
import { insertTestWarning } from './warning.testing.js';

/*
 * The warnings API over HTTP: list and detail, each lifecycle route with its 409 and 422 answers, the problems of
 * the month, the OpenAPI description, and random bodies on every POST and PATCH (never a 5xx).
 */

const json = (method: 'POST' | 'PATCH', url: string, payload?: unknown) => ({
  method,
  url,
  ...(payload === undefined
    ? {}
    : { payload: JSON.stringify(payload), headers: { 'content-type': 'application/json' } }),
});

describe.each(testDatabases)('the warnings API on %s', (dialect) => {
  const t = useTestApp(dialect);
  let secretary: Record<string, string> = {};

  beforeAll(async () => {
    await seedRecordWorld(t.db);
    secretary = await t.signIn('secretary', [{ role: 'village_secretary', kind: 'village', code: world.village }]);
  });

  it('lists and shows warnings within the reader’s scope', async () => {
    const mine = await insertTestWarning(t.db, { severity: 'red' });
    const other = await insertTestWarning(t.db, { placeCode: world.otherVillage, status: 'acknowledged' });
    const all = await t.app.inject({ url: `/api/warnings?town=${world.town}&status=new&status=acknowledged` });
    expect(all.statusCode).toBe(200);
    const page = warningPageSchema.parse(all.json());
    expect(page.items.map((w) => w.id)).toEqual([mine, other]);
    const own = await t.app.inject({ url: '/api/warnings', headers: secretary });
    expect(own.json().items.map((w: { id: number }) => w.id)).toEqual([mine]);

    const detail = await t.app.inject({ url: `/api/warnings/${mine}`, headers: secretary });
    expect(detail.statusCode).toBe(200);
    expect(warningDetailSchema.parse(detail.json()).facts.series?.weeks).toEqual([202522, 202523]);
    const hidden = await t.app.inject({ url: `/api/warnings/${other}`, headers: secretary });
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().error.code).toBe('not_found');

    const bad = await t.app.inject({ url: '/api/warnings?status=open&severity=red' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.details.issues[0].path).toBe('status');
  });

  it('takes each lifecycle step, answering 409 with the current status and 422 naming the field', async () => {
    const id = await insertTestWarning(t.db);
    const step = (verb: string, payload?: unknown, headers?: Record<string, string>) =>
      t.app.inject({ ...json('POST', `/api/warnings/${id}/${verb}`, payload), ...(headers && { headers }) });

    const ack = await step('acknowledge');
    expect(ack.statusCode, ack.body).toBe(200);
    expect(ack.json().status).toBe('acknowledged');
    const twice = await step('acknowledge', {});
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error).toMatchObject({ code: 'conflict', details: { status: 'acknowledged' } });
    expect(twice.json().error.message).toContain('acknowledged');

    const missing = await step('rectify', { owner: '王五', actions: '约谈' });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().error.details.issues.map((i: { path: string }) => i.path)).toEqual(['dueDay']);
    const rectify = await step('rectify', { owner: '王五', dueDay: '2025-07-15', actions: '约谈企业' });
    expect(rectify.json()).toMatchObject({ status: 'rectifying', owner: '王五', dueDay: '2025-07-15' });

    const patch = await t.app.inject(json('PATCH', `/api/warnings/${id}/rectification`, { actions: '约谈并督促补发' }));
    expect(patch.statusCode).toBe(200);
    expect(patch.json().actions).toBe('约谈并督促补发');
    const stale = await step('close', { result: '已补发', expectedStatus: 'acknowledged' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details.status).toBe('rectifying');

    expect((await step('close', { result: '已补发' })).json().status).toBe('closed');
    expect((await step('dismiss', { reason: '误报' })).statusCode).toBe(409);
    expect((await step('reopen', {})).statusCode).toBe(422);
    expect((await step('reopen', { note: '复发' })).json().status).toBe('acknowledged');
    expect((await step('dismiss', { reason: '误报' })).json().status).toBe('dismissed');

    const history = (await t.app.inject({ url: `/api/warnings/${id}` })).json();
    expect(history.events.map((e: { action: string }) => e.action)).toEqual([
      'detected',
      'acknowledged',
      'rectification_started',
      'rectification_updated',
      'closed',
      'reopened',
      'dismissed',
    ]);
    expect(history.events[1].actor.name).toBe('test-admin');
    expect((await t.app.inject({ ...json('POST', '/api/warnings/987654/acknowledge') })).statusCode).toBe(404);
  });

  it('makes a warning the problem of the month and updates it', async () => {
    const id = await insertTestWarning(t.db);
    const body = { month: '2025-07', owner: '李四', plan: '专项整治' };
    const created = await t.app.inject(json('POST', `/api/warnings/${id}/monthly-problem`, body));
    expect(created.statusCode).toBe(201);
    const problem = monthlyProblemSchema.parse(created.json());
    expect((await t.app.inject(json('POST', `/api/warnings/${id}/monthly-problem`, body))).statusCode).toBe(409);
    const refused = await t.app.inject({
      ...json('POST', `/api/warnings/${id}/monthly-problem`, { ...body, month: '2025-08' }),
      headers: { ...secretary, 'content-type': 'application/json' },
    });
    expect(refused.statusCode).toBe(403);

    const listed = await t.app.inject({ url: `/api/monthly-problems?town=${world.town}&month=2025-07` });
    expect(listed.json().items.map((p: { id: number }) => p.id)).toContain(problem.id);
    const done = await t.app.inject(
      json('PATCH', `/api/monthly-problems/${problem.id}`, { status: 'done', outcome: '投诉下降七成' }),
    );
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ status: 'done', outcome: '投诉下降七成' });
    const noOutcome = await t.app.inject(json('PATCH', `/api/monthly-problems/${problem.id}`, { outcome: ' ' }));
    expect(noOutcome.json().error.details.issues[0].path).toBe('outcome');
  });

  it('documents its routes in the OpenAPI description', async () => {
    const paths = Object.keys((await t.app.inject({ url: '/api/docs/json' })).json().paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/warnings',
        '/api/warnings/{id}',
        '/api/warnings/{id}/acknowledge',
        '/api/warnings/{id}/rectify',
        '/api/warnings/{id}/rectification',
        '/api/warnings/{id}/close',
        '/api/warnings/{id}/dismiss',
        '/api/warnings/{id}/reopen',
        '/api/warnings/{id}/monthly-problem',
        '/api/monthly-problems',
        '/api/monthly-problems/{id}',
      ]),
    );
  });

  it('never answers a random body with a 5xx, and keeps history and status in step (fuzz)', async () => {
    const ids = [
      await insertTestWarning(t.db),
      await insertTestWarning(t.db, { status: 'rectifying' }),
      await insertTestWarning(t.db, { status: 'closed' }),
    ];
    const created = await t.app.inject(
      json('POST', `/api/warnings/${ids[0]}/monthly-problem`, { month: '2026-01', owner: '李四', plan: '整治' }),
    );
    const problemId = created.json().id as number;
    const text = fc.oneof(
      fc.string(),
      fc.constantFrom('', ' ', '王五', '2025-07-15', '2025-02-30', '2025-07', '2025-13', '\u0000', 'x'.repeat(2001)),
    );
    const body = fc.oneof(
      fc.jsonValue(),
      fc.record(
        {
          owner: text,
          dueDay: text,
          actions: text,
          result: text,
          reason: text,
          note: text,
          month: text,
          title: text,
          plan: text,
          outcome: text,
          status: fc.oneof(text, fc.constantFrom('open', 'done')),
          expectedStatus: fc.oneof(text, fc.constantFrom(...warningStatuses)),
        },
        { requiredKeys: [] },
      ),
    );
    const route = fc.oneof(
      fc
        .tuple(
          fc.constantFrom('acknowledge', 'rectify', 'close', 'dismiss', 'reopen', 'monthly-problem'),
          fc.constantFrom(...ids),
        )
        .map(([verb, id]) => ['POST', `/api/warnings/${id}/${verb}`] as const),
      fc.constantFrom(...ids).map((id) => ['PATCH', `/api/warnings/${id}/rectification`] as const),
      fc.constant(['PATCH', `/api/monthly-problems/${problemId}`] as const),
    );
    const statuses = new Set<number>();
    await fc.assert(
      fc.asyncProperty(route, body, async ([method, url], payload) => {
        const response = await t.app.inject(json(method, url, payload));
        statuses.add(response.statusCode);
        expect(response.statusCode, `${method} ${url} ${JSON.stringify(payload)}`).toBeLessThan(500);
        if (response.statusCode >= 400) {
          expect(response.json().error).toMatchObject({ code: expect.any(String), message: expect.any(String) });
          expect([404, 409, 422]).toContain(response.statusCode);
        }
      }),
      { numRuns: 300 },
    );
    // The bodies reached the rules, not only the schema: some steps went through, some were refused.
    expect([...statuses].sort()).toEqual(expect.arrayContaining([200, 409, 422]));
    // Whatever went through, each warning's history ends in the status it has.
    for (const id of ids) {
      const warning = (await t.app.inject({ url: `/api/warnings/${id}` })).json();
      expect(warning.events.at(-1).toStatus).toBe(warning.status);
    }
  });
});
