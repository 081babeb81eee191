export {
  type CreditCodeCheck,
  creditCodeCheckChar,
  makeCreditCode,
  normalizeCreditCode,
  validateCreditCode,
} from './credit-code.js';
export { type EnterpriseRow, listEnterpriseIds } from './enterprise.repo.js';
export { enterpriseRoutes } from './enterprise.routes.js';
export type {
  CreateEnterpriseInput,
  Enterprise,
  EnterprisePage,
  Industry,
  SearchEnterprisesQuery,
  UpdateEnterpriseInput,
} from './enterprise.schema.js';
export { creditCodeSchema, industries, industryCodes } from './enterprise.schema.js';
export {
  createEnterprise,
  type EnterpriseDeps,
  type EnterpriseWriteDeps,
  getEnterprise,
  requireEnterprise,
  searchEnterprises,
  updateEnterprise,
} from './enterprise.service.js';
