import type { z } from 'zod';
import { DATETIME_HINT } from './datetime.js';

/*
 * Why a row of an import was rejected or warned, as a stable code with its params (decided where the issue is raised,
 * stored with it), and the sentence people read, written in their language by issueText. The English sentences are
 * the ones imports always wrote (and still store in `reason`, which the CLI prints); the Chinese name the field.
 */

export const ISSUE_CODES = [
  'not_a_datetime',
  'not_a_number',
  'unknown_value',
  'not_a_boolean',
  'unknown_town',
  'no_town',
  'category_unmatched',
  'place_unmatched',
  'department_unmatched',
  'required',
  'too_long',
  'too_short',
  'too_big',
  'too_small',
  'invalid_type',
  'invalid_format',
  'unknown_category_code',
  'unknown_enterprise',
  'unknown_source_complaint',
  'town_out_of_scope',
  'unreadable_row',
  'before_opened',
  'deadline_twice',
  'needs_closed_at',
  'closed_needs_finished_status',
  'point_incomplete',
  'unstorable_text',
  'not_a_url',
  'invalid',
  'rejected',
] as const;
export type IssueCode = (typeof ISSUE_CODES)[number];

export type IssueParams = Record<string, string | number>;

/** An issue's code and params: what issueText needs. */
export interface CodedIssue {
  code: IssueCode;
  params: IssueParams;
}

export type IssueLocale = 'zh-CN' | 'en-US';

/** The Chinese names of the record fields a column can fill (the words of the 12345 exports and case ledgers). */
export const FIELD_NAMES_ZH: Readonly<Record<string, string>> = {
  externalNo: '编号',
  townCode: '镇街',
  placeCode: '村社',
  categoryCode: '问题分类',
  departmentCode: '承办部门',
  enterpriseCreditCode: '企业统一社会信用代码',
  sourceSystem: '来源系统',
  title: '标题',
  content: '内容',
  address: '地址',
  openedAt: '受理时间',
  deadlineAt: '办理期限',
  deadlineWorkingDays: '办理时限（工作日）',
  firstResponseAt: '首次响应时间',
  closedAt: '办结时间',
  difficult: '是否疑难',
  status: '状态',
  channel: '来源渠道',
  complainantName: '诉求人姓名',
  complainantPhone: '诉求人电话',
  resolved: '是否解决',
  satisfaction: '满意度',
  reopenCount: '重办次数',
  lat: '纬度',
  lng: '经度',
  mediaUrl: '附件链接',
  attributes: '附加信息',
  source: '案件来源',
  partyName: '当事人',
  outcome: '处理结果',
  penaltyFen: '罚款金额',
  complaintExternalNo: '关联投诉编号',
  complaintId: '关联投诉',
};

const NUMBER_KINDS_EN: Record<string, string> = {
  integer: 'is not a whole number',
  degrees: 'is not decimal degrees',
  yuan: 'is not an amount in yuan (up to two decimals)',
};
const NUMBER_KINDS_ZH: Record<string, string> = {
  integer: '不是整数',
  degrees: '不是十进制的经纬度',
  yuan: '不是以元为单位的金额（最多两位小数）',
};

function text(params: IssueParams, key: string): string {
  const value = Object.hasOwn(params, key) ? params[key] : undefined;
  return value === undefined ? '' : String(value);
}

function fieldZh(params: IssueParams): string {
  const field = text(params, 'field');
  return field === '' ? '该字段' : `「${Object.hasOwn(FIELD_NAMES_ZH, field) ? FIELD_NAMES_ZH[field] : field}」`;
}

/** `field: detail` as imports wrote zod's issues (the detail is zod's message). */
function zodEnglish(params: IssueParams, fallback: string): string {
  const field = text(params, 'field') || '(input)';
  return `${field}: ${text(params, 'detail') || fallback}`;
}

function english(code: IssueCode, p: IssueParams): string {
  const value = text(p, 'value');
  switch (code) {
    case 'not_a_datetime':
      return `"${value}" ${DATETIME_HINT} (${text(p, 'formats')})`;
    case 'not_a_number':
      return `"${value}" ${NUMBER_KINDS_EN[text(p, 'expected')] ?? 'is not a number'}`;
    case 'unknown_value':
      return p.detail !== undefined ? zodEnglish(p, 'invalid value') : `"${value}" is not one of ${text(p, 'allowed')}`;
    case 'not_a_boolean':
      return `"${value}" is neither ${text(p, 'yes')} nor ${text(p, 'no')}`;
    case 'unknown_town':
      return `no town is called "${value}"`;
    case 'no_town':
      return 'no town: give --town or a town column';
    case 'category_unmatched':
      return `no category matches; filed as ${text(p, 'filedAs')}`;
    case 'place_unmatched':
      return `no place of ${text(p, 'town')} matches; the place is left empty`;
    case 'department_unmatched':
      return `no department of ${text(p, 'town')} matches; the department is left empty`;
    case 'required':
      return zodEnglish(p, 'required');
    case 'too_long':
      return zodEnglish(p, `at most ${text(p, 'max')} characters`);
    case 'too_short':
      return zodEnglish(p, `at least ${text(p, 'min')} characters`);
    case 'too_big':
      return zodEnglish(p, `at most ${text(p, 'max')}`);
    case 'too_small':
      return zodEnglish(p, `at least ${text(p, 'min')}`);
    case 'invalid_type':
      return zodEnglish(p, `expected ${text(p, 'expected')}`);
    case 'invalid_format':
      return zodEnglish(p, `not a valid ${text(p, 'format')}`);
    case 'unknown_category_code':
      return 'no active category has this code';
    case 'unknown_enterprise':
      return 'no enterprise is registered with this credit code; the enterprise is left empty';
    case 'unknown_source_complaint':
      return 'no complaint of the town has this number; the link is left empty';
    case 'town_out_of_scope':
      return 'the town of this row is beyond your imports:write; the row is not imported';
    case 'unreadable_row':
      return text(p, 'detail') || 'the row cannot be read';
    case 'before_opened':
      return zodEnglish(p, 'must not be before openedAt');
    case 'deadline_twice':
      return zodEnglish(p, 'give deadlineAt or deadlineWorkingDays, not both');
    case 'needs_closed_at':
      return zodEnglish(p, `a record with status ${text(p, 'status')} needs closedAt`);
    case 'closed_needs_finished_status':
      return zodEnglish(p, `a record with closedAt must be ${text(p, 'allowed')}, not ${text(p, 'status')}`);
    case 'point_incomplete':
      return zodEnglish(p, 'give lat and lng together, or neither');
    case 'unstorable_text':
      return zodEnglish(p, 'contains a NUL character or an unpaired surrogate');
    case 'not_a_url':
      return zodEnglish(p, 'must be an http or https URL');
    case 'invalid':
      return zodEnglish(p, 'invalid');
    case 'rejected':
      return 'rejected';
  }
}

function chinese(code: IssueCode, p: IssueParams): string {
  const value = text(p, 'value');
  const field = fieldZh(p);
  switch (code) {
    case 'not_a_datetime':
      return `“${value}”不是本配置能读的日期时间（可读的格式：${text(p, 'formats')}）`;
    case 'not_a_number':
      return `“${value}”${NUMBER_KINDS_ZH[text(p, 'expected')] ?? '不是数字'}`;
    case 'unknown_value':
      return p.detail !== undefined
        ? `${field}的值不在可选值之中${p.allowed !== undefined ? `（可选：${text(p, 'allowed')}）` : ''}`
        : `“${value}”不是可选值之一（可选：${text(p, 'allowed')}）`;
    case 'not_a_boolean':
      return `“${value}”既不是“${text(p, 'yes')}”也不是“${text(p, 'no')}”`;
    case 'unknown_town':
      return `没有叫“${value}”的镇街`;
    case 'no_town':
      return '不知道这一行属于哪个镇街：请在导入时选择镇街，或在文件中加一列镇街';
    case 'category_unmatched':
      return `没有匹配的问题分类，已归入 ${text(p, 'filedAs')}`;
    case 'place_unmatched':
      return `${text(p, 'town')}没有匹配的村社，村社留空`;
    case 'department_unmatched':
      return `${text(p, 'town')}没有匹配的承办部门，承办部门留空`;
    case 'required':
      return `${field}必须填写`;
    case 'too_long':
      return p.max !== undefined ? `${field}太长：最多 ${text(p, 'max')} 个字` : `${field}太长`;
    case 'too_short':
      return p.min !== undefined ? `${field}太短：至少 ${text(p, 'min')} 个字` : `${field}太短`;
    case 'too_big':
      return p.max !== undefined ? `${field}太大：最大 ${text(p, 'max')}` : `${field}太大`;
    case 'too_small':
      return p.min !== undefined ? `${field}太小：最小 ${text(p, 'min')}` : `${field}太小`;
    case 'invalid_type':
      return `${field}的类型不对`;
    case 'invalid_format':
      return p.field === 'complainantPhone' ? `${field}不是电话号码（数字、+、-、空格）` : `${field}的格式不对`;
    case 'unknown_category_code':
      return '没有启用中的问题分类使用这个代码';
    case 'unknown_enterprise':
      return '没有企业以这个统一社会信用代码登记，企业留空';
    case 'unknown_source_complaint':
      return '本镇街没有这个编号的投诉，关联投诉留空';
    case 'town_out_of_scope':
      return '这一行的镇街不在您的导入权限之内，未导入';
    case 'unreadable_row':
      return p.detail !== undefined ? `这一行无法读取：${text(p, 'detail')}` : '这一行无法读取';
    case 'before_opened':
      return `${field}不能早于「受理时间」`;
    case 'deadline_twice':
      return '「办理期限」和「办理时限（工作日）」只能填一个';
    case 'needs_closed_at':
      return `状态为 ${text(p, 'status')} 的记录必须有「办结时间」`;
    case 'closed_needs_finished_status':
      return `有「办结时间」的记录，状态应为 ${text(p, 'allowed')}，而不是 ${text(p, 'status')}`;
    case 'point_incomplete':
      return '「纬度」和「经度」要么都填，要么都不填';
    case 'unstorable_text':
      return `${field}含有无法保存的字符（NUL 或不成对的代理项）`;
    case 'not_a_url':
      return `${field}必须是 http 或 https 网址`;
    case 'invalid':
      return p.detail !== undefined ? `${field}不符合要求：${text(p, 'detail')}` : `${field}不符合要求`;
    case 'rejected':
      return '拒收';
  }
}

const KNOWN = new Set<string>(ISSUE_CODES);

export function isIssueCode(code: string): code is IssueCode {
  return KNOWN.has(code);
}

/**
 * The sentence of an issue in the locale. Pure; never throws and never empty: an unknown code (stored by a newer
 * version) reads as its detail, or the code itself.
 */
export function issueText(
  issue: { code: string; params?: IssueParams | null | undefined },
  locale: IssueLocale,
): string {
  const params = issue.params ?? {};
  const sentence = isIssueCode(issue.code)
    ? locale === 'en-US'
      ? english(issue.code, params)
      : chinese(issue.code, params)
    : text(params, 'detail');
  return sentence.trim() !== '' ? sentence : issue.code.trim() || (locale === 'en-US' ? 'rejected' : '拒收');
}

/** An issue's code and params from a zod issue about the field (input: the row's value of the field, if any). */
export function zodIssueCode(issue: z.core.$ZodIssue, field: string, input: unknown): CodedIssue {
  const base: IssueParams = { field, detail: issue.message };
  switch (issue.code) {
    case 'invalid_type':
      return input === undefined
        ? { code: 'required', params: base }
        : { code: 'invalid_type', params: { ...base, expected: String(issue.expected) } };
    case 'too_big': {
      const max = Number(issue.maximum);
      return { code: issue.origin === 'string' ? 'too_long' : 'too_big', params: { ...base, max } };
    }
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') {
        return min <= 1 ? { code: 'required', params: base } : { code: 'too_short', params: { ...base, min } };
      }
      return { code: 'too_small', params: { ...base, min } };
    }
    case 'invalid_format':
      return { code: 'invalid_format', params: { ...base, format: String(issue.format) } };
    case 'invalid_value':
      return { code: 'unknown_value', params: { ...base, allowed: issue.values.map(String).join(', ') } };
    case 'custom':
      return customIssueCode(issue.message, base);
    default:
      return { code: 'invalid', params: base };
  }
}

/** The rules of the records (src/records: checkRecordRules, storableText …) by their message; others are `invalid`. */
function customIssueCode(message: string, base: IssueParams): CodedIssue {
  const fixed: Record<string, IssueCode> = {
    'must not be before openedAt': 'before_opened',
    'give deadlineAt or deadlineWorkingDays, not both': 'deadline_twice',
    'give lat and lng together, or neither': 'point_incomplete',
    'contains a NUL character or an unpaired surrogate': 'unstorable_text',
    'must be an http or https URL': 'not_a_url',
  };
  const code = fixed[message];
  if (code !== undefined) {
    return { code, params: base };
  }
  const needs = /^a record with status (\S+) needs closedAt$/.exec(message);
  if (needs) {
    return { code: 'needs_closed_at', params: { ...base, status: needs[1] as string } };
  }
  const finished = /^a record with closedAt must be (.+), not (\S+)$/.exec(message);
  if (finished) {
    return {
      code: 'closed_needs_finished_status',
      params: { ...base, allowed: finished[1] as string, status: finished[2] as string },
    };
  }
  return { code: 'invalid', params: base };
}
