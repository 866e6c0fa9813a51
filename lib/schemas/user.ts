import { z } from 'zod';

/** Elasticsearch's username rule, in the console's words. */
const username = z
  .string()
  .min(1, 'Username is required.')
  .max(507, 'Username must be at most 507 characters.')
  .regex(/^[\x20-\x7E]*$/, 'Use ASCII letters, digits, spaces and punctuation only.')
  .refine((v) => v.trim() === v, 'Remove the leading or trailing spaces.');

const email = z.union([z.literal(''), z.email('Enter a valid email address.')]);

export const userDetailsSchema = z.object({
  fullName: z.string().max(1024, 'Full name is too long.').default(''),
  email: email.default(''),
  roles: z.array(z.string().min(1)).max(100, 'Too many roles.').default([]),
});

export const createUserSchema = userDetailsSchema
  .extend({
    username,
    password: z.string().min(6, 'Password must be at least 6 characters.').max(4096, 'Password is too long.'),
    confirmPassword: z.string(),
  })
  .refine((v) => v.password === v.confirmPassword, { path: ['confirmPassword'], message: 'Passwords do not match.' });

export const resetPasswordSchema = z
  .object({
    /** Required (and checked by the server) when admins change their own password, as in Kibana. */
    currentPassword: z.string().max(4096, 'Password is too long.').optional(),
    password: z.string().min(6, 'Password must be at least 6 characters.').max(4096, 'Password is too long.'),
    confirmPassword: z.string(),
  })
  .refine((v) => v.password === v.confirmPassword, { path: ['confirmPassword'], message: 'Passwords do not match.' });

export type UserDetailsInput = z.input<typeof userDetailsSchema>;
export type CreateUserInput = z.input<typeof createUserSchema>;
export type ResetPasswordInput = z.input<typeof resetPasswordSchema>;

/** PUT /api/console/users/[username]/enabled: deactivate (false) or activate (true) a user. */
export const userEnabledSchema = z.object({ enabled: z.boolean({ error: 'Send {"enabled": true|false}.' }) });
