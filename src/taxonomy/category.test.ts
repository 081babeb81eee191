import { describe, expect, it } from 'vitest';
import { systemActor } from '../auth/index.js';
import { expectAppError } from '../core/testing.js';
import { testDatabases, useTestStore } from '../store/testing.js';
import { findCategoryByCode } from './category.repo.js';
import { createCategory, getCategory, listCategories, requireCategory } from './category.service.js';
import { updateCategory } from './category-edit.service.js';
import { UNCLASSIFIED_CODE } from './default-taxonomy.js';
import { ensureDefaultTaxonomy } from './default-taxonomy.service.js';
import { getTaxonomy, listTaxonomyVersions } from './taxonomy.service.js';

describe.each(testDatabases)('category edits on %s', (dialect) => {
  const t = useTestStore(dialect);
  /** The service deps of a writer that may do everything (the test stands in for the command line). */
  const w = {
    get db() {
      return t.db;
    },
    actor: systemActor('test'),
  };

  it('adds categories at three levels, each as a new version', async () => {
    await createCategory(w, { code: 'tourism', name: '文旅市场', nameEn: 'Tourism market', note: 'new area' });
    const guides = await createCategory(w, {
      code: 'tourism.guides',
      name: '导游服务',
      nameEn: 'Tour guides',
      parentCode: 'tourism',
    });
    const unlicensed = await createCategory(w, {
      code: 'tourism.guides.unlicensed',
      name: '无证导游',
      nameEn: 'Unlicensed guides',
      parentCode: 'tourism.guides',
      sortOrder: 5,
    });
    expect(guides).toEqual({
      code: 'tourism.guides',
      name: '导游服务',
      nameEn: 'Tour guides',
      level: 2,
      parentCode: 'tourism',
      path: ['tourism', 'tourism.guides'],
      sortOrder: 10,
      retired: false,
    });
    expect(unlicensed).toMatchObject({ level: 3, path: ['tourism', 'tourism.guides', 'tourism.guides.unlicensed'] });
    const second = await createCategory(w, {
      code: 'tourism.hotels',
      name: '住宿服务',
      nameEn: 'Hotels',
      parentCode: 'tourism',
    });
    expect(second.sortOrder).toBe(20);
    const versions = await listTaxonomyVersions(t);
    expect(versions.map((v) => [v.version, v.note, v.categoryCount])).toEqual([
      [4, 'add tourism.hotels', 4],
      [3, 'add tourism.guides.unlicensed', 3],
      [2, 'add tourism.guides', 2],
      [1, 'new area', 1],
    ]);
  });

  it('rejects a fourth level, an unknown parent, a duplicate code and a duplicate sibling name', async () => {
    await expectAppError(
      createCategory(w, {
        code: 'tourism.guides.unlicensed.x',
        name: '四级',
        nameEn: 'Fourth',
        parentCode: 'tourism.guides.unlicensed',
      }),
      'invalid_input',
      'parentCode',
    );
    await expectAppError(
      createCategory(w, { code: 'x.y', name: '某', nameEn: 'Some', parentCode: 'nowhere' }),
      'invalid_input',
      'parentCode',
    );
    await expectAppError(createCategory(w, { code: 'tourism', name: '另一个', nameEn: 'Another' }), 'conflict', 'code');
    await expectAppError(
      createCategory(w, { code: 'tourism.other', name: '导游服务', nameEn: 'Guides again', parentCode: 'tourism' }),
      'conflict',
      'name',
    );
    await expectAppError(createCategory(w, { code: 'Bad Code', name: '坏', nameEn: 'Bad' }), 'invalid_input', 'code');
    await expectAppError(createCategory(w, { code: 'ok', name: ' ', nameEn: 'Blank' }), 'invalid_input', 'name');
    await expectAppError(createCategory(w, { code: 'ok', name: '好' } as never), 'invalid_input', 'nameEn');
    // nothing half-written, no version spent
    expect((await getTaxonomy(t)).version).toBe(4);
    expect(await findCategoryByCode(t.db, 'tourism.other')).toBeUndefined();
  });

  it('renames and re-sorts, and records nothing for a patch that changes nothing', async () => {
    const renamed = await updateCategory(w, 'tourism.hotels', { name: '住宿业', nameEn: 'Lodging', sortOrder: 1 });
    expect(renamed).toMatchObject({ name: '住宿业', nameEn: 'Lodging', sortOrder: 1 });
    expect((await listTaxonomyVersions(t))[0]).toMatchObject({
      version: 5,
      note: expect.stringContaining('rename tourism.hotels'),
    });
    expect(
      (await listCategories(t, { level: 2 })).filter((c) => c.parentCode === 'tourism').map((c) => c.code),
    ).toEqual(['tourism.hotels', 'tourism.guides']);
    await updateCategory(w, 'tourism.hotels', { name: '住宿业', sortOrder: 1 });
    expect((await getTaxonomy(t)).version).toBe(5);
    await expectAppError(updateCategory(w, 'tourism.hotels', { name: '导游服务' }), 'conflict', 'name');
    await expect(updateCategory(w, 'nowhere', { name: '无' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('moves a branch under another parent of the same level, with its ancestors columns', async () => {
    await createCategory(w, { code: 'culture', name: '文化市场', nameEn: 'Culture market' });
    const moved = await updateCategory(w, 'tourism.guides', { parentCode: 'culture' });
    expect(moved).toMatchObject({ parentCode: 'culture', level: 2, path: ['culture', 'tourism.guides'] });
    const culture = await requireCategory(t.db, 'culture', 'c');
    const leaf = await requireCategory(t.db, 'tourism.guides.unlicensed', 'c');
    expect(leaf).toMatchObject({ level1_id: culture.id, level1_code: 'culture', level2_code: 'tourism.guides' });
    expect((await getCategory(t, 'tourism.guides.unlicensed')).path).toEqual([
      'culture',
      'tourism.guides',
      'tourism.guides.unlicensed',
    ]);
    const leafMoved = await updateCategory(w, 'tourism.guides.unlicensed', { parentCode: 'tourism.hotels' });
    expect(leafMoved.path).toEqual(['tourism', 'tourism.hotels', 'tourism.guides.unlicensed']);

    await expectAppError(
      updateCategory(w, 'tourism.hotels', { parentCode: 'tourism.guides' }),
      'invalid_input',
      'parentCode',
    );
    await expectAppError(updateCategory(w, 'tourism.hotels', { parentCode: null }), 'invalid_input', 'parentCode');
    await expectAppError(updateCategory(w, 'culture', { parentCode: 'tourism' }), 'invalid_input', 'parentCode');
    await expectAppError(updateCategory(w, 'tourism.hotels', { parentCode: 'nowhere' }), 'invalid_input', 'parentCode');
  });

  it('retires a branch and restores it; a retired category is still found', async () => {
    const retired = await updateCategory(w, 'tourism', { retired: true, note: 'merged into culture' });
    expect(retired.retired).toBe(true);
    expect((await getCategory(t, 'tourism.guides.unlicensed')).retired).toBe(true);
    expect((await requireCategory(t.db, 'tourism.hotels', 'categoryCode')).retired).toBe(1);
    expect((await listCategories(t)).map((c) => c.code)).not.toContain('tourism.hotels');
    expect((await listCategories(t, { includeRetired: true })).map((c) => c.code)).toContain('tourism.hotels');
    expect((await listTaxonomyVersions(t))[0]?.note).toBe('merged into culture');

    await expectAppError(
      createCategory(w, { code: 'tourism.bars', name: '酒吧', nameEn: 'Bars', parentCode: 'tourism' }),
      'invalid_input',
      'parentCode',
    );
    await expectAppError(updateCategory(w, 'tourism.hotels', { retired: false }), 'invalid_input', 'retired');
    const restored = await updateCategory(w, 'tourism', { retired: false });
    expect(restored.retired).toBe(false);
    expect((await getCategory(t, 'tourism.guides.unlicensed')).retired).toBe(false);
  });

  it('reads the tree back as of any version', async () => {
    const v1 = await getTaxonomy(t, { version: 1 });
    expect(v1.categories.map((c) => c.code)).toEqual(['tourism']);
    const v4 = await getTaxonomy(t, { version: 4, level: 2 });
    expect(v4.categories.map((c) => [c.code, c.name])).toEqual([
      ['tourism.guides', '导游服务'],
      ['tourism.hotels', '住宿服务'],
    ]);
    const current = await getTaxonomy(t);
    const versions = await listTaxonomyVersions(t);
    expect(current.version).toBe(versions[0]?.version);
    const retiredVersion = versions.find((v) => v.note === 'merged into culture');
    const retiredThen = await getTaxonomy(t, { version: retiredVersion?.version, includeRetired: true });
    // tourism.guides had moved to culture by then; the leaf under it had moved to tourism.hotels
    expect(retiredThen.categories.filter((c) => c.retired).map((c) => c.code)).toEqual([
      'tourism',
      'tourism.hotels',
      'tourism.guides.unlicensed',
    ]);
    expect((await getTaxonomy(t, { version: retiredVersion?.version })).categories.map((c) => c.code)).toEqual([
      'culture',
      'tourism.guides',
    ]);
    await expectAppError(getTaxonomy(t, { version: 999 }), 'invalid_input', 'version');
    await expectAppError(getTaxonomy(t, { version: 0 }), 'invalid_input', 'version');
  });
});

describe.each(testDatabases)('the unclassified leaf on %s', (dialect) => {
  const t = useTestStore(dialect);
  /** The service deps of a writer that may do everything (the test stands in for the command line). */
  const w = {
    get db() {
      return t.db;
    },
    actor: systemActor('test'),
  };

  it('can be neither retired nor retired with its area', async () => {
    await ensureDefaultTaxonomy(t);
    await expectAppError(updateCategory(w, UNCLASSIFIED_CODE, { retired: true }), 'invalid_input', 'retired');
    await expectAppError(updateCategory(w, 'other', { retired: true }), 'invalid_input', 'retired');
    expect((await getCategory(t, UNCLASSIFIED_CODE)).retired).toBe(false);
    expect((await getCategory(t, 'other.general')).retired).toBe(false);
    expect((await getTaxonomy(t)).version).toBe(1);
  });
});
