import { type Actor, type Grant, type Role, roleGrant, type ScopeKind, systemActor } from '../auth/index.js';
import { createCipher } from '../core/pii/index.js';
import { updateCube } from '../cube/index.js';
import { createEnterprise, makeCreditCode } from '../enterprises/index.js';
import { seedDefaultDepartments } from '../orgs/index.js';
import { createPlace } from '../places/index.js';
import { TEST_SECRET } from '../server/testing.js';
import type { Db } from '../store/database.js';
import { ensureDefaultTaxonomy } from '../taxonomy/index.js';
import type { CreateCaseInput } from './case.schema.js';
import type { CreateComplaintInput } from './complaint.schema.js';
import type { RecordWriteDeps } from './record.service.js';

/*
 * Test support for records: a small world (a city with two towns, villages and a group, the default taxonomy and
 * departments, one enterprise) and factories for record input taking overrides.
 */

/** The cipher of the test app (server/testing.ts), so service tests and HTTP tests read each other's data. */
export const testCipher = createCipher({ secret: TEST_SECRET });

/** Record deps acting as the system (which reaches everything), or as `actor`. */
export function recordDeps(db: Db, actor: Actor = systemActor('test')): RecordWriteDeps {
  return { db, cipher: testCipher, afterWrite: updateCube, actor };
}

export const world = {
  city: '330782',
  /** 苏溪镇 with 苏华村 (and its group 第一组) and 西山下村. */
  town: '330782100',
  village: '330782100201',
  group: '330782100201-01',
  otherVillage: '330782100202',
  /** 大陈镇 with 大陈村. */
  otherTown: '330782101',
  otherTownVillage: '330782101201',
  enterprise: makeCreditCode('91330782MA2EC0H67'),
} as const;

/** Build the world once per database (inside a describe's first test or beforeAll). */
export async function seedRecordWorld(db: Db): Promise<void> {
  const deps = { db, actor: systemActor('test') };
  await createPlace(deps, { code: world.city, name: '义乌市', level: 'city' });
  await createPlace(deps, { code: world.town, name: '苏溪镇', level: 'town', parentCode: world.city });
  await createPlace(deps, { code: world.otherTown, name: '大陈镇', level: 'town', parentCode: world.city });
  await createPlace(deps, { code: world.village, name: '苏华村', level: 'village', parentCode: world.town });
  await createPlace(deps, { code: world.otherVillage, name: '西山下村', level: 'village', parentCode: world.town });
  await createPlace(deps, { code: world.group, name: '第一组', level: 'group', parentCode: world.village });
  await createPlace(deps, {
    code: world.otherTownVillage,
    name: '大陈村',
    level: 'village',
    parentCode: world.otherTown,
  });
  await ensureDefaultTaxonomy(deps);
  await seedDefaultDepartments(deps, world.town);
  await seedDefaultDepartments(deps, world.otherTown);
  await createEnterprise(deps, {
    creditCode: world.enterprise,
    name: '义乌市苏华服饰有限公司',
    townCode: world.town,
    villageCode: world.village,
  });
}

let counter = 0;
function nextExternalNo(prefix: string): string {
  counter += 1;
  return `${prefix}-${process.pid}-${counter}`;
}

/** A valid complaint of 苏溪镇 about wage arrears, received Monday 2025-06-02 09:30; override what the test is about. */
export function makeComplaintInput(overrides: Partial<CreateComplaintInput> = {}): CreateComplaintInput {
  return {
    townCode: world.town,
    categoryCode: 'labour.enterprise_dispute.wage_arrears',
    placeCode: world.village,
    sourceSystem: '12345',
    externalNo: nextExternalNo('GD'),
    channel: 'hotline_12345',
    content: '苏华村某服饰厂拖欠工人三个月工资，请求处理。',
    openedAt: '2025-06-02T09:30:00+08:00',
    complainantName: '张三',
    complainantPhone: '13812345678',
    ...overrides,
  };
}

/** A valid patrol case of 苏溪镇 about a street stall, opened Tuesday 2025-06-03 10:00; override what matters. */
export function makeCaseInput(overrides: Partial<CreateCaseInput> = {}): CreateCaseInput {
  return {
    townCode: world.town,
    categoryCode: 'city_appearance.street_stall',
    placeCode: world.otherVillage,
    sourceSystem: 'ledger',
    externalNo: nextExternalNo('AJ'),
    source: 'patrol',
    content: '西山下村路口占道经营，现场责令改正。',
    openedAt: '2025-06-03T10:00:00+08:00',
    ...overrides,
  };
}

/** A grant as tests write it: a role within a place (by code) or a department (`townCode/departmentCode`), or all. */
export interface TestGrant {
  role: Role;
  kind: ScopeKind;
  code?: string;
}

/**
 * A signed-in user's actor holding these grants, their scopes resolved from the store the way sign-in resolves them
 * (a village or department lies in its town). Service tests use it in place of a session.
 */
export async function testActor(db: Db, name: string, grants: readonly TestGrant[]): Promise<Actor> {
  const resolved: Grant[] = [];
  for (const { role, kind, code } of grants) {
    if (kind === 'all' || code === undefined) {
      resolved.push(roleGrant(role, 'all', null, []));
    } else if (kind === 'department') {
      const [townCode, departmentCode] = code.split('/') as [string, string];
      const department = await db
        .selectFrom('department')
        .innerJoin('place', 'place.id', 'department.town_id')
        .select(['department.id', 'department.town_id'])
        .where('place.code', '=', townCode)
        .where('department.code', '=', departmentCode)
        .executeTakeFirstOrThrow();
      resolved.push(roleGrant(role, kind, Number(department.id), [Number(department.town_id)]));
    } else {
      const place = await db
        .selectFrom('place')
        .select(['id', 'town_id', 'level'])
        .where('code', '=', code)
        .executeTakeFirstOrThrow();
      const towns =
        place.level === 'city'
          ? (await db.selectFrom('place').select('id').where('parent_id', '=', place.id).execute()).map((p) =>
              Number(p.id),
            )
          : [Number(place.level === 'town' ? place.id : place.town_id)];
      resolved.push(roleGrant(role, kind, Number(place.id), towns));
    }
  }
  return { kind: 'user', id: 1000 + resolved.length, name, grants: resolved };
}
