import { z } from 'zod';

export const categoryLevels = [1, 2, 3] as const;
export const categoryLevelSchema = z.literal(categoryLevels);
export type CategoryLevel = z.infer<typeof categoryLevelSchema>;
/** The deepest level: a category under a level-3 one would be a fourth level. */
export const MAX_CATEGORY_LEVEL = 3;

/**
 * Category codes: lower-case snake_case words joined by dots, e.g. `labour.enterprise_dispute.wage_arrears`. By
 * convention a child's code is its parent's code plus one word, but a code is an identifier, not a path: it never
 * changes, not even when the category moves to another parent.
 */
export const categoryCodeSchema = z
  .string()
  .trim()
  .max(64)
  .regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*){0,4}$/, 'must be lower-case snake_case words joined by dots');

const name = z.string().trim().min(1).max(100);
const sortOrder = z.number().int().min(0).max(1_000_000);
const note = z.string().trim().min(1).max(500);

export const createCategorySchema = z.object({
  code: categoryCodeSchema,
  name,
  nameEn: name,
  /** Absent for a level-1 category; the level is the parent's plus one. */
  parentCode: categoryCodeSchema.optional(),
  /** Absent: after the last sibling. */
  sortOrder: sortOrder.optional(),
  /** Why, for the version history. */
  note: note.optional(),
});
export type CreateCategoryInput = z.input<typeof createCategorySchema>;

export const updateCategorySchema = z
  .object({
    name,
    nameEn: name,
    sortOrder,
    /** Move under another parent of the same level as the current one (the level never changes). */
    parentCode: categoryCodeSchema.nullable(),
    /** true retires the category and everything below it; false restores them (the parent must be active). */
    retired: z.boolean(),
    note,
  })
  .partial();
export type UpdateCategoryInput = z.input<typeof updateCategorySchema>;

/** A category as it leaves the server, and as taxonomy snapshots store it. */
export const categorySchema = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  level: categoryLevelSchema,
  parentCode: z.string().nullable(),
  /** Codes from the level-1 ancestor down to this category. */
  path: z.array(z.string()),
  sortOrder: z.number(),
  retired: z.boolean(),
});
export type Category = z.infer<typeof categorySchema>;

export type CategoryNode = Category & { children: CategoryNode[] };
// The tree spelled out to its three levels rather than as a recursive schema: OpenAPI then needs no named component.
const level3NodeSchema = categorySchema.extend({ children: z.array(categorySchema).max(0) });
const level2NodeSchema = categorySchema.extend({ children: z.array(level3NodeSchema) });
/** A category with the categories below it. */
export const categoryNodeSchema = categorySchema.extend({ children: z.array(level2NodeSchema) });

export const taxonomyQuerySchema = z.object({
  /** Absent: the current taxonomy. */
  version: z.number().int().min(1).optional(),
  level: categoryLevelSchema.optional(),
  includeRetired: z.boolean().default(false),
});
export type TaxonomyQuery = z.input<typeof taxonomyQuerySchema>;

/** The query string of GET /api/categories: the same, as text. */
export const categoriesQueryStringSchema = z.object({
  version: z.coerce.number().int().min(1).optional(),
  level: z
    .enum(['1', '2', '3'])
    .transform((v) => Number(v) as CategoryLevel)
    .optional(),
  includeRetired: z.stringbool().default(false),
  flat: z.stringbool().default(false),
});

export const taxonomyVersionSchema = z.object({
  version: z.number(),
  createdAt: z.iso.datetime(),
  note: z.string(),
  categoryCount: z.number(),
});
export type TaxonomyVersion = z.infer<typeof taxonomyVersionSchema>;

export const taxonomySchema = z.object({
  /** 0 while the taxonomy is empty. */
  version: z.number(),
  categories: z.array(categorySchema),
});
export type Taxonomy = z.infer<typeof taxonomySchema>;
