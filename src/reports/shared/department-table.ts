import type { Locale } from '../../core/time/index.js';
import type { StatsRow } from '../../stats/index.js';
import { type TableBlock, table } from '../document/index.js';
import { hoursOf } from './report-text.js';
import { count, keyName, value } from './stats-values.js';

/** The three rates (响应率, 解决率, 满意率), in the order the reports show them. */
export const RATES = ['responseRate', 'resolutionRate', 'satisfactionRate'] as const;

/** The stats measures the department table reads (handled, handling time, overdue, the three rates). */
export const EFFICIENCY_MEASURES = ['handled', 'handlingMedian', 'handlingP90', 'overdue', ...RATES] as const;

/** A row's efficiency cells: handled, median and P90 hours, overdue, the three rates (shares; null = none). */
function cells(values: Record<string, number | null> | undefined) {
  return [
    count(values, 'handled'),
    hoursOf(value(values, 'handlingMedian')),
    hoursOf(value(values, 'handlingP90')),
    count(values, 'overdue'),
    value(values, 'responseRate'),
    value(values, 'resolutionRate'),
    value(values, 'satisfactionRate'),
  ];
}

/** The departments' handling efficiency and three rates, one row each, with the town's totals. */
export function departmentTable(spec: {
  caption: string;
  header: string[];
  totalLabel: string;
  rows: readonly StatsRow[];
  totals: Record<string, number | null> | undefined;
  locale: Locale;
}): TableBlock {
  return table({
    caption: spec.caption,
    columns: [
      {},
      { format: 'number' },
      { format: 'number', digits: 1 },
      { format: 'number', digits: 1 },
      { format: 'number' },
      { format: 'percent' },
      { format: 'percent' },
      { format: 'percent' },
    ],
    header: [spec.header],
    rows: spec.rows.map((row) => [keyName(row, 'department', spec.locale), ...cells(row.values)]),
    total: [spec.totalLabel, ...cells(spec.totals)],
  });
}
