import { describe, expect, it } from 'vitest';
import { systemActor } from '../auth/index.js';
import { expectInvalid, rejection } from '../core/testing.js';
import { createPlace } from '../places/index.js';
import type { Db } from '../store/database.js';
import { testDatabases, useTestStore } from '../store/testing.js';
import { makeCreditCode } from './credit-code.js';
import {
  createEnterprise,
  getEnterprise,
  requireEnterprise,
  searchEnterprises,
  updateEnterprise,
} from './enterprise.service.js';

/** 义乌市 › 苏溪镇 › 苏华村, 西山下村, and 大陈镇 › 大陈村; codes start with `prefix`. */
async function seedPlaces(db: Db, prefix: string): Promise<void> {
  const deps = { db, actor: systemActor('test') };
  await createPlace(deps, { code: `${prefix}0782`, name: '义乌市', level: 'city' });
  await createPlace(deps, { code: `${prefix}0782100`, name: '苏溪镇', level: 'town', parentCode: `${prefix}0782` });
  await createPlace(deps, { code: `${prefix}0782101`, name: '大陈镇', level: 'town', parentCode: `${prefix}0782` });
  for (const [code, name, town] of [
    ['0782100201', '苏华村', '0782100'],
    ['0782100202', '西山下村', '0782100'],
    ['0782101201', '大陈村', '0782101'],
  ] as const) {
    await createPlace(deps, { code: `${prefix}${code}`, name, level: 'village', parentCode: `${prefix}${town}` });
  }
}

/** A valid credit code for a Yiwu enterprise, distinct per `n` (the demo generator builds them the same way). */
function code(n: number): string {
  return makeCreditCode(`91330782MA${String(n).padStart(6, '0')}X`);
}

describe.each(testDatabases)('enterprises on %s', (dialect) => {
  const t = useTestStore(dialect);
  /** The service deps of a writer that may do everything (the test stands in for the command line). */
  const w = {
    get db() {
      return t.db;
    },
    actor: systemActor('test'),
  };

  it('registers, reads and edits an enterprise', async () => {
    await seedPlaces(t.db, 'a');
    const created = await createEnterprise(w, {
      creditCode: ' 91330100799655058b ',
      name: '义乌市苏溪饰品有限公司',
      townCode: 'a0782100',
      villageCode: 'a0782100201',
      industry: 'jewellery',
      address: '苏溪镇苏华街 18 号',
    });
    expect(created).toEqual({
      creditCode: '91330100799655058B',
      name: '义乌市苏溪饰品有限公司',
      townCode: 'a0782100',
      villageCode: 'a0782100201',
      industry: 'jewellery',
      address: '苏溪镇苏华街 18 号',
    });
    expect(await getEnterprise(t, '91330100799655058b')).toEqual(created);

    const minimal = await createEnterprise(w, { creditCode: code(1), name: '无名商行', townCode: 'a0782101' });
    expect(minimal).toMatchObject({ villageCode: null, industry: 'other', address: null });

    const edited = await updateEnterprise(w, '91330100799655058B', {
      name: '义乌市苏溪饰品股份有限公司',
      villageCode: 'a0782100202',
      industry: 'small_commodities',
      address: null,
    });
    expect(edited).toMatchObject({
      name: '义乌市苏溪饰品股份有限公司',
      villageCode: 'a0782100202',
      industry: 'small_commodities',
      address: null,
    });
    expect((await updateEnterprise(w, '91330100799655058B', { villageCode: null })).villageCode).toBeNull();

    const row = await requireEnterprise(t.db, '91330100799655058b', 'partyCreditCode');
    expect(row).toMatchObject({ credit_code: '91330100799655058B', town_code: 'a0782100' });
  });

  it('names the field of every bad input', async () => {
    await seedPlaces(t.db, 'b');
    const base = { creditCode: code(2), name: '苏溪物流', townCode: 'b0782100' };
    const badCheck = await expectInvalid(
      createEnterprise(w, { ...base, creditCode: '914403001922038217' }),
      'creditCode',
    );
    expect(badCheck.details?.issues?.[0]?.message).toBe('wrong check character: expected 6, got 7');
    await expectInvalid(createEnterprise(w, { ...base, creditCode: '9144' }), 'creditCode');
    await expectInvalid(createEnterprise(w, { ...base, villageCode: 'nowhere' }), 'villageCode');
    // A village of another town, and a town given as the village.
    await expectInvalid(createEnterprise(w, { ...base, villageCode: 'b0782101201' }), 'villageCode');
    await expectInvalid(createEnterprise(w, { ...base, villageCode: 'b0782100' }), 'villageCode');
    await expectInvalid(createEnterprise(w, { ...base, townCode: 'b0782100201' }), 'townCode');
    await expectInvalid(createEnterprise(w, { ...base, townCode: 'nowhere' }), 'townCode');
    await expectInvalid(createEnterprise(w, { ...base, industry: 'mining' as 'other' }), 'industry');
    await expectInvalid(createEnterprise(w, { ...base, name: '  ' }), 'name');

    await createEnterprise(w, base);
    const duplicate = await rejection(createEnterprise(w, { ...base, creditCode: base.creditCode.toLowerCase() }));
    expect(duplicate.code).toBe('conflict');
    expect(duplicate.details?.issues?.[0]?.path).toBe('creditCode');

    await expectInvalid(updateEnterprise(w, base.creditCode, { villageCode: 'b0782101201' }), 'villageCode');
    await expectInvalid(updateEnterprise(w, 'nonsense', { name: 'x' }), 'creditCode');
    expect((await rejection(updateEnterprise(w, code(999), { name: 'x' }))).code).toBe('not_found');
    expect((await rejection(getEnterprise(t, code(999)))).code).toBe('not_found');
    await expectInvalid(requireEnterprise(t.db, code(999), 'partyCreditCode'), 'partyCreditCode');
    await expectInvalid(requireEnterprise(t.db, 'nonsense', 'partyCreditCode'), 'partyCreditCode');
    // Nothing half-written by the failed attempts.
    expect((await searchEnterprises(t, { town: 'b0782100' })).total).toBe(1);
  });

  it('searches by name within a town, a page at a time', async () => {
    await seedPlaces(t.db, 'c');
    const names = ['苏溪饰品厂', '苏溪纺织厂', '苏华物流', '饰品100%商行', 'ABC Trading', '饰品_批发'];
    for (const [i, name] of names.entries()) {
      await createEnterprise(w, { creditCode: code(100 + i), name, townCode: 'c0782100' });
    }
    await createEnterprise(w, { creditCode: code(200), name: '大陈饰品厂', townCode: 'c0782101' });

    const jewellery = await searchEnterprises(t, { town: 'c0782100', q: '饰品' });
    expect(jewellery.items.map((e) => e.name)).toEqual(['苏溪饰品厂', '饰品100%商行', '饰品_批发']);
    expect(jewellery.total).toBe(3);
    // Across towns when no town is given.
    expect((await searchEnterprises(t, { q: '饰品厂' })).items.map((e) => e.name)).toEqual([
      '大陈饰品厂',
      '苏溪饰品厂',
    ]);
    // % and _ are literal, Latin letters match in any case.
    expect((await searchEnterprises(t, { town: 'c0782100', q: '%' })).items.map((e) => e.name)).toEqual([
      '饰品100%商行',
    ]);
    expect((await searchEnterprises(t, { town: 'c0782100', q: '_' })).items.map((e) => e.name)).toEqual(['饰品_批发']);
    expect((await searchEnterprises(t, { town: 'c0782100', q: 'abc trad' })).total).toBe(1);

    const page1 = await searchEnterprises(t, { town: 'c0782100', pageSize: 4 });
    const page2 = await searchEnterprises(t, { town: 'c0782100', pageSize: 4, page: 2 });
    expect(page1).toMatchObject({ total: 6, page: 1, pageSize: 4 });
    expect(page1.items).toHaveLength(4);
    expect(page2.items).toHaveLength(2);
    expect([...page1.items, ...page2.items].map((e) => e.name).sort()).toEqual([...names].sort());
    expect((await searchEnterprises(t, { town: 'c0782100', page: 3, pageSize: 4 })).items).toEqual([]);
    expect((await searchEnterprises(t, { town: 'c0782100', q: '  ' })).total).toBe(6);

    await expectInvalid(searchEnterprises(t, { town: 'nowhere' }), 'town');
    await expectInvalid(searchEnterprises(t, { town: 'c0782100', page: 0 }), 'page');
    await expectInvalid(searchEnterprises(t, { town: 'c0782100', pageSize: 1000 }), 'pageSize');
  });
});
