import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../auth/index.js';
import { testDatabases, useTestStore } from '../store/testing.js';
import { getCase, listCases, upsertCase } from './case.service.js';
import { createComplaint, getComplaint, listComplaints } from './complaint.service.js';
import { makeCaseInput, makeComplaintInput, recordDeps, seedRecordWorld, testActor, world } from './record.testing.js';

/*
 * Reads within scope: a village secretary sees their village (and its groups), department staff what is dispatched
 * to their department, a town's leader the town and nothing of another town; what lies beyond is not there (404).
 */

describe.each(testDatabases)('record reads within scope on %s', (dialect) => {
  const t = useTestStore(dialect);
  const ids: Record<string, number> = {};
  const caseIds: Record<string, number> = {};
  const actors: Record<string, Actor> = {};
  const deps = (who: string) => recordDeps(t.db, actors[who]);
  const names = (items: { id: number }[], of = ids) => {
    const byId = new Map(Object.entries(of).map(([name, id]) => [id, name]));
    return items.map((item) => byId.get(item.id) ?? `?${item.id}`).sort();
  };

  beforeAll(async () => {
    await seedRecordWorld(t.db);
    const system = recordDeps(t.db);
    const complaints = {
      village: { placeCode: world.village, departmentCode: 'labour' },
      group: { placeCode: world.group },
      otherVillage: { placeCode: world.otherVillage, departmentCode: 'labour' },
      noPlace: { placeCode: undefined, departmentCode: 'market' },
      otherTown: { townCode: world.otherTown, placeCode: world.otherTownVillage, departmentCode: 'labour' },
    };
    for (const [name, overrides] of Object.entries(complaints)) {
      ids[name] = (await createComplaint(system, makeComplaintInput(overrides))).id;
    }
    caseIds.caseVillage = (await upsertCase(system, makeCaseInput({ placeCode: world.village }))).record.id;
    caseIds.caseOther = (await upsertCase(system, makeCaseInput({ placeCode: world.otherVillage }))).record.id;
    actors.secretary = await testActor(t.db, 'secretary', [
      { role: 'village_secretary', kind: 'village', code: world.village },
    ]);
    actors.labour = await testActor(t.db, 'labour', [
      { role: 'department_staff', kind: 'department', code: `${world.town}/labour` },
    ]);
    actors.leader = await testActor(t.db, 'leader', [{ role: 'leader', kind: 'town', code: world.town }]);
    actors.cityLeader = await testActor(t.db, 'city', [{ role: 'leader', kind: 'city', code: world.city }]);
    actors.both = await testActor(t.db, 'both', [
      { role: 'village_secretary', kind: 'village', code: world.otherVillage },
      { role: 'department_staff', kind: 'department', code: `${world.otherTown}/labour` },
    ]);
    actors.nobody = await testActor(t.db, 'nobody', []);
    // Reference data only: no records:read anywhere.
    actors.trainee = await testActor(t.db, 'trainee', [{ role: 'trainee', kind: 'town', code: world.town }]);
  });

  it('lists only what each reader reaches', async () => {
    const complaints = async (who: string) => names((await listComplaints(deps(who), { limit: 500 })).items);
    const cases = async (who: string) => names((await listCases(deps(who), { limit: 500 })).items, caseIds);
    expect(await complaints('secretary')).toEqual(['group', 'village']);
    expect(await cases('secretary')).toEqual(['caseVillage']);
    expect(await complaints('labour')).toEqual(['otherVillage', 'village']);
    expect(await cases('labour')).toEqual([]);
    expect(await complaints('leader')).toEqual(['group', 'noPlace', 'otherVillage', 'village']);
    expect(await cases('leader')).toEqual(['caseOther', 'caseVillage']);
    expect(await complaints('cityLeader')).toEqual(['group', 'noPlace', 'otherTown', 'otherVillage', 'village']);
    expect(await complaints('both')).toEqual(['otherTown', 'otherVillage']);
    expect(await cases('both')).toEqual(['caseOther']);
    expect(await complaints('nobody')).toEqual([]);
    expect(await complaints('trainee')).toEqual([]);
  });

  it('intersects the filters asked with the scope', async () => {
    const list = async (who: string, query: Record<string, string>) =>
      names((await listComplaints(deps(who), { ...query, limit: 500 })).items);
    expect(await list('leader', { town: world.otherTown })).toEqual([]);
    expect(await list('secretary', { place: world.otherVillage })).toEqual([]);
    expect(await list('secretary', { place: world.group })).toEqual(['group']);
    expect(await list('labour', { town: world.town, department: 'market' })).toEqual([]);
    expect(await list('cityLeader', { place: world.otherTown })).toEqual(['otherTown']);
  });

  it('answers not_found for a record beyond the scope, as for one that does not exist', async () => {
    await expect(getComplaint(deps('leader'), ids.otherTown as number)).rejects.toMatchObject({ code: 'not_found' });
    await expect(getComplaint(deps('secretary'), ids.otherVillage as number)).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(getComplaint(deps('labour'), ids.group as number)).rejects.toMatchObject({ code: 'not_found' });
    await expect(getCase(deps('labour'), caseIds.caseVillage as number)).rejects.toMatchObject({ code: 'not_found' });
    await expect(getComplaint(deps('nobody'), ids.village as number)).rejects.toMatchObject({ code: 'not_found' });
    expect((await getComplaint(deps('secretary'), ids.group as number)).id).toBe(ids.group);
    expect((await getComplaint(deps('labour'), ids.otherVillage as number)).id).toBe(ids.otherVillage);
    expect((await getCase(deps('leader'), caseIds.caseOther as number)).id).toBe(caseIds.caseOther);
  });

  it('finds a case’s complaint only within the writer’s records:read', async () => {
    const officer = await testActor(t.db, 'officer', [
      { role: 'officer', kind: 'department', code: `${world.town}/labour` },
    ]);
    const input = makeCaseInput({ departmentCode: 'labour', complaintId: ids.group as number });
    await expect(upsertCase(recordDeps(t.db, officer), input)).rejects.toMatchObject({
      code: 'invalid_input',
      details: { issues: [{ path: 'complaintId' }] },
    });
    const linked = await upsertCase(recordDeps(t.db, officer), { ...input, complaintId: ids.village as number });
    expect(linked.outcome).toBe('inserted');
  });
});
