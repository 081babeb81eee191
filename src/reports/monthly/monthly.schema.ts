import { z } from 'zod';
import type { Actor } from '../../auth/index.js';
import type { Locale, Month } from '../../core/time/index.js';
import { parseMonth } from '../../core/time/index.js';
import { parseInput } from '../../core/validation.js';
import type { Db } from '../../store/database.js';

export interface MonthlyDeps {
  db: Db;
  /** Whose numbers: the advice counts what the actor's stats:read, records:read and warnings:read reach. */
  actor: Actor;
}

export const monthlyAdviceSchema = z
  .object({
    townCode: z
      .string()
      .trim()
      .regex(/^[0-9A-Za-z][0-9A-Za-z_.-]{0,63}$/, 'must be a town code'),
    /** A calendar month: 2025-06, 202506 (text or number). */
    month: z.union([z.string().max(16), z.number()]),
    locale: z.enum(['zh-CN', 'en-US']).default('zh-CN'),
  })
  .strict();
export type MonthlyAdviceInput = z.input<typeof monthlyAdviceSchema>;

/** `YYYYMM` (as text or a number) read as `YYYY-MM`; anything else goes to parseMonth as given. */
function monthText(input: string | number): unknown {
  const text = typeof input === 'number' ? String(input) : input.trim();
  const compact = /^(\d{4})(\d{2})$/.exec(text);
  return compact ? `${compact[1]}-${compact[2]}` : text;
}

/** The input checked: a town code, an existing month, a locale; bad input is invalid_input naming the field. */
export function parseMonthlyInput(input: MonthlyAdviceInput): { townCode: string; month: Month; locale: Locale } {
  const q = parseInput(monthlyAdviceSchema, input);
  return { townCode: q.townCode, month: parseMonth(monthText(q.month), 'month'), locale: q.locale };
}
