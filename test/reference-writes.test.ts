import { beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/audit/index.js';
import { type Actor, roleGrant, systemActor } from '../src/auth/index.js';
import { expectAppError } from '../src/core/testing.js';
import { createEnterprise, getEnterprise, makeCreditCode, updateEnterprise } from '../src/enterprises/index.js';
import { createDepartment, listDepartments, seedDefaultDepartments, updateDepartment } from '../src/orgs/index.js';
import { createPlace, findPlaces, getPlace, updatePlace } from '../src/places/index.js';
import { testDatabases, useTestStore } from '../src/store/testing.js';
import { createCategory, ensureDefaultTaxonomy, getCategory, updateCategory } from '../src/taxonomy/index.js';

/*
 * Writes of reference data (places, taxonomy, departments, enterprises): each is audited in its own transaction with
 * the changed fields, and refused (403, nothing stored, nothing audited) outside the writer's scope.
 */

const CITY = '330782';
const TOWN_A = '330782100';
const TOWN_B = '330782101';
const VILLAGE_B = '330782101201';

describe.each(testDatabases)('audited, scoped writes of reference data on %s', (dialect) => {
  const t = useTestStore(dialect);
  const ids = { city: 0, a: 0, b: 0 };
  const actor = (name: string, ...grants: Actor['grants']): Actor => ({
    kind: 'user',
    id: 1,
    name,
    grants,
    ip: '10.1.1.1',
  });
  const adminA = () => actor('admin-a', roleGrant('admin', 'town', ids.a, [ids.a]));
  const adminCity = () => actor('admin-city', roleGrant('admin', 'city', ids.city, [ids.a, ids.b]));
  const adminAll = () => actor('admin-all', roleGrant('admin', 'all', null, []));
  const officerA = () => actor('officer-a', roleGrant('officer', 'town', ids.a, [ids.a]));
  const as = (who: Actor) => ({ db: t.db, actor: who });

  /** The audit entries about one thing, oldest first, before/after parsed. */
  async function auditOf(entity: string, entityId: string) {
    const rows = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', entity)
      .where('entity_id', '=', entityId)
      .orderBy('seq')
      .execute();
    return rows.map((r) => ({
      ...r,
      town_id: r.town_id === null ? null : Number(r.town_id),
      before: r.before === null ? null : JSON.parse(r.before),
      after: r.after === null ? null : JSON.parse(r.after),
    }));
  }
  const countAudit = async () => (await t.db.selectFrom('audit_log').select('seq').execute()).length;

  /** A refused write: 403, and the audit log has not grown. */
  async function refused(write: () => Promise<unknown>): Promise<void> {
    const before = await countAudit();
    await expectAppError(write(), 'forbidden');
    expect(await countAudit()).toBe(before);
  }

  beforeAll(async () => {
    const cli = as(systemActor('cli'));
    await ensureDefaultTaxonomy(t);
    await createPlace(cli, { code: CITY, name: '义乌市', level: 'city' });
    await createPlace(cli, { code: TOWN_A, name: '苏溪镇', level: 'town', parentCode: CITY });
    await createPlace(cli, { code: TOWN_B, name: '大陈镇', level: 'town', parentCode: CITY });
    await createPlace(cli, { code: VILLAGE_B, name: '大陈村', level: 'village', parentCode: TOWN_B });
    await seedDefaultDepartments(cli, TOWN_B);
    const rows = await t.db.selectFrom('place').select(['id', 'code']).execute();
    const idOf = (code: string) => rows.find((r) => r.code === code)?.id ?? 0;
    Object.assign(ids, { city: idOf(CITY), a: idOf(TOWN_A), b: idOf(TOWN_B) });
  });

  it('places: audits a create and the changed fields of an edit, by whoever wrote', async () => {
    await createPlace(as(adminA()), { code: `${TOWN_A}201`, name: '苏华村', level: 'village', parentCode: TOWN_A });
    await updatePlace(as(adminA()), `${TOWN_A}201`, { name: '苏华社区', aliases: ['苏华'] });
    await updatePlace(as(adminA()), `${TOWN_A}201`, { name: '苏华社区' }); // no change: no entry
    const entries = await auditOf('place', `${TOWN_A}201`);
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({
      action: 'place.create',
      actor_kind: 'user',
      actor_name: 'admin-a',
      ip: '10.1.1.1',
      town_id: ids.a,
      before: null,
      after: { code: `${TOWN_A}201`, name: '苏华村', level: 'village', parentCode: TOWN_A, aliases: [] },
    });
    expect(entries[1]).toMatchObject({ action: 'place.update', town_id: ids.a });
    expect(entries[1]?.before).toEqual({ name: '苏华村', aliases: [] });
    expect(entries[1]?.after).toEqual({ name: '苏华社区', aliases: ['苏华'] });
    // The town's admin may edit the town itself.
    await updatePlace(as(adminA()), TOWN_A, { nameEn: 'Suxi' });
    expect((await auditOf('place', TOWN_A)).at(-1)).toMatchObject({ after: { nameEn: 'Suxi' } });
  });

  it('places: refuses writes outside the town, and new towns and cities below the scope all', async () => {
    await refused(() =>
      createPlace(as(adminA()), { code: `${TOWN_B}202`, name: '越界村', level: 'village', parentCode: TOWN_B }),
    );
    await expectAppError(getPlace(t, `${TOWN_B}202`), 'not_found');
    await refused(() => updatePlace(as(adminA()), VILLAGE_B, { name: '改名村' }));
    await refused(() => updatePlace(as(adminA()), CITY, { name: '改名市' }));
    expect((await getPlace(t, VILLAGE_B)).name).toBe('大陈村');
    expect((await getPlace(t, CITY)).name).toBe('义乌市');
    await refused(() =>
      createPlace(as(adminCity()), { code: '330782102', name: '新镇', level: 'town', parentCode: CITY }),
    );
    await refused(() => createPlace(as(adminCity()), { code: '330783', name: '新市', level: 'city' }));
    await refused(() =>
      createPlace(as(officerA()), { code: `${TOWN_A}209`, name: '某村', level: 'village', parentCode: TOWN_A }),
    );
    expect((await findPlaces(t, { level: 'town' })).map((p) => p.code)).toEqual([TOWN_A, TOWN_B]);
    // A city's admin holds its towns; the scope all may add a town.
    await updatePlace(as(adminCity()), VILLAGE_B, { aliases: ['大陈'] });
    await createPlace(as(adminAll()), { code: '330782102', name: '新镇', level: 'town', parentCode: CITY });
    expect((await auditOf('place', '330782102'))[0]).toMatchObject({ action: 'place.create', actor_name: 'admin-all' });
  });

  it('taxonomy: only the scope all edits it, every changed category audited', async () => {
    await refused(() => createCategory(as(adminA()), { code: 'tourism', name: '文旅市场', nameEn: 'Tourism' }));
    await expectAppError(getCategory(t, 'tourism'), 'not_found');
    await createCategory(as(adminAll()), { code: 'tourism', name: '文旅市场', nameEn: 'Tourism', note: '新增' });
    await createCategory(as(adminAll()), {
      code: 'tourism.guides',
      name: '导游',
      nameEn: 'Guides',
      parentCode: 'tourism',
    });
    expect((await auditOf('category', 'tourism'))[0]).toMatchObject({
      action: 'category.create',
      town_id: null,
      reason: '新增',
      after: { code: 'tourism', name: '文旅市场', level: 1 },
    });
    await refused(() => updateCategory(as(adminCity()), 'tourism', { retired: true }));
    expect((await getCategory(t, 'tourism')).retired).toBe(false);
    await updateCategory(as(adminAll()), 'tourism', { retired: true, note: '并入文化' });
    for (const code of ['tourism', 'tourism.guides']) {
      expect((await auditOf('category', code)).at(-1)).toMatchObject({
        action: 'category.update',
        reason: '并入文化',
        before: { retired: false },
        after: { retired: true },
      });
    }
  });

  it('departments: audited per unit, refused outside the town', async () => {
    const seeded = await seedDefaultDepartments(as(adminA()), TOWN_A);
    const created = await auditOf('department', `${TOWN_A}/market`);
    expect(created).toEqual([
      expect.objectContaining({
        action: 'department.create',
        town_id: ids.a,
        after: expect.objectContaining({ code: 'market' }),
      }),
    ]);
    const seededEntries = await t.db
      .selectFrom('audit_log')
      .select('seq')
      .where('action', '=', 'department.create')
      .where('town_id', '=', ids.a)
      .execute();
    expect(seededEntries).toHaveLength(seeded.created.length);
    await createDepartment(as(adminA()), TOWN_A, { code: 'squad-1', name: '快反一组', kind: 'squad' });
    await updateDepartment(as(adminA()), TOWN_A, 'squad-1', { parentCode: 'enforcement', active: false });
    expect((await auditOf('department', `${TOWN_A}/squad-1`)).map((e) => [e.action, e.before, e.after])).toEqual([
      ['department.create', null, expect.objectContaining({ code: 'squad-1', active: true })],
      ['department.update', { parentCode: null, active: true }, { parentCode: 'enforcement', active: false }],
    ]);
    await refused(() => createDepartment(as(adminA()), TOWN_B, { code: 'squad-1', name: '越界组', kind: 'squad' }));
    await refused(() => updateDepartment(as(adminA()), TOWN_B, 'market', { name: '越界' }));
    await refused(() => seedDefaultDepartments(as(officerA()), TOWN_A));
    const townB = await listDepartments(t, TOWN_B);
    expect(townB.map((d) => d.code)).not.toContain('squad-1');
    expect(townB.find((d) => d.code === 'market')?.name).not.toBe('越界');
  });

  it('enterprises: audited with the changed fields, refused outside the town', async () => {
    const code = makeCreditCode('91330782MA2EC0H61');
    const other = makeCreditCode('91330782MA2EC0H72');
    await createEnterprise(as(officerA()), {
      creditCode: code,
      name: '苏华服饰',
      townCode: TOWN_A,
      industry: 'textiles',
    });
    await updateEnterprise(as(officerA()), code, {
      name: '苏华服饰有限公司',
      industry: 'textiles',
      address: '苏华路1号',
    });
    expect((await auditOf('enterprise', code)).map((e) => [e.action, e.actor_name, e.before, e.after])).toEqual([
      ['enterprise.create', 'officer-a', null, expect.objectContaining({ name: '苏华服饰', townCode: TOWN_A })],
      [
        'enterprise.update',
        'officer-a',
        { name: '苏华服饰', address: null },
        { name: '苏华服饰有限公司', address: '苏华路1号' },
      ],
    ]);
    await refused(() => createEnterprise(as(officerA()), { creditCode: other, name: '越界商行', townCode: TOWN_B }));
    await expectAppError(getEnterprise(t, other), 'not_found');
    await createEnterprise(as(systemActor('cli')), { creditCode: other, name: '大陈商行', townCode: TOWN_B });
    await refused(() => updateEnterprise(as(officerA()), other, { name: '越界' }));
    expect((await getEnterprise(t, other)).name).toBe('大陈商行');
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
  });
});
