import type { DepartmentKind } from './department.schema.js';

/**
 * One unit of the default "1+8" set (glossary.md): the town's comprehensive administrative law enforcement team plus
 * the eight line departments stationed in it. Names follow how Yiwu towns name them (苏溪市场监管所, 苏溪镇综合行政执法队):
 * `{town}` is the town's full name (苏溪镇, Suxi Town), `{short}` the name without 镇 / 街道 / 乡 (苏溪, Suxi).
 */
export interface DefaultDepartment {
  /** Stable code: the same in every town, so features and imports can name "the market supervision office". */
  code: string;
  kind: DepartmentKind;
  /** The line of work, without the town: 市场监管 / Market supervision. */
  line: string;
  lineEn: string;
  name: string;
  nameEn: string;
  /**
   * Taxonomy categories this unit answers for, used to draft advice and dispatch: level-1 areas of
   * src/taxonomy/default-taxonomy.ts, or a deeper category where an area is shared (land use within illegal
   * construction goes to natural resources, the rest of the area to the enforcement team). Seeding does not check
   * them against the database's taxonomy (it may be edited or not loaded yet); a code it lacks is never matched.
   */
  responsibilities: string[];
}

export const defaultDepartments: readonly DefaultDepartment[] = [
  {
    code: 'enforcement',
    kind: 'enforcement_team',
    line: '综合行政执法',
    lineEn: 'Comprehensive administrative law enforcement',
    name: '{town}综合行政执法队',
    nameEn: '{town} Comprehensive Administrative Law Enforcement Team',
    responsibilities: ['city_appearance', 'illegal_construction', 'noise'],
  },
  {
    code: 'market',
    kind: 'department',
    line: '市场监管',
    lineEn: 'Market supervision',
    name: '{short}市场监管所',
    nameEn: '{short} Market Supervision Office',
    responsibilities: ['market_order', 'food_safety'],
  },
  {
    code: 'ecology',
    kind: 'department',
    line: '生态环境',
    lineEn: 'Ecology and environment',
    name: '{short}生态环境执法中队',
    nameEn: '{short} Ecology and Environment Enforcement Squadron',
    responsibilities: ['environment', 'noise.industrial'],
  },
  {
    code: 'labour',
    kind: 'department',
    line: '人力社保',
    lineEn: 'Human resources and social security',
    name: '{short}劳动保障监察中队',
    nameEn: '{short} Labour Inspection Squadron',
    responsibilities: ['labour', 'social_security.pension'],
  },
  {
    code: 'emergency',
    kind: 'department',
    line: '应急管理',
    lineEn: 'Emergency management and fire',
    name: '{short}应急消防管理站',
    nameEn: '{short} Emergency Management and Fire Station',
    responsibilities: ['fire_safety', 'work_safety'],
  },
  {
    code: 'natural_resources',
    kind: 'department',
    line: '自然资源和规划',
    lineEn: 'Natural resources and planning',
    name: '{short}自然资源和规划所',
    nameEn: '{short} Natural Resources and Planning Office',
    responsibilities: ['illegal_construction.land_use', 'disputes.land'],
  },
  {
    code: 'housing',
    kind: 'department',
    line: '住房和城乡建设',
    lineEn: 'Housing and construction',
    name: '{short}住建监管站',
    nameEn: '{short} Housing and Construction Supervision Station',
    responsibilities: ['housing', 'work_safety.construction_site'],
  },
  {
    code: 'health',
    kind: 'department',
    line: '卫生健康',
    lineEn: 'Health',
    name: '{short}卫生监督站',
    nameEn: '{short} Health Supervision Station',
    // The default taxonomy has no health area yet (medical practice, public-place hygiene): nothing to route here.
    responsibilities: [],
  },
  {
    code: 'transport',
    kind: 'department',
    line: '交通运输',
    lineEn: 'Transport',
    name: '{short}交通运输执法中队',
    nameEn: '{short} Transport Enforcement Squadron',
    responsibilities: ['traffic', 'public_facilities.road'],
  },
];

/** A town's name without its 镇 / 街道 / 乡 suffix (苏溪镇 → 苏溪), keeping it whole if nothing would be left. */
export function shortTownName(name: string): string {
  const short = name.replace(/(镇|街道|乡)$/, '');
  return short.length > 0 ? short : name;
}

/** The same for English names: "Suxi Town" → "Suxi", "Choucheng Subdistrict" → "Choucheng". */
export function shortTownNameEn(name: string): string {
  const short = name.replace(/\s+(town|subdistrict|street|township)$/i, '').trim();
  return short.length > 0 ? short : name;
}

/**
 * A default unit's names in one town. Without an English town name the English name drops the town
 * ("Market Supervision Office") rather than mixing scripts.
 */
export function defaultDepartmentNames(
  unit: DefaultDepartment,
  town: { name: string; nameEn: string | null },
): { name: string; nameEn: string } {
  // Replacer functions, so a `$` in a town's name is taken literally.
  const name = unit.name.replace('{town}', () => town.name).replace('{short}', () => shortTownName(town.name));
  const en = town.nameEn;
  const nameEn = en
    ? unit.nameEn.replace('{town}', () => en).replace('{short}', () => shortTownNameEn(en))
    : unit.nameEn.replace(/\{(town|short)\}\s*/g, '');
  return { name, nameEn };
}
