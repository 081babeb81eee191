import { type Industry, industries } from '../../enterprises/index.js';
import type { CaseDraft, ComplaintDraft } from '../record-draft.js';

/*
 * The zh-CN words the export files write for our enum values, one dictionary per enum (code → word). They are the
 * words of real 12345 work-order exports and enforcement ledgers; the intake profiles of these files read them back
 * with invertDictionary. Every code has a word and no two codes share one (a test checks both).
 */

type Dictionary<K extends string> = Readonly<Record<K, string>>;

/** 诉求渠道 of a complaint. */
export const CHANNEL_ZH: Dictionary<ComplaintDraft['channel']> = {
  hotline_12345: '12345热线',
  web: '网络',
  phone: '电话',
  visit: '来访',
};

/** 办理状态 of a work order. */
export const COMPLAINT_STATUS_ZH: Dictionary<ComplaintDraft['status']> = {
  received: '已受理',
  dispatched: '已派单',
  in_progress: '办理中',
  responded: '已回复',
  closed: '已办结',
  cancelled: '已撤销',
};

/** 满意度 of the complainant's callback. */
export const SATISFACTION_ZH: Dictionary<NonNullable<ComplaintDraft['satisfaction']>> = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  dissatisfied: '不满意',
};

/** 案件来源 of an enforcement case. */
export const CASE_SOURCE_ZH: Dictionary<CaseDraft['source']> = {
  patrol: '巡查发现',
  complaint_referral: '投诉转办',
  department_referral: '部门移送',
  report: '举报',
};

/** 案件状态 of an enforcement case. */
export const CASE_STATUS_ZH: Dictionary<CaseDraft['status']> = {
  opened: '已立案',
  investigating: '调查取证',
  decided: '已作出决定',
  closed: '已结案',
  cancelled: '已撤销',
};

/** 处理结果 of an enforcement case. */
export const CASE_OUTCOME_ZH: Dictionary<NonNullable<CaseDraft['outcome']>> = {
  penalty: '罚款',
  warning: '警告',
  rectified: '责令改正',
  no_violation: '违法事实不成立',
  transferred: '移送处理',
};

/** Yes/no columns (是否解决, 是否疑难): true → 是, false → 否; an unknown value is an empty cell. */
export const YES_NO_ZH: Dictionary<'true' | 'false'> = { true: '是', false: '否' };

/** 行业 of an enterprise: the industries' Chinese names of the enterprises feature. */
export const INDUSTRY_ZH = Object.fromEntries(industries.map((i) => [i.code, i.name])) as Dictionary<Industry>;

/** 主体类型 of an enterprise: a company, or an individual business (个体工商户, credit code 92…). */
export const ENTERPRISE_KIND_ZH: Dictionary<'enterprise' | 'individual'> = {
  enterprise: '企业',
  individual: '个体工商户',
};

/** The reverse of a dictionary, word → code, for reading the words back. */
export function invertDictionary<K extends string>(dictionary: Dictionary<K>): ReadonlyMap<string, K> {
  return new Map(Object.entries(dictionary).map(([code, word]) => [word as string, code as K]));
}

/** The word of a boolean, or undefined for an unknown one. */
export function yesNo(value: boolean | undefined): string | undefined {
  return value === undefined ? undefined : value ? YES_NO_ZH.true : YES_NO_ZH.false;
}
