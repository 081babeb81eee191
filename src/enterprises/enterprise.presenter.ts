import type { EnterpriseRow } from './enterprise.repo.js';
import type { Enterprise } from './enterprise.schema.js';

export function presentEnterprise(row: EnterpriseRow): Enterprise {
  return {
    creditCode: row.credit_code,
    name: row.name,
    townCode: row.town_code,
    villageCode: row.village_code,
    industry: row.industry,
    address: row.address,
  };
}
