import type { CaseDraft } from '../record-draft.js';
import type { ExportColumn } from './columns.js';
import { EXPORT_TIME_ZONE, LEDGER_DATETIME_PATTERN, ledgerDateTime, yuan } from './formats.js';
import { CATEGORY_PATH_SEPARATOR } from './lookups.js';
import { CASE_OUTCOME_ZH, CASE_SOURCE_ZH, CASE_STATUS_ZH, YES_NO_ZH, yesNo } from './vocabulary.js';

/** A column of the enforcement case ledger: every CSV cell is text. */
export type LedgerColumn = ExportColumn<CaseDraft, string>;

const datetime = { type: 'text_datetime', pattern: LEDGER_DATETIME_PATTERN, timeZone: EXPORT_TIME_ZONE } as const;
const text = { type: 'text' } as const;
const at = (ms: number | undefined) => (ms === undefined ? undefined : ledgerDateTime(ms));

/**
 * The columns of `执法案件台账.csv`, the case ledger a town's enforcement team keeps in Excel and saves as CSV: one
 * row per case, Chinese headers, names instead of codes, text dates to the minute.
 */
export const LEDGER_COLUMNS: readonly LedgerColumn[] = [
  { header: '案件编号', field: 'externalNo', format: text, value: (r) => r.externalNo },
  { header: '案件名称', field: 'title', format: text, value: (r) => r.title },
  { header: '立案日期', field: 'openedAt', format: datetime, value: (r) => at(r.openedAt) },
  {
    header: '案件来源',
    field: 'source',
    format: { type: 'enum', values: CASE_SOURCE_ZH },
    value: (r) => CASE_SOURCE_ZH[r.source],
  },
  {
    header: '违法行为类别',
    field: 'categoryCode',
    format: { type: 'category_path', separator: CATEGORY_PATH_SEPARATOR },
    value: (r, l) => l.categoryPaths.get(r.categoryCode) ?? r.categoryCode,
  },
  { header: '当事人', field: 'partyName', format: text, value: (r) => r.partyName },
  { header: '统一社会信用代码', field: 'enterpriseCreditCode', format: text, value: (r) => r.enterpriseCreditCode },
  { header: '发生地点', field: 'address', format: text, value: (r) => r.address },
  { header: '所属镇街', field: 'townCode', format: { type: 'town_name' }, value: (_, l) => l.townName },
  {
    header: '所属村社',
    field: 'placeCode',
    format: { type: 'place_label' },
    value: (r, l) => l.placeLabels.get(r.placeCode) ?? r.placeCode,
  },
  {
    header: '承办部门',
    field: 'departmentCode',
    format: { type: 'department_name' },
    value: (r, l) => (r.departmentCode ? (l.departmentNames.get(r.departmentCode) ?? r.departmentCode) : undefined),
  },
  { header: '办理期限', field: 'deadlineAt', format: datetime, value: (r) => at(r.deadlineAt) },
  { header: '结案日期', field: 'closedAt', format: datetime, value: (r) => at(r.closedAt) },
  {
    header: '案件状态',
    field: 'status',
    format: { type: 'enum', values: CASE_STATUS_ZH },
    value: (r) => CASE_STATUS_ZH[r.status],
  },
  {
    header: '处理结果',
    field: 'outcome',
    format: { type: 'enum', values: CASE_OUTCOME_ZH },
    value: (r) => (r.outcome ? CASE_OUTCOME_ZH[r.outcome] : undefined),
  },
  {
    header: '罚款金额（元）',
    field: 'penaltyFen',
    format: { type: 'yuan', decimals: 2 },
    value: (r) => (r.penaltyFen === undefined ? undefined : yuan(r.penaltyFen)),
  },
  {
    header: '是否疑难',
    field: 'difficult',
    format: { type: 'boolean', yes: YES_NO_ZH.true, no: YES_NO_ZH.false },
    value: (r) => yesNo(r.difficult),
  },
  {
    header: '关联投诉编号',
    field: 'complaintExternalNo',
    format: text,
    note: '由投诉转办的案件：来源工单的工单编号（见 12345 工单导出）',
    value: (r) => r.complaintExternalNo,
  },
  { header: '案情摘要', field: 'content', format: text, value: (r) => r.content },
];
