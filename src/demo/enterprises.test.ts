import { describe, expect, it } from 'vitest';
import { industryCodes, validateCreditCode } from '../enterprises/index.js';
import { buildEnterprises, organisationCheckChar } from './enterprises.js';
import { Random } from './random.js';
import { buildTownMap } from './town.js';

const map = buildTownMap(new Random('enterprises').fork('town'));
const enterprises = buildEnterprises(new Random('enterprises').fork('enterprises'), map);

describe('organisationCheckChar (GB 11714)', () => {
  it('matches published organisation codes', () => {
    // Alibaba (China) Network Technology: credit code 91330100716105852F holds organisation code 71610585-2.
    expect(organisationCheckChar('71610585')).toBe('2');
    expect(validateCreditCode('91330100716105852F').ok).toBe(true);
  });
});

describe('buildEnterprises', () => {
  it('registers 800 enterprises with unique names and unique, valid Yiwu credit codes', () => {
    expect(enterprises).toHaveLength(800);
    expect(new Set(enterprises.map((e) => e.name)).size).toBe(800);
    expect(new Set(enterprises.map((e) => e.creditCode)).size).toBe(800);
    for (const enterprise of enterprises) {
      expect(validateCreditCode(enterprise.creditCode)).toEqual({ ok: true, code: enterprise.creditCode });
      expect(enterprise.creditCode.slice(0, 8)).toBe(enterprise.individual ? '92330782' : '91330782');
      const organisation = enterprise.creditCode.slice(8, 17);
      expect(organisationCheckChar(organisation.slice(0, 8))).toBe(organisation[8]);
    }
  });

  it('names them the way Yiwu does, in every industry the enterprises feature knows', () => {
    for (const enterprise of enterprises) {
      expect(enterprise.name).toMatch(/^义乌市.{2}.+(有限公司|商行|厂|店|经营部)$/);
      expect(industryCodes).toContain(enterprise.industry);
    }
    const industries = new Set(enterprises.map((e) => e.industry));
    expect(industries.size).toBeGreaterThanOrEqual(9);
    const ecommerce = enterprises.filter((e) => e.industry === 'ecommerce').length;
    expect(ecommerce / 800).toBeGreaterThan(0.15);
  });

  it('places each in a village of the town, the factories mostly in industrial villages', () => {
    const villages = new Map(map.villages.map((v) => [v.code, v]));
    for (const enterprise of enterprises) {
      const village = villages.get(enterprise.villageCode);
      expect(village).toBeDefined();
      expect(enterprise.townCode).toBe(map.town.code);
      expect(enterprise.address).toContain(`义乌市云溪镇${village?.name}`);
      expect(enterprise.employees).toBeGreaterThanOrEqual(1);
    }
    const factories = enterprises.filter((e) => e.industry === 'manufacturing' || e.industry === 'textiles');
    const industrial = factories.filter((e) => villages.get(e.villageCode)?.role === 'industrial');
    expect(industrial.length / factories.length).toBeGreaterThan(0.4);
  });

  it('is deterministic', () => {
    const again = buildEnterprises(new Random('enterprises').fork('enterprises'), map);
    expect(again).toEqual(enterprises);
    const other = buildEnterprises(new Random('other').fork('enterprises'), map, 50);
    expect(other.map((e) => e.creditCode)).not.toEqual(enterprises.slice(0, 50).map((e) => e.creditCode));
  });
});
