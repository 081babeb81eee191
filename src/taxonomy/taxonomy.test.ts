import { describe, expect, it } from 'vitest';
import { systemActor } from '../auth/index.js';
import { testDatabases, useTestStore } from '../store/testing.js';
import { findCategoryByCode } from './category.repo.js';
import { createCategory, descendantCodes, listCategories, requireCategory } from './category.service.js';
import { type DefaultCategory, defaultTaxonomy, UNCLASSIFIED_CODE } from './default-taxonomy.js';
import { DEFAULT_TAXONOMY_NOTE, ensureDefaultTaxonomy } from './default-taxonomy.service.js';
import { currentCategories, getTaxonomy, listTaxonomyVersions } from './taxonomy.service.js';

function countDefault(): number {
  const count = (list: readonly DefaultCategory[]): number => list.reduce((n, c) => n + 1 + count(c.children ?? []), 0);
  return count(defaultTaxonomy);
}

describe.each(testDatabases)('the default taxonomy on %s', (dialect) => {
  const t = useTestStore(dialect);
  /** The service deps of a writer that may do everything (the test stands in for the command line). */
  const w = {
    get db() {
      return t.db;
    },
    actor: systemActor('test'),
  };

  it('starts empty at version 0', async () => {
    expect(await getTaxonomy(t)).toEqual({ version: 0, categories: [] });
    expect(await listTaxonomyVersions(t)).toEqual([]);
  });

  it('loads once as version 1, even when several start-ups race', async () => {
    const results = await Promise.all([ensureDefaultTaxonomy(t), ensureDefaultTaxonomy(t), ensureDefaultTaxonomy(t)]);
    expect(results.filter((r) => r.loaded)).toHaveLength(1);
    expect(results.map((r) => r.version)).toEqual([1, 1, 1]);
    expect(await ensureDefaultTaxonomy(t)).toEqual({ loaded: false, version: 1 });

    const taxonomy = await getTaxonomy(t);
    expect(taxonomy.version).toBe(1);
    expect(taxonomy.categories).toHaveLength(countDefault());
    const versions = await listTaxonomyVersions(t);
    expect(versions).toEqual([
      { version: 1, createdAt: expect.any(String), note: DEFAULT_TAXONOMY_NOTE, categoryCount: countDefault() },
    ]);
  });

  it('keeps the snapshot and the live rows identical, in tree order', async () => {
    const live = await currentCategories(t.db);
    expect((await getTaxonomy(t, { includeRetired: true })).categories).toEqual(live);
    expect(live[0]).toMatchObject({ code: 'market_order', level: 1, path: ['market_order'], sortOrder: 10 });
    expect(live[1]).toMatchObject({ code: 'market_order.unlicensed_business', parentCode: 'market_order' });
    const seen = new Set<string>();
    for (const c of live) {
      if (c.parentCode !== null) {
        expect(seen.has(c.parentCode), c.code).toBe(true);
      }
      seen.add(c.code);
    }
  });

  it('stores the ancestors of every category as columns', async () => {
    const labour = await requireCategory(t.db, 'labour', 'category');
    const dispute = await requireCategory(t.db, 'labour.enterprise_dispute', 'category');
    const wages = await requireCategory(t.db, 'labour.enterprise_dispute.wage_arrears', 'category');
    expect(wages).toMatchObject({
      level: 3,
      parent_id: dispute.id,
      level1_id: labour.id,
      level2_id: dispute.id,
      level3_id: wages.id,
      level1_code: 'labour',
      level2_code: 'labour.enterprise_dispute',
    });
    expect(labour).toMatchObject({ level: 1, level1_id: labour.id, level2_id: null, level3_id: null });
    expect(dispute).toMatchObject({ level: 2, level1_id: labour.id, level2_id: dispute.id, level3_id: null });
    expect((await descendantCodes(t.db, dispute)).sort()).toEqual([
      'labour.enterprise_dispute',
      'labour.enterprise_dispute.contract',
      'labour.enterprise_dispute.other',
      'labour.enterprise_dispute.social_insurance',
      'labour.enterprise_dispute.wage_arrears',
      'labour.enterprise_dispute.work_injury',
    ]);
    expect(await descendantCodes(t.db, labour)).toHaveLength(9);
  });

  it('lists categories by level and finds the unclassified leaf', async () => {
    const top = await listCategories(t, { level: 1 });
    expect(top.map((c) => c.code)).toEqual(defaultTaxonomy.map((c) => c.code));
    expect((await listCategories(t, { level: 3 })).every((c) => c.path.length === 3)).toBe(true);
    expect(await findCategoryByCode(t.db, UNCLASSIFIED_CODE)).toMatchObject({ name: '未分类', retired: 0 });
    await expect(requireCategory(t.db, 'no.such', 'categoryCode')).rejects.toMatchObject({
      code: 'invalid_input',
      details: { issues: [{ path: 'categoryCode', message: 'unknown category "no.such"' }] },
    });
  });

  it('numbers concurrent edits one after another', async () => {
    await Promise.all(
      [1, 2, 3, 4, 5].map((i) =>
        createCategory(w, { code: `other.extra${i}`, name: `附加${i}`, nameEn: `Extra ${i}` }),
      ),
    );
    const versions = await listTaxonomyVersions(t);
    expect(versions.map((v) => v.version)).toEqual([6, 5, 4, 3, 2, 1]);
    expect(versions[0]?.categoryCount).toBe(countDefault() + 5);
    expect((await getTaxonomy(t)).categories).toHaveLength(countDefault() + 5);
    expect(await ensureDefaultTaxonomy(t)).toEqual({ loaded: false, version: 6 });
  });
});
