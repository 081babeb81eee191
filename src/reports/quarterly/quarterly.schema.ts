import { z } from 'zod';
import type { Actor } from '../../auth/index.js';
import { type Locale, parseQuarter, type Quarter } from '../../core/time/index.js';
import { parseInput } from '../../core/validation.js';
import type { Db } from '../../store/database.js';

export interface QuarterlyDeps {
  db: Db;
  /** Whose numbers: the portrait counts what the actor's stats:read reaches. */
  actor: Actor;
}

export const quarterlyPortraitSchema = z
  .object({
    townCode: z
      .string()
      .trim()
      .regex(/^[0-9A-Za-z][0-9A-Za-z_.-]{0,63}$/, 'must be a town code'),
    /** A calendar quarter: 2025Q2 or 2025-Q2. */
    quarter: z.string().max(16),
    locale: z.enum(['zh-CN', 'en-US']).default('zh-CN'),
  })
  .strict();

export type QuarterlyPortraitInput = z.input<typeof quarterlyPortraitSchema>;

/** The input checked: a town code, a quarter, a locale; bad input is invalid_input naming the field. */
export function parseQuarterlyInput(input: QuarterlyPortraitInput): {
  townCode: string;
  quarter: Quarter;
  locale: Locale;
} {
  const q = parseInput(quarterlyPortraitSchema, input);
  return { townCode: q.townCode, quarter: parseQuarter(q.quarter, 'quarter'), locale: q.locale };
}
