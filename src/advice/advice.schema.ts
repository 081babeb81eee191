import { z } from 'zod';
import { isWellFormedText } from '../core/pii/index.js';
import { categoryCodeSchema } from '../taxonomy/index.js';
import { situations } from './advice.defaults.js';
import { templateTextProblem } from './advice.template.js';

export const situationSchema = z.enum(situations);

/**
 * A template's code: lower-case snake_case words joined by dots, like category codes (`noise.village_surge`,
 * `generic.spread`, a town's own `night_market.village_surge`).
 */
export const adviceCodeSchema = z
  .string()
  .trim()
  .max(100)
  .regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*){0,6}$/, 'must be lower-case snake_case words joined by dots');

/** Text that may be stored (PostgreSQL refuses NUL; UTF-8 cannot carry an unpaired surrogate). */
function storable(max: number) {
  return z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((value) => !value.includes('\u0000') && isWellFormedText(value), {
      message: 'contains a NUL character or an unpaired surrogate',
    });
}

/** Template text: storable, and every brace a known placeholder (advice.template.ts). */
function templateText(max: number) {
  return storable(max).superRefine((text, context) => {
    const problem = templateTextProblem(text);
    if (problem !== null) {
      context.addIssue({ code: 'custom', message: problem });
    }
  });
}

const title = templateText(120);
const body = templateText(3000);

/** The town's place code, in the query of every route. */
export const townQuerySchema = z.object({ town: z.string().trim().min(1).max(64) });
export type TownQuery = z.input<typeof townQuerySchema>;

export const listTemplatesQuerySchema = townQuerySchema.extend({ situation: situationSchema.optional() });
export type ListTemplatesQuery = z.input<typeof listTemplatesQuerySchema>;

export const templateParamsSchema = z.object({ code: adviceCodeSchema });

/**
 * The town's version of a template. Fields left out keep the values of the template in effect under the code (the
 * town's own, else the built-in); a new code needs all of them. A built-in's code keeps its category and situation.
 */
export const putTemplateSchema = z
  .object({
    categoryCode: categoryCodeSchema.nullable(),
    situation: situationSchema,
    title,
    titleEn: title,
    body,
    bodyEn: body,
    /** false switches the template off in this town (a built-in too). */
    active: z.boolean(),
  })
  .partial();
export type PutTemplateInput = z.input<typeof putTemplateSchema>;

/** A complete template after the defaults are filled in. */
export const completeTemplateSchema = z.object({
  categoryCode: categoryCodeSchema.nullable(),
  situation: situationSchema,
  title,
  titleEn: title,
  body,
  bodyEn: body,
  active: z.boolean(),
});

const count = z.number().finite().min(0).max(1_000_000);
const week = z.number().int().min(100_001).max(999_953);
const localName = z.string().trim().min(1).max(64);

/** Facts to fill a preview with; each absent one is a sample (a village of the town, this week, 12 records …). */
export const previewFactsSchema = z
  .object({
    situation: situationSchema,
    categoryCode: categoryCodeSchema.nullable(),
    /** A village of the town, or the town itself. */
    placeCode: localName,
    villageCodes: z.array(localName).max(20),
    week,
    sinceWeek: week,
    observed: count,
    expected: count.nullable(),
    upperBound: count.nullable(),
    terms: z.array(storable(30)).max(10),
    slopePerWeek: z.number().finite().min(-1_000_000).max(1_000_000).nullable(),
    overdue: count.nullable(),
  })
  .partial();
export type PreviewFactsInput = z.input<typeof previewFactsSchema>;

/**
 * A preview: the template under `code` (else the one a warning with these facts would get), with any texts given in
 * `template` in place of its own (an edit not yet saved), filled with the facts.
 */
export const previewSchema = z.object({
  code: adviceCodeSchema.optional(),
  template: z.object({ title, titleEn: title, body, bodyEn: body }).partial().optional(),
  facts: previewFactsSchema.optional(),
});
export type PreviewInput = z.input<typeof previewSchema>;

const templateTexts = {
  title: z.string(),
  titleEn: z.string(),
  body: z.string(),
  bodyEn: z.string(),
};

/** Where the version in effect comes from: the built-in library, the town's own template, or its edit of a built-in. */
export const templateOrigins = ['builtin', 'town', 'edited'] as const;

/** A template as the API shows it: the version in effect in the town. */
export const adviceTemplateSchema = z.object({
  code: z.string(),
  townCode: z.string(),
  categoryCode: z.string().nullable(),
  situation: situationSchema,
  ...templateTexts,
  active: z.boolean(),
  origin: z.enum(templateOrigins),
  /** The built-in's own texts when the town edited it (what DELETE brings back); null otherwise. */
  builtin: z.object(templateTexts).nullable(),
  /** When the town last changed its version (ISO 8601); null for a built-in as shipped. */
  updatedAt: z.string().nullable(),
});
export type AdviceTemplateView = z.infer<typeof adviceTemplateSchema>;

const nameView = z.object({ code: z.string(), name: z.string(), nameEn: z.string() }).nullable();

export const previewResultSchema = z.object({
  code: z.string(),
  title: z.string(),
  titleEn: z.string(),
  advice: z.string(),
  adviceEn: z.string(),
  department: nameView,
  /** The facts the preview was filled with, samples included. */
  facts: z.object({
    situation: z.string(),
    categoryCode: z.string().nullable(),
    placeCode: z.string(),
    villageCodes: z.array(z.string()),
    week: z.number(),
    sinceWeek: z.number(),
    observed: z.number(),
    expected: z.number().nullable(),
    upperBound: z.number().nullable(),
    terms: z.array(z.string()),
    slopePerWeek: z.number().nullable(),
    overdue: z.number().nullable(),
  }),
});
export type PreviewResult = z.infer<typeof previewResultSchema>;
