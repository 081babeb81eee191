export type { CategoryRow } from './category.repo.js';
export { findCategoryByCode, findCategoryById, levelColumn, listCategoryRows } from './category.repo.js';
export type {
  Category,
  CategoryLevel,
  CategoryNode,
  CreateCategoryInput,
  Taxonomy,
  TaxonomyVersion,
  UpdateCategoryInput,
} from './category.schema.js';
export { categoryCodeSchema } from './category.schema.js';
export { createCategory, descendantCodes, getCategory, listCategories, requireCategory } from './category.service.js';
export { updateCategory } from './category-edit.service.js';
export { type DefaultCategory, defaultTaxonomy, UNCLASSIFIED_CODE } from './default-taxonomy.js';
export { ensureDefaultTaxonomy } from './default-taxonomy.service.js';
export { taxonomyRoutes } from './taxonomy.routes.js';
export { getTaxonomy, listTaxonomyVersions, type TaxonomyDeps, type TaxonomyWriteDeps } from './taxonomy.service.js';
