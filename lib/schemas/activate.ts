import { z } from 'zod';

/**
 * The activate form, shared by the browser form (react-hook-form resolver) and the BFF route
 * handler. Field messages follow EUI's guideline: short and imperative.
 */
export const GRANT_TYPES = ['password', 'access_token'] as const;
export type GrantType = (typeof GRANT_TYPES)[number];

export const activateFormSchema = z
  .object({
    grantType: z.enum(GRANT_TYPES, { message: 'Choose a grant type.' }),
    username: z.string().max(1024, 'Username is too long.').default(''),
    password: z.string().max(4096, 'Password is too long.').default(''),
    accessToken: z.string().max(65536, 'Access token is too long.').default(''),
    sharedSecret: z.string().max(4096, 'Shared secret is too long.').default(''),
  })
  .superRefine((value, ctx) => {
    if (value.grantType === 'password') {
      if (value.username.trim() === '') ctx.addIssue({ code: 'custom', path: ['username'], message: 'Username is required.' });
      if (value.password === '') ctx.addIssue({ code: 'custom', path: ['password'], message: 'Password is required.' });
    } else if (value.accessToken.trim() === '') {
      ctx.addIssue({ code: 'custom', path: ['accessToken'], message: 'Access token is required.' });
    }
  });

export type ActivateFormInput = z.input<typeof activateFormSchema>;
export type ActivateForm = z.output<typeof activateFormSchema>;

/** The Elasticsearch request body for a validated form: only the fields of its grant type. */
export function toActivateRequestBody(form: ActivateForm): Record<string, unknown> {
  if (form.grantType === 'password') {
    return { grant_type: 'password', username: form.username, password: form.password };
  }
  return {
    grant_type: 'access_token',
    access_token: form.accessToken.trim(),
    ...(form.sharedSecret !== '' ? { client_authentication: { scheme: 'SharedSecret', value: form.sharedSecret } } : {}),
  };
}
