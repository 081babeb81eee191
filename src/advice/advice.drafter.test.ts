import { beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../auth/index.js';
import { updateDepartment } from '../orgs/index.js';
import { seedRecordWorld, world } from '../records/record.testing.js';
import type { Db } from '../store/database.js';
import { testDatabases, useTestStore } from '../store/testing.js';
import { type AdviceFacts, createAdviceDrafter, draftAdvice } from './advice.drafter.js';
import { deleteAdviceTemplate, putAdviceTemplate } from './advice.service.js';

const system = systemActor('test');

async function idOf(db: Db, table: 'place' | 'category', code: string): Promise<number> {
  const row = await db.selectFrom(table).select('id').where('code', '=', code).executeTakeFirstOrThrow();
  return Number(row.id);
}

describe.each(testDatabases)('drafting advice on %s', (dialect) => {
  const t = useTestStore(dialect);
  let town: number;
  let otherTown: number;
  const category: Record<string, number> = {};
  const deps = () => ({ db: t.db, actor: system, now: () => Date.parse('2025-06-09T10:00:00+08:00') });

  beforeAll(async () => {
    await seedRecordWorld(t.db);
    town = await idOf(t.db, 'place', world.town);
    otherTown = await idOf(t.db, 'place', world.otherTown);
    for (const code of [
      'labour',
      'labour.enterprise_dispute',
      'labour.enterprise_dispute.wage_arrears',
      'noise',
      'noise.industrial',
      'noise.construction',
      'social_security.elderly_care',
    ]) {
      category[code] = await idOf(t.db, 'category', code);
    }
  });

  const facts = (overrides: Partial<AdviceFacts> = {}): AdviceFacts => ({
    situation: 'village_surge',
    categoryId: category.noise,
    category: { zh: '噪声扰民', en: 'Noise nuisance' },
    place: { zh: '苏华村', en: 'Suhua Village' },
    villages: [{ zh: '苏华村', en: 'Suhua Village' }],
    week: 202523,
    sinceWeek: 202522,
    observed: 11,
    expected: 2.6,
    upperBound: 6.1,
    terms: [],
    slopePerWeek: null,
    overdue: null,
    ...overrides,
  });

  it('chooses the most specific template of the situation: the category, an ancestor, then the generic one', async () => {
    const draft = await createAdviceDrafter(t.db, town);
    const wage = category['labour.enterprise_dispute.wage_arrears'];
    expect(draft(facts({ categoryId: wage })).code).toBe('labour.enterprise_dispute.wage_arrears.village_surge');
    expect(draft(facts({ categoryId: wage, situation: 'spread' })).code).toBe('labour.spread');
    expect(draft(facts({ categoryId: category['labour.enterprise_dispute'] })).code).toBe('labour.village_surge');
    expect(draft(facts({ categoryId: wage, situation: 'slow_rise' })).code).toBe('generic.slow_rise');
    expect(draft(facts({ categoryId: category['social_security.elderly_care'] })).code).toBe('generic.village_surge');
    expect(draft(facts({ categoryId: null, category: null, situation: 'overdue_backlog' })).code).toBe(
      'generic.overdue_backlog',
    );
    expect(draft(facts({ categoryId: 99_999_999 })).code).toBe('generic.village_surge');
  });

  it('names the active department answering for the category or its nearest ancestor', async () => {
    const draft = await createAdviceDrafter(t.db, town);
    const noise = draft(facts());
    expect(noise.department).toEqual({
      zh: '苏溪镇综合行政执法队',
      en: 'Comprehensive Administrative Law Enforcement Team',
    });
    expect(noise.departmentId).toBe(await departmentId(t.db, town, 'enforcement'));
    // noise.industrial is the ecology squadron's, though noise is the enforcement team's: the most specific wins.
    const industrial = draft(facts({ categoryId: category['noise.industrial'] }));
    expect(industrial.department?.zh).toBe('苏溪生态环境执法中队');
    expect(draft(facts({ categoryId: category['noise.construction'] })).department?.zh).toBe('苏溪镇综合行政执法队');
    expect(draft(facts({ categoryId: category['labour.enterprise_dispute.wage_arrears'] })).department?.zh).toBe(
      '苏溪劳动保障监察中队',
    );
    const none = draft(facts({ categoryId: category['social_security.elderly_care'] }));
    expect(none).toMatchObject({ departmentId: null, department: null });
    expect(none.advice).toContain('由属地村（社区）和相关职能部门牵头');
    expect(none.adviceEn).toContain('the village and the departments concerned should lead');
  });

  it('skips a deactivated department for the next one up the category chain', async () => {
    await updateDepartment(deps(), world.town, 'ecology', { active: false });
    try {
      const drafted = await draftAdvice(t.db, town, facts({ categoryId: category['noise.industrial'] }));
      expect(drafted.department?.zh).toBe('苏溪镇综合行政执法队');
    } finally {
      await updateDepartment(deps(), world.town, 'ecology', { active: true });
    }
  });

  it('fills the chosen template in both locales', async () => {
    const drafted = await draftAdvice(t.db, town, facts());
    expect(drafted.title).toBe('苏华村噪声扰民问题突增');
    expect(drafted.titleEn).toBe('Surge in noise nuisance in Suhua Village');
    expect(drafted.advice).toContain('2025年第22周起，苏华村涉及噪声扰民的投诉明显增多，本周11件，高于往常约2.6件');
    expect(drafted.advice).toContain('由苏溪镇综合行政执法队在22时后开展夜间定向巡查');
    expect(drafted.adviceEn).toContain(
      'Since week 22 of 2025, complaints about noise nuisance in Suhua Village have risen sharply: 11 records this week, well above the usual 2.6 records',
    );
    expect(drafted.adviceEn).toContain('(1) the Comprehensive Administrative Law Enforcement Team should patrol');
  });

  it("uses the town's edit of a built-in, its own templates and its switched-off ones, in that town only", async () => {
    await putAdviceTemplate(
      deps(),
      'noise.village_surge',
      { town: world.town },
      { body: '{place}噪声：周五联合执法。' },
    );
    await putAdviceTemplate(
      deps(),
      'night_works.village_surge',
      { town: world.town },
      {
        categoryCode: 'noise.construction',
        situation: 'village_surge',
        title: '{place}夜间施工扰民',
        titleEn: 'Night works in {place}',
        body: '由{department}夜查工地。',
        bodyEn: '{department} should check building sites at night.',
      },
    );
    const draft = await createAdviceDrafter(t.db, town);
    expect(draft(facts()).advice).toBe('苏华村噪声：周五联合执法。');
    expect(draft(facts()).title).toBe('苏华村噪声扰民问题突增');
    const construction = draft(facts({ categoryId: category['noise.construction'] }));
    expect(construction).toMatchObject({
      code: 'night_works.village_surge',
      advice: '由苏溪镇综合行政执法队夜查工地。',
    });
    expect((await draftAdvice(t.db, otherTown, facts())).advice).toContain('开展夜间定向巡查');

    await putAdviceTemplate(deps(), 'noise.village_surge', { town: world.town }, { active: false });
    expect((await draftAdvice(t.db, town, facts())).code).toBe('generic.village_surge');
    // The drafter made before the edit still has the library it loaded.
    expect(draft(facts()).code).toBe('noise.village_surge');

    await deleteAdviceTemplate(deps(), 'noise.village_surge', { town: world.town });
    await deleteAdviceTemplate(deps(), 'night_works.village_surge', { town: world.town });
    expect((await draftAdvice(t.db, town, facts())).advice).toContain('开展夜间定向巡查');
  });

  it("prefers the town's own template over a built-in for the same category", async () => {
    await putAdviceTemplate(
      deps(),
      'local_noise.village_surge',
      { town: world.town },
      {
        categoryCode: 'noise',
        situation: 'village_surge',
        title: '{place}噪声',
        titleEn: 'Noise in {place}',
        body: '本镇做法。',
        bodyEn: 'Our way.',
      },
    );
    expect((await draftAdvice(t.db, town, facts())).code).toBe('local_noise.village_surge');
    await deleteAdviceTemplate(deps(), 'local_noise.village_surge', { town: world.town });
  });

  it('drafts within a transaction', async () => {
    const drafted = await t.db.transaction().execute((trx) => draftAdvice(trx, town, facts()));
    expect(drafted.code).toBe('noise.village_surge');
  });
});

async function departmentId(db: Db, townId: number, code: string): Promise<number> {
  const row = await db
    .selectFrom('department')
    .select('id')
    .where('town_id', '=', townId)
    .where('code', '=', code)
    .executeTakeFirstOrThrow();
  return Number(row.id);
}
