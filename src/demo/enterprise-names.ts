import type { Industry } from '../enterprises/index.js';
import type { VillageRole } from './town-names.js';

/*
 * The vocabulary of Yiwu business names: 义乌市 + a trade name (字号) + the trade (行业) + the legal form, e.g.
 * 义乌市鑫达饰品有限公司, 义乌市恒瑞电子商务商行, 义乌市锦翔物流有限公司. Individual businesses (个体工商户: 商行, 经营部,
 * 店) carry the registration type 92 in their credit code, companies and sole proprietorships 91.
 */

/** Characters trade names are made of: the auspicious ones Yiwu's register is full of. */
export const TRADE_NAME_CHARACTERS = [
  ...'鑫达恒瑞华盛宏锦诚翔源泰丰佳美艺凯腾卓越博雅优品贝星宇晨欣悦佰顺隆兴福富聚汇创新韵尚亿赢航煜琪嘉',
];

/** One legal form an industry's businesses take, and how often. */
export interface LegalForm {
  suffix: string;
  /** 个体工商户 (registration type 92) rather than an enterprise (91). */
  individual: boolean;
  weight: number;
}

/** How the businesses of one industry are named and how big they are. */
export interface IndustryVocabulary {
  /** Share of the town's enterprises in this industry. */
  share: number;
  /** The trade as it appears in names. */
  trades: readonly string[];
  forms: readonly LegalForm[];
  /** Median head count (log-normal): labour disputes follow the workforce, not the number of firms. */
  medianEmployees: number;
}

const company = (weight: number): LegalForm => ({ suffix: '有限公司', individual: false, weight });
const trading = (weight: number): LegalForm => ({ suffix: '商行', individual: true, weight });
const factory = (weight: number): LegalForm => ({ suffix: '厂', individual: false, weight });

/** Industries as the enterprises feature names them, with what their businesses are called. */
export const INDUSTRY_VOCABULARY: Readonly<Record<Industry, IndustryVocabulary>> = {
  ecommerce: {
    share: 0.2,
    trades: ['电子商务', '网络科技', '跨境电子商务', '电商'],
    forms: [company(0.5), trading(0.5)],
    medianEmployees: 6,
  },
  small_commodities: {
    share: 0.17,
    trades: ['日用品', '小商品', '玩具', '文具', '工艺品', '礼品', '百货用品', '节庆用品'],
    forms: [company(0.5), trading(0.4), factory(0.1)],
    medianEmployees: 15,
  },
  jewellery: {
    share: 0.12,
    trades: ['饰品', '首饰', '发饰', '水晶饰品', '工艺饰品'],
    forms: [company(0.6), factory(0.2), trading(0.2)],
    medianEmployees: 30,
  },
  manufacturing: {
    share: 0.12,
    trades: ['塑料制品', '包装制品', '印刷', '五金制品', '拉链', '日化用品', '模具', '纸制品'],
    forms: [company(0.7), factory(0.3)],
    medianEmployees: 45,
  },
  textiles: {
    share: 0.1,
    trades: ['针织', '袜业', '服饰', '纺织品', '无缝针织', '织带'],
    forms: [company(0.6), factory(0.3), trading(0.1)],
    medianEmployees: 40,
  },
  logistics: {
    share: 0.08,
    trades: ['物流', '货运代理', '供应链管理', '国际货运代理', '仓储服务'],
    forms: [company(1)],
    medianEmployees: 20,
  },
  catering: {
    share: 0.09,
    trades: ['餐饮', '小吃', '快餐', '面食'],
    forms: [{ suffix: '店', individual: true, weight: 0.7 }, company(0.3)],
    medianEmployees: 5,
  },
  retail: {
    share: 0.07,
    trades: ['商贸', '超市', '百货', '贸易'],
    forms: [trading(0.4), { suffix: '经营部', individual: true, weight: 0.3 }, company(0.3)],
    medianEmployees: 4,
  },
  construction: {
    share: 0.04,
    trades: ['建筑工程', '建材', '装饰工程', '建设工程'],
    forms: [company(1)],
    medianEmployees: 35,
  },
  other: {
    share: 0.01,
    trades: ['信息咨询', '企业管理', '广告'],
    forms: [company(1)],
    medianEmployees: 5,
  },
};

/**
 * Where each industry settles, by village role (multiplied by the village's own pull): factories in the industrial
 * villages, online shops in the e-commerce village and the communities, restaurants and shops where people are.
 */
export const INDUSTRY_AFFINITY: Readonly<Record<Industry, Partial<Record<VillageRole, number>>>> = {
  ecommerce: { ecommerce: 5, residential: 1.5, seat: 1.5, market: 1.5 },
  small_commodities: { market: 3, industrial: 1.5, ecommerce: 1.5 },
  jewellery: { industrial: 3, ecommerce: 1.2 },
  manufacturing: { industrial: 4, rural: 1.2 },
  textiles: { industrial: 4, rural: 1.2 },
  logistics: { industrial: 2, ecommerce: 3, market: 2 },
  catering: { seat: 3, market: 3, residential: 2, industrial: 1.5 },
  retail: { seat: 3, market: 3, residential: 2.5 },
  construction: { seat: 1.5, rural: 1.2 },
  other: { seat: 2 },
};
