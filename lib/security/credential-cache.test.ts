import { describe, expect, it, vi } from 'vitest';
import { CredentialCache, equalInConstantTime } from './credential-cache';

/** A manually driven clock. */
function clock(start = 1_000_000) {
  let now = start;
  return {
    now: () => now,
    advance(ms: number) {
      now += ms;
    },
  };
}

/** A verification that stays pending until released, like a bcrypt run in progress. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

const USER = { username: 'alice' };

describe('CredentialCache', () => {
  it('a miss runs the slow check; a hit with the same secret does not', async () => {
    const c = clock();
    const cache = new CredentialCache<typeof USER>(60_000, 10, c.now);
    const verify = vi.fn(async () => USER);

    expect(await cache.verify('alice', 'pw', verify)).toBe(USER);
    expect(verify).toHaveBeenCalledTimes(1);
    expect(cache.size).toBe(1);

    expect(await cache.verify('alice', 'pw', verify)).toBe(USER);
    expect(cache.lookup('alice', 'pw')).toBe(USER);
    expect(verify).toHaveBeenCalledTimes(1);
  });

  it('another secret for a cached key is not a hit and runs the check again', async () => {
    const cache = new CredentialCache<typeof USER>(60_000, 10, clock().now);
    await cache.verify('alice', 'pw', async () => USER);

    expect(cache.lookup('alice', 'wrong')).toBeUndefined();
    const verify = vi.fn(async () => undefined);
    expect(await cache.verify('alice', 'wrong', verify)).toBeUndefined();
    expect(verify).toHaveBeenCalledTimes(1);
    // The failed attempt did not replace the good entry.
    expect(cache.lookup('alice', 'pw')).toBe(USER);
  });

  it('never remembers a failed check', async () => {
    const cache = new CredentialCache<typeof USER>(60_000, 10, clock().now);
    const verify = vi.fn(async () => undefined);
    expect(await cache.verify('alice', 'bad', verify)).toBeUndefined();
    expect(await cache.verify('alice', 'bad', verify)).toBeUndefined();
    expect(verify).toHaveBeenCalledTimes(2);
    expect(cache.size).toBe(0);
  });

  it('keeps keys apart', async () => {
    const cache = new CredentialCache<string>(60_000, 10, clock().now);
    await cache.verify('alice', 'same-secret', async () => 'alice');
    expect(cache.lookup('bob', 'same-secret')).toBeUndefined();
    expect(cache.lookup('alice', 'same-secret')).toBe('alice');
  });

  it('does not keep the secret itself', async () => {
    const cache = new CredentialCache<string>(60_000, 10, clock().now);
    const secret = 'very-distinctive-secret-value';
    await cache.verify('alice', secret, async () => 'ok');
    const dump = JSON.stringify([...((cache as unknown as { entries: Map<string, unknown> }).entries.values())], (_k, v) =>
      Buffer.isBuffer(v) || (v && typeof v === 'object' && (v as { type?: string }).type === 'Buffer') ? 'buffer' : v,
    );
    expect(dump).not.toContain(secret);
  });

  describe('TTL', () => {
    it('hits until the entry is ttl old, then misses and forgets it', async () => {
      const c = clock();
      const cache = new CredentialCache<typeof USER>(1_000, 10, c.now);
      const verify = vi.fn(async () => USER);
      await cache.verify('alice', 'pw', verify);

      c.advance(999);
      expect(cache.lookup('alice', 'pw')).toBe(USER);

      c.advance(1);
      expect(cache.lookup('alice', 'pw')).toBeUndefined();
      expect(cache.size).toBe(0);

      await cache.verify('alice', 'pw', verify);
      expect(verify).toHaveBeenCalledTimes(2);
    });

    it('a hit does not extend the lifetime (expire-after-write)', async () => {
      const c = clock();
      const cache = new CredentialCache<typeof USER>(1_000, 10, c.now);
      await cache.verify('alice', 'pw', async () => USER);
      c.advance(800);
      expect(cache.lookup('alice', 'pw')).toBe(USER);
      c.advance(300);
      expect(cache.lookup('alice', 'pw')).toBeUndefined();
    });
  });

  describe('invalidation', () => {
    it('invalidate drops the entry of that key only', async () => {
      const cache = new CredentialCache<string>(60_000, 10, clock().now);
      await cache.verify('alice', 'pw', async () => 'alice');
      await cache.verify('bob', 'pw', async () => 'bob');
      cache.invalidate('alice');
      expect(cache.lookup('alice', 'pw')).toBeUndefined();
      expect(cache.lookup('bob', 'pw')).toBe('bob');
      expect(cache.size).toBe(1);
    });

    it('invalidateAll drops everything', async () => {
      const cache = new CredentialCache<string>(60_000, 10, clock().now);
      await cache.verify('alice', 'pw', async () => 'alice');
      await cache.verify('bob', 'pw', async () => 'bob');
      cache.invalidateAll();
      expect(cache.size).toBe(0);
      expect(cache.lookup('alice', 'pw')).toBeUndefined();
      expect(cache.lookup('bob', 'pw')).toBeUndefined();
    });

    it('a change while the slow check runs: its result is returned but not cached', async () => {
      const cache = new CredentialCache<typeof USER>(60_000, 10, clock().now);
      const slow = deferred<typeof USER | undefined>();
      const pending = cache.verify('alice', 'old-pw', () => slow.promise);

      cache.invalidate('alice'); // e.g. the password was changed meanwhile
      slow.resolve(USER);

      expect(await pending).toBe(USER);
      expect(cache.lookup('alice', 'old-pw')).toBeUndefined();
      expect(cache.size).toBe(0);

      // The next request runs a fresh check (which now fails).
      const verify = vi.fn(async () => undefined);
      expect(await cache.verify('alice', 'old-pw', verify)).toBeUndefined();
      expect(verify).toHaveBeenCalledTimes(1);
    });

    it('invalidating another key while the check runs does not prevent caching', async () => {
      const cache = new CredentialCache<typeof USER>(60_000, 10, clock().now);
      const slow = deferred<typeof USER | undefined>();
      const pending = cache.verify('alice', 'pw', () => slow.promise);
      cache.invalidate('bob');
      slow.resolve(USER);
      await pending;
      expect(cache.lookup('alice', 'pw')).toBe(USER);
    });

    // A request that arrives AFTER the user changed (password changed, user disabled) while an
    // earlier bcrypt run is still going must not join that stale run: Elasticsearch's realm cache
    // keeps the pending future in the cache entry, so invalidation detaches it too.
    it('a request arriving after invalidation does not join the stale in-flight check', async () => {
      const cache = new CredentialCache<typeof USER>(60_000, 10, clock().now);
      const slow = deferred<typeof USER | undefined>();
      const first = cache.verify('alice', 'old-pw', () => slow.promise);

      cache.invalidate('alice'); // password changed: old-pw is no longer valid
      const fresh = vi.fn(async () => undefined); // what a new bcrypt run against the new hash says
      const second = cache.verify('alice', 'old-pw', fresh);

      slow.resolve(USER);
      await first;
      expect(await second).toBeUndefined();
      expect(fresh).toHaveBeenCalledTimes(1);
    });

    // A first verification in flight for a key without an entry must not be cached when
    // invalidateAll() ran while it was in progress.
    it('invalidateAll during an in-flight first verification prevents caching its result', async () => {
      const cache = new CredentialCache<typeof USER>(60_000, 10, clock().now);
      const slow = deferred<typeof USER | undefined>();
      const pending = cache.verify('alice', 'pw', () => slow.promise);
      cache.invalidateAll();
      slow.resolve(USER);
      await pending;
      expect(cache.lookup('alice', 'pw')).toBeUndefined();
    });
  });

  describe('concurrent first requests', () => {
    it('share one slow check for the same key and secret', async () => {
      const cache = new CredentialCache<typeof USER>(60_000, 10, clock().now);
      const slow = deferred<typeof USER | undefined>();
      const verify = vi.fn(() => slow.promise);

      const results = Promise.all([
        cache.verify('alice', 'pw', verify),
        cache.verify('alice', 'pw', verify),
        cache.verify('alice', 'pw', verify),
      ]);
      slow.resolve(USER);

      expect(await results).toEqual([USER, USER, USER]);
      expect(verify).toHaveBeenCalledTimes(1);
      expect(cache.lookup('alice', 'pw')).toBe(USER);
    });

    it('do not share a check between different secrets of the same key', async () => {
      const cache = new CredentialCache<typeof USER>(60_000, 10, clock().now);
      const good = vi.fn(async () => USER);
      const bad = vi.fn(async () => undefined);
      const [a, b] = await Promise.all([cache.verify('alice', 'pw', good), cache.verify('alice', 'guess', bad)]);
      expect(a).toBe(USER);
      expect(b).toBeUndefined();
      expect(good).toHaveBeenCalledTimes(1);
      expect(bad).toHaveBeenCalledTimes(1);
    });

    it('a shared failed check is not remembered, and a later request checks again', async () => {
      const cache = new CredentialCache<typeof USER>(60_000, 10, clock().now);
      const verify = vi.fn(async () => undefined);
      await Promise.all([cache.verify('alice', 'bad', verify), cache.verify('alice', 'bad', verify)]);
      expect(verify).toHaveBeenCalledTimes(1);
      await cache.verify('alice', 'bad', verify);
      expect(verify).toHaveBeenCalledTimes(2);
    });

    it('a rejected check is propagated to every waiter and not cached', async () => {
      const cache = new CredentialCache<typeof USER>(60_000, 10, clock().now);
      const verify = vi.fn(async (): Promise<typeof USER | undefined> => {
        throw new Error('store unavailable');
      });
      const outcomes = await Promise.allSettled([cache.verify('alice', 'pw', verify), cache.verify('alice', 'pw', verify)]);
      expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
      expect(verify).toHaveBeenCalledTimes(1);
      // The in-flight slot was released: the next request runs a new check.
      expect(await cache.verify('alice', 'pw', async () => USER)).toBe(USER);
    });
  });

  describe('size limit', () => {
    it('never holds more than maxEntries and evicts the oldest insertion first', async () => {
      const cache = new CredentialCache<string>(60_000, 3, clock().now);
      for (const name of ['a', 'b', 'c']) await cache.verify(name, 'pw', async () => name);
      expect(cache.size).toBe(3);

      await cache.verify('d', 'pw', async () => 'd');
      expect(cache.size).toBe(3);
      expect(cache.lookup('a', 'pw')).toBeUndefined();
      expect(cache.lookup('b', 'pw')).toBe('b');
      expect(cache.lookup('c', 'pw')).toBe('c');
      expect(cache.lookup('d', 'pw')).toBe('d');

      await cache.verify('e', 'pw', async () => 'e');
      expect(cache.size).toBe(3);
      expect(cache.lookup('b', 'pw')).toBeUndefined();
    });

    it('replacing the entry of a cached key at the limit evicts nothing', async () => {
      const cache = new CredentialCache<string>(60_000, 2, clock().now);
      await cache.verify('a', 'pw', async () => 'a');
      await cache.verify('b', 'pw', async () => 'b');
      // "a" authenticates with another (also valid) secret: its entry is replaced.
      await cache.verify('a', 'pw2', async () => 'a2');
      expect(cache.size).toBe(2);
      expect(cache.lookup('a', 'pw2')).toBe('a2');
      expect(cache.lookup('a', 'pw')).toBeUndefined();
      expect(cache.lookup('b', 'pw')).toBe('b');
    });
  });
});

describe('equalInConstantTime', () => {
  it('is true only for identical strings', () => {
    expect(equalInConstantTime('abc=', 'abc=')).toBe(true);
    expect(equalInConstantTime('abc=', 'abd=')).toBe(false);
    expect(equalInConstantTime('abc=', 'Abc=')).toBe(false);
    expect(equalInConstantTime('abc', 'abc=')).toBe(false);
    expect(equalInConstantTime('', '')).toBe(true);
  });
});
