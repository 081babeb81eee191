import { z } from 'zod';
import { validateCreditCode } from './credit-code.js';

/**
 * The industries enterprises are grouped by: what a Yiwu town's register is full of (the small-commodity market and
 * the trades around it), then the usual rest. The migration's check constraint lists the same codes.
 */
export const industries = [
  { code: 'small_commodities', name: '小商品', nameEn: 'Small commodities' },
  { code: 'jewellery', name: '饰品', nameEn: 'Jewellery and accessories' },
  { code: 'textiles', name: '纺织', nameEn: 'Textiles and garments' },
  { code: 'logistics', name: '物流', nameEn: 'Logistics' },
  { code: 'ecommerce', name: '电子商务', nameEn: 'E-commerce' },
  { code: 'manufacturing', name: '制造业', nameEn: 'Manufacturing' },
  { code: 'catering', name: '餐饮', nameEn: 'Catering' },
  { code: 'retail', name: '零售', nameEn: 'Retail' },
  { code: 'construction', name: '建筑业', nameEn: 'Construction' },
  { code: 'other', name: '其他', nameEn: 'Other' },
] as const;
export type Industry = (typeof industries)[number]['code'];
export const industryCodes = industries.map((i) => i.code) as [Industry, ...Industry[]];
export const industrySchema = z.enum(industryCodes);

/**
 * A unified social credit code as a person types it; the value is the normalised code, and a bad one is reported
 * with the precise reason of `validateCreditCode` (which position, which check character was expected).
 */
export const creditCodeSchema = z
  .string()
  .max(100)
  .transform((text, ctx) => {
    const result = validateCreditCode(text);
    if (!result.ok) {
      ctx.addIssue({ code: 'custom', message: result.reason });
      return z.NEVER;
    }
    return result.code;
  });

const name = z.string().trim().min(1).max(200);
const address = z.string().trim().min(1).max(500);
const placeCode = z.string().trim().min(1).max(64);

export const createEnterpriseSchema = z.object({
  creditCode: creditCodeSchema,
  name,
  townCode: placeCode,
  /** A village or community of the town. */
  villageCode: placeCode.optional(),
  industry: industrySchema.default('other'),
  address: address.optional(),
});
export type CreateEnterpriseInput = z.input<typeof createEnterpriseSchema>;

/** Everything but the credit code (the identity) and the town (re-register to move towns). */
export const updateEnterpriseSchema = z
  .object({
    name,
    villageCode: placeCode.nullable(),
    industry: industrySchema,
    address: address.nullable(),
  })
  .partial();
export type UpdateEnterpriseInput = z.input<typeof updateEnterpriseSchema>;

export const MAX_PAGE_SIZE = 100;

export const searchEnterprisesQuerySchema = z.object({
  /** A town's place code; absent: all towns. */
  town: placeCode.optional(),
  /** Part of the name (case-insensitive for Latin letters); absent or blank: every enterprise. */
  q: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(20),
});
export type SearchEnterprisesQuery = z.input<typeof searchEnterprisesQuerySchema>;

export const creditCodeParamsSchema = z.object({ creditCode: creditCodeSchema });

/** An enterprise as it leaves the server. */
export const enterpriseSchema = z.object({
  creditCode: z.string(),
  name: z.string(),
  townCode: z.string(),
  villageCode: z.string().nullable(),
  industry: industrySchema,
  address: z.string().nullable(),
});
export type Enterprise = z.infer<typeof enterpriseSchema>;

export const enterprisePageSchema = z.object({
  items: z.array(enterpriseSchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
export type EnterprisePage = z.infer<typeof enterprisePageSchema>;
