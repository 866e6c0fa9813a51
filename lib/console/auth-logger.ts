import type { LoggerInstance } from 'next-auth';

/** At most one stale-session line per this interval: every request of such a browser hits it. */
const STALE_SESSION_NOTICE_INTERVAL_MS = 60_000;

type ErrorMetadata = Parameters<LoggerInstance['error']>[1];

/**
 * next-auth's logger, with one change: a session cookie that cannot be decrypted is expected
 * after a restart without NEXTAUTH_SECRET (the key is random per process) or after the secret
 * changed. next-auth then logs a full stack trace as an error on every request of that browser;
 * here it is one line now and then, since the visitor is simply asked to sign in again. Every
 * other error (including other JWT_SESSION_ERROR causes, such as a failing callback) is logged
 * as next-auth logs it.
 */
export function createAuthLogger(write: (line: string) => void = (line) => console.warn(line), now: () => number = Date.now): Partial<LoggerInstance> {
  let lastStaleNotice = -Infinity;
  return {
    error(code, metadata) {
      if (code === 'JWT_SESSION_ERROR' && isUndecryptableCookie(metadata)) {
        const at = now();
        if (at - lastStaleNotice >= STALE_SESSION_NOTICE_INTERVAL_MS) {
          lastStaleNotice = at;
          write(
            'Profile Console: a console session cookie could not be read (the server restarted without NEXTAUTH_SECRET, ' +
              'or the secret changed); that visitor signs in again.',
          );
        }
        return;
      }
      const formatted = formatError(metadata);
      console.error(`[next-auth][error][${code}]`, `\nhttps://next-auth.js.org/errors#${code.toLowerCase()}`, formatted.message, formatted);
    },
  };
}

/** jose's errors for a token that is not ours to read: wrong key (JWEDecryptionFailed) or garbled (JWEInvalid). */
function isUndecryptableCookie(metadata: ErrorMetadata): boolean {
  const error = metadata instanceof Error ? metadata : metadata.error;
  const code = (error as { code?: unknown }).code;
  return /^JWE/.test(error.name) || (typeof code === 'string' && code.startsWith('ERR_JWE'));
}

/** As next-auth's default logger does: an error's message, stack and name only, not its other properties. */
function formatError(metadata: ErrorMetadata): { message?: unknown; [key: string]: unknown } {
  const plain = (error: Error) => ({ message: error.message, stack: error.stack, name: error.name });
  if (metadata instanceof Error) return plain(metadata);
  const error = metadata.error instanceof Error ? plain(metadata.error) : metadata.error;
  return { ...metadata, error, message: metadata.message ?? (error as { message?: unknown } | undefined)?.message };
}
