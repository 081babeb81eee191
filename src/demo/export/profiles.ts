import { type ColumnSpec, columnSpecs } from './columns.js';
import { CSV_LINE_END } from './formats.js';
import { LEDGER_COLUMNS } from './ledger-columns.js';
import { OPEN311_FIELDS } from './open311-fields.js';
import { ENTERPRISE_COLUMNS } from './reference-data.js';
import type { TextEncoding } from './text-file.js';
import { WORK_ORDER_COLUMNS } from './work-order-columns.js';
import { XLSX_MAX_DATA_ROWS } from './xlsx-table.js';

/** The files of a demo export folder. */
export const DEMO_FILE_NAMES = {
  workOrders: '12345-工单导出.xlsx',
  ledger: '执法案件台账.csv',
  open311: 'open311-requests.json',
  truth: 'truth.json',
  places: 'places.json',
  enterprises: 'enterprises.csv',
  readme: 'README.txt',
} as const;

/** The source systems of the records (with the 工单编号 / 案件编号, the key an import upserts by). */
export const WORK_ORDER_SOURCE_SYSTEM = '12345';
export const LEDGER_SOURCE_SYSTEM = 'ledger';
/** The Open311 sample holds the web complaints of this many last weeks. */
export const OPEN311_SAMPLE_WEEKS = 8;

/**
 * One file of the export folder as data: its layout and columns, what an intake profile for it needs (JSON-safe;
 * the README is written from these too).
 */
export interface DemoFileProfile {
  name: string;
  /** Chinese title and description, for the README. */
  title: string;
  description: string;
  format: 'xlsx' | 'csv' | 'json' | 'text';
  encoding?: TextEncoding;
  lineEnd?: '\r\n' | '\n';
  /** The records' kind and source system, for the files of records. */
  recordKind?: 'complaint' | 'case';
  sourceSystem?: string;
  /** What a row counts, in Chinese (行, 条, 个). */
  unit: string;
  columns: ColumnSpec[];
}

/** The profiles of the demo export files, in the order the README lists them. */
export function demoFileProfiles(): DemoFileProfile[] {
  const none: ColumnSpec[] = [];
  return [
    {
      name: DEMO_FILE_NAMES.workOrders,
      title: '12345 热线工单导出（投诉举报）',
      description: `Excel 工作簿，每年一个工作表（如 2025年，按来电时间），首行为表头；一个工作表超过 ${XLSX_MAX_DATA_ROWS} 行数据时续写于“2025年（2）”。`,
      format: 'xlsx',
      recordKind: 'complaint',
      sourceSystem: WORK_ORDER_SOURCE_SYSTEM,
      unit: '行',
      columns: columnSpecs(WORK_ORDER_COLUMNS),
    },
    {
      name: DEMO_FILE_NAMES.ledger,
      title: '综合行政执法案件台账',
      description: 'CSV（RFC 4180：含逗号、引号或换行的字段加双引号，引号双写），首行为表头。',
      format: 'csv',
      encoding: 'gb18030',
      lineEnd: CSV_LINE_END,
      recordKind: 'case',
      sourceSystem: LEDGER_SOURCE_SYSTEM,
      unit: '行',
      columns: columnSpecs(LEDGER_COLUMNS),
    },
    {
      name: DEMO_FILE_NAMES.open311,
      title: 'Open311 GeoReport v2 服务请求（样本）',
      description:
        `JSON 数组，每个元素为一个服务请求（GET requests 的响应格式）；样本为最后 ${OPEN311_SAMPLE_WEEKS} 周` +
        '经网络渠道提交的工单，与 12345 工单导出中的同号工单为同一诉求。',
      format: 'json',
      encoding: 'utf8',
      lineEnd: '\n',
      recordKind: 'complaint',
      sourceSystem: WORK_ORDER_SOURCE_SYSTEM,
      unit: '条',
      columns: columnSpecs(OPEN311_FIELDS),
    },
    {
      name: DEMO_FILE_NAMES.truth,
      title: '注入事件真值',
      description:
        '生成时注入的暴发（outbreak）与缓慢漂移（drift）：事项分类、村社、起止 ISO 周、倍数、预期基线、实际数量、新词，用于评测预警。',
      format: 'json',
      encoding: 'utf8',
      lineEnd: '\n',
      unit: '个事件',
      columns: none,
    },
    {
      name: DEMO_FILE_NAMES.places,
      title: '地点（市、镇街、村社、村民小组）',
      description:
        'JSON 数组，先上级后下级；每项含 code、name、nameEn、level（city/town/village/group）、parentCode、' +
        'aliases（村民小组的别名即导出文件中“所属村社”的写法）、centroid（WGS84）、boundary（GeoJSON 多边形，镇街与村社）。',
      format: 'json',
      encoding: 'utf8',
      lineEnd: '\n',
      unit: '个地点',
      columns: none,
    },
    {
      name: DEMO_FILE_NAMES.enterprises,
      title: '企业名录',
      description: 'CSV（RFC 4180），首行为表头。',
      format: 'csv',
      encoding: 'utf8-bom',
      lineEnd: CSV_LINE_END,
      unit: '行',
      columns: columnSpecs(ENTERPRISE_COLUMNS),
    },
  ];
}
