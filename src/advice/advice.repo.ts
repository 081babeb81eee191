import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../store/database.js';
import type { AdviceTemplateTable } from '../store/tables/warnings.js';

export type AdviceTemplateRow = Selectable<AdviceTemplateTable>;

/** A town's own templates and edits of built-ins, active or not, by code. */
export async function listTownTemplateRows(db: Db, townId: number): Promise<AdviceTemplateRow[]> {
  return db.selectFrom('advice_template').selectAll().where('town_id', '=', townId).orderBy('code').execute();
}

export async function findTownTemplateRow(
  db: Db,
  townId: number,
  code: string,
): Promise<AdviceTemplateRow | undefined> {
  return db
    .selectFrom('advice_template')
    .selectAll()
    .where('town_id', '=', townId)
    .where('code', '=', code)
    .executeTakeFirst();
}

/** Store the town's version of a template: insert, or replace the texts of the one it has (keeping created_at). */
export async function upsertTownTemplateRow(db: Db, row: Insertable<AdviceTemplateTable>): Promise<void> {
  await db
    .insertInto('advice_template')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['town_id', 'code']).doUpdateSet({
        category_code: row.category_code,
        situation: row.situation,
        title: row.title,
        title_en: row.title_en,
        body: row.body,
        body_en: row.body_en,
        active: row.active,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}

/** Remove the town's version of a template; whether there was one. */
export async function deleteTownTemplateRow(db: Db, townId: number, code: string): Promise<boolean> {
  const result = await db
    .deleteFrom('advice_template')
    .where('town_id', '=', townId)
    .where('code', '=', code)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
