import { beforeAll, describe, expect, it } from 'vitest';
import { type Actor, roleGrant, systemActor } from '../auth/access.js';
import { expectInvalid } from '../core/testing.js';
import { startOfDay } from '../core/time/index.js';
import { createPlace, getPlace } from '../places/index.js';
import { testDatabases, useTestStore } from '../store/testing.js';
import type { AuditEntryView } from './audit.schema.js';
import { appendAudit, listAudit } from './audit.service.js';

const CITY = '330782';
const TOWN_A = '330782100';
const TOWN_B = '330782101';
const VILLAGE_A = '330782100201';

const user = (name: string, ...grants: Actor['grants']): Actor => ({ kind: 'user', id: 1, name, grants });

describe.each(testDatabases)('searching the audit log on %s', (dialect) => {
  const t = useTestStore(dialect);
  const ids = { a: 0, b: 0 };
  const everyone = () => user('auditor-all', roleGrant('auditor', 'all', null, []));
  const auditorA = () => user('auditor-a', roleGrant('auditor', 'town', ids.a, [ids.a]));
  const read = (actor: Actor, query: Parameters<typeof listAudit>[1] = {}) => listAudit({ db: t.db, actor }, query);
  const seqsOf = (items: AuditEntryView[]) => items.map((i) => i.seq);

  beforeAll(async () => {
    const deps = { db: t.db, actor: systemActor('cli') };
    await createPlace(deps, { code: CITY, name: '义乌市', level: 'city' });
    await createPlace(deps, { code: TOWN_A, name: '苏溪镇', level: 'town', parentCode: CITY });
    await createPlace(deps, { code: TOWN_B, name: '大陈镇', level: 'town', parentCode: CITY });
    await createPlace(deps, { code: VILLAGE_A, name: '苏华村', level: 'village', parentCode: TOWN_A });
    const towns = await t.db.selectFrom('place').select(['id', 'code']).where('level', '=', 'town').execute();
    ids.a = towns.find((p) => p.code === TOWN_A)?.id ?? 0;
    ids.b = towns.find((p) => p.code === TOWN_B)?.id ?? 0;
    const clerk: Actor = { kind: 'user', id: 9, name: 'clerk', grants: [] };
    const at = (day: string, hour: number) => startOfDay(day) + hour * 3_600_000;
    await appendAudit(
      t.db,
      clerk,
      { action: 'complaint.update', entity: 'complaint', entityId: 41, townId: ids.a },
      at('2026-03-01', 9),
    );
    await appendAudit(
      t.db,
      clerk,
      { action: 'complaint.pii_read', entity: 'complaint', entityId: 41, townId: ids.a, reason: '回访' },
      at('2026-03-02', 23),
    );
    await appendAudit(
      t.db,
      clerk,
      { action: 'complaint.update', entity: 'complaint', entityId: 42, townId: ids.b },
      at('2026-03-03', 0),
    );
    await appendAudit(t.db, clerk, { action: 'user.login', entity: 'user', entityId: 9 }, at('2026-03-03', 8));
  });

  it('shows everything, newest first, to a reader with the scope all', async () => {
    const page = await read(everyone(), { limit: 500 });
    expect(seqsOf(page.items)).toEqual([8, 7, 6, 5, 4, 3, 2, 1]);
    expect(page.nextCursor).toBeNull();
    const village = page.items.find((i) => i.entityId === VILLAGE_A);
    expect(village).toMatchObject({
      action: 'place.create',
      actor: { kind: 'system', id: null, name: 'cli' },
      townCode: TOWN_A,
      before: null,
      after: { code: VILLAGE_A, name: '苏华村', level: 'village' },
    });
    expect(page.items.find((i) => i.action === 'user.login')).toMatchObject({
      townCode: null,
      at: '2026-03-03T08:00:00.000+08:00',
    });
  });

  it("shows a town's auditor the entries of that town only, none of no town", async () => {
    const page = await read(auditorA());
    expect(page.items.map((i) => i.townCode)).toEqual([TOWN_A, TOWN_A, TOWN_A, TOWN_A]);
    expect(page.items.map((i) => i.action)).toEqual([
      'complaint.pii_read',
      'complaint.update',
      'place.create',
      'place.create',
    ]);
    // Asking for another town gives nothing rather than an error that would tell it apart from an empty one.
    expect((await read(auditorA(), { town: TOWN_B })).items).toEqual([]);
    // Without audit:read (a leader) nothing at all.
    expect((await read(user('leader', roleGrant('leader', 'all', null, [])))).items).toEqual([]);
  });

  it('filters by actor, action (or a prefix), entity, id, town and time', async () => {
    const seqs = async (query: Parameters<typeof listAudit>[1]) => seqsOf((await read(everyone(), query)).items);
    expect(await seqs({ actor: 'clerk' })).toEqual([8, 7, 6, 5]);
    expect(await seqs({ actor: 'cli' })).toEqual([4, 3, 2, 1]);
    expect(await seqs({ action: 'complaint.update' })).toEqual([7, 5]);
    expect(await seqs({ action: 'complaint.*' })).toEqual([7, 6, 5]);
    expect(await seqs({ action: 'place.*', town: TOWN_B })).toEqual([3]);
    expect(await seqs({ entity: 'complaint', entityId: '41' })).toEqual([6, 5]);
    expect(await seqs({ entity: 'place', entityId: CITY })).toEqual([1]);
    expect(await seqs({ town: TOWN_A })).toEqual([6, 5, 4, 2]);
    expect(await seqs({ from: '2026-03-02', to: '2026-03-02' })).toEqual([6]);
    expect(await seqs({ from: '2026-03-01', to: '2026-03-03' })).toEqual([8, 7, 6, 5]);
    expect(await seqs({ from: '2026-03-03T00:00:00+08:00', to: '2026-03-03T08:00:00+08:00' })).toEqual([8, 7]);
    expect(await seqs({ to: '2026-03-02T23:00:00+08:00' })).toEqual([6, 5]);
  });

  it('pages newest first by cursor, each entry once', async () => {
    const seen: number[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 10; pages += 1) {
      const page = await read(everyone(), { limit: 3, cursor });
      seen.push(...seqsOf(page.items));
      if (page.nextCursor === null) {
        break;
      }
      cursor = page.nextCursor;
    }
    expect(seen).toEqual([8, 7, 6, 5, 4, 3, 2, 1]);
  });

  it('names the field of bad input', async () => {
    await expectInvalid(read(everyone(), { cursor: 'not-a-cursor' }), 'cursor');
    await expectInvalid(read(everyone(), { from: '2026-03-02', to: '2026-03-01' }), 'to');
    await expectInvalid(read(everyone(), { from: '2026-02-30' }), 'from');
    await expectInvalid(read(everyone(), { to: 'yesterday' }), 'to');
    await expectInvalid(read(everyone(), { town: 'nowhere' }), 'town');
    await expectInvalid(read(everyone(), { town: VILLAGE_A }), 'town');
    await expectInvalid(read(everyone(), { action: 'DROP TABLE' }), 'action');
    await expectInvalid(read(everyone(), { entity: 'x y' }), 'entity');
    await expectInvalid(read(everyone(), { limit: 0 }), 'limit');
    await expectInvalid(read(everyone(), { limit: '1e9' as unknown as number }), 'limit');
    expect((await getPlace(t, VILLAGE_A)).name).toBe('苏华村');
  });
});
