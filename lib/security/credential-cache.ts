import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

interface Entry<T> {
  salt: Buffer;
  digest: Buffer;
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
  /** Slow verifications in progress, so concurrent first requests share one bcrypt run. */
  private readonly inFlight = new Map<string, Promise<T | undefined>>();
  private readonly inFlightSalt = randomBytes(16);

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Returns the cached value when `secret` matches the remembered one; otherwise runs
   * `verify` (once per distinct key and secret at a time) and remembers a positive result.
   */
  async verify(key: string, secret: string, verify: () => Promise<T | undefined>): Promise<T | undefined> {
    const cached = this.lookup(key, secret);
    if (cached !== undefined) return cached;
    const flightKey = key + '\u0000' + digest(this.inFlightSalt, secret).toString('base64');
    let pending = this.inFlight.get(flightKey);
    if (!pending) {
      const generation = this.generation.get(key) ?? 0;
      pending = verify()
        .then((value) => {
          // A change to the user while bcrypt ran must not let the old credentials back in.
          if (value !== undefined && (this.generation.get(key) ?? 0) === generation) this.remember(key, secret, value);
          return value;
        })
        .finally(() => this.inFlight.delete(flightKey));
      this.inFlight.set(flightKey, pending);
    }
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
    const candidate = digest(entry.salt, secret);
    return timingSafeEqual(candidate, entry.digest) ? entry.value : undefined;
  }

  private readonly generation = new Map<string, number>();

  invalidate(key: string): void {
    this.entries.delete(key);
    this.generation.set(key, (this.generation.get(key) ?? 0) + 1);
  }

  invalidateAll(): void {
    for (const key of this.entries.keys()) this.invalidate(key);
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  private remember(key: string, secret: string, value: T): void {
    if (this.entries.size >= this.maxEntries && !this.entries.has(key)) {
      // Evict the oldest insertion; Map iterates in insertion order.
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    const salt = randomBytes(16);
    this.entries.set(key, { salt, digest: digest(salt, secret), expiresAt: this.now() + this.ttlMs, value });
  }
}

function digest(salt: Buffer, secret: string): Buffer {
  return createHash('sha256').update(salt).update(secret, 'utf8').digest();
}
