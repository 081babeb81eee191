import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../server/testing.js';
import { testDatabases } from '../store/testing.js';
import { makeComplaintInput, seedRecordWorld, world } from './record.testing.js';

/*
 * Scope and personal data over HTTP: who sees which complaints, who may write where, and unmasking with a reason.
 */

describe.each(testDatabases)('records by role over HTTP on %s', (dialect) => {
  const t = useTestApp(dialect);
  const headers: Record<string, Record<string, string>> = {};
  const ids: Record<string, number> = {};
  const json = { 'content-type': 'application/json' };
  const get = (who: string, url: string) => t.app.inject({ url, headers: headers[who] });
  const post = (who: string, url: string, payload: unknown) =>
    t.app.inject({ method: 'POST', url, payload: JSON.stringify(payload), headers: { ...headers[who], ...json } });

  beforeAll(async () => {
    await seedRecordWorld(t.db);
    const create = async (name: string, overrides: Parameters<typeof makeComplaintInput>[0]) => {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/complaints',
        payload: JSON.stringify(makeComplaintInput(overrides)),
        headers: json,
      });
      ids[name] = response.json<{ id: number }>().id;
    };
    await create('village', { placeCode: world.village, departmentCode: 'labour' });
    await create('otherVillage', { placeCode: world.otherVillage, departmentCode: 'market' });
    await create('otherTown', { townCode: world.otherTown, placeCode: world.otherTownVillage });
    headers.secretary = await t.signIn('secretary', [
      { role: 'village_secretary', kind: 'village', code: world.village },
    ]);
    headers.labour = await t.signIn('labour', [
      { role: 'department_staff', kind: 'department', code: `${world.town}/labour` },
    ]);
    headers.leader = await t.signIn('leader', [{ role: 'leader', kind: 'town', code: world.otherTown }]);
    headers.analyst = await t.signIn('analyst', [{ role: 'analyst', kind: 'town', code: world.town }]);
  });

  it('lists and opens only what the reader reaches (404 beyond)', async () => {
    const listed = async (who: string) =>
      (await get(who, '/api/complaints?limit=500'))
        .json<{ items: { id: number }[] }>()
        .items.map((c) => c.id)
        .sort();
    expect(await listed('secretary')).toEqual([ids.village]);
    expect(await listed('labour')).toEqual([ids.village]);
    expect(await listed('leader')).toEqual([ids.otherTown]);
    expect((await get('leader', `/api/complaints/${ids.village}`)).statusCode).toBe(404);
    expect((await get('secretary', `/api/complaints/${ids.otherVillage}`)).statusCode).toBe(404);
    expect((await get('secretary', `/api/complaints/${ids.village}`)).statusCode).toBe(200);
  });

  it('refuses writes beyond the writer’s records:write with 403, item by item in a batch', async () => {
    const elsewhere = await post('labour', '/api/complaints', makeComplaintInput({ departmentCode: 'market' }));
    expect(elsewhere.statusCode).toBe(403);
    expect(elsewhere.json()).toMatchObject({ error: { code: 'forbidden' } });
    expect((await post('secretary', '/api/complaints', makeComplaintInput())).statusCode).toBe(403);
    const mine = await post('labour', '/api/complaints', makeComplaintInput({ departmentCode: 'labour' }));
    expect(mine.statusCode).toBe(201);
    const batch = await post('labour', '/api/complaints/batch', {
      items: [makeComplaintInput({ departmentCode: 'labour' }), makeComplaintInput({ departmentCode: 'market' })],
    });
    expect(batch.statusCode).toBe(200);
    expect(batch.json().results.map((r: { outcome: string; code?: string }) => r.code ?? r.outcome)).toEqual([
      'inserted',
      'forbidden',
    ]);
    const entry = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'complaint.create')
      .where('entity_id', '=', String(mine.json().id))
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ actor_kind: 'user', actor_name: 'labour', ip: '127.0.0.1' });
  });

  it('unmasks for pii:read with a reason (422 without, 403 without the permission), audited', async () => {
    const url = `/api/complaints/${ids.village}`;
    const noReason = await get('analyst', `${url}?reveal=true`);
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().error.details.issues.map((i: { path: string }) => i.path)).toEqual(['reason']);
    expect(
      (await get('leader', `/api/complaints/${ids.otherTown}?reveal=true&reason=${encodeURI('回访核实')}`)).statusCode,
    ).toBe(403);
    expect((await get('secretary', `${url}?reveal=true&reason=${encodeURI('回访核实')}`)).statusCode).toBe(403);
    const revealed = await get('analyst', `${url}?reveal=true&reason=${encodeURIComponent('回访核实办理情况')}`);
    expect(revealed.statusCode).toBe(200);
    expect(revealed.json().complainant).toEqual({ name: '张三', phone: '13812345678', masked: false });
    const entries = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'complaint.pii_read').execute();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actor_name: 'analyst',
      entity_id: String(ids.village),
      reason: '回访核实办理情况',
    });
    expect((await get('analyst', url)).json().complainant.masked).toBe(true);
  });

  it('answers any reveal and reason parameters with 200, 403 or 422 naming them, never a 500 (fuzz)', async () => {
    const value = fc.oneof(fc.string({ maxLength: 250 }), fc.constantFrom('true', 'false', '1', 'yes', ''));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('analyst', 'secretary'),
        fc.option(value, { nil: undefined }),
        fc.option(value, { nil: undefined }),
        async (who, reveal, reason) => {
          const query = new URLSearchParams();
          if (reveal !== undefined) {
            query.set('reveal', reveal);
          }
          if (reason !== undefined) {
            query.set('reason', reason);
          }
          const response = await get(who, `/api/complaints/${ids.village}?${query}`);
          expect([200, 403, 422], response.body).toContain(response.statusCode);
          if (response.statusCode === 422) {
            const paths = response.json().error.details.issues.map((i: { path: string }) => i.path);
            expect(
              paths.every((p: string) => p === 'reveal' || p === 'reason'),
              response.body,
            ).toBe(true);
          }
          if (response.statusCode === 200 && !response.json().complainant.masked) {
            expect(who).toBe('analyst');
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
