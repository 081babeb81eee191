import { scopeOf } from '../auth/index.js';
import { townIso } from '../core/time/index.js';
import { requireDepartment } from '../orgs/index.js';
import { requirePlace } from '../places/index.js';
import type { Db } from '../store/database.js';
import { requireCategory } from '../taxonomy/index.js';
import { describeScope } from './stats.access.js';
import { DIMENSION_LABELS, MEASURE_LABELS, PERIOD_LABELS, sheetCsv, sheetXlsx, statsSheet } from './stats.export.js';
import { presentKey } from './stats.keys.js';
import type { MeasureName } from './stats.measures.js';
import type { Stats, StatsDimension, StatsQuery } from './stats.schema.js';
import { getStats, type StatsDeps } from './stats.service.js';

export type ExportFormat = 'csv' | 'xlsx';

export interface StatsFile {
  body: Buffer;
  fileName: string;
  contentType: string;
}

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

const clock = (ms: number): string => townIso(ms).slice(0, 19).replace('T', ' ');

/**
 * The lines above the table: what is counted, within which scope of the reader, the filters, the periods, the as-of
 * and generation times.
 */
async function describe(db: Db, stats: Stats, scope: string, now: number): Promise<string[]> {
  const q = stats.query;
  const noNames = { categories: new Map(), places: new Map(), departments: new Map() };
  const filters: string[] = [];
  let townId: number | undefined;
  if (q.town !== null) {
    const town = await requirePlace(db, q.town, 'town');
    townId = town.id;
    filters.push(`镇街 ${town.name}（${town.code}）`);
  }
  if (q.category !== null) {
    const category = await requireCategory(db, q.category, 'category');
    filters.push(`类别 ${category.name}（${category.code}）`);
  }
  if (q.place !== null) {
    const place = await requirePlace(db, q.place, 'place');
    filters.push(`地点 ${place.name}（${place.code}）`);
  }
  if (q.department !== null) {
    const name = townId === undefined ? null : (await requireDepartment(db, townId, q.department, 'department')).name;
    filters.push(`部门 ${name === null ? q.department : `${name}（${q.department}）`}`);
  }
  if (q.source !== null) {
    filters.push(`来源 ${presentKey('source', q.source, noNames).name}`);
  }
  if (q.kind !== null) {
    filters.push(`类型 ${presentKey('kind', q.kind, noNames).name}`);
  }
  if (q.top !== null) {
    filters.push(`前 ${q.top} 名，其余合并为"其他"`);
  }
  const measures = q.measures.map((m) => MEASURE_LABELS[m as MeasureName]).join('、');
  const by = q.by.map((d) => DIMENSION_LABELS[d as StatsDimension]).join(' × ');
  const compare = q.compare.map((c) => (c === 'yoy' ? '同比' : '环比')).join('、');
  return [
    `善治统计：${measures}${by ? `，按 ${by}` : ''}`,
    `数据范围：${scope}`,
    `筛选：${filters.length === 0 ? '无（全部镇街）' : filters.join('；')}`,
    `周期：${PERIOD_LABELS[q.period]}；范围：${q.from} 至 ${q.to}${compare ? `；比较：${compare}` : ''}`,
    `数据截至：${stats.asOfMs === null ? '（尚无数据）' : clock(stats.asOfMs)}；生成时间：${clock(now)}`,
  ];
}

/**
 * A stats answer as a CSV or XLSX file, the query and the reader's scope written at the top (see stats.export.ts):
 * the same numbers, within the same stats:read, as GET /api/stats.
 */
export async function exportStats(
  deps: StatsDeps,
  input: StatsQuery,
  format: ExportFormat,
  now = Date.now(),
): Promise<StatsFile> {
  const stats = await getStats(deps, input);
  const scope = await describeScope(deps.db, scopeOf(deps.actor, 'stats:read'));
  const sheet = statsSheet(stats, await describe(deps.db, stats, scope, now));
  return {
    body: format === 'csv' ? sheetCsv(sheet) : await sheetXlsx(sheet),
    fileName: `stats-${stats.query.period}-${stats.query.from}-${stats.query.to}.${format}`,
    contentType: CONTENT_TYPES[format],
  };
}
