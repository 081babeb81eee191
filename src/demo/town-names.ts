/*
 * The names of the demo town. The town is invented (Yiwu has no 云溪镇, and 330782199 is no real division code), so
 * demo data can never be mistaken for a real town's; the village names follow the patterns of Yiwu's villages
 * (clan names like 楼, 金, 傅, 骆 with 宅 / 店 / 塘 / 畈 "homestead, shop, pond, field") and any likeness to a real village
 * elsewhere is a coincidence of those patterns.
 */

/** The county-level city (县级市) the town belongs to: Yiwu, Jinhua, Zhejiang (GB/T 2260 code 330782). */
export const CITY = { code: '330782', name: '义乌市', nameEn: 'Yiwu City' } as const;

/** The demo town: a 9-digit town code (县级 6 digits + 3 for the town) under Yiwu. */
export const TOWN = { code: '330782199', name: '云溪镇', nameEn: 'Yunxi Town' } as const;

/** What kind of place a village is, which sets its size and what happens there. */
export type VillageRole = 'seat' | 'market' | 'residential' | 'industrial' | 'ecommerce' | 'rural';

/** A village or community of the demo town, as the name list gives it. */
export interface VillageName {
  name: string;
  nameEn: string;
  kind: 'community' | 'village';
  role: VillageRole;
}

/**
 * Urban communities (社区, codes 001–099 under the town as in the statistical division codes) lie around the town
 * seat; villages (村, codes 201–) further out. Roles: the seat and the market are busy with shops and traffic,
 * industrial villages host factories, the e-commerce village (电商村, like Yiwu's 青岩刘) is full of online shops.
 */
export const VILLAGE_NAMES: readonly VillageName[] = [
  { name: '云溪社区', nameEn: 'Yunxi Community', kind: 'community', role: 'seat' },
  { name: '溪华社区', nameEn: 'Xihua Community', kind: 'community', role: 'residential' },
  { name: '锦园社区', nameEn: 'Jinyuan Community', kind: 'community', role: 'residential' },
  { name: '商城社区', nameEn: 'Shangcheng Community', kind: 'community', role: 'market' },
  { name: '新城社区', nameEn: 'Xincheng Community', kind: 'community', role: 'residential' },
  { name: '工业园社区', nameEn: 'Gongyeyuan Community', kind: 'community', role: 'industrial' },
  { name: '楼宅村', nameEn: 'Louzhai Village', kind: 'village', role: 'rural' },
  { name: '金塘村', nameEn: 'Jintang Village', kind: 'village', role: 'industrial' },
  { name: '何店村', nameEn: 'Hedian Village', kind: 'village', role: 'industrial' },
  { name: '吴畈村', nameEn: 'Wufan Village', kind: 'village', role: 'rural' },
  { name: '傅家村', nameEn: 'Fujia Village', kind: 'village', role: 'rural' },
  { name: '朱店村', nameEn: 'Zhudian Village', kind: 'village', role: 'rural' },
  { name: '陈塘村', nameEn: 'Chentang Village', kind: 'village', role: 'rural' },
  { name: '龚大塘村', nameEn: 'Gongdatang Village', kind: 'village', role: 'industrial' },
  { name: '骆山村', nameEn: 'Luoshan Village', kind: 'village', role: 'rural' },
  { name: '鲍宅村', nameEn: 'Baozhai Village', kind: 'village', role: 'rural' },
  { name: '前洪村', nameEn: 'Qianhong Village', kind: 'village', role: 'rural' },
  { name: '后山村', nameEn: 'Houshan Village', kind: 'village', role: 'rural' },
  { name: '下湖村', nameEn: 'Xiahu Village', kind: 'village', role: 'rural' },
  { name: '东畈村', nameEn: 'Dongfan Village', kind: 'village', role: 'rural' },
  { name: '西岭村', nameEn: 'Xiling Village', kind: 'village', role: 'rural' },
  { name: '新屋村', nameEn: 'Xinwu Village', kind: 'village', role: 'rural' },
  { name: '山口村', nameEn: 'Shankou Village', kind: 'village', role: 'rural' },
  { name: '桥头村', nameEn: 'Qiaotou Village', kind: 'village', role: 'rural' },
  { name: '殿前村', nameEn: 'Dianqian Village', kind: 'village', role: 'rural' },
  { name: '田心村', nameEn: 'Tianxin Village', kind: 'village', role: 'rural' },
  { name: '湖门村', nameEn: 'Humen Village', kind: 'village', role: 'rural' },
  { name: '杨梅岭村', nameEn: 'Yangmeiling Village', kind: 'village', role: 'rural' },
  { name: '青岩塘村', nameEn: 'Qingyantang Village', kind: 'village', role: 'ecommerce' },
  { name: '溪口村', nameEn: 'Xikou Village', kind: 'village', role: 'rural' },
];

/** Road names every village may have besides the ones named after it (振兴路 is in half the villages of Zhejiang). */
export const THEMED_ROADS = [
  '兴业路',
  '振兴路',
  '文化路',
  '幸福路',
  '育才路',
  '工业路',
  '商贸路',
  '光明路',
  '和平路',
  '建设路',
  '创业路',
  '丰收路',
  '致富路',
  '同心路',
  '长春路',
  '望江路',
  '迎宾路',
  '稠溪路',
] as const;

/** Residential estates (小区) of the communities. */
export const ESTATES = [
  '锦绣花园',
  '溪畔华庭',
  '阳光小区',
  '云溪新村',
  '江南名苑',
  '商城公寓',
  '滨河苑',
  '翠湖苑',
  '金色家园',
  '和园',
  '新城花苑',
  '丽都小区',
  '紫荆苑',
  '华府小区',
  '东方明珠苑',
  '桂香苑',
  '御溪湾',
  '景澜府',
] as const;

/** Chinese ordinals for group names (第一村民小组 …). */
export const ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'] as const;

/** Size of the resident population (registered residents and migrant workers) by role: [min, max]. */
export const POPULATION_BY_ROLE: Readonly<Record<VillageRole, readonly [number, number]>> = {
  seat: [9000, 13_000],
  market: [7000, 10_000],
  residential: [5000, 9000],
  industrial: [4000, 8000],
  ecommerce: [4000, 7000],
  rural: [1200, 4000],
};

/** How many enterprises a village of each role attracts, relative to a rural village. */
export const INDUSTRY_BY_ROLE: Readonly<Record<VillageRole, number>> = {
  seat: 3,
  market: 4,
  residential: 1.5,
  industrial: 8,
  ecommerce: 6,
  rural: 1,
};

/** Shops, stalls and traffic per resident by role: drives street stalls, shopfronts, parking, consumer disputes. */
export const COMMERCE_BY_ROLE: Readonly<Record<VillageRole, number>> = {
  seat: 2.2,
  market: 3,
  residential: 1.4,
  industrial: 1.2,
  ecommerce: 1.8,
  rural: 0.7,
};
