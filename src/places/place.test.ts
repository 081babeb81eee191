import { describe, expect, it } from 'vitest';
import { systemActor } from '../auth/index.js';
import { expectInvalid } from '../core/testing.js';
import { testDatabases, useTestStore } from '../store/testing.js';
import { createPlace, findPlaces, getAncestors, getPlace, requirePlace, updatePlace } from './place.service.js';

/** A small place tree: 义乌市 › 苏溪镇 › 苏华村 › 第一组, plus a second village. */
async function seedTree(db: Parameters<typeof createPlace>[0]['db'], prefix: string) {
  const deps = { db, actor: systemActor('test') };
  await createPlace(deps, { code: `${prefix}0782`, name: '义乌市', level: 'city' });
  await createPlace(deps, { code: `${prefix}0782100`, name: '苏溪镇', level: 'town', parentCode: `${prefix}0782` });
  await createPlace(deps, {
    code: `${prefix}0782100201`,
    name: '苏华村',
    level: 'village',
    parentCode: `${prefix}0782100`,
    aliases: ['苏华'],
    centroid: { lng: 120.08, lat: 29.38 },
  });
  await createPlace(deps, {
    code: `${prefix}0782100202`,
    name: '西山下村',
    level: 'village',
    parentCode: `${prefix}0782100`,
  });
  await createPlace(deps, {
    code: `${prefix}0782100201-01`,
    name: '第一组',
    level: 'group',
    parentCode: `${prefix}0782100201`,
  });
}

describe.each(testDatabases)('places on %s', (dialect) => {
  const t = useTestStore(dialect);
  /** The service deps of a writer that may do everything (the test stands in for the command line). */
  const w = {
    get db() {
      return t.db;
    },
    actor: systemActor('test'),
  };

  it('builds the tree and answers ancestors and descendants', async () => {
    await seedTree(t.db, 'a');
    const group = await getPlace(t, 'a0782100201-01');
    expect(group).toMatchObject({ level: 'group', parentCode: 'a0782100201', townCode: 'a0782100' });

    const ancestors = await getAncestors(t, 'a0782100201-01');
    expect(ancestors.map((p) => p.name)).toEqual(['义乌市', '苏溪镇', '苏华村']);

    const villages = await findPlaces(t, { level: 'village', within: 'a0782100' });
    expect(villages.map((p) => p.name)).toEqual(['苏华村', '西山下村']);
    const inside = await findPlaces(t, { within: 'a0782100201' });
    expect(inside.map((p) => p.code)).toEqual(['a0782100201', 'a0782100201-01']);
    expect((await getPlace(t, 'a0782100')).townCode).toBe('a0782100');
    expect((await getPlace(t, 'a0782')).townCode).toBeNull();
  });

  it('keeps aliases, centroid and boundary, and edits them', async () => {
    await seedTree(t.db, 'b');
    const village = await getPlace(t, 'b0782100201');
    expect(village.aliases).toEqual(['苏华']);
    expect(village.centroid).toEqual({ lng: 120.08, lat: 29.38 });

    const boundary = {
      type: 'Polygon' as const,
      coordinates: [
        [
          [120, 29],
          [120.1, 29],
          [120.1, 29.1],
          [120, 29],
        ] as [number, number][],
      ],
    };
    const edited = await updatePlace(w, 'b0782100201', { name: '苏华社区', aliases: ['苏华', '苏华村'], boundary });
    expect(edited).toMatchObject({ name: '苏华社区', aliases: ['苏华', '苏华村'], boundary });
    expect((await updatePlace(w, 'b0782100201', { boundary: null })).boundary).toBeNull();
  });

  it('rejects a parent of the wrong level, an unknown parent and a duplicate code, naming the field', async () => {
    await seedTree(t.db, 'c');
    await expectInvalid(
      createPlace(w, { code: 'c9', name: '错村', level: 'village', parentCode: 'c0782' }),
      'parentCode',
    );
    await expectInvalid(
      createPlace(w, { code: 'c9', name: '错村', level: 'village', parentCode: 'nowhere' }),
      'parentCode',
    );
    await expectInvalid(createPlace(w, { code: 'c9', name: '错村', level: 'village' }), 'parentCode');
    await expectInvalid(createPlace(w, { code: 'c9', name: '市', level: 'city', parentCode: 'c0782' }), 'parentCode');
    await expectInvalid(createPlace(w, { code: 'c9', name: '', level: 'city' }), 'name');
    await expectInvalid(requirePlace(t.db, 'nowhere', 'placeCode'), 'placeCode');
    await expectInvalid(findPlaces(t, { within: 'nowhere' }), 'within');
    await expect(createPlace(w, { code: 'c0782', name: '义乌市', level: 'city' })).rejects.toMatchObject({
      code: 'conflict',
    });
    // nothing half-written: the failed creations left no rows behind
    expect((await findPlaces(t, { within: 'c0782' })).length).toBe(5);
  });
});
