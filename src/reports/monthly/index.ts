/** The monthly enforcement advice (基层执法建议): a ReportDocument written from the stats, records and warnings. */
export { monthTrendChart } from './monthly.chart.js';
export { monthlyQueries, monthWeeks, reportDate } from './monthly.data.js';
export {
  type MonthlyAdviceInput,
  type MonthlyDeps,
  monthlyAdviceSchema,
  parseMonthlyInput,
} from './monthly.schema.js';
export { buildMonthlyAdvice } from './monthly.service.js';
