import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAuthLogger } from './auth-logger';

afterEach(() => vi.restoreAllMocks());

describe('console auth logger', () => {
  it('turns an unreadable session cookie into one line, at most once a minute, without the error', () => {
    const lines: string[] = [];
    let clock = 1_000_000;
    const logger = createAuthLogger((line) => lines.push(line), () => clock);
    // What jose throws for a cookie encrypted with another key.
    const error = Object.assign(new Error('decryption operation failed'), { name: 'JWEDecryptionFailed', code: 'ERR_JWE_DECRYPTION_FAILED' });
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

  it('logs every other error as next-auth does: message, stack and name only', () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const lines: string[] = [];
    const logger = createAuthLogger((line) => lines.push(line));
    // A session error that is not about the cookie (a failing callback) is not hidden.
    const error = Object.assign(new Error('backend unavailable'), { meta: { headers: { authorization: 'Bearer secret-token' } } });
    logger.error!('JWT_SESSION_ERROR', error);
    expect(lines).toEqual([]);
    expect(consoleError).toHaveBeenCalledTimes(1);
    const [prefix, link, message, details] = consoleError.mock.calls[0];
    expect(prefix).toBe('[next-auth][error][JWT_SESSION_ERROR]');
    expect(link).toBe('\nhttps://next-auth.js.org/errors#jwt_session_error');
    expect(message).toBe('backend unavailable');
    expect(details).toEqual({ message: 'backend unavailable', stack: error.stack, name: 'Error' });
    expect(JSON.stringify(consoleError.mock.calls)).not.toContain('secret-token');
  });
});
