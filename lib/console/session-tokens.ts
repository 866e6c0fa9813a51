/**
 * When the console renews an admin's access token. Times are epoch ms. The margins scale with
 * the token's lifetime (TOKEN_TIMEOUT is 1s–1h): a fixed five-minute margin would make a
 * 3-second token always "due" and never "usable".
 */

/** Renew when less than this is left (at most half the lifetime), so no request runs on an expiring token. */
export const REFRESH_MARGIN_MS = 5 * 60_000;
/** A token with less than this left (at most a quarter of the lifetime) is not used at all. */
export const USABLE_MARGIN_MS = 5_000;
/** Assumed lifetime of a session cookie written before `issuedAt` was recorded: Elasticsearch's default. */
const DEFAULT_LIFETIME_MS = 20 * 60_000;
/** How often the browser asks for its session (which renews the tokens when due), in seconds. */
const MAX_POLL_SECONDS = 60;

export interface TokenTimes {
  /** When the access token expires. */
  expiresAt: number;
  /** When the access token was received; absent in cookies from before it was recorded. */
  issuedAt?: number;
}

export function tokenLifetimeMs(times: TokenTimes): number {
  return times.issuedAt !== undefined && times.expiresAt > times.issuedAt ? times.expiresAt - times.issuedAt : DEFAULT_LIFETIME_MS;
}

/** From when on the tokens should be renewed. */
export function refreshAt(times: TokenTimes): number {
  return times.expiresAt - Math.min(REFRESH_MARGIN_MS, tokenLifetimeMs(times) / 2);
}

export function refreshDue(times: TokenTimes, now = Date.now()): boolean {
  return now >= refreshAt(times);
}

/** Whether the access token still has enough time left to run a request with it. */
export function tokenUsable(times: TokenTimes, now = Date.now()): boolean {
  return times.expiresAt - now > Math.min(USABLE_MARGIN_MS, tokenLifetimeMs(times) / 4);
}

/**
 * How often the browser should poll its session so that the poll renews the tokens before
 * they become unusable: 60 s for the default 20-minute tokens, every second for very short ones.
 */
export function sessionPollSeconds(times: TokenTimes): number {
  const window = Math.min(REFRESH_MARGIN_MS, tokenLifetimeMs(times) / 2) - Math.min(USABLE_MARGIN_MS, tokenLifetimeMs(times) / 4);
  return Math.max(1, Math.min(MAX_POLL_SECONDS, Math.floor(window / 2000)));
}

// The fields this module adds to the session cookie and to what the browser sees (no tokens).
declare module 'next-auth/jwt' {
  interface JWT {
    /** Epoch ms when the access token was received. */
    issuedAt?: number;
  }
}

declare module 'next-auth' {
  interface Session {
    /** How often to poll the session endpoint, in seconds (see sessionPollSeconds). */
    pollSeconds?: number;
  }
}
