import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAuthLogger } from './auth-logger';

afterEach(() => vi.restoreAllMocks());

describe('console auth logger', () => {
  it('turns an unreadable session cookie into one line, at most once a minute, without the error', () => {
    const lines: string[] = [];
    let clock = 1_000_000;
    const logger = createAuthLogger((line) => lines.push(line), () => clock);
    const error = Object.assign(new Error('decryption operation failed'), { stack: 'JWEDecryptionFailed: decryption operation failed\n    at ...' });
    logger.error!('JWT_SESSION_ERROR', error);
    clock += 30_000;
    logger.error!('JWT_SESSION_ERROR', error);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('session cookie could not be read');
    expect(lines[0]).not.toContain('decryption operation failed');
    clock += 30_000;
    logger.error!('JWT_SESSION_ERROR', error);
    expect(lines).toHaveLength(2);
  });

  it('logs every other error as next-auth does, as an error', () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const lines: string[] = [];
    const logger = createAuthLogger((line) => lines.push(line));
    const error = new Error('boom');
    logger.error!('SIGNIN_OAUTH_ERROR', error);
    expect(lines).toEqual([]);
    expect(consoleError).toHaveBeenCalledWith('[next-auth][error][SIGNIN_OAUTH_ERROR]', error);
  });
});
