import type { Locale } from '../../core/time/index.js';
import { changeText } from '../shared/index.js';

/*
 * The words of the monthly enforcement advice, zh-CN and en-US. Every sentence that states a number or a trend is a
 * function of those numbers; the fixed words are headings, column names and connectives.
 */

export type Severity = 'red' | 'orange' | 'yellow' | 'blue';
export type FollowUp = 'closed' | 'overdue' | 'rectifying' | 'acknowledged' | 'new' | 'dismissed';

const zhDay = (day: string) => {
  const [y, m, d] = day.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

const zh = {
  title: (town: string) => `${town}基层执法建议`,
  subtitle: (year: number, month: number) => `（${year}年${month}月）`,
  addressee: '各村（社区）、镇属各部门：',
  issuer: (town: string) => `${town}综合信息指挥室`,
  headings: {
    overall: '本月总体情况',
    categories: '分类趋势',
    villages: '分村社趋势',
    hotSpots: '反复高发点位',
    departments: '部门履职情况',
    advice: '执法建议',
    followUp: '上月建议落实情况',
    spots: '村社类别高发点',
    addresses: '重复地址',
    enterprises: '重复涉及企业',
    problem: '每月一题',
  },
  monthName: (year: number, month: number) => `${year}年${month}月`,
  day: zhDay,
  change: changeText,
  empty: (month: string) => `${month}，全镇未受理投诉举报，未立执法案件，本月无统计数据。`,
  overall: (month: string, n: { records: string; complaints: string; cases: string }, pop: string, yoy: string) =>
    `${month}，全镇共受理投诉举报${n.complaints}件、执法案件${n.cases}件，合计${n.records}件，环比${pop}，同比${yoy}。`,
  difficultOverdue: (difficult: string, overdue: string, overduePop: string) =>
    `其中疑难件${difficult}件，超期${overdue}件（环比${overduePop}）。`,
  trend: (months: number, max: string, maxMonth: string, min: string, minMonth: string) =>
    `近${months}个月中，${maxMonth}最多（${max}件），${minMonth}最少（${min}件）。`,
  topCategory: (name: string, count: string, share: string, yoy: string) =>
    `${name}最多，${count}件，占${share}，同比${yoy}。`,
  rising: (items: string[]) => `较上月增加较多的有：${items.join('；')}。`,
  falling: (items: string[]) => `较上月减少较多的有：${items.join('；')}。`,
  moved: (name: string, from: string, to: string, up: boolean) =>
    `${name}（由${from}件${up ? '增至' : '降至'}${to}件）`,
  noCategories: '本月无分类数据。',
  noVillages: '本月各村（社区）均无记录。',
  topVillage: (name: string, count: string, share: string) =>
    `${name}本月${count}件，居各村（社区）首位，占全镇${share}。`,
  villagesRising: (items: string[]) => `环比上升的村（社区）有：${items.join('；')}。`,
  villageMoved: (name: string, count: string, change: string) => `${name}${count}件（环比${change}）`,
  spots: (n: string) => `本月有${n}个村（社区）类别连续高发（本月居全镇前十且不少于3件，前3个月中至少2个月同样如此）：`,
  spot: (village: string, category: string, now: string, months: string) =>
    `${village}${category}本月${now}件，前3个月中${months}个月高发`,
  noSpots: '本月无连续高发的村（社区）类别。',
  addresses: (n: string, top: string, count: string) =>
    `同一地址本月记录3件及以上的有${n}处，其中${top}最多（${count}件）。`,
  noAddresses: '本月无记录3件及以上的重复地址。',
  enterprises: (n: string, top: string, count: string) =>
    `本月涉及2件及以上记录的企业有${n}家，其中${top}最多（${count}件）。`,
  noEnterprises: '本月无涉及2件及以上记录的企业。',
  efficiency: (handled: string, median: string, p90: string) =>
    `本月计时办结${handled}件，处置时长中位数${median}小时，90%的案件在${p90}小时内办结。`,
  noHandled: '本月无计时办结的案件。',
  rates: (response: string, resolution: string, satisfaction: string) =>
    `全镇响应率${response}，解决率${resolution}，满意率${satisfaction}。`,
  worstOverdue: (dept: string, n: string, all: string) => `超期件最多的是${dept}（${n}件，全镇${all}件）。`,
  worstRate: (dept: string, measure: string, rate: string, town: string) =>
    `${dept}${measure}${rate}，低于全镇${town}。`,
  none: '—',
  adviceCount: (n: string, red: string, spots: string, closed: string) =>
    `根据本月预警和整改意见库，提出执法建议${n}条（其中红色预警${red}条、连续高发点位${spots}条）；本月另有${closed}条预警已办结。`,
  noAdvice: (closed: string) => `本月无待落实的预警和连续高发点位，暂无新的执法建议；本月已办结预警${closed}条。`,
  adviceItem: (severity: string, summary: string, advice: string, who: string, due: string) =>
    `【${severity}】${summary}建议：${advice}由${who}负责，${due}前完成并报综合信息指挥室。`,
  spotAdvice: (village: string, category: string, now: string, months: string, who: string, due: string) =>
    `【连续高发】${village}${category}本月${now}件，前3个月中${months}个月高发。建议由${who}牵头，会同${village}村两委梳理反复出现的点位和对象，落实长效管理措施，纳入网格日常巡查，${due}前报送整改情况。`,
  noDepartment: '属地村（社区）和相关职能部门',
  severity: { red: '红色', orange: '橙色', yellow: '黄色', blue: '蓝色' } as Record<Severity, string>,
  spotSeverity: '连续高发',
  followUpCount: (n: string, parts: string) => `上月提出建议${n}条，截至本报告日：${parts}。`,
  followUpPart: (status: string, n: string) => `${status}${n}条`,
  noFollowUp: '上月无执法建议需跟踪落实。',
  followUpStatus: {
    closed: '已办结',
    overdue: '逾期未办结',
    rectifying: '整改中',
    acknowledged: '已签收未整改',
    new: '未签收',
    dismissed: '已排除',
  } as Record<FollowUp, string>,
  problem: (title: string, owner: string, status: string, outcome: string | null) =>
    `上月“每月一题”：${title}，牵头人${owner}，${status === 'done' ? `已完成，成效：${outcome ?? '—'}` : '仍在推进'}。`,
  noProblem: '上月未确定“每月一题”。',
  tables: {
    overall: '本月主要指标',
    overallHeader: ['指标', '本月', '上月', '环比', '去年同月', '同比'],
    overallRows: ['记录总数', '投诉举报', '执法案件', '疑难件', '超期件'],
    categories: '本月类别前十',
    categoriesHeader: ['类别', '本月', '占比', '上月', '环比', '去年同月', '同比'],
    villages: '分村社统计',
    villagesHeader: ['村（社区）', '本月', '占比', '上月', '环比', '同比', '超期'],
    spots: '连续高发的村（社区）类别',
    spotsHeader: (months: string[]) => ['村（社区）', '类别', ...months],
    addresses: '重复地址',
    addressesHeader: ['地址', '村（社区）', '主要类别', '投诉', '案件', '合计'],
    enterprises: '重复涉及企业',
    enterprisesHeader: ['企业', '统一社会信用代码', '主要类别', '投诉', '案件', '合计'],
    departments: '分部门履职情况',
    departmentsHeader: [
      '部门',
      '计时办结',
      '时长中位数（小时）',
      '90%分位（小时）',
      '超期',
      '响应率',
      '解决率',
      '满意率',
    ],
    advice: '执法建议清单',
    adviceHeader: ['序号', '等级', '事项', '责任单位', '地点', '完成时限'],
    followUp: '上月建议落实情况',
    followUpHeader: ['事项', '责任单位（人）', '完成时限', '落实情况', '说明'],
    total: '合计',
    trendChart: '近12个月记录数与上年同期',
    villageChart: '本月各村（社区）记录数排名',
    source: (asOf: string) => `数据来源：统计服务，超期件计至${asOf}。`,
    addressNote: '地址按记录登记的原文统计（去除首尾空格），不含个人信息。',
    listedTop: (shown: string, all: string) => `共${all}处，按记录数列出前${shown}处。`,
    dueNote: (days: string) => `完成时限：预警已定整改期限的从其期限；未定的，自本报告日起红色${days}。`,
  },
  dueRule: (red: string, orange: string, other: string) =>
    `${red}个工作日、橙色${orange}个工作日、其余${other}个工作日`,
  unit: '件',
};

type Text = typeof zh;

const en: Text = {
  title: (town) => `${town} Monthly Enforcement Advice`,
  subtitle: (year, month) => `(${year}-${String(month).padStart(2, '0')})`,
  addressee: 'To all villages (communities) and town departments:',
  issuer: (town) => `${town} Integrated Information Command Office`,
  headings: {
    overall: 'Overview of the month',
    categories: 'Trends by category',
    villages: 'Trends by village',
    hotSpots: 'Recurring hot spots',
    departments: 'Department performance',
    advice: 'Recommendations',
    followUp: "Follow-up of last month's recommendations",
    spots: 'Village and category hot spots',
    addresses: 'Repeat addresses',
    enterprises: 'Repeat enterprises',
    problem: 'Problem of the month',
  },
  monthName: (year, month) => `${year}-${String(month).padStart(2, '0')}`,
  day: (day) => day,
  change: changeText,
  empty: (month) => `In ${month} the town received no complaints and opened no cases: there are no figures this month.`,
  overall: (month, n, pop, yoy) =>
    `In ${month} the town received ${n.complaints} complaints and opened ${n.cases} cases, ${n.records} records in all: ${pop} on last month and ${yoy} on the same month last year.`,
  difficultOverdue: (difficult, overdue, overduePop) =>
    `${difficult} were difficult and ${overdue} overdue (${overduePop} on last month).`,
  trend: (months, max, maxMonth, min, minMonth) =>
    `Over the last ${months} months, ${maxMonth} had the most records (${max}) and ${minMonth} the fewest (${min}).`,
  topCategory: (name, count, share, yoy) =>
    `${name} came first with ${count} records (${share}), ${yoy} on the same month last year.`,
  rising: (items) => `Rising most on last month: ${items.join('; ')}.`,
  falling: (items) => `Falling most on last month: ${items.join('; ')}.`,
  moved: (name, from, to) => `${name} (${from} → ${to})`,
  noCategories: 'No categories this month.',
  noVillages: 'No village has records this month.',
  topVillage: (name, count, share) => `${name} came first with ${count} records, ${share} of the town.`,
  villagesRising: (items) => `Villages rising on last month: ${items.join('; ')}.`,
  villageMoved: (name, count, change) => `${name} ${count} (${change})`,
  spots: (n) =>
    `${n} village categories were hot spots this month and in at least 2 of the 3 months before (among the 10 largest cells of the town, with at least 3 records):`,
  spot: (village, category, now, months) =>
    `${category} in ${village}: ${now} this month, high in ${months} of the 3 months before`,
  noSpots: 'No village category was a recurring hot spot this month.',
  addresses: (n, top, count) => `${n} addresses had 3 or more records this month; ${top} had the most (${count}).`,
  noAddresses: 'No address had 3 or more records this month.',
  enterprises: (n, top, count) => `${n} enterprises were named by 2 or more records; ${top} by the most (${count}).`,
  noEnterprises: 'No enterprise was named by 2 or more records this month.',
  efficiency: (handled, median, p90) =>
    `${handled} records were closed with handling times this month: median ${median} h, 90% within ${p90} h.`,
  noHandled: 'No record was closed with handling times this month.',
  rates: (response, resolution, satisfaction) =>
    `Town response rate ${response}, resolution rate ${resolution}, satisfaction rate ${satisfaction}.`,
  worstOverdue: (dept, n, all) => `${dept} had the most overdue records (${n} of the town's ${all}).`,
  worstRate: (dept, measure, rate, town) => `${dept}: ${measure} ${rate}, below the town's ${town}.`,
  none: '—',
  adviceCount: (n, red, spots, closed) =>
    `From this month's warnings and the advice library: ${n} recommendations (${red} on red warnings, ${spots} on recurring hot spots); ${closed} more warnings of the month are already closed.`,
  noAdvice: (closed) =>
    `No open warning and no recurring hot spot this month, so no new recommendation; ${closed} warnings of the month are closed.`,
  adviceItem: (severity, summary, advice, who, due) =>
    `[${severity}] ${summary} Advice: ${advice} Lead: ${who}; report back to the command office by ${due}.`,
  spotAdvice: (village, category, now, months, who, due) =>
    `[Recurring] ${category} in ${village}: ${now} records this month, high in ${months} of the 3 months before. ${who} should lead, with the village committees of ${village}, a review of the spots and parties that keep coming back, set lasting measures, add the spots to the grid workers' rounds, and report by ${due}.`,
  noDepartment: 'the village and the departments concerned',
  severity: { red: 'Red', orange: 'Orange', yellow: 'Yellow', blue: 'Blue' },
  spotSeverity: 'Recurring',
  followUpCount: (n, parts) => `Last month's ${n} recommendations as of this report: ${parts}.`,
  followUpPart: (status, n) => `${n} ${status}`,
  noFollowUp: 'Last month had no recommendations to follow up.',
  followUpStatus: {
    closed: 'closed',
    overdue: 'overdue',
    rectifying: 'being rectified',
    acknowledged: 'acknowledged, not yet rectified',
    new: 'not yet acknowledged',
    dismissed: 'dismissed',
  },
  problem: (title, owner, status, outcome) =>
    `Last month's problem of the month: ${title}, led by ${owner}; ${status === 'done' ? `done: ${outcome ?? '—'}` : 'still in progress'}.`,
  noProblem: 'Last month had no problem of the month.',
  tables: {
    overall: 'Main figures this month',
    overallHeader: ['Measure', 'This month', 'Last month', 'Change', 'Same month last year', 'Year on year'],
    overallRows: ['Records', 'Complaints', 'Cases', 'Difficult', 'Overdue'],
    categories: 'Top 10 categories this month',
    categoriesHeader: ['Category', 'This month', 'Share', 'Last month', 'Change', 'Last year', 'Year on year'],
    villages: 'Records by village',
    villagesHeader: ['Village', 'This month', 'Share', 'Last month', 'Change', 'Year on year', 'Overdue'],
    spots: 'Recurring village category hot spots',
    spotsHeader: (months) => ['Village', 'Category', ...months],
    addresses: 'Repeat addresses',
    addressesHeader: ['Address', 'Village', 'Main category', 'Complaints', 'Cases', 'Total'],
    enterprises: 'Repeat enterprises',
    enterprisesHeader: ['Enterprise', 'Credit code', 'Main category', 'Complaints', 'Cases', 'Total'],
    departments: 'Performance by department',
    departmentsHeader: [
      'Department',
      'Handled',
      'Median (h)',
      'P90 (h)',
      'Overdue',
      'Response rate',
      'Resolution rate',
      'Satisfaction rate',
    ],
    advice: 'Recommendations',
    adviceHeader: ['No.', 'Level', 'Matter', 'Lead', 'Where', 'Due'],
    followUp: "Last month's recommendations",
    followUpHeader: ['Matter', 'Lead', 'Due', 'Status', 'Notes'],
    total: 'Total',
    trendChart: 'Records in the last 12 months and a year earlier',
    villageChart: 'Records by village this month',
    source: (asOf) => `Source: the stats service; overdue counted at ${asOf}.`,
    addressNote: 'Addresses as recorded (trimmed); no personal data.',
    listedTop: (shown: string, all: string) => `${all} in all; the ${shown} with the most records are listed.`,
    dueNote: (days) =>
      `Due: the warning's rectification due day when set; otherwise, from the report date, red ${days}.`,
  },
  dueRule: (red, orange, other) => `${red} working days, orange ${orange}, others ${other}`,
  unit: 'records',
};

export function textFor(locale: Locale): Text {
  return locale === 'zh-CN' ? zh : en;
}
