import { describe, expect, it } from 'vitest';
import { refreshDue, sessionPollSeconds, tokenUsable } from './session-tokens';

const T0 = 1_700_000_000_000;
const lasting = (ms: number) => ({ issuedAt: T0, expiresAt: T0 + ms });

describe('session token timing', () => {
  it('renews 20-minute tokens in their last five minutes and uses them until their last five seconds', () => {
    const times = lasting(20 * 60_000);
    expect(refreshDue(times, T0 + 14 * 60_000)).toBe(false);
    expect(refreshDue(times, T0 + 15 * 60_000)).toBe(true);
    expect(tokenUsable(times, T0 + 20 * 60_000 - 6_000)).toBe(true);
    expect(tokenUsable(times, T0 + 20 * 60_000 - 5_000)).toBe(false);
    expect(sessionPollSeconds(times)).toBe(60);
  });

  it('a 3-second token is usable when fresh (a fixed 5-second margin would never allow it) and renewed halfway', () => {
    const times = lasting(3_000);
    expect(tokenUsable(times, T0)).toBe(true);
    expect(tokenUsable(times, T0 + 2_000)).toBe(true);
    expect(tokenUsable(times, T0 + 2_500)).toBe(false);
    expect(refreshDue(times, T0 + 1_000)).toBe(false);
    expect(refreshDue(times, T0 + 1_500)).toBe(true);
    expect(sessionPollSeconds(times)).toBe(1);
  });

  it('a token that is not usable any more is always due for renewal', () => {
    for (const ms of [1_000, 3_000, 60_000, 20 * 60_000, 3_600_000]) {
      const times = lasting(ms);
      for (let at = T0; at <= T0 + ms; at += ms / 20) {
        if (!tokenUsable(times, at)) expect(refreshDue(times, at)).toBe(true);
      }
    }
  });

  it('cookies from before issuedAt was recorded are timed as 20-minute tokens', () => {
    const times = { expiresAt: T0 + 20 * 60_000 };
    expect(refreshDue(times, T0 + 15 * 60_000)).toBe(true);
    expect(tokenUsable(times, T0 + 20 * 60_000 - 5_000)).toBe(false);
  });
});
