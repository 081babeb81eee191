import { z } from 'zod';

/** What a key may be used for. Open311 clients are the only machine clients so far. */
export const apiKeyScopes = ['open311'] as const;
export type ApiKeyScope = (typeof apiKeyScopes)[number];

/** `sz_` and 32 base62 characters: about 190 bits, so a key cannot be guessed and its plain SHA-256 is enough. */
export const API_KEY_PATTERN = /^sz_[0-9A-Za-z]{32}$/;

export const createApiKeySchema = z.object({
  /** Who uses the key (the app or the office), to tell keys apart. */
  name: z.string().trim().min(1).max(100),
  /** The town whose requests the key may file: a place of level town. */
  townCode: z.string().trim().min(1).max(32),
  scopes: z
    .array(z.enum(apiKeyScopes))
    .min(1)
    .max(10)
    .default(['open311'])
    .transform((scopes) => [...new Set(scopes)].sort()),
});
export type CreateApiKeyInput = z.input<typeof createApiKeySchema>;

export const listApiKeysQuerySchema = z.object({
  townCode: z.string().trim().min(1).max(32).optional(),
});
export type ListApiKeysQuery = z.input<typeof listApiKeysQuerySchema>;

/** A key as it is listed: never the key itself, only its first characters. */
export const apiKeySchema = z.object({
  id: z.number(),
  name: z.string(),
  town: z.object({ code: z.string(), name: z.string() }),
  prefix: z.string(),
  scopes: z.array(z.enum(apiKeyScopes)),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});
export type ApiKey = z.infer<typeof apiKeySchema>;

/** A key just made: the plain key is in `key`, shown this once and stored nowhere. */
export type NewApiKey = ApiKey & { key: string };

/** Who a verified key speaks for. */
export interface ApiKeyGrant {
  id: number;
  townId: number;
}
