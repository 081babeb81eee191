import type { Generated } from 'kysely';

/**
 * What a unit of the town is (glossary.md, "1+4+8+X"): `enforcement_team` 综合行政执法队, `department` a line
 * department's office in the town (派驻机构: 所, 站, 中队), `office` a town government office (业务科室), `squad` a
 * rapid response squad (执法快遣队), `resident_team` a team stationed in villages (驻村/驻点), `collaborator` another
 * unit that takes part (协同单位, the "X").
 */
export type DepartmentKind = 'enforcement_team' | 'department' | 'office' | 'squad' | 'resident_team' | 'collaborator';

export interface DepartmentTable {
  id: Generated<number>;
  /** The town (a place of level town) this unit works in. */
  town_id: number;
  /** Stable code, unique within the town (`market`, `enforcement`, …). */
  code: string;
  name: string;
  name_en: string | null;
  kind: DepartmentKind;
  /** The unit this one belongs to (a squad under the enforcement team), in the same town. */
  parent_id: number | null;
  /** JSON array of top-level taxonomy category codes this unit answers for (advice and dispatch). */
  responsibilities: string;
  /** 1 while the unit takes work, 0 once dissolved or merged; rows are kept for the records that name them. */
  active: number;
  created_at: number;
  updated_at: number;
}
