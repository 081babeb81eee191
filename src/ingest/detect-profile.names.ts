import {
  CASE_OUTCOME_ZH,
  CASE_SOURCE_ZH,
  CASE_STATUS_ZH,
  CHANNEL_ZH,
  COMPLAINT_STATUS_ZH,
  SATISFACTION_ZH,
} from '../demo/export/index.js';
import {
  caseOutcomes,
  caseSources,
  caseStatuses,
  complaintChannels,
  complaintStatuses,
  satisfactions,
} from '../records/index.js';

/*
 * The words `shanzhi import --detect` knows (see detect-profile.ts): the headers each field goes by in 12345 exports,
 * case ledgers and Open311, the header words that tell cases from complaints, and the words exports write for enum
 * and yes/no fields.
 */

export type Kind = 'complaint' | 'case';

/** The names each field goes by, space-separated; the fields of one kind of record only are listed under it. */
export const NAMES: Readonly<Record<'both' | Kind, Readonly<Record<string, string>>>> = {
  both: {
    externalNo:
      '工单编号 工单号 编号 受理编号 受理号 诉求编号 信件编号 事件编号 流水号 案件编号 案件号 案号 立案编号 立案号 ' +
      'service_request_id external_no id no case_no',
    townCode: '所属镇街 镇街 所属乡镇 乡镇 镇(街道) 所属街道 街道 town town_code',
    placeCode:
      '所属村社 村社 村(社区) 所属村(社区) 社区 所属社区 村居 所属村居 所属村 行政村 所属网格 网格 ' +
      'address_id place place_code village community',
    categoryCode:
      '问题分类 诉求类别 诉求分类 事项分类 问题类型 问题类别 违法行为类别 违法类型 案件类别 案由 事件类型 类别 分类 ' +
      'service_name service_code category category_code',
    departmentCode:
      '承办单位 承办部门 办理单位 责任单位 处置单位 主办单位 执法部门 执法单位 agency_responsible department ' +
      'department_code agency',
    enterpriseCreditCode: '统一社会信用代码 社会信用代码 信用代码 credit_code enterprise_credit_code uscc',
    title: '诉求标题 工单标题 标题 案件名称 事项名称 主题 信件标题 title subject',
    content:
      '诉求内容 内容 问题描述 事件描述 来电内容 反映内容 详细内容 案情摘要 案情简介 简要案情 description content details',
    address: '事发地址 事发地点 发生地点 案发地点 问题地址 详细地址 地址 地点 address address_string location',
    openedAt:
      '来电时间 受理时间 登记时间 立案日期 立案时间 创建时间 提交时间 上报时间 反映时间 诉求时间 发现时间 ' +
      'requested_datetime opened_at created_at reported_at',
    deadlineAt: '办理期限 办结期限 处理时限 截止时间 应办结时间 期限 expected_datetime deadline due_date deadline_at',
    firstResponseAt: '首次响应时间 响应时间 首次回复时间 签收时间 接单时间 first_response_at',
    closedAt: '办结时间 办结日期 结案日期 结案时间 完成时间 关闭时间 处理完成时间 closed_at closed_datetime',
    difficult: '是否疑难 疑难件 疑难 difficult',
    status: '办理状态 工单状态 案件状态 处理状态 当前状态 状态 status_notes status',
  },
  complaint: {
    channel: '诉求渠道 受理渠道 来源渠道 渠道 来源 channel',
    complainantName: '诉求人 来电人 投诉人 反映人 举报人 联系人 诉求人姓名 姓名 complainant_name complainant',
    complainantPhone: '联系电话 手机号 手机号码 来电号码 电话 联系方式 complainant_phone phone mobile',
    resolved: '是否解决 是否已解决 解决情况 resolved',
    satisfaction: '满意度 回访满意度 满意情况 评价 satisfaction',
    reopenCount: '重办次数 重办 reopen_count',
    lat: 'lat latitude 纬度',
    lng: 'long lng lon longitude 经度',
    mediaUrl: 'media_url 图片链接 图片 照片 附件 media',
  },
  case: {
    source: '案件来源 线索来源 来源 source',
    partyName: '当事人 当事人名称 当事人姓名 被处罚人 违法主体 party_name party',
    outcome: '处理结果 处罚结果 处罚种类 办理结果 结果 outcome',
    penaltyFen: '罚款金额(元) 罚款金额 罚没金额 处罚金额 罚款 penalty fine',
    complaintExternalNo: '关联投诉编号 关联工单编号 来源工单编号 投诉编号 complaint_external_no complaint_no',
  },
};

/** Header words that tell a case ledger from a complaint export. */
export const CASE_WORDS = ['案件', '立案', '当事人', '处罚', '罚款', '违法', '结案', '案由', '执法'];
export const COMPLAINT_WORDS = ['诉求', '来电', '工单', '满意', '12345', 'service', '投诉人', '反映人'];

/**
 * The enum fields: our codes, the words our exports write (code → word), and other words exports use (word=code).
 * Keys are the field, or kind.field where the kinds differ.
 */
export const ENUMS: Readonly<
  Record<string, { codes: readonly string[]; zh: Readonly<Record<string, string>>; more: string }>
> = {
  'complaint.status': {
    codes: complaintStatuses,
    zh: COMPLAINT_STATUS_ZH,
    more:
      '受理=received 待受理=received 派单=dispatched 已分派=dispatched 待签收=dispatched 处理中=in_progress ' +
      '已签收=in_progress 已答复=responded 待回访=responded 办结=closed 已完成=closed 已关闭=closed 已结案=closed ' +
      '撤销=cancelled 作废=cancelled 已作废=cancelled',
  },
  'case.status': {
    codes: caseStatuses,
    zh: CASE_STATUS_ZH,
    more: '立案=opened 调查中=investigating 已处罚=decided 已决定=decided 结案=closed 办结=closed 撤案=cancelled 撤销=cancelled',
  },
  channel: {
    codes: complaintChannels,
    zh: CHANNEL_ZH,
    more:
      '12345=hotline_12345 热线=hotline_12345 网站=web 网上=web 微信=web APP=web app=web 小程序=web 来电=phone ' +
      '走访=visit 信访=visit 网格=other 其他=other',
  },
  satisfaction: { codes: satisfactions, zh: SATISFACTION_ZH, more: '非常满意=satisfied 比较满意=basically_satisfied' },
  source: {
    codes: caseSources,
    zh: CASE_SOURCE_ZH,
    more: '巡查=patrol 日常巡查=patrol 投诉=complaint_referral 12345转办=complaint_referral 移送=department_referral 其他=other',
  },
  outcome: {
    codes: caseOutcomes,
    zh: CASE_OUTCOME_ZH,
    more: '处罚=penalty 责令整改=rectified 整改=rectified 不予处罚=no_violation 移送=transferred 其他=other',
  },
};

/** Yes and no as files write them; the first six of each are a boolean format's default words. */
export const YES = ['是', 'Y', 'y', '1', 'true', 'TRUE', '已解决', '解决', '有', 'yes', 'Yes', '√'];
export const NO = ['否', 'N', 'n', '0', 'false', 'FALSE', '未解决', '没有', '无', 'no', 'No', '×'];
