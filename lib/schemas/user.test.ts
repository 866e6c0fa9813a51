import { describe, expect, it } from 'vitest';
import { createUserSchema } from './user';

const valid = { username: 'jack', password: 'secret1', confirmPassword: 'secret1' };

function usernameError(username: string): string | undefined {
  const result = createUserSchema.safeParse({ ...valid, username });
  return result.error?.issues.find((issue) => issue.path[0] === 'username')?.message;
}

describe('createUserSchema username', () => {
  it('accepts ASCII letters, digits, spaces and punctuation', () => {
    expect(usernameError('mary jane+1@x')).toBeUndefined();
    expect(usernameError('ops/ci%20bot')).toBeUndefined();
  });

  it('rejects non-ASCII letters with a message that says ASCII letters', () => {
    expect(usernameError('zoë')).toBe('Use ASCII letters, digits, spaces and punctuation only.');
  });
});
