import type ExcelJS from 'exceljs';
import { MEASURES, type MeasureName } from './stats.measures.js';
import type { Comparison } from './stats.periods.js';
import type { Stats, StatsCompared, StatsDimension, StatsValues } from './stats.schema.js';

/*
 * A stats answer as a file people open in Excel: the title, filters, period range, as-of and generation times at the
 * top in Chinese, then the table (period, keys, measures, shares, comparisons) and the totals. CSV is UTF-8 with a
 * BOM (Excel needs it to read Chinese); XLSX has percent and hour formats.
 */

export const MEASURE_LABELS: Record<MeasureName, string> = {
  records: '记录数',
  difficult: '疑难数',
  closed: '办结数',
  cancelled: '撤销数',
  overdue: '超期数',
  reopened: '重启数',
  responseDue: '应响应数',
  resolutionDue: '应解决数',
  responded: '及时响应数',
  resolved: '解决数',
  rated: '参评数',
  satisfied: '满意数',
  handled: '计时办结数',
  responseRate: '响应率',
  resolutionRate: '解决率',
  satisfactionRate: '满意率',
  handlingMean: '平均处置时长（小时）',
  workHandlingMean: '平均工作处置时长（小时）',
  handlingMedian: '处置时长中位数（小时）',
  handlingP90: '处置时长90分位（小时）',
  workHandlingMedian: '工作处置时长中位数（小时）',
  workHandlingP90: '工作处置时长90分位（小时）',
};
export const DIMENSION_LABELS: Record<StatsDimension, string> = {
  category1: '一级类别',
  category2: '二级类别',
  category3: '三级类别',
  village: '村社',
  group: '村民小组',
  department: '部门',
  source: '来源',
  kind: '类型',
};
export const PERIOD_LABELS = { week: '周', month: '月', quarter: '季度', year: '年' } as const;
const COMPARISON_LABELS: Record<Comparison, { name: string; before: string }> = {
  yoy: { name: '同比', before: '去年同期' },
  pop: { name: '环比', before: '上期' },
};
const HOUR_MS = 3_600_000;

type Format = 'text' | 'number' | 'percent' | 'hours' | 'points';
type Cell = string | number | null;
interface Column {
  header: string;
  format: Format;
  width: number;
}
export interface ExportSheet {
  /** Lines written above the table. */
  head: string[];
  columns: Column[];
  rows: Cell[][];
}

/** How a measure's value reads in a file: counts as numbers, rates as percents, durations in hours. */
function valueCell(measure: MeasureName, value: number | null | undefined): [Cell, Format] {
  const kind = MEASURES[measure].kind;
  if (value === null || value === undefined) {
    return [null, kind === 'count' ? 'number' : kind === 'rate' ? 'percent' : 'hours'];
  }
  return kind === 'count' ? [value, 'number'] : kind === 'rate' ? [value, 'percent'] : [value / HOUR_MS, 'hours'];
}

/** The sheet of a stats answer; `head` holds the lines describing the query. */
export function statsSheet(stats: Stats, head: string[]): ExportSheet {
  const measures = stats.query.measures as MeasureName[];
  const by = stats.query.by as StatsDimension[];
  const compare = stats.query.compare as Comparison[];
  const columns: Column[] = [{ header: PERIOD_LABELS[stats.query.period], format: 'text', width: 10 }];
  columns.push(...by.map((d) => ({ header: DIMENSION_LABELS[d], format: 'text' as const, width: 20 })));
  const valueCells = (values: StatsValues | undefined): Cell[] => measures.map((m) => valueCell(m, values?.[m])[0]);
  columns.push(...measures.map((m) => ({ header: MEASURE_LABELS[m], format: valueCell(m, null)[1], width: 14 })));
  const shared = stats.query.share ? measures.filter((m) => MEASURES[m].kind === 'count') : [];
  columns.push(...shared.map((m) => ({ header: `${MEASURE_LABELS[m]}占比`, format: 'percent' as const, width: 12 })));
  for (const comparison of compare) {
    const label = COMPARISON_LABELS[comparison];
    columns.push({ header: `${label.name}周期`, format: 'text', width: 10 });
    for (const m of measures) {
      columns.push({ header: `${MEASURE_LABELS[m]}（${label.before}）`, format: valueCell(m, null)[1], width: 14 });
      const rate = MEASURES[m].kind === 'rate';
      columns.push({
        header: `${MEASURE_LABELS[m]}${label.name}${rate ? '变化（百分点）' : '变化'}`,
        format: rate ? 'points' : 'percent',
        width: 14,
      });
    }
  }
  const comparisonCells = (row: Partial<Record<Comparison, StatsCompared>>): Cell[] =>
    compare.flatMap((comparison) => {
      const compared = row[comparison];
      return [
        compared?.period ?? null,
        ...measures.flatMap((m) => {
          const change = compared?.change[m] ?? null;
          return [
            valueCell(m, compared?.values[m])[0],
            MEASURES[m].kind === 'rate' && change !== null ? change * 100 : change,
          ];
        }),
      ];
    });
  const rows: Cell[][] = stats.rows.map((row) => [
    row.period,
    ...by.map((d) => row.keys[d]?.name ?? null),
    ...valueCells(row.values),
    ...shared.map((m) => row.share?.[m] ?? null),
    ...comparisonCells(row),
  ]);
  if (by.length > 0) {
    for (const total of stats.totals) {
      rows.push([
        total.period,
        ...by.map(() => '合计'),
        ...valueCells(total.values),
        ...shared.map((m) => ((total.values[m] ?? 0) === 0 ? null : 1)),
        ...comparisonCells(total),
      ]);
    }
  }
  return { head, columns, rows };
}

function csvField(value: Cell, format: Format): string {
  if (value === null) {
    return '';
  }
  const text =
    typeof value === 'string'
      ? value
      : format === 'percent'
        ? `${(value * 100).toFixed(2)}%`
        : format === 'hours' || format === 'points'
          ? value.toFixed(2)
          : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The sheet as CSV, UTF-8 with a BOM, CRLF line ends. */
export function sheetCsv(sheet: ExportSheet): Buffer {
  const lines = [
    ...sheet.head.map((line) => csvField(line, 'text')),
    '',
    sheet.columns.map((column) => csvField(column.header, 'text')).join(','),
    ...sheet.rows.map((row) => row.map((cell, i) => csvField(cell, sheet.columns[i]?.format ?? 'text')).join(',')),
  ];
  return Buffer.from(`\ufeff${lines.join('\r\n')}\r\n`, 'utf8');
}

const NUMBER_FORMATS: Partial<Record<Format, string>> = { percent: '0.00%', hours: '0.00', points: '0.00' };

/** The sheet as an XLSX workbook of one worksheet. */
export async function sheetXlsx(sheet: ExportSheet): Promise<Buffer> {
  // Imported here: exceljs takes 0.4 s to load, which every process that never exports would pay.
  const { default: Excel } = await import('exceljs');
  const workbook: ExcelJS.Workbook = new Excel.Workbook();
  const worksheet = workbook.addWorksheet('统计');
  worksheet.columns = sheet.columns.map((column) => ({ width: column.width }));
  for (const line of sheet.head) {
    worksheet.addRow([line]);
  }
  worksheet.addRow([]);
  worksheet.addRow(sheet.columns.map((column) => column.header)).font = { bold: true };
  for (const values of sheet.rows) {
    const row = worksheet.addRow(values);
    sheet.columns.forEach((column, i) => {
      const format = NUMBER_FORMATS[column.format];
      if (format) {
        row.getCell(i + 1).numFmt = format;
      }
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
