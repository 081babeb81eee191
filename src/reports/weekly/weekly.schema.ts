import { z } from 'zod';
import type { Actor } from '../../auth/index.js';
import { type IsoWeek, type Locale, parseWeek } from '../../core/time/index.js';
import { parseInput } from '../../core/validation.js';
import type { Db } from '../../store/database.js';

export interface WeeklyDeps {
  db: Db;
  /** Whose numbers: the bulletin counts what the actor's stats:read and warnings:read reach. */
  actor: Actor;
}

export const weeklyBulletinSchema = z
  .object({
    townCode: z
      .string()
      .trim()
      .regex(/^[0-9A-Za-z][0-9A-Za-z_.-]{0,63}$/, 'must be a town code'),
    /** ISO week: 2025W23, 2025-W23, 202523. */
    week: z.union([z.string().max(16), z.number()]),
    locale: z.enum(['zh-CN', 'en-US']).default('zh-CN'),
  })
  .strict();
export type WeeklyBulletinInput = z.input<typeof weeklyBulletinSchema>;

/** The input checked: a town code, an existing ISO week, a locale; bad input is invalid_input naming the field. */
export function parseWeeklyInput(input: WeeklyBulletinInput): { townCode: string; week: IsoWeek; locale: Locale } {
  const q = parseInput(weeklyBulletinSchema, input);
  return { townCode: q.townCode, week: parseWeek(q.week, 'week'), locale: q.locale };
}
