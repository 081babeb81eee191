import { describe, expect, it } from 'vitest';
import { systemActor } from '../auth/index.js';
import { expectInvalid, rejection } from '../core/testing.js';
import { createPlace, requirePlace } from '../places/index.js';
import type { Db } from '../store/database.js';
import { testDatabases, useTestStore } from '../store/testing.js';
import { ensureDefaultTaxonomy } from '../taxonomy/index.js';
import { defaultDepartments } from './department.defaults.js';
import {
  createDepartment,
  getDepartment,
  listDepartments,
  requireDepartment,
  seedDefaultDepartments,
  updateDepartment,
} from './department.service.js';

/** 义乌市 › 苏溪镇 (with an English name) and 大陈镇 (without), plus a village of 苏溪; codes start with `prefix`. */
async function seedTowns(db: Db, prefix: string): Promise<void> {
  const deps = { db, actor: systemActor('test') };
  await createPlace(deps, { code: `${prefix}0782`, name: '义乌市', level: 'city' });
  await createPlace(deps, {
    code: `${prefix}0782100`,
    name: '苏溪镇',
    nameEn: 'Suxi Town',
    level: 'town',
    parentCode: `${prefix}0782`,
  });
  await createPlace(deps, { code: `${prefix}0782101`, name: '大陈镇', level: 'town', parentCode: `${prefix}0782` });
  await createPlace(deps, {
    code: `${prefix}0782100201`,
    name: '苏华村',
    level: 'village',
    parentCode: `${prefix}0782100`,
  });
}

describe.each(testDatabases)('departments on %s', (dialect) => {
  const t = useTestStore(dialect);
  /** The service deps of a writer that may do everything (the test stands in for the command line). */
  const w = {
    get db() {
      return t.db;
    },
    actor: systemActor('test'),
  };

  it('seeds the "1+8" set named after the town, once', async () => {
    await seedTowns(t.db, 'a');
    const first = await seedDefaultDepartments(w, 'a0782100');
    expect(first.existing).toEqual([]);
    expect(first.created.map((d) => d.code)).toEqual(defaultDepartments.map((d) => d.code));
    expect(first.created.filter((d) => d.kind === 'enforcement_team')).toHaveLength(1);
    expect(first.created.filter((d) => d.kind === 'department')).toHaveLength(8);
    const market = await getDepartment(t, 'a0782100', 'market');
    expect(market).toEqual({
      code: 'market',
      townCode: 'a0782100',
      name: '苏溪市场监管所',
      nameEn: 'Suxi Market Supervision Office',
      kind: 'department',
      parentCode: null,
      responsibilities: ['market_order', 'food_safety'],
      active: true,
    });
    expect((await getDepartment(t, 'a0782100', 'enforcement')).name).toBe('苏溪镇综合行政执法队');

    // A renamed, deactivated unit survives a second seed untouched; a removed-from-set one is added back only if missing.
    await updateDepartment(w, 'a0782100', 'market', { name: '苏溪市场监督管理所', active: false });
    const second = await seedDefaultDepartments(w, 'a0782100');
    expect(second.created).toEqual([]);
    expect(second.existing).toEqual(defaultDepartments.map((d) => d.code));
    expect(await getDepartment(t, 'a0782100', 'market')).toMatchObject({ name: '苏溪市场监督管理所', active: false });
    expect(await listDepartments(t, 'a0782100')).toHaveLength(9);

    // A town without an English name gets English names without a town.
    const other = await seedDefaultDepartments(w, 'a0782101');
    expect(other.created.find((d) => d.code === 'transport')).toMatchObject({
      name: '大陈交通运输执法中队',
      nameEn: 'Transport Enforcement Squadron',
    });
  });

  it('adds only the missing defaults next to units the town made itself', async () => {
    await seedTowns(t.db, 'b');
    await createDepartment(w, 'b0782100', { code: 'health', name: '苏溪卫生院', kind: 'office' });
    await createDepartment(w, 'b0782100', { code: 'party_office', name: '党政办', kind: 'office' });
    const result = await seedDefaultDepartments(w, 'b0782100');
    expect(result.existing).toEqual(['health']);
    expect(result.created).toHaveLength(8);
    expect((await getDepartment(t, 'b0782100', 'health')).name).toBe('苏溪卫生院');
    expect(await listDepartments(t, 'b0782100')).toHaveLength(10);
  });

  it('creates, nests, lists, filters and edits units', async () => {
    await seedTowns(t.db, 'c');
    await ensureDefaultTaxonomy(t);
    await seedDefaultDepartments(w, 'c0782100');
    const squad = await createDepartment(w, 'c0782100', {
      code: 'squad-1',
      name: '执法快遣一队',
      nameEn: 'Rapid Response Squad 1',
      kind: 'squad',
      parentCode: 'enforcement',
      responsibilities: ['city_appearance.street_stall'],
    });
    expect(squad).toMatchObject({ parentCode: 'enforcement', responsibilities: ['city_appearance.street_stall'] });

    const squads = await listDepartments(t, 'c0782100', { kind: 'squad' });
    expect(squads.map((d) => d.code)).toEqual(['squad-1']);
    await updateDepartment(w, 'c0782100', 'transport', { active: false });
    const inactive = await listDepartments(t, 'c0782100', { active: 'false' });
    expect(inactive.map((d) => d.code)).toEqual(['transport']);
    expect(await listDepartments(t, 'c0782100', { active: 'true' })).toHaveLength(9);
    // Other towns' units stay out.
    expect(await listDepartments(t, 'c0782101')).toEqual([]);

    const moved = await updateDepartment(w, 'c0782100', 'squad-1', {
      parentCode: 'market',
      nameEn: null,
      responsibilities: ['market_order.unlicensed_business', 'city_appearance.street_stall'],
    });
    expect(moved).toMatchObject({
      parentCode: 'market',
      nameEn: null,
      name: '执法快遣一队',
      responsibilities: ['market_order.unlicensed_business', 'city_appearance.street_stall'],
    });
    expect((await updateDepartment(w, 'c0782100', 'squad-1', { parentCode: null })).parentCode).toBeNull();
    expect((await updateDepartment(w, 'c0782100', 'transport', { active: true })).active).toBe(true);
  });

  it('refuses cycles, foreign parents, duplicates and bad input, naming the field', async () => {
    await seedTowns(t.db, 'd');
    await seedDefaultDepartments(w, 'd0782100');
    await seedDefaultDepartments(w, 'd0782101');
    await createDepartment(w, 'd0782100', { code: 'squad', name: '快遣队', kind: 'squad', parentCode: 'enforcement' });
    await createDepartment(w, 'd0782100', { code: 'squad-a', name: '快遣一组', kind: 'squad', parentCode: 'squad' });

    await expectInvalid(updateDepartment(w, 'd0782100', 'enforcement', { parentCode: 'squad-a' }), 'parentCode');
    await expectInvalid(updateDepartment(w, 'd0782100', 'squad', { parentCode: 'squad' }), 'parentCode');
    await expectInvalid(
      createDepartment(w, 'd0782100', { code: 'x1', name: 'x', kind: 'squad', parentCode: 'nowhere' }),
      'parentCode',
    );
    await expectInvalid(createDepartment(w, 'd0782100', { code: 'X 1', name: 'x', kind: 'squad' }), 'code');
    await expectInvalid(createDepartment(w, 'd0782100', { code: 'x1', name: 'x', kind: 'planet' as 'squad' }), 'kind');
    await expectInvalid(
      createDepartment(w, 'd0782100', { code: 'x1', name: 'x', kind: 'office', responsibilities: ['Not A Code'] }),
      'responsibilities.0',
    );
    await expectInvalid(updateDepartment(w, 'd0782100', 'market', { name: '' }), 'name');
    await ensureDefaultTaxonomy(t);
    await expectInvalid(
      createDepartment(w, 'd0782100', {
        code: 'x1',
        name: 'x',
        kind: 'office',
        responsibilities: ['labour', 'no_such'],
      }),
      'responsibilities.1',
    );
    await expectInvalid(
      updateDepartment(w, 'd0782100', 'market', { responsibilities: ['market'] }),
      'responsibilities.0',
    );
    expect((await getDepartment(t, 'd0782100', 'market')).responsibilities).toEqual(['market_order', 'food_safety']);

    const duplicate = await rejection(
      createDepartment(w, 'd0782100', { code: 'market', name: '又一个', kind: 'office' }),
    );
    expect(duplicate.code).toBe('conflict');
    // The same code in another town is another unit.
    expect((await getDepartment(t, 'd0782101', 'market')).name).toBe('大陈市场监管所');

    expect((await rejection(getDepartment(t, 'd0782100', 'nowhere'))).code).toBe('not_found');
    expect((await rejection(listDepartments(t, 'nowhere'))).code).toBe('not_found');
    // A village or a city is not a town.
    expect((await rejection(seedDefaultDepartments(w, 'd0782100201'))).code).toBe('not_found');
    expect((await rejection(listDepartments(t, 'd0782'))).code).toBe('not_found');
    expect((await getDepartment(t, 'd0782100', 'squad')).parentCode).toBe('enforcement');
  });

  it('requireDepartment finds units for other features and names the field otherwise', async () => {
    await seedTowns(t.db, 'e');
    await seedDefaultDepartments(w, 'e0782100');
    const town = await requirePlace(t.db, 'e0782100', 'townCode');
    const other = await requirePlace(t.db, 'e0782101', 'townCode');
    const labour = await requireDepartment(t.db, town.id, 'labour', 'departmentCode');
    expect(labour).toMatchObject({ code: 'labour', town_id: town.id, town_code: 'e0782100', active: 1 });
    await expectInvalid(requireDepartment(t.db, town.id, 'nowhere', 'departmentCode'), 'departmentCode');
    // Known code, wrong town.
    await expectInvalid(requireDepartment(t.db, other.id, 'labour', 'assignee'), 'assignee');
  });
});
