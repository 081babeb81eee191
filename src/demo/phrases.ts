import { ECONOMY_PHRASES } from './phrases-economy.js';
import { LIFE_PHRASES } from './phrases-life.js';

/** What the records of one leaf category say. */
export interface LeafPhrases {
  /** A short noun phrase for titles: 占道经营. */
  subject: string;
  /** Who `{e}` stands for when a record names no enterprise: 流动摊贩, 所在公司. */
  party?: string;
  /** What is going on, after the place: '{e}拖欠工资两个多月未发放'. */
  issues: readonly string[];
  /** The violation as a case summary states it (案由): 擅自占用城市道路摆摊经营. */
  violation: string;
  /** What the complainant asks for, when the area's usual demands do not fit. */
  demands?: readonly string[];
}

/** What the complaints of a whole area add: the harm done and the usual demand. */
interface AreaPhrases {
  impacts: readonly string[];
  demands: readonly string[];
}

const GENERAL: AreaPhrases = {
  impacts: ['给周边群众生活带来不便', '群众意见较大', '已持续较长时间'],
  demands: ['请相关部门尽快核实处理', '希望相关部门加强管理', '请尽快处理并回复'],
};

const AREAS: Readonly<Record<string, AreaPhrases>> = {
  market_order: {
    impacts: ['侵害了消费者合法权益', '扰乱市场秩序', '周边商户意见很大'],
    demands: ['请市场监管部门依法查处', '希望尽快核实处理', '要求商家给个说法'],
  },
  city_appearance: {
    impacts: ['影响市容市貌', '影响行人和车辆通行', '周边居民意见很大'],
    demands: ['请综合执法部门尽快处理', '希望加强巡查管理', '请尽快清理'],
  },
  illegal_construction: {
    impacts: ['影响周边住户采光和通行', '存在安全隐患', '群众反映强烈'],
    demands: ['请相关部门依法拆除', '希望尽快制止', '请核实后依法处理'],
  },
  labour: {
    impacts: ['生活陷入困难', '多次讨要无果', '工友们情绪较大'],
    demands: ['请劳动保障监察部门介入处理', '希望依法维护劳动者权益', '请尽快协调解决'],
  },
  food_safety: {
    impacts: ['存在食品安全隐患', '危害群众身体健康', '担心孩子吃坏身体'],
    demands: ['请市场监管部门依法查处', '希望加强检查', '要求商家赔偿并整改'],
  },
  fire_safety: {
    impacts: ['存在严重消防安全隐患', '一旦发生火灾后果不堪设想', '居民十分担心'],
    demands: ['请消防部门尽快检查处理', '希望立即整改', '请尽快消除隐患'],
  },
  environment: {
    impacts: ['严重影响周边居民正常生活', '居民不敢开窗', '担心影响身体健康'],
    demands: ['请生态环境部门依法查处', '希望尽快治理', '请加强监管'],
  },
  noise: {
    impacts: ['严重影响周边居民休息', '老人小孩无法入睡', '已持续多日'],
    demands: ['请相关部门尽快制止', '希望依法处理', '请加强夜间巡查'],
  },
  traffic: {
    impacts: ['影响车辆和行人通行', '存在交通安全隐患', '出行很不方便'],
    demands: ['请相关部门加强管理', '希望尽快处理', '请尽快整治'],
  },
  housing: {
    impacts: ['业主意见很大', '存在安全隐患', '多次反映未解决'],
    demands: ['请住建部门督促整改', '希望尽快协调解决', '请依法处理'],
  },
  public_facilities: {
    impacts: ['给群众出行带来不便', '存在安全隐患', '影响正常生活'],
    demands: ['请相关部门尽快维修', '希望尽快处理', '请尽快修复'],
  },
  social_security: {
    impacts: ['多次咨询未得到明确答复', '生活较为困难', '办事不方便'],
    demands: ['希望相关部门给予答复', '请核实后处理', '希望提供帮助'],
  },
  work_safety: {
    impacts: ['存在较大安全隐患', '员工生命安全受到威胁', '周边居民十分担心'],
    demands: ['请应急管理部门检查处理', '希望尽快整改', '请依法查处'],
  },
  disputes: {
    impacts: ['矛盾有激化的可能', '双方多次协商未果', '影响邻里和睦'],
    demands: ['希望相关部门协调解决', '请求调解处理', '希望尽快化解矛盾'],
  },
};

const ALL_PHRASES: Readonly<Record<string, LeafPhrases>> = { ...ECONOMY_PHRASES, ...LIFE_PHRASES };

/** The phrases of a leaf; a leaf without its own gets neutral ones named after it. */
export function leafPhrases(code: string, name: string): LeafPhrases {
  return ALL_PHRASES[code] ?? { subject: name, issues: [`存在${name}问题`], violation: name };
}

/** The impacts and demands of the area a leaf belongs to. */
export function areaPhrases(code: string): AreaPhrases {
  return AREAS[code.slice(0, code.indexOf('.'))] ?? GENERAL;
}

/** Codes with phrases of their own (for the test that keeps them in step with the taxonomy). */
export const PHRASE_CODES: readonly string[] = Object.keys(ALL_PHRASES);
