import type { CreatePlaceInput } from '../../places/index.js';
import type { Demo } from '../demo.js';
import type { DemoEnterprise } from '../enterprises.js';
import type { ExportColumn } from './columns.js';
import { csvLine } from './formats.js';
import { type ExportLookups, placeLabel } from './lookups.js';
import { writeTextFile } from './text-file.js';
import { ENTERPRISE_KIND_ZH, INDUSTRY_ZH } from './vocabulary.js';

/*
 * The reference data of the demo town as files: places.json (the map) and enterprises.csv (the register), so that a
 * town loading the exports can load the places and enterprises they name first.
 */

/**
 * The places of the demo town as the places feature's create inputs, parents before children: the city, the town,
 * its villages, their groups. A group's alias is its 所属村社 label (后山村第二村民小组), the name the exports use.
 */
export function demoPlaces(demo: Demo): CreatePlaceInput[] {
  const { city, town, villages } = demo.map;
  const places: CreatePlaceInput[] = [
    { code: city.code, name: city.name, nameEn: city.nameEn, level: 'city', aliases: [] },
    {
      code: town.code,
      name: town.name,
      nameEn: town.nameEn,
      level: 'town',
      parentCode: city.code,
      aliases: [],
      centroid: town.centroid,
      boundary: town.boundary,
    },
  ];
  for (const village of villages) {
    places.push({
      code: village.code,
      name: village.name,
      nameEn: village.nameEn,
      level: 'village',
      parentCode: town.code,
      aliases: [],
      centroid: village.centroid,
      boundary: village.boundary,
    });
  }
  for (const village of villages) {
    for (const group of village.groups) {
      places.push({
        code: group.code,
        name: group.name,
        nameEn: group.nameEn,
        level: 'group',
        parentCode: village.code,
        aliases: [placeLabel(village, group)],
        centroid: group.centroid,
      });
    }
  }
  return places;
}

/** A column of enterprises.csv. */
export type EnterpriseColumn = ExportColumn<DemoEnterprise, string>;

const text = { type: 'text' } as const;

/** The columns of `enterprises.csv`, the register of the town's enterprises. */
export const ENTERPRISE_COLUMNS: readonly EnterpriseColumn[] = [
  { header: '统一社会信用代码', field: 'creditCode', format: text, value: (e) => e.creditCode },
  { header: '企业名称', field: 'name', format: text, value: (e) => e.name },
  {
    header: '主体类型',
    field: 'individual',
    format: { type: 'enum', values: ENTERPRISE_KIND_ZH },
    value: (e) => (e.individual ? ENTERPRISE_KIND_ZH.individual : ENTERPRISE_KIND_ZH.enterprise),
  },
  { header: '所属镇街', field: 'townCode', format: { type: 'town_name' }, value: (_, l: ExportLookups) => l.townName },
  {
    header: '所属村社',
    field: 'villageCode',
    format: { type: 'place_label' },
    value: (e, l) => l.placeLabels.get(e.villageCode) ?? e.villageCode,
  },
  {
    header: '行业',
    field: 'industry',
    format: { type: 'enum', values: INDUSTRY_ZH },
    value: (e) => INDUSTRY_ZH[e.industry],
  },
  { header: '注册地址', field: 'address', format: text, value: (e) => e.address },
  { header: '从业人数', field: 'employees', format: { type: 'integer' }, value: (e) => String(e.employees) },
];

/** Where the reference files go. */
export interface ReferenceFilePaths {
  truth: string;
  places: string;
  enterprises: string;
}

/**
 * Write truth.json (the demo's truth as is), places.json (demoPlaces) and enterprises.csv (UTF-8 with BOM, CRLF).
 * Resolves with the number of places.
 */
export async function writeReferenceFiles(
  demo: Demo,
  lookups: ExportLookups,
  paths: ReferenceFilePaths,
): Promise<number> {
  const places = demoPlaces(demo);
  const rows = demo.enterprises.map((e) => csvLine(ENTERPRISE_COLUMNS.map((column) => column.value(e, lookups))));
  const csv = csvLine(ENTERPRISE_COLUMNS.map((column) => column.header)) + rows.join('');
  await Promise.all([
    writeTextFile(paths.truth, `${JSON.stringify(demo.truth, null, 2)}\n`, 'utf8'),
    writeTextFile(paths.places, `${JSON.stringify(places, null, 2)}\n`, 'utf8'),
    writeTextFile(paths.enterprises, csv, 'utf8-bom'),
  ]);
  return places.length;
}
