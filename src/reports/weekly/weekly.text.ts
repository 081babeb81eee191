import type { Locale } from '../../core/time/index.js';
import { changeText, countText, hoursOf, percentText } from '../shared/index.js';

/*
 * The words of the weekly bulletin, zh-CN and en-US. Every sentence that states a number or a trend is a function of
 * those numbers; the fixed words are headings, column names and connectives.
 */

export type Severity = 'red' | 'orange' | 'yellow' | 'blue';

export { countText, hoursOf, percentText };

const zh = {
  title: (town: string) => `${town}案件信息通报`,
  subtitle: (year: number, week: number) => `（${year}年第${week}周）`,
  addressee: '各村（社区）、镇属各部门：',
  issuer: (town: string) => `${town}综合信息指挥室`,
  headings: {
    overall: '总体情况',
    categories: '分类情况',
    villages: '分村社情况',
    efficiency: '处置效能',
    warnings: '本周预警',
    next: '下周工作要点',
  },
  span: (from: string, to: string) => `${from}至${to}`,
  day: (day: string) => {
    const [, m, d] = day.split('-').map(Number);
    return `${m}月${d}日`;
  },
  empty: (span: string) => `${span}，全镇未受理投诉举报，未立执法案件，本周无统计数据。`,
  overall: (span: string, n: { records: string; complaints: string; cases: string }, pop: string, yoy: string) =>
    `${span}，全镇共受理投诉举报${n.complaints}件、执法案件${n.cases}件，合计${n.records}件，环比${pop}，同比${yoy}。`,
  difficultOverdue: (difficult: string, overdue: string, overduePop: string) =>
    `其中疑难件${difficult}件，超期${overdue}件（环比${overduePop}）。`,
  change: (ratio: number | null, locale: Locale, previous?: number, current?: number) =>
    changeText(ratio, locale, previous, current),
  topCategory: (name: string, count: string, share: string) => `${name}最多，${count}件，占${share}。`,
  rising: (items: string[]) => `较上周增加较多的有：${items.join('；')}。`,
  falling: (items: string[]) => `较上周减少较多的有：${items.join('；')}。`,
  moved: (name: string, from: string, to: string, up: boolean) =>
    `${name}（由${from}件${up ? '增至' : '降至'}${to}件）`,
  noCategories: '本周无分类数据。',
  noVillages: '本周各村（社区）均无记录。',
  topVillage: (name: string, count: string, share: string) =>
    `${name}本周${count}件，居各村（社区）首位，占全镇${share}。`,
  efficiency: (handled: string, median: string, p90: string) =>
    `本周计时办结${handled}件，处置时长中位数${median}小时，90%的案件在${p90}小时内办结。`,
  noHandled: '本周无计时办结的案件。',
  rates: (response: string, resolution: string, satisfaction: string) =>
    `全镇响应率${response}，解决率${resolution}，满意率${satisfaction}。`,
  none: '—',
  noWarnings: '本周无预警。',
  warningsCount: (n: string, red: string) => `本周预警${n}条，其中红色预警${red}条。`,
  severity: { red: '红色', orange: '橙色', yellow: '黄色', blue: '蓝色' } as Record<Severity, string>,
  warningHeading: (severity: string, summary: string) => `【${severity}】${summary}`,
  advice: '处置建议：',
  nextRising: (items: string[]) =>
    `重点关注环比上升的类别：${items.join('；')}，请相关村（社区）和部门查找原因、提前介入。`,
  nextRed: (n: string, summaries: string[]) => `${n}条红色预警须逐条落实处置建议：${summaries.join('；')}。`,
  nextOverdue: (n: string, dept: string, deptN: string) =>
    `本周超期${n}件，其中${dept}${deptN}件，请抓紧办结、逐件销号。`,
  nextRate: (dept: string, measure: string, rate: string, town: string) =>
    `${dept}${measure}${rate}，低于全镇${town}，请对照整改。`,
  nextVillage: (name: string, count: string, change: string) => `${name}本周${count}件，环比${change}，请加强巡查。`,
  nextSteady: (records: string) => `本周共${records}件，未出现环比上升的类别、红色预警和超期件，请保持常态化巡查。`,
  nextEmpty: '本周无记录，请核实数据报送是否正常。',
  rateNames: { responseRate: '响应率', resolutionRate: '解决率', satisfactionRate: '满意率' },
  tables: {
    overall: '本周主要指标',
    overallHeader: ['指标', '本周', '上周', '环比', '去年同期', '同比'],
    overallRows: ['记录总数', '投诉举报', '执法案件', '疑难件', '超期件'],
    categories: '本周类别前十',
    categoriesHeader: ['类别', '本周', '占比', '上周', '环比'],
    villages: '分村社统计',
    villagesHeader: ['村（社区）', '本周', '上周', '环比', '超期'],
    departments: '分部门处置效能',
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
    total: '合计',
    chart: '本周各村（社区）记录数排名',
    source: (asOf: string) => `数据来源：统计服务，超期件计至${asOf}。`,
  },
  unit: '件',
};

type Text = typeof zh;

const en: Text = {
  title: (town) => `${town} Case Information Bulletin`,
  subtitle: (year, week) => `(Week ${week}, ${year})`,
  addressee: 'To all villages (communities) and town departments:',
  issuer: (town) => `${town} Integrated Information Command Office`,
  headings: {
    overall: 'Overview',
    categories: 'Categories',
    villages: 'Villages',
    efficiency: 'Handling efficiency',
    warnings: 'Warnings this week',
    next: 'Points for next week',
  },
  span: (from, to) => `From ${from} to ${to}`,
  day: (day) => day,
  empty: (span) => `${span}, the town received no complaints and opened no cases: there are no figures this week.`,
  overall: (span, n, pop, yoy) =>
    `${span}, the town received ${n.complaints} complaints and opened ${n.cases} cases, ${n.records} records in all: ${pop} on last week and ${yoy} on the same week last year.`,
  difficultOverdue: (difficult, overdue, overduePop) =>
    `${difficult} were difficult and ${overdue} overdue (${overduePop} on last week).`,
  change: changeText,
  topCategory: (name, count, share) => `${name} came first with ${count} records (${share}).`,
  rising: (items) => `Rising most on last week: ${items.join('; ')}.`,
  falling: (items) => `Falling most on last week: ${items.join('; ')}.`,
  moved: (name, from, to, _up) => `${name} (${from} → ${to})`,
  noCategories: 'No categories this week.',
  noVillages: 'No village has records this week.',
  topVillage: (name, count, share) => `${name} came first with ${count} records, ${share} of the town.`,
  efficiency: (handled, median, p90) =>
    `${handled} records were closed with handling times this week: median ${median} h, 90% within ${p90} h.`,
  noHandled: 'No record was closed with handling times this week.',
  rates: (response, resolution, satisfaction) =>
    `Town response rate ${response}, resolution rate ${resolution}, satisfaction rate ${satisfaction}.`,
  none: '—',
  noWarnings: 'No warnings this week.',
  warningsCount: (n, red) => `${n} warnings this week, ${red} of them red.`,
  severity: { red: 'Red', orange: 'Orange', yellow: 'Yellow', blue: 'Blue' },
  warningHeading: (severity, summary) => `[${severity}] ${summary}`,
  advice: 'Advice: ',
  nextRising: (items) =>
    `Watch the categories rising on last week: ${items.join('; ')}; find the causes and act early.`,
  nextRed: (n, summaries) => `Follow the advice of the ${n} red warnings one by one: ${summaries.join('; ')}.`,
  nextOverdue: (n, dept, deptN) => `${n} records were overdue this week, ${deptN} of them at ${dept}: close them.`,
  nextRate: (dept, measure, rate, town) => `${dept}: ${measure} ${rate}, below the town's ${town}; improve it.`,
  nextVillage: (name, count, change) => `${name}: ${count} records this week, ${change} on last week; patrol more.`,
  nextSteady: (records) =>
    `${records} records this week with no rising category, no red warning and nothing overdue: keep the usual patrols.`,
  nextEmpty: 'No records this week: check that data is being reported.',
  rateNames: {
    responseRate: 'response rate',
    resolutionRate: 'resolution rate',
    satisfactionRate: 'satisfaction rate',
  },
  tables: {
    overall: 'Main figures this week',
    overallHeader: ['Measure', 'This week', 'Last week', 'Change', 'Same week last year', 'Year on year'],
    overallRows: ['Records', 'Complaints', 'Cases', 'Difficult', 'Overdue'],
    categories: 'Top 10 categories this week',
    categoriesHeader: ['Category', 'This week', 'Share', 'Last week', 'Change'],
    villages: 'Records by village',
    villagesHeader: ['Village', 'This week', 'Last week', 'Change', 'Overdue'],
    departments: 'Handling efficiency by department',
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
    total: 'Total',
    chart: 'Records by village this week',
    source: (asOf) => `Source: the stats service; overdue counted at ${asOf}.`,
  },
  unit: 'records',
};

export function textFor(locale: Locale): Text {
  return locale === 'zh-CN' ? zh : en;
}
