import { z } from 'zod';
import type { Permission } from '../auth/index.js';

/**
 * What an API token may carry: the data an integration reads or feeds, and Open311 filing. Never the permissions of
 * people administering people (`users:*`, `tokens:write`, `audit:read`) nor unmasked personal data (`pii:read`,
 * whose every read needs a person's reason): a leaked token must not become an administrator or a data leak.
 */
export const tokenPermissions = [
  'records:read',
  'records:write',
  'stats:read',
  'imports:read',
  'imports:write',
  'places:read',
  'taxonomy:read',
  'departments:read',
  'enterprises:read',
  'open311:submit',
] as const satisfies readonly Permission[];
export type TokenPermission = (typeof tokenPermissions)[number];

/** `sz_` and 32 base62 characters: about 190 bits, so a key cannot be guessed and its plain SHA-256 is enough. */
export const API_KEY_PATTERN = /^sz_[0-9A-Za-z]{32}$/;

/** The longest a token may live: ten years (`expiresInDays` ≤ 3650, `expiresAt` within ten years from now). */
export const MAX_TOKEN_DAYS = 3650;

const townCode = z
  .string()
  .trim()
  .regex(/^[0-9A-Za-z][0-9A-Za-z_.-]{0,31}$/, 'must be a place code: 1–32 letters, digits, _, . or -');

export const createApiKeySchema = z
  .object({
    /** Who uses the token (the app or the office), to tell tokens apart. */
    name: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .refine((value) => !/\p{Cc}/u.test(value), 'must not contain control characters'),
    /** The town the token acts in: a place of level town. */
    townCode,
    /** What the token may do in its town; default: file Open311 requests (what every key could do before). */
    permissions: z
      .array(z.enum(tokenPermissions, { error: `must be one of ${tokenPermissions.join(', ')}` }))
      .min(1)
      .max(tokenPermissions.length * 2)
      .default(['open311:submit'])
      .transform((list) => [...new Set(list)].sort()),
    /** When the token stops working: an ISO 8601 instant with offset, or… */
    expiresAt: z.iso
      .datetime({ offset: true, error: 'must be an ISO 8601 instant with offset, e.g. 2026-06-30T00:00:00+08:00' })
      .optional(),
    /** …a number of days from now. Neither: the token works until revoked. */
    expiresInDays: z.number().int().min(1).max(MAX_TOKEN_DAYS).optional(),
  })
  .strict()
  .refine((data) => data.expiresAt === undefined || data.expiresInDays === undefined, {
    path: ['expiresInDays'],
    message: 'give expiresAt or expiresInDays, not both',
  });
export type CreateApiKeyInput = z.input<typeof createApiKeySchema>;

export const listApiKeysQuerySchema = z
  .object({
    townCode: townCode.optional(),
  })
  .strict();
export type ListApiKeysQuery = z.input<typeof listApiKeysQuerySchema>;

export const apiKeyParamsSchema = z.object({
  id: z.coerce.number({ error: 'must be a token id' }).int().min(1).max(Number.MAX_SAFE_INTEGER),
});

/** A token as it is listed: never the token itself, only its first characters. */
export const apiKeySchema = z.object({
  id: z.number(),
  name: z.string(),
  town: z.object({ code: z.string(), name: z.string() }),
  prefix: z.string(),
  permissions: z.array(z.enum(tokenPermissions)),
  createdAt: z.string(),
  /** null: works until revoked. */
  expiresAt: z.string().nullable(),
  /** The last request it was used for (to the minute); null: never used. */
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiKey = z.infer<typeof apiKeySchema>;

/** A token just made: the plain token is in `key`, shown this once and stored nowhere. */
export const newApiKeySchema = apiKeySchema.extend({ key: z.string() });
export type NewApiKey = z.infer<typeof newApiKeySchema>;
