import { z } from 'zod';
import { roles, scopeKinds } from './permissions.js';

/** A username: 3–64 lower-case ASCII letters, digits, `.`, `_` or `-` (stored lower-case; sign-in ignores case). */
export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^[a-z0-9][a-z0-9._-]{2,63}$/,
    'must be 3–64 letters, digits, ".", "_" or "-", starting with a letter or digit',
  );

export const displayNameSchema = z.string().trim().min(1).max(100);

/** A password as sent (the policy in password.ts decides whether a new one is good enough). */
export const passwordSchema = z.string().min(1).max(1000);

/**
 * A role within a scope, as people write it: `kind` `all` (no code); `city`, `town`, `village` with the place's code;
 * `department` with `<townCode>/<departmentCode>`.
 */
export const grantInputSchema = z
  .object({
    role: z.enum(roles),
    kind: z.enum(scopeKinds),
    code: z.string().trim().min(1).max(100).nullish(),
  })
  .superRefine((grant, ctx) => {
    if (grant.kind === 'all' && grant.code != null) {
      ctx.addIssue({ code: 'custom', path: ['code'], message: 'a grant within "all" takes no code' });
    }
    if (grant.kind !== 'all' && grant.code == null) {
      ctx.addIssue({ code: 'custom', path: ['code'], message: `a grant within a ${grant.kind} needs its code` });
    }
  });
export type GrantInput = z.input<typeof grantInputSchema>;

export const grantsSchema = z.array(grantInputSchema).max(50);

export const createUserSchema = z.object({
  username: usernameSchema,
  displayName: displayNameSchema,
  password: passwordSchema,
  grants: grantsSchema.default([]),
  /** Demo users may sign in only while the server runs in demo mode (set by `shanzhi demo`, not over HTTP). */
  demo: z.boolean().default(false),
});
export type CreateUserInput = z.input<typeof createUserSchema>;

/** What an administrator may create over HTTP: no demo users. */
export const createUserBodySchema = createUserSchema.omit({ demo: true });

export const updateUserSchema = z
  .object({ displayName: displayNameSchema, disabled: z.boolean() })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, { message: 'change at least one of displayName, disabled' });
export type UpdateUserInput = z.input<typeof updateUserSchema>;

export const setGrantsSchema = z.object({ grants: grantsSchema });
export const resetPasswordSchema = z.object({ password: passwordSchema });
export const userIdParamsSchema = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

/** A grant as the API shows it: the scope by code and name. */
export const grantSchema = z.object({
  role: z.enum(roles),
  roleName: z.string(),
  kind: z.enum(scopeKinds),
  code: z.string().nullable(),
  name: z.string().nullable(),
});
export type GrantView = z.infer<typeof grantSchema>;

export const userSchema = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  demo: z.boolean(),
  disabled: z.boolean(),
  lockedUntil: z.number().nullable(),
  passwordChangedAt: z.number(),
  createdAt: z.number(),
  grants: z.array(grantSchema),
});
export type User = z.infer<typeof userSchema>;

export const listUsersQuerySchema = z.object({
  /** Only users whose username or display name contains this. */
  q: z.string().trim().max(100).optional(),
  disabled: z.enum(['true', 'false']).optional(),
});
export type ListUsersQuery = z.input<typeof listUsersQuerySchema>;
