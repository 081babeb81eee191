import {
  AFTER_SPRING_FESTIVAL,
  AREA_PROFILES,
  type AreaDefaults,
  BASE_PROFILE,
  type CategoryProfile,
  HARVESTS,
  INSURANCE_COLLECTION,
  PRE_SPRING_FESTIVAL,
  RAIN_AND_TYPHOONS,
  SCHOOL_TERMS,
  SUMMER,
  SUMMER_EVENINGS,
  TRAVEL_PEAKS,
  WINTER,
} from './category-areas.js';

export type { CategoryProfile } from './category-areas.js';

/*
 * How each leaf of the default taxonomy behaves in the demo town: how common it is, how bursty, when in the year,
 * week and day it happens, whether it is going up or down, how much of it becomes an enforcement case, who handles it
 * and how long that takes. One table, keyed by the taxonomy's leaf codes (src/taxonomy/default-taxonomy.ts); a test
 * checks that the two stay in step. A leaf lists its weight (roughly its share of all records in per mille) and
 * what it changes of its area's defaults (category-areas.ts). The numbers are judgement, not fitted to any real
 * town's data: street order, parking, noise and property management lead as they do in hotline summaries, labour and
 * consumer disputes follow, and the rare categories stay rare.
 */

type Leaf = [code: string, weight: number, overrides?: Partial<AreaDefaults>];

const LEAVES: readonly Leaf[] = [
  // 市场秩序
  // 无证无照经营
  ['market_order.unlicensed_business', 1.2, { caseShare: 0.5, annualTrend: -0.05 }],
  // 价格违法
  [
    'market_order.price',
    0.8,
    { enterpriseShare: 0.6, industries: ['retail', 'catering'], law: '《中华人民共和国价格法》' },
  ],
  // 假冒伪劣商品
  [
    'market_order.counterfeit',
    1,
    { caseShare: 0.5, enterpriseShare: 0.7, industries: ['small_commodities', 'jewellery', 'ecommerce'] },
  ],
  // 消费纠纷
  [
    'market_order.consumer_dispute',
    4,
    {
      caseShare: 0.05,
      annualTrend: 0.08,
      days: 'weekend',
      enterpriseShare: 0.6,
      industries: ['ecommerce', 'retail', 'small_commodities'],
      law: '《中华人民共和国消费者权益保护法》',
    },
  ],
  // 虚假宣传: rising with live-stream selling.
  [
    'market_order.false_advertising',
    0.8,
    { annualTrend: 0.15, enterpriseShare: 0.7, industries: ['ecommerce', 'retail'], law: '《中华人民共和国广告法》' },
  ],
  // 短斤缺两
  ['market_order.short_weight', 0.5, { caseShare: 0.35, law: '《中华人民共和国计量法》' }],
  // 传销
  ['market_order.pyramid_selling', 0.2, { caseShare: 0.5, annualTrend: -0.1, difficulty: 2, law: '《禁止传销条例》' }],
  // 市容环境: stalls and shopfronts on summer evenings, slowly falling as fixed stalls are bid out.
  // 占道经营
  [
    'city_appearance.street_stall',
    6,
    { season: SUMMER_EVENINGS, hours: 'evening', days: 'weekend', caseShare: 0.65, dispersion: 3, annualTrend: -0.05 },
  ],
  // 出店经营
  [
    'city_appearance.shopfront',
    4,
    {
      season: SUMMER_EVENINGS,
      hours: 'evening',
      caseShare: 0.65,
      enterpriseShare: 0.5,
      industries: ['retail', 'catering'],
    },
  ],
  // 户外广告招牌
  [
    'city_appearance.outdoor_ads',
    1.5,
    { season: RAIN_AND_TYPHOONS, enterpriseShare: 0.5, industries: ['retail', 'catering'] },
  ],
  // 乱张贴乱涂写
  ['city_appearance.illegal_posting', 1.2, { caseShare: 0.4 }],
  // 乱堆乱放
  ['city_appearance.clutter', 3, { caseShare: 0.45 }],
  // 生活垃圾清运
  ['city_appearance.household_waste', 3.5, { season: SUMMER, caseShare: 0.1, driver: 'population' }],
  // 建筑垃圾乱倒
  ['city_appearance.construction_waste', 1.5, { driver: 'population', caseShare: 0.5 }],
  // 违法建设: falling year on year under the 三改一拆 campaign.
  // 违法新建建筑
  ['illegal_construction.new_building', 1.2, { caseShare: 0.55 }],
  // 违法搭建
  ['illegal_construction.extension', 2.5],
  // 擅自改变房屋结构
  ['illegal_construction.structure_change', 0.8, { caseShare: 0.4 }],
  // 违法用地
  [
    'illegal_construction.land_use',
    0.6,
    { caseShare: 0.55, department: 'natural_resources', law: '《中华人民共和国土地管理法》' },
  ],
  // 劳动保障 › 涉企劳工纠纷: down 64 % in the last year after the town's wage-guarantee reforms.
  // 欠薪
  [
    'labour.enterprise_dispute.wage_arrears',
    4.5,
    { season: { bumps: [PRE_SPRING_FESTIVAL] }, lastYearChange: -0.64, dispersion: 2.5 },
  ],
  // 劳动合同纠纷
  ['labour.enterprise_dispute.contract', 1.8, { lastYearChange: -0.64, law: '《中华人民共和国劳动合同法》' }],
  // 社保缴纳纠纷
  ['labour.enterprise_dispute.social_insurance', 1.2, { lastYearChange: -0.64, law: '《中华人民共和国社会保险法》' }],
  // 工伤纠纷
  ['labour.enterprise_dispute.work_injury', 0.8, { lastYearChange: -0.64, difficulty: 3, law: '《工伤保险条例》' }],
  // 其他劳资纠纷
  ['labour.enterprise_dispute.other', 1, { lastYearChange: -0.64, law: '《劳动保障监察条例》' }],
  // 违法用工
  ['labour.illegal_employment', 0.6, { caseShare: 0.5, law: '《劳动保障监察条例》' }],
  // 就业服务
  [
    'labour.employment_service',
    1,
    { caseShare: 0, enterpriseShare: 0, difficulty: 0.5, season: AFTER_SPRING_FESTIVAL },
  ],
  // 食品安全: catering peaks in summer, when food spoils.
  // 餐饮卫生
  ['food_safety.catering', 3, { season: SUMMER, days: 'weekend', enterpriseShare: 0.9, industries: ['catering'] }],
  // 无证食品经营
  ['food_safety.unlicensed_food', 1, { caseShare: 0.55, enterpriseShare: 0 }],
  // 过期变质食品
  ['food_safety.expired_food', 1.2, { caseShare: 0.4, industries: ['retail'] }],
  // 校园食品安全
  ['food_safety.school_food', 0.4, { caseShare: 0.2, season: SCHOOL_TERMS, enterpriseShare: 0, days: 'weekday' }],
  // 消防安全
  // 消防通道堵塞
  ['fire_safety.blocked_fire_lane', 2, { season: undefined, caseShare: 0.4 }],
  // E-bike battery fires rise with summer heat, and the problem grows year after year.
  // 电动自行车违规充电
  ['fire_safety.ebike_charging', 2.5, { season: SUMMER, annualTrend: 0.2, caseShare: 0.3, hours: 'evening' }],
  // “三合一”场所
  [
    'fire_safety.three_in_one',
    1,
    {
      driver: 'enterprises',
      caseShare: 0.55,
      enterpriseShare: 0.8,
      industries: ['small_commodities', 'ecommerce', 'jewellery'],
    },
  ],
  // 消防设施损坏
  ['fire_safety.fire_equipment', 0.8, { caseShare: 0.35 }],
  // 生态环境
  // 大气污染
  ['environment.air', 2],
  // 水污染
  ['environment.water', 1.2, { season: SUMMER, law: '《中华人民共和国水污染防治法》' }],
  // 固体废物污染
  ['environment.solid_waste', 0.8, { law: '《中华人民共和国固体废物污染环境防治法》' }],
  // 异味扰民
  ['environment.odour', 2.2, { season: SUMMER, caseShare: 0.2, hours: 'evening' }],
  // 露天焚烧
  ['environment.open_burning', 0.8, { driver: 'population', season: HARVESTS, annualTrend: -0.15, enterpriseShare: 0 }],
  // 畜禽养殖污染
  ['environment.livestock', 0.4, { driver: 'population', season: SUMMER, annualTrend: -0.12, enterpriseShare: 0 }],
  // 噪声扰民: summer nights with the windows open.
  // 建筑施工噪声
  ['noise.construction', 3, { season: undefined, days: 'weekday', caseShare: 0.3 }],
  // 商业经营噪声
  [
    'noise.commercial',
    2.5,
    {
      driver: 'commerce',
      season: SUMMER_EVENINGS,
      hours: 'evening',
      days: 'weekend',
      enterpriseShare: 0.5,
      industries: ['catering', 'retail'],
    },
  ],
  // 工业噪声
  [
    'noise.industrial',
    1.5,
    {
      driver: 'enterprises',
      department: 'ecology',
      enterpriseShare: 0.9,
      industries: ['manufacturing', 'textiles', 'jewellery'],
    },
  ],
  // 社会生活噪声
  ['noise.neighbourhood', 3.5, { season: SUMMER_EVENINGS, days: 'weekend', caseShare: 0.05, dispersion: 2.5 }],
  // 交通噪声
  ['noise.traffic', 0.8, { caseShare: 0, season: undefined, hours: 'daytime' }],
  // 交通与停车: illegal parking is the enforcement team's (pavements); the rest are requests.
  // 违章停车
  [
    'traffic.illegal_parking',
    5,
    { caseShare: 0.5, department: 'enforcement', enterpriseShare: 0.1, industries: ['logistics'] },
  ],
  // 非机动车乱停放
  ['traffic.non_motor_parking', 2, { caseShare: 0.3, annualTrend: 0.06, department: 'enforcement' }],
  // 交通拥堵
  ['traffic.congestion', 1, { season: TRAVEL_PEAKS }],
  // 交通信号与标志标线
  ['traffic.signals', 0.6],
  // 公交出行
  ['traffic.public_transport', 0.8, { driver: 'population' }],
  // 停车收费
  ['traffic.parking_fee', 0.6, { caseShare: 0.15, department: 'market', law: '《中华人民共和国价格法》' }],
  // 住房与物业
  // 物业服务
  ['housing.property_service', 4, { dispersion: 3 }],
  // 物业收费
  ['housing.property_fee', 1.5, { season: { bumps: [{ anchor: 'dayOfYear', at: 15, width: 20, height: 0.6 }] } }],
  // 房屋租赁
  ['housing.rental', 2, { caseShare: 0.2, annualTrend: 0.05, season: AFTER_SPRING_FESTIVAL }],
  // 危房
  ['housing.unsafe_building', 0.5, { caseShare: 0.2, season: RAIN_AND_TYPHOONS, deadlineDays: 2 }],
  // 电梯安全
  ['housing.lift', 0.8, { caseShare: 0.3, annualTrend: 0.1, deadlineDays: 2, law: '《中华人民共和国特种设备安全法》' }],
  // 公共设施
  // 道路桥梁破损
  ['public_facilities.road', 2, { season: RAIN_AND_TYPHOONS }],
  // 路灯照明
  ['public_facilities.street_light', 1.5, { season: { peakDay: 355, amplitude: 0.25 }, hours: 'evening' }],
  // 井盖缺失破损
  ['public_facilities.manhole', 0.6, { deadlineDays: 1 }],
  // 排水与内涝
  ['public_facilities.drainage', 1.5, { season: RAIN_AND_TYPHOONS, dispersion: 1.5 }],
  // 供水
  ['public_facilities.water_supply', 2, { season: SUMMER, deadlineDays: 2, dispersion: 2 }],
  // 供电
  ['public_facilities.power_supply', 1.5, { season: SUMMER, deadlineDays: 2, dispersion: 2 }],
  // 园林绿化
  ['public_facilities.greenery', 1, { season: { peakDay: 140, amplitude: 0.4 } }],
  // 公共厕所
  ['public_facilities.public_toilet', 0.5],
  // 社会保障
  // 养老保险
  ['social_security.pension', 1.2, { difficulty: 1.5 }],
  // 医疗保险
  ['social_security.medical_insurance', 1.2, { season: INSURANCE_COLLECTION }],
  // 最低生活保障
  ['social_security.subsistence', 0.5, { department: undefined }],
  // 养老服务
  ['social_security.elderly_care', 0.6, { department: undefined, annualTrend: 0.1 }],
  // 残疾人帮扶
  ['social_security.disability', 0.3, { department: undefined }],
  // 安全生产
  // 危险化学品
  ['work_safety.hazardous_chemicals', 0.4, { industries: ['manufacturing'], law: '《危险化学品安全管理条例》' }],
  // 燃气安全
  [
    'work_safety.gas',
    0.8,
    {
      driver: 'population',
      season: WINTER,
      department: 'housing',
      enterpriseShare: 0.3,
      industries: ['catering'],
      law: '《城镇燃气管理条例》',
    },
  ],
  // 建筑施工安全
  ['work_safety.construction_site', 0.8, { industries: ['construction'], days: 'weekday' }],
  // 企业安全隐患
  ['work_safety.enterprise_hazard', 1.2],
  // 矛盾纠纷
  // 邻里纠纷
  ['disputes.neighbour', 2, { days: 'weekend', difficulty: 1.2 }],
  // 婚姻家庭纠纷
  ['disputes.family', 0.8],
  // 土地山林纠纷
  ['disputes.land', 0.5, { difficulty: 2 }],
  // 征地拆迁
  ['disputes.requisition', 0.4, { difficulty: 3 }],
  // 其他
  // 未分类
  ['other.unclassified', 1],
  // 其他事项
  ['other.general', 3],
];

function profileOf([code, weight, overrides]: Leaf): CategoryProfile {
  const area = AREA_PROFILES[code.slice(0, code.indexOf('.'))] ?? BASE_PROFILE;
  return { ...area, ...overrides, code, weight };
}

/** The profile of every leaf of the default taxonomy, in taxonomy order. */
export const CATEGORY_PROFILES: readonly CategoryProfile[] = LEAVES.map(profileOf);

const byCode = new Map(CATEGORY_PROFILES.map((p) => [p.code, p]));

/**
 * The profile of a leaf; a leaf this table does not know (a town-edited taxonomy) gets its area's defaults with a small
 * weight, so the demo never breaks on a taxonomy it was not written for.
 */
export function categoryProfile(code: string): CategoryProfile {
  return byCode.get(code) ?? profileOf([code, 0.5]);
}
