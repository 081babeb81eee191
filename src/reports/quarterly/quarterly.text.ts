import type { Locale } from '../../core/time/index.js';
import { formatCell } from '../document/index.js';
import type { ScoreKey } from './quarterly.indicators.js';

/*
 * The words of the quarterly governance portrait, zh-CN and en-US. Every sentence that states a number or a trend is
 * a function of those numbers; the fixed words are headings, column names and connectives.
 */

/** A score as the tables show it (87.5). */
export function scoreText(score: number, locale: Locale): string {
  return formatCell(score, { format: 'number', digits: 1 }, locale);
}

/** A change of a score in points, without its sign (the sentence says up or down). */
export function pointsText(change: number, locale: Locale): string {
  return formatCell(Math.abs(change), { format: 'number', digits: 1 }, locale);
}

const QUARTER_ZH = ['一', '二', '三', '四'];

const zh = {
  title: (town: string) => `${town}基层治理综合画像`,
  subtitle: (year: number, q: number) => `（${year}年第${QUARTER_ZH[q - 1]}季度）`,
  addressee: '各村（社区）、镇属各部门：',
  issuer: (town: string) => `${town}综合信息指挥室`,
  names: {
    safety: '安全稳定',
    environment: '生态环境',
    marketOrder: '市场秩序',
    labour: '劳动保障',
    service: '服务效能',
    satisfaction: '群众满意',
    composite: '综合得分',
  } as Record<ScoreKey, string>,
  headings: {
    overview: '总体画像',
    figures: '基础数据与趋势',
    villages: '村（社区）排名',
    strengths: '主要优势',
    problems: '突出问题',
  },
  sheetTitle: (village: string) => `${village}治理画像`,
  methodTitle: '附注：指标计算方法',
  method: [
    '各项指标得分为0–100分，越高越好；综合得分为六项指标中有数据者的平均值。本季度没有任何记录的村（社区）视为无数据，不计分、不排名。',
    '问题类指标按问题量折算：安全稳定计消防安全、安全生产、食品安全、矛盾纠纷类记录，生态环境计生态环境、市容环境、噪声扰民、违法建设类记录，市场秩序、劳动保障分别计本类记录。得分＝100×（1－问题量÷参照值），低于0计0分；参照值为本季度及前三个季度各村（社区）季度问题量的第90百分位数（最少1件）。全镇的问题量按村均计算（全镇该类记录数÷村（社区）数），与各村同尺度比较。',
    '服务效能为三项平均：响应得分＝24小时内响应的投诉占比×100；按期得分＝（1－超期件÷记录数）×100；时长得分＝100×（1－处置时长中位数÷参照值），参照值为同期各村（社区）季度处置时长中位数的中位数的2倍（最少1小时），处置时长与典型村相当得50分。无相应数据的项不计入平均。',
    '群众满意得分＝满意率×100（满意和基本满意占参评投诉之比）；无参评投诉时无得分。',
    '上季度和去年同期的得分使用本季度的参照值计算，变化反映问题量和服务本身的变化；因此可能与当时报告中的得分不同。',
    '所有数字来自统计服务，范围为阅读者权限所及的数据：村（社区）书记的画像只含本村。',
  ],
  overview: (records: string, composite: string, pop: string, yoy: string) =>
    `本季度全镇共受理投诉举报和执法案件${records}件，综合得分${composite}分，较上季度${pop}，较去年同期${yoy}。`,
  emptyQuarter: '本季度无记录，各项指标无法计算，请核实数据报送是否正常。',
  noScore: '无可比',
  pointsChange: (change: number | null, locale: Locale) =>
    change === null
      ? '无可比'
      : change === 0
        ? '持平'
        : `${change > 0 ? '提高' : '下降'}${pointsText(change, locale)}分`,
  weekName: (week: number) => `第${week}周`,
  trendText: (weeks: string, peak: string, peakCount: string) =>
    `本季度${weeks}周中，${peak}记录最多，为${peakCount}件。`,
  rankingText: (first: string, firstScore: string, last: string, lastScore: string, n: string) =>
    `${n}个村（社区）中，${first}综合得分最高（${firstScore}分），${last}最低（${lastScore}分）。`,
  noVillages: '本季度各村（社区）均无记录，无法排名。',
  best: (names: string, score: string) => `${names}得分最高，为${score}分。`,
  worst: (names: string, score: string) => `${names}得分最低，为${score}分，是当前主要短板。`,
  improved: (name: string, points: string) => `${name}较上季度提高${points}分，改善最明显。`,
  declined: (name: string, points: string) => `${name}较上季度下降${points}分，降幅最大。`,
  improvedYoy: (name: string, points: string) => `${name}较去年同期提高${points}分。`,
  declinedYoy: (name: string, points: string) => `${name}较去年同期下降${points}分。`,
  bestShort: (names: string, score: string) => `${names}得分最高（${score}分）`,
  worstShort: (names: string, score: string) => `${names}得分最低（${score}分）`,
  improvedShort: (name: string, points: string) => `${name}较上季度提高${points}分`,
  declinedShort: (name: string, points: string) => `${name}较上季度下降${points}分`,
  risingShort: (items: string[]) => `${items.join('、')}`,
  joinShort: (items: string[]) => `${items.join('；')}。`,
  several: (first: string, n: number) => `${first}等${n}项`,
  topVillages: (items: string[]) => `综合得分居前的村（社区）：${items.join('、')}。`,
  bottomVillages: (items: string[]) => `综合得分靠后的村（社区）：${items.join('、')}，需重点帮扶。`,
  villageScore: (name: string, score: string) => `${name}（${score}分）`,
  rising: (items: string[]) => `较上季度增加较多的类别：${items.join('；')}。`,
  moved: (name: string, from: string, to: string) => `${name}（由${from}件增至${to}件）`,
  movedShort: (name: string, from: string, to: string) => `${name}由${from}件增至${to}件`,
  noStrengths: '本季度无突出优势指标。',
  noProblems: '本季度各项指标未见明显下滑，无突出问题。',
  sheetSummary: (records: string, composite: string, rank: string, n: string, pop: string) =>
    `本季度记录${records}件，综合得分${composite}分，列第${rank}位（共${n}个），较上季度${pop}。`,
  sheetSummaryUnranked: (records: string) => `本季度记录${records}件，暂无综合得分。`,
  sheetEmpty: '本季度无记录，各项指标无法计算。',
  topCategories: (items: string[]) => `主要类别：${items.join('、')}。`,
  category: (name: string, n: string) => `${name}${n}件`,
  sheetStrengths: '优势：',
  sheetProblems: '问题：',
  tables: {
    indicators: '本季度综合指标',
    indicatorsHeader: ['指标', '本季度', '上季度', '环比（分）', '去年同期', '同比（分）'],
    indicatorsNote:
      '各项得分0–100分，越高越好：问题类指标按本季度及前三个季度各村（社区）问题量的第90百分位折算，服务效能综合响应率、按期率和处置时长，群众满意取满意率；计算方法见附注。',
    figures: '本季度基础数据（件）',
    figuresHeader: ['项目', '本季度', '上季度', '去年同期'],
    service: '服务效能与满意度',
    serviceHeader: ['期间', '响应率', '处置时长中位数（小时）', '满意率'],
    serviceRows: ['本季度', '上季度', '去年同期'],
    figuresRows: {
      records: '记录总数',
      safety: '安全稳定类',
      environment: '生态环境类',
      marketOrder: '市场秩序类',
      labour: '劳动保障类',
      overdue: '超期件',
    },
    ranking: '各村（社区）综合得分排名',
    rankingHeader: [
      '排名',
      '村（社区）',
      '综合',
      '安全稳定',
      '生态环境',
      '市场秩序',
      '劳动保障',
      '服务效能',
      '群众满意',
      '环比（分）',
    ],
    sheetHeader: ['指标', '本季度', '上季度', '环比（分）', '去年同期', '同比（分）', '全镇排名'],
    source: (asOf: string) => `数据来源：统计服务，超期件计至${asOf}。`,
  },
  charts: {
    radar: '全镇综合指标（本季度与上季度）',
    trend: '本季度各周记录数（与去年同期对比）',
    ranking: '各村（社区）综合得分排名',
    thisQuarter: '本季度',
    lastQuarter: '上季度',
    town: '全镇',
    radarNote: '无数据的指标未画出',
  },
  scoreUnit: '分',
  recordUnit: '件',
  none: '—',
};

type Text = typeof zh;

const en: Text = {
  title: (town) => `${town} Governance Portrait`,
  subtitle: (year, q) => `(Q${q} ${year})`,
  addressee: 'To all villages (communities) and town departments:',
  issuer: (town) => `${town} Integrated Information Command Office`,
  names: {
    safety: 'Safety and stability',
    environment: 'Environment',
    marketOrder: 'Market order',
    labour: 'Labour relations',
    service: 'Service efficiency',
    satisfaction: 'Satisfaction',
    composite: 'Composite',
  },
  headings: {
    overview: 'Overview',
    figures: 'Figures and trend',
    villages: 'Village rankings',
    strengths: 'Strengths',
    problems: 'Problems',
  },
  sheetTitle: (village) => `${village}: governance profile`,
  methodTitle: 'Note: how the indicators are computed',
  method: [
    'Every indicator scores 0–100, higher is better; the composite is the mean of the indicators that have data. A village without any record in the quarter has no data: no score, no rank.',
    "Problem indicators are scored from their load: safety and stability counts fire safety, work safety, food safety and dispute records; environment counts environment, city appearance, noise and illegal construction records; market order and labour relations count their own area. Score = 100 × (1 − load ÷ reference), 0 at worst; the reference is the 90th percentile of the villages' quarterly loads over this and the three previous quarters (at least 1 record). The town's load is per village (its records of the area ÷ the number of villages), so it is measured on the villages' scale.",
    "Service efficiency is the mean of three parts: response = share of complaints answered within 24 h × 100; on time = (1 − overdue ÷ records) × 100; handling time = 100 × (1 − median handling time ÷ reference), the reference being twice the median of the villages' quarterly medians over the same four quarters (at least one hour), so a village as fast as the typical one scores 50. Parts without data are left out.",
    'Satisfaction = satisfaction rate × 100 (satisfied or basically satisfied, of rated complaints); no rated complaint, no score.',
    "Last quarter's and last year's scores use this quarter's references, so a change reflects the loads and the service themselves; they may differ from the scores in those quarters' own reports.",
    "Every number comes from the stats service as the reader may see it: a village secretary's portrait covers their village only.",
  ],
  overview: (records, composite, pop, yoy) =>
    `This quarter the town handled ${records} complaints and cases; its composite score is ${composite}, ${pop} on last quarter and ${yoy} on the same quarter last year.`,
  emptyQuarter: 'No records this quarter, so no indicator can be computed: check that data is being reported.',
  noScore: 'not comparable',
  pointsChange: (change, locale) =>
    change === null
      ? 'not comparable'
      : change === 0
        ? 'unchanged'
        : `${change > 0 ? 'up' : 'down'} ${pointsText(change, locale)} points`,
  weekName: (week) => `week ${week}`,
  trendText: (weeks, peak, peakCount) => `Of the quarter's ${weeks} weeks, ${peak} had the most records: ${peakCount}.`,
  rankingText: (first, firstScore, last, lastScore, n) =>
    `Of ${n} villages, ${first} scored highest (${firstScore}) and ${last} lowest (${lastScore}).`,
  noVillages: 'No village has records this quarter: no ranking.',
  best: (names, score) => `${names} scored highest, at ${score}.`,
  worst: (names, score) => `${names} scored lowest, at ${score}: the main weakness.`,
  improved: (name, points) => `${name} improved most on last quarter, up ${points} points.`,
  declined: (name, points) => `${name} fell most on last quarter, down ${points} points.`,
  improvedYoy: (name, points) => `${name} is up ${points} points on the same quarter last year.`,
  declinedYoy: (name, points) => `${name} is down ${points} points on the same quarter last year.`,
  bestShort: (names, score) => `${names} highest (${score})`,
  worstShort: (names, score) => `${names} lowest (${score})`,
  improvedShort: (name, points) => `${name} up ${points} points on last quarter`,
  declinedShort: (name, points) => `${name} down ${points} points on last quarter`,
  risingShort: (items) => `rising: ${items.join(', ')}`,
  joinShort: (items) => `${items.join('; ')}.`,
  several: (first, n) => `${first} and ${n - 1} more`,
  topVillages: (items) => `Leading villages: ${items.join(', ')}.`,
  bottomVillages: (items) => `Trailing villages, to be supported: ${items.join(', ')}.`,
  villageScore: (name, score) => `${name} (${score})`,
  rising: (items) => `Categories rising most on last quarter: ${items.join('; ')}.`,
  moved: (name, from, to) => `${name} (${from} → ${to})`,
  movedShort: (name, from, to) => `${name} (${from} → ${to})`,
  noStrengths: 'No indicator stands out this quarter.',
  noProblems: 'No indicator fell this quarter: no pressing problem.',
  sheetSummary: (records, composite, rank, n, pop) =>
    `${records} records this quarter; composite score ${composite}, ranked ${rank} of ${n} villages, ${pop} on last quarter.`,
  sheetSummaryUnranked: (records) => `${records} records this quarter; no composite score.`,
  sheetEmpty: 'No records this quarter: no indicator can be computed.',
  // A leading space: it follows the summary sentence in the same paragraph.
  topCategories: (items) => ` Main categories: ${items.join(', ')}.`,
  category: (name, n) => `${name} ${n}`,
  sheetStrengths: 'Strengths: ',
  sheetProblems: 'Problems: ',
  tables: {
    indicators: 'Composite indicators this quarter',
    indicatorsHeader: ['Indicator', 'This quarter', 'Last quarter', 'Change', 'Last year', 'Year on year'],
    indicatorsNote:
      'Scores run 0–100, higher is better: problem indicators against the 90th percentile of village loads over this and the three previous quarters; service efficiency from the response rate, the on-time share and handling time; satisfaction from the satisfaction rate. See the method note.',
    figures: 'Records this quarter',
    figuresHeader: ['Figure', 'This quarter', 'Last quarter', 'Last year'],
    service: 'Service and satisfaction',
    serviceHeader: ['Period', 'Response rate', 'Median handling time (h)', 'Satisfaction rate'],
    serviceRows: ['This quarter', 'Last quarter', 'Same quarter last year'],
    figuresRows: {
      records: 'Records',
      safety: 'Safety and stability records',
      environment: 'Environment records',
      marketOrder: 'Market order records',
      labour: 'Labour records',
      overdue: 'Overdue',
    },
    ranking: 'Villages by composite score',
    rankingHeader: [
      '#',
      'Village',
      'Composite',
      'Safety',
      'Environment',
      'Market',
      'Labour',
      'Service',
      'Satisfaction',
      'Change',
    ],
    sheetHeader: ['Indicator', 'This quarter', 'Last quarter', 'Change', 'Last year', 'Year on year', 'Rank'],
    source: (asOf) => `Source: the stats service; overdue counted at ${asOf}.`,
  },
  charts: {
    radar: 'Town indicators, this quarter and last',
    trend: 'Records by week this quarter, with the same weeks last year',
    ranking: 'Villages by composite score',
    thisQuarter: 'This quarter',
    lastQuarter: 'Last quarter',
    town: 'Town',
    radarNote: 'indicators without data left out',
  },
  scoreUnit: 'points',
  recordUnit: 'records',
  none: '—',
};

export type QuarterlyText = Text;

export function textFor(locale: Locale): Text {
  return locale === 'zh-CN' ? zh : en;
}
