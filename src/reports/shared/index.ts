/** Helpers the report builders (weekly, monthly) share: reading stats answers and writing their numbers. */

export { departmentTable, EFFICIENCY_MEASURES, RATES } from './department-table.js';
export { changeText, countText, dropEmptyRuns, hoursOf, percentText } from './report-text.js';
export { count, keyName, type Move, movesOf, value } from './stats-values.js';
