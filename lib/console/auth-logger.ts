import type { LoggerInstance } from 'next-auth';

/** At most one stale-session line per this interval: every request of such a browser hits it. */
const STALE_SESSION_NOTICE_INTERVAL_MS = 60_000;

/**
 * next-auth's logger, with one change: a session cookie that cannot be decrypted is expected
 * after a restart without NEXTAUTH_SECRET (the key is random per process) or after the secret
 * changed. next-auth then logs a full stack trace as an error on every request of that browser;
 * here it is one line now and then, since the visitor is simply asked to sign in again.
 */
export function createAuthLogger(write: (line: string) => void = (line) => console.warn(line), now: () => number = Date.now): Partial<LoggerInstance> {
  let lastStaleNotice = -Infinity;
  return {
    error(code, metadata) {
      if (code === 'JWT_SESSION_ERROR') {
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
      // Everything else as next-auth's default logger prints it.
      console.error(`[next-auth][error][${code}]`, metadata);
    },
  };
}
