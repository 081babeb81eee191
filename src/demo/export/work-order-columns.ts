import type { ComplaintDraft } from '../record-draft.js';
import type { ExportColumn } from './columns.js';
import { EXCEL_DATETIME_FORMAT, EXPORT_TIME_ZONE, excelWallClock } from './formats.js';
import { CATEGORY_PATH_SEPARATOR } from './lookups.js';
import { CHANNEL_ZH, COMPLAINT_STATUS_ZH, SATISFACTION_ZH, YES_NO_ZH, yesNo } from './vocabulary.js';

/** A cell of the XLSX export: text, a number, or a date (written as a real Excel date cell). */
export type XlsxCell = string | number | Date;
/** A column of the 12345 work-order export. */
export type WorkOrderColumn = ExportColumn<ComplaintDraft, XlsxCell>;

const datetime = { type: 'excel_datetime', numFmt: EXCEL_DATETIME_FORMAT, timeZone: EXPORT_TIME_ZONE } as const;
const boolean = { type: 'boolean', yes: YES_NO_ZH.true, no: YES_NO_ZH.false } as const;
const text = { type: 'text' } as const;
const at = (ms: number | undefined) => (ms === undefined ? undefined : excelWallClock(ms));

/**
 * The columns of `12345-工单导出.xlsx`, the work-order export of the 12345 hotline platform: one row per complaint,
 * in the order and with the headers such platforms export (Chinese names, not our codes).
 */
export const WORK_ORDER_COLUMNS: readonly WorkOrderColumn[] = [
  { header: '工单编号', field: 'externalNo', format: text, width: 18, value: (r) => r.externalNo },
  { header: '来电时间', field: 'openedAt', format: datetime, width: 20, value: (r) => at(r.openedAt) },
  {
    header: '诉求渠道',
    field: 'channel',
    format: { type: 'enum', values: CHANNEL_ZH },
    width: 10,
    value: (r) => CHANNEL_ZH[r.channel],
  },
  { header: '诉求人', field: 'complainantName', format: text, width: 10, value: (r) => r.complainantName },
  {
    header: '联系电话',
    field: 'complainantPhone',
    format: text,
    note: '演示数据：姓名与号码均为虚构（号码中间四位为 0000），明文导出，导入时加密保存',
    width: 14,
    value: (r) => r.complainantPhone,
  },
  { header: '诉求标题', field: 'title', format: text, width: 30, value: (r) => r.title },
  { header: '诉求内容', field: 'content', format: text, width: 60, value: (r) => r.content },
  { header: '事发地址', field: 'address', format: text, width: 36, value: (r) => r.address },
  { header: '所属镇街', field: 'townCode', format: { type: 'town_name' }, width: 10, value: (_, l) => l.townName },
  {
    header: '所属村社',
    field: 'placeCode',
    format: { type: 'place_label' },
    width: 20,
    value: (r, l) => l.placeLabels.get(r.placeCode) ?? r.placeCode,
  },
  {
    header: '问题分类',
    field: 'categoryCode',
    format: { type: 'category_path', separator: CATEGORY_PATH_SEPARATOR },
    width: 28,
    value: (r, l) => l.categoryPaths.get(r.categoryCode) ?? r.categoryCode,
  },
  {
    header: '被反映单位',
    field: 'enterpriseName',
    format: text,
    note: '仅供阅读；企业以统一社会信用代码为准',
    width: 28,
    value: (r, l) => (r.enterpriseCreditCode ? l.enterpriseNames.get(r.enterpriseCreditCode) : undefined),
  },
  {
    header: '统一社会信用代码',
    field: 'enterpriseCreditCode',
    format: text,
    width: 20,
    value: (r) => r.enterpriseCreditCode,
  },
  {
    header: '承办单位',
    field: 'departmentCode',
    format: { type: 'department_name' },
    width: 24,
    value: (r, l) => (r.departmentCode ? (l.departmentNames.get(r.departmentCode) ?? r.departmentCode) : undefined),
  },
  { header: '办理期限', field: 'deadlineAt', format: datetime, width: 20, value: (r) => at(r.deadlineAt) },
  {
    header: '首次响应时间',
    field: 'firstResponseAt',
    format: datetime,
    width: 20,
    value: (r) => at(r.firstResponseAt),
  },
  { header: '办结时间', field: 'closedAt', format: datetime, width: 20, value: (r) => at(r.closedAt) },
  {
    header: '办理状态',
    field: 'status',
    format: { type: 'enum', values: COMPLAINT_STATUS_ZH },
    width: 10,
    value: (r) => COMPLAINT_STATUS_ZH[r.status],
  },
  { header: '是否解决', field: 'resolved', format: boolean, width: 10, value: (r) => yesNo(r.resolved) },
  {
    header: '满意度',
    field: 'satisfaction',
    format: { type: 'enum', values: SATISFACTION_ZH },
    width: 10,
    value: (r) => (r.satisfaction ? SATISFACTION_ZH[r.satisfaction] : undefined),
  },
  { header: '是否疑难', field: 'difficult', format: boolean, width: 10, value: (r) => yesNo(r.difficult) },
  { header: '重办次数', field: 'reopenCount', format: { type: 'integer' }, width: 10, value: (r) => r.reopenCount },
  {
    header: '重复工单关联编号',
    field: 'repeatOfExternalNo',
    format: text,
    note: '本工单重复反映的前一工单的工单编号',
    width: 18,
    value: (r) => r.repeatOfExternalNo,
  },
];
