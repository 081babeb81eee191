import type { DepartmentRow } from './department.repo.js';
import type { Department } from './department.schema.js';

export function presentDepartment(row: DepartmentRow): Department {
  return {
    code: row.code,
    townCode: row.town_code,
    name: row.name,
    nameEn: row.name_en,
    kind: row.kind,
    parentCode: row.parent_code,
    responsibilities: JSON.parse(row.responsibilities) as string[],
    active: row.active === 1,
  };
}
