import { z } from 'zod';
import { categoryCodeSchema } from '../taxonomy/index.js';

/** What a unit of the town is; documented on `DepartmentKind` in store/tables/orgs.ts ("1+4+8+X", glossary.md). */
export const departmentKinds = [
  'enforcement_team',
  'department',
  'office',
  'squad',
  'resident_team',
  'collaborator',
] as const;
export const departmentKindSchema = z.enum(departmentKinds);
export type DepartmentKind = z.infer<typeof departmentKindSchema>;

/** A department's code: stable, unique within its town, lower-case ASCII (`market`, `enforcement`, `squad-1`). */
export const departmentCodeSchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9_-]{1,31}$/, 'must be 2–32 lower-case letters, digits, _ or -');

const name = z.string().trim().min(1).max(100);
/** Taxonomy category codes the unit answers for (usually level 1: `market_order`; a deeper one narrows it). */
const responsibilities = z.array(categoryCodeSchema).max(50);

export const createDepartmentSchema = z.object({
  code: departmentCodeSchema,
  name,
  nameEn: name.optional(),
  kind: departmentKindSchema,
  parentCode: departmentCodeSchema.optional(),
  responsibilities: responsibilities.default([]),
  active: z.boolean().default(true),
});
export type CreateDepartmentInput = z.input<typeof createDepartmentSchema>;

/** Rename, move under another unit (or to the top with null), change duties, activate or deactivate. */
export const updateDepartmentSchema = z
  .object({
    name,
    nameEn: name.nullable(),
    kind: departmentKindSchema,
    parentCode: departmentCodeSchema.nullable(),
    responsibilities,
    active: z.boolean(),
  })
  .partial();
export type UpdateDepartmentInput = z.input<typeof updateDepartmentSchema>;

export const listDepartmentsQuerySchema = z.object({
  kind: departmentKindSchema.optional(),
  /** `true`: only units that take work; `false`: only deactivated ones; absent: all. */
  active: z.enum(['true', 'false']).optional(),
});
export type ListDepartmentsQuery = z.input<typeof listDepartmentsQuerySchema>;

/** A town's place code in a path; an unknown one is answered with 404 by the service. */
const townCodeSchema = z.string().trim().min(1).max(64);
export const townParamsSchema = z.object({ townCode: townCodeSchema });
export const departmentParamsSchema = z.object({ townCode: townCodeSchema, code: departmentCodeSchema });

/** A department as it leaves the server. */
export const departmentSchema = z.object({
  code: z.string(),
  townCode: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  kind: departmentKindSchema,
  parentCode: z.string().nullable(),
  responsibilities: z.array(z.string()),
  active: z.boolean(),
});
export type Department = z.infer<typeof departmentSchema>;

/** What seeding the default "1+8" set did: the units it added and the codes that were there already. */
export const seedResultSchema = z.object({
  created: z.array(departmentSchema),
  existing: z.array(z.string()),
});
export type SeedResult = z.infer<typeof seedResultSchema>;
