import { hash, randomBytes } from 'node:crypto';

interface Entry<T> {
  salt: string;
  /** Base64 SHA-256 of salt + secret. */
  digest: string;
  expiresAt: number;
  value: T;
}

/**
 * Remembers credentials that a slow check (bcrypt) has verified, as Elasticsearch's realm
 * cache does: only a salted SHA-256 of the secret is kept, for a limited time, so repeated
 * requests pay one fast hash instead of bcrypt. Entries are dropped when the user changes.
 */
export class CredentialCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  /** Slow verifications in progress per key, so concurrent first requests share one bcrypt run. */
  private readonly inFlight = new Map<string, Map<string, Promise<T | undefined>>>();
  private readonly inFlightSalt = randomBytes(16).toString('base64');
  /** Bumped by every invalidation: a verification that started before must not be cached. */
  private readonly generation = new Map<string, number>();
  private globalGeneration = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
    /** Milliseconds on a monotonic clock (TTLs are durations; wall-clock jumps must not matter). */
    private readonly now: () => number = () => performance.now(),
  ) {}

  /**
   * Returns the cached value when `secret` matches the remembered one; otherwise runs
   * `verify` (once per distinct key and secret at a time) and remembers a positive result.
   */
  async verify(key: string, secret: string, verify: () => Promise<T | undefined>): Promise<T | undefined> {
    const cached = this.lookup(key, secret);
    if (cached !== undefined) return cached;
    const secretKey = digest(this.inFlightSalt, secret);
    let pendingForKey = this.inFlight.get(key);
    const joined = pendingForKey?.get(secretKey);
    if (joined) return joined;

    const generation = this.generationOf(key);
    const pending = verify()
      .then((value) => {
        // A change to the user while bcrypt ran must not let the old credentials back in.
        if (value !== undefined && this.generationOf(key) === generation) this.remember(key, secret, value);
        return value;
      })
      .finally(() => {
        const map = this.inFlight.get(key);
        if (map?.get(secretKey) === pending) {
          map.delete(secretKey);
          if (map.size === 0) this.inFlight.delete(key);
        }
      });
    if (!pendingForKey) {
      pendingForKey = new Map();
      this.inFlight.set(key, pendingForKey);
    }
    pendingForKey.set(secretKey, pending);
    return pending;
  }

  /** Synchronous check against the cache only. */
  lookup(key: string, secret: string): T | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return equalInConstantTime(digest(entry.salt, secret), entry.digest) ? entry.value : undefined;
  }

  /** Forgets a key: its entry, and any check in progress (later requests verify afresh). */
  invalidate(key: string): void {
    this.entries.delete(key);
    this.inFlight.delete(key);
    this.generation.set(key, (this.generation.get(key) ?? 0) + 1);
  }

  invalidateAll(): void {
    this.entries.clear();
    this.inFlight.clear();
    this.globalGeneration++;
  }

  get size(): number {
    return this.entries.size;
  }

  private generationOf(key: string): string {
    return `${this.globalGeneration}:${this.generation.get(key) ?? 0}`;
  }

  private remember(key: string, secret: string, value: T): void {
    if (this.entries.size >= this.maxEntries && !this.entries.has(key)) {
      // Evict the oldest insertion; Map iterates in insertion order.
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    const salt = randomBytes(16).toString('base64');
    this.entries.set(key, { salt, digest: digest(salt, secret), expiresAt: this.now() + this.ttlMs, value });
  }
}

/**
 * Base64 SHA-256 of salt and secret. The one-shot hash() with a string result is the cheapest
 * form on every request: a Buffer result (for crypto.timingSafeEqual) costs twice as much.
 */
function digest(salt: string, secret: string): string {
  return hash('sha256', salt + secret, 'base64');
}

/**
 * Compares two digests of equal, public length without stopping at the first difference, as
 * crypto.timingSafeEqual does for buffers.
 */
export function equalInConstantTime(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}
