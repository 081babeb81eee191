import type { Db } from '../store/database.js';
import type {
  WarningSeverity,
  WarningSituation,
  WarningStatus,
  WarningTable,
  WarningType,
} from '../store/tables/warnings.js';

/*
 * Test support: a warning written straight into the store, as the engine would write one, by codes and with
 * defaults for everything a test is not about. The places, category and department must exist (e.g.
 * seedRecordWorld of src/records/record.testing.ts, whose codes are the defaults here).
 */

export interface TestWarning {
  /** Default 330782100 (苏溪镇 of the record test world). */
  townCode?: string;
  /** Default 330782100201 (苏华村). */
  placeCode?: string;
  /** The villages it concerns (warning_village); default the place when it is a village, else none. */
  villageCodes?: readonly string[];
  /** Default `labour.enterprise_dispute.wage_arrears`; null for every category. */
  categoryCode?: string | null;
  /** A department code of the town; default none. */
  departmentCode?: string | null;
  type?: WarningType;
  situation?: WarningSituation;
  severity?: WarningSeverity;
  status?: WarningStatus;
  /** ISO weeks; default 202523 for both. */
  week?: number;
  sinceWeek?: number;
  summary?: string;
  /** The JSON columns as values (written as JSON); defaults are small but complete. */
  methods?: unknown;
  facts?: unknown;
  samples?: unknown;
  /** Any column as stored, last (key, score, owner, due_day, advice, detected_at …). */
  row?: Partial<Omit<WarningTable, 'id'>>;
  /** Also write the `detected` warning_event the engine writes with a new warning (default true). */
  detectedEvent?: boolean;
}

let counter = 0;

async function placeOf(db: Db, code: string): Promise<{ id: number; level: string }> {
  const place = await db.selectFrom('place').select(['id', 'level']).where('code', '=', code).executeTakeFirst();
  if (!place) {
    throw new Error(`insertTestWarning: no place ${code}`);
  }
  return { id: Number(place.id), level: place.level };
}

/** Write one warning (and its villages, and a `detected` event) and return its id. */
export async function insertTestWarning(db: Db, partial: TestWarning = {}): Promise<number> {
  counter += 1;
  const town = await placeOf(db, partial.townCode ?? '330782100');
  const placeCode = partial.placeCode ?? '330782100201';
  const place = await placeOf(db, placeCode);
  const villageCodes = partial.villageCodes ?? (place.level === 'village' ? [placeCode] : []);
  const categoryCode =
    partial.categoryCode === undefined ? 'labour.enterprise_dispute.wage_arrears' : partial.categoryCode;
  const category =
    categoryCode === null
      ? null
      : await db.selectFrom('category').select('id').where('code', '=', categoryCode).executeTakeFirstOrThrow();
  const department =
    partial.departmentCode == null
      ? null
      : await db
          .selectFrom('department')
          .select('id')
          .where('town_id', '=', town.id)
          .where('code', '=', partial.departmentCode)
          .executeTakeFirstOrThrow();
  const week = partial.week ?? 202523;
  const sinceWeek = partial.sinceWeek ?? week;
  const type = partial.type ?? 'outbreak';
  const now = Date.now();
  const values: Omit<WarningTable, 'id'> = {
    town_id: town.id,
    key: `${type}:${categoryCode ?? '*'}:${placeCode}:${sinceWeek}:test-${process.pid}-${counter}`,
    type,
    situation: partial.situation ?? 'village_surge',
    since_week: sinceWeek,
    week,
    category_id: category === null ? null : Number(category.id),
    place_id: place.id,
    department_id: department === null ? null : Number(department.id),
    severity: partial.severity ?? 'orange',
    score: 3.5,
    observed: 12,
    expected: 3.1,
    upper_bound: 7.9,
    methods: JSON.stringify(
      partial.methods ?? [{ method: 'farrington-noufaily', observed: 12, expected: 3.1, upperbound: 7.9, alarm: true }],
    ),
    facts: JSON.stringify(
      partial.facts ?? {
        villages: villageCodes.map((code) => ({ code, name: code })),
        categoryCode,
        weeks: 2,
        series: { weeks: [week - 1, week], observed: [4, 12], expected: [3, 3.1], upperbound: [7.5, 7.9] },
      },
    ),
    samples: JSON.stringify(partial.samples ?? []),
    summary: partial.summary ?? `测试预警 ${counter}：拖欠工资投诉激增`,
    summary_en: `Test warning ${counter}: wage arrears complaints surge`,
    advice_code: null,
    advice: '建议劳动保障部门开展专项检查。',
    advice_en: 'The labour office should run a targeted inspection.',
    status: partial.status ?? 'new',
    owner: null,
    due_day: null,
    actions: null,
    result: null,
    dismiss_reason: null,
    detected_at: now,
    created_at: now,
    updated_at: now,
    ...partial.row,
  };
  const { id } = await db.insertInto('warning').values(values).returning('id').executeTakeFirstOrThrow();
  const warningId = Number(id);
  for (const code of villageCodes) {
    await db
      .insertInto('warning_village')
      .values({ warning_id: warningId, village_id: (await placeOf(db, code)).id })
      .execute();
  }
  if (partial.detectedEvent ?? true) {
    await db
      .insertInto('warning_event')
      .values({
        warning_id: warningId,
        at: values.detected_at,
        action: 'detected',
        from_status: null,
        to_status: values.status,
        actor_kind: 'system',
        actor_id: 'engine',
        actor_name: 'engine',
        note: null,
        details: '{}',
      })
      .execute();
  }
  return warningId;
}
