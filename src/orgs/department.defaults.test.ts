import { describe, expect, it } from 'vitest';
import { type DefaultCategory, defaultTaxonomy } from '../taxonomy/index.js';
import { defaultDepartmentNames, defaultDepartments, shortTownName, shortTownNameEn } from './department.defaults.js';
import { departmentCodeSchema } from './department.schema.js';

function allCodes(categories: readonly DefaultCategory[]): string[] {
  return categories.flatMap((c) => [c.code, ...allCodes(c.children ?? [])]);
}

describe('the default "1+8" departments', () => {
  it('are one enforcement team and eight line departments with stable, valid, distinct codes', () => {
    expect(defaultDepartments.map((d) => d.code)).toEqual([
      'enforcement',
      'market',
      'ecology',
      'labour',
      'emergency',
      'natural_resources',
      'housing',
      'health',
      'transport',
    ]);
    expect(defaultDepartments.filter((d) => d.kind === 'enforcement_team')).toHaveLength(1);
    expect(defaultDepartments.filter((d) => d.kind === 'department')).toHaveLength(8);
    for (const unit of defaultDepartments) {
      expect(departmentCodeSchema.parse(unit.code)).toBe(unit.code);
      expect(unit.name).toMatch(/^\{(town|short)\}\p{Script=Han}+$/u);
      expect(unit.nameEn).toMatch(/^\{(town|short)\} [A-Z][A-Za-z ]+$/);
    }
  });

  it('answer for categories of the default taxonomy, every level-1 area but "other" having an owner', () => {
    const known = new Set(allCodes(defaultTaxonomy));
    const claimed = defaultDepartments.flatMap((d) => d.responsibilities);
    expect(claimed.filter((code) => !known.has(code))).toEqual([]);
    const owned = new Set(claimed.map((code) => code.split('.')[0]));
    const areas = defaultTaxonomy.map((c) => c.code).filter((code) => code !== 'other');
    // Each area has an owner, at least for part of it, so that a new area in the taxonomy is a decision made here.
    expect(areas.filter((code) => !owned.has(code))).toEqual([]);
    expect(defaultDepartments.filter((d) => d.responsibilities.length === 0).map((d) => d.code)).toEqual(['health']);
  });

  it('shorten town names the way Yiwu names its stationed offices', () => {
    expect(shortTownName('苏溪镇')).toBe('苏溪');
    expect(shortTownName('稠城街道')).toBe('稠城');
    expect(shortTownName('某乡')).toBe('某');
    expect(shortTownName('镇')).toBe('镇');
    expect(shortTownName('义乌市')).toBe('义乌市');
    expect(shortTownNameEn('Suxi Town')).toBe('Suxi');
    expect(shortTownNameEn('Choucheng Subdistrict')).toBe('Choucheng');
    expect(shortTownNameEn('Town')).toBe('Town');
  });

  it('name each unit after its town, in both languages', () => {
    const [enforcement, market] = defaultDepartments;
    if (!enforcement || !market) {
      throw new Error('defaults missing');
    }
    expect(defaultDepartmentNames(enforcement, { name: '苏溪镇', nameEn: 'Suxi Town' })).toEqual({
      name: '苏溪镇综合行政执法队',
      nameEn: 'Suxi Town Comprehensive Administrative Law Enforcement Team',
    });
    expect(defaultDepartmentNames(market, { name: '稠城街道', nameEn: null })).toEqual({
      name: '稠城市场监管所',
      nameEn: 'Market Supervision Office',
    });
    // A `$` in a name is text, not a replacement pattern.
    expect(defaultDepartmentNames(market, { name: '$&镇', nameEn: '$1 Town' })).toEqual({
      name: '$&市场监管所',
      nameEn: '$1 Market Supervision Office',
    });
  });
});
