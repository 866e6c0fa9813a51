import { z } from 'zod';

export const signInSchema = z.object({
  username: z.string().trim().min(1, 'Username is required.').max(1024, 'Username is too long.'),
  password: z.string().min(1, 'Password is required.').max(4096, 'Password is too long.'),
});

export type SignInInput = z.input<typeof signInSchema>;
