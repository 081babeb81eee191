import { townIso } from '../core/time/index.js';
import type { MonthlyProblemRow } from './monthly-problem.repo.js';
import type { MonthlyProblem } from './monthly-problem.schema.js';

/** A problem of the month as it leaves the server, with its warning in short. */
export function presentMonthlyProblem(row: MonthlyProblemRow): MonthlyProblem {
  return {
    id: row.id,
    town: { code: row.town_code, name: row.town_name },
    month: row.month,
    title: row.title,
    owner: row.owner,
    plan: row.plan,
    status: row.status,
    outcome: row.outcome,
    warning: {
      id: row.warning_id,
      type: row.warning_type,
      severity: row.warning_severity,
      status: row.warning_status,
      summary: row.warning_summary,
      category:
        row.category_code !== null && row.category_name !== null
          ? { code: row.category_code, name: row.category_name }
          : null,
      place: { code: row.place_code, name: row.place_name },
    },
    createdAt: townIso(row.created_at),
    updatedAt: townIso(row.updated_at),
  };
}

/** The fields of a problem of the month its audit entries compare. */
export function monthlyProblemFields(problem: MonthlyProblem) {
  return {
    month: problem.month,
    warningId: problem.warning.id,
    title: problem.title,
    owner: problem.owner,
    plan: problem.plan,
    status: problem.status,
    outcome: problem.outcome,
  };
}
