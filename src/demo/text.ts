import type { DemoCategory } from './categories.js';
import type { NewTerm } from './outbreaks.js';
import { areaPhrases, leafPhrases } from './phrases.js';
import type { Random } from './random.js';

/*
 * The free text of the demo records, in the shape of real 12345 work orders (来电人反映：… 诉求：…) and of the case
 * summaries (案情摘要) of an enforcement ledger. Assembled from the phrases of each category, so that a category's
 * texts share their words (what the emerging-word detector learns as normal) and differ in the details.
 */

/** Channels as the records feature names them. */
export type DemoChannel = 'hotline_12345' | 'web' | 'phone' | 'visit';

const LEADS: Readonly<Record<DemoChannel, readonly string[]>> = {
  hotline_12345: ['来电人反映', '市民来电反映'],
  phone: ['来电人反映'],
  web: ['网民反映', '市民通过“浙里办”反映'],
  visit: ['来访人反映'],
};

const REPEAT_LEADS: Readonly<Record<DemoChannel, string>> = {
  hotline_12345: '来电人再次反映',
  phone: '来电人再次反映',
  web: '网民再次反映',
  visit: '来访人再次反映',
};

/** When it happens, as the caller put it. Built only for the variant drawn: this runs for every complaint. */
function timePhrase(random: Random, category: DemoCategory, date: string, hour: number): string {
  const hours = category.profile.hours;
  if (hours === 'evening' || hours === 'night') {
    const clock = hour >= 13 ? hour - 12 : hour;
    switch (random.int(4)) {
      case 0:
        return `近期每天晚上${clock}点以后`;
      case 1:
        return `${date}晚上${clock}点左右`;
      case 2:
        return '最近一段时间夜间';
      default:
        return '近一周每晚';
    }
  }
  switch (random.int(6)) {
    case 0:
      return '近期';
    case 1:
      return '近一周以来';
    case 2:
      return date;
    case 3:
      return '最近一个月';
    case 4:
      return '长期以来';
    default:
      return `${date}上午`;
  }
}

function complaintTitle(random: Random, villageName: string, subject: string): string {
  switch (random.int(4)) {
    case 0:
      return `关于${villageName}${subject}的投诉`;
    case 1:
      return `反映${villageName}${subject}问题`;
    case 2:
      return `${villageName}${subject}`;
    default:
      return `${subject}问题`;
  }
}

/** `{e}` of a phrase: the enterprise the record names, or the leaf's generic party. */
function fill(phrase: string, party: string): string {
  return phrase.replaceAll('{e}', party);
}

/**
 * The place and the issue (its `{e}` filled with `party`) joined as a person on the phone says it: "the address's
 * enterprise …", "the flat where the caller lives, …", or "near the address …".
 */
function placeAndIssue(address: string, issue: string, party: string, enterpriseNamed: boolean): string {
  const aboutParty = issue.startsWith('{e}');
  const filled = fill(issue, party);
  if (aboutParty && enterpriseNamed) {
    return `${address}的${filled}`;
  }
  if (address.endsWith('室')) {
    return `其居住的${address}，${filled}`;
  }
  return aboutParty || issue.startsWith('在') ? `${address}，${filled}` : `${address}附近${filled}`;
}

/** What a complaint's text is about, and how it came in. */
export interface ComplaintTextInput {
  category: DemoCategory;
  villageName: string;
  /** The address as the complaint records it, without the city (云溪镇…). */
  address: string;
  enterpriseName?: string;
  /** The date (M月D日) and hour the complaint came in. */
  date: string;
  hour: number;
  channel: DemoChannel;
  /** The date (M月D日) of the complaint this one repeats, if it is a repeat. */
  repeatOfDate?: string;
  /** The new term of an outbreak, if this complaint carries one. */
  newTerm?: NewTerm;
}

/** Title and content of a complaint. */
export function complaintText(random: Random, input: ComplaintTextInput): { title: string; content: string } {
  const phrases = leafPhrases(input.category.code, input.category.name);
  const area = areaPhrases(input.category.code);
  const party = input.enterpriseName ?? phrases.party ?? '有关单位';
  const issue = random.pick(phrases.issues);
  const lead = input.repeatOfDate ? REPEAT_LEADS[input.channel] : random.pick(LEADS[input.channel]);
  const where = placeAndIssue(input.address, issue, party, input.enterpriseName !== undefined);
  const term = input.newTerm ? `，${input.newTerm.sentence}` : '';
  const history = input.repeatOfDate ? `该问题已于${input.repeatOfDate}反映过，至今仍未解决。` : '';
  const demand = random.pick(phrases.demands ?? area.demands);
  const time = timePhrase(random, input.category, input.date, input.hour);
  const impact = random.pick(area.impacts);
  // join builds one flat string; a template would build a rope of a dozen pieces that the week's garbage collections
  // then copy around for as long as the week's drafts live.
  const content = [lead, '：', time, '，', where, term, '，', impact, '。', history, '诉求：', demand, '。'].join('');
  const title = complaintTitle(random, input.villageName, phrases.subject);
  return { title: input.repeatOfDate ? `（重复件）${title}` : title, content };
}

/** Case sources as the records feature names them. */
export type DemoCaseSource = 'patrol' | 'complaint_referral' | 'department_referral' | 'report';
/** Case outcomes as the records feature names them. */
export type DemoCaseOutcome = 'penalty' | 'warning' | 'rectified' | 'no_violation' | 'transferred';

/** What a case summary states. */
export interface CaseTextInput {
  category: DemoCategory;
  address: string;
  partyName: string;
  departmentName: string;
  /** The date (M月D日) the case was opened. */
  date: string;
  source: DemoCaseSource;
  /** Absent while the case is open. */
  outcome?: DemoCaseOutcome;
  fineYuan?: number;
}

function caseOpening(input: CaseTextInput, subject: string, violation: string): string {
  const date = input.date;
  switch (input.source) {
    case 'patrol':
      return `${date}，${input.departmentName}执法人员在日常巡查中发现，当事人${input.partyName}在${input.address}${violation}。`;
    case 'complaint_referral':
      return (
        `${date}，${input.departmentName}接12345热线转办件，反映${input.address}存在${subject}问题。` +
        `经现场核查，当事人${input.partyName}涉嫌${violation}。`
      );
    case 'department_referral':
      return `${date}，${input.departmentName}收到相关部门移送的线索，当事人${input.partyName}涉嫌${violation}。`;
    case 'report':
      return `${date}，${input.departmentName}接群众举报，当事人${input.partyName}在${input.address}涉嫌${violation}。`;
  }
}

function caseClosing(input: CaseTextInput): string {
  switch (input.outcome) {
    case 'penalty':
      return `依法作出罚款人民币${input.fineYuan ?? 0}元的行政处罚，当事人已缴纳罚款。`;
    case 'warning':
      return '依法给予警告，并责令限期改正。';
    case 'rectified':
      return '执法人员责令当事人立即改正，经复查，当事人已整改到位。';
    case 'no_violation':
      return '经调查核实，当事人的行为不构成违法，依法不予行政处罚。';
    case 'transferred':
      return '因涉及其他部门职责，已依法移送相关部门处理。';
    default:
      return '案件正在调查处理中。';
  }
}

/** Title (案件名称) and summary (案情摘要) of an enforcement case. */
export function caseText(input: CaseTextInput): { title: string; content: string } {
  const phrases = leafPhrases(input.category.code, input.category.name);
  const law = input.category.profile.law;
  const breach = law ? `当事人的行为涉嫌违反${law}的相关规定。` : '';
  return {
    title: `${input.partyName}${phrases.violation}案`,
    content: [caseOpening(input, phrases.subject, phrases.violation), breach, caseClosing(input)].join(''),
  };
}
