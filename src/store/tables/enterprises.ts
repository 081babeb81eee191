import type { Generated } from 'kysely';

/** The industries Shanzhi groups enterprises by (see src/enterprises/enterprise.schema.ts for names). */
export type Industry =
  | 'small_commodities'
  | 'jewellery'
  | 'textiles'
  | 'logistics'
  | 'ecommerce'
  | 'manufacturing'
  | 'catering'
  | 'retail'
  | 'construction'
  | 'other';

export interface EnterpriseTable {
  id: Generated<number>;
  /** The town the enterprise is registered in: the scale-out key. */
  town_id: number;
  /** Unified social credit code (GB 32100-2015), normalised upper case; unique across all towns. */
  credit_code: string;
  name: string;
  /** The village or community it sits in, inside its town; null when not known. */
  village_id: number | null;
  industry: Industry;
  address: string | null;
  created_at: number;
  updated_at: number;
}
