import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { base64url, importJWK, type JWK } from 'jose';
import { SettingsException } from '../settings-file';
import { EC_ALGORITHMS, HMAC_ALGORITHMS, RSA_ALGORITHMS } from './realm-settings';

/**
 * Verification keys of a JWT realm, filtered as Elasticsearch's JwkValidateUtil does: only keys
 * for signing (`use` absent or `sig`, `key_ops` absent or with `verify`), and only keys that fit
 * an allowed algorithm (HMAC keys at least as long as the hash, RSA keys of 2048 bits or more, EC
 * keys on the algorithm's curve). Only public members are kept: a private key in a JWK set is
 * never used.
 */

export interface VerificationKey {
  kty: 'RSA' | 'EC' | 'oct';
  kid?: string;
  alg?: string;
  /** Public members only (RSA n/e, EC crv/x/y); for oct keys, the secret bytes. */
  jwk?: JWK;
  secret?: Uint8Array;
  bits: number;
  crv?: string;
}

export interface KeySet {
  keys: VerificationKey[];
  /** Allowed algorithms that at least one key can verify. */
  algorithms: string[];
}

const HMAC_MIN_BITS: Record<string, number> = { HS256: 256, HS384: 384, HS512: 512 };
const EC_CURVES: Record<string, string> = { ES256: 'P-256', ES384: 'P-384', ES512: 'P-521' };
const MIN_RSA_BITS = 2048;

/** Largest JWK set file read (bounded reads on every reload). */
export const MAX_JWKSET_BYTES = 1024 * 1024;

export function keyFitsAlgorithm(key: VerificationKey, alg: string): boolean {
  if ((HMAC_ALGORITHMS as readonly string[]).includes(alg)) return key.kty === 'oct' && key.bits >= HMAC_MIN_BITS[alg];
  if ((RSA_ALGORITHMS as readonly string[]).includes(alg)) return key.kty === 'RSA' && key.bits >= MIN_RSA_BITS;
  if ((EC_ALGORITHMS as readonly string[]).includes(alg)) return key.kty === 'EC' && key.crv === EC_CURVES[alg];
  return false;
}

function decodedLength(value: unknown): number | undefined {
  if (typeof value !== 'string' || !/^[A-Za-z0-9_-]*$/.test(value)) return undefined;
  const bytes = base64url.decode(value);
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  return bytes.length - start;
}

/** One JWK to a verification key, or undefined when it is not a usable signing key. */
function toVerificationKey(jwk: Record<string, unknown>): VerificationKey | undefined {
  if (jwk.use !== undefined && jwk.use !== 'sig') return undefined;
  if (jwk.key_ops !== undefined && !(Array.isArray(jwk.key_ops) && jwk.key_ops.includes('verify'))) return undefined;
  const kid = typeof jwk.kid === 'string' ? jwk.kid : undefined;
  const alg = typeof jwk.alg === 'string' ? jwk.alg : undefined;
  switch (jwk.kty) {
    case 'RSA': {
      const bytes = decodedLength(jwk.n);
      if (bytes === undefined || typeof jwk.e !== 'string') return undefined;
      return { kty: 'RSA', kid, alg, jwk: { kty: 'RSA', n: jwk.n as string, e: jwk.e }, bits: bytes * 8 };
    }
    case 'EC': {
      if (typeof jwk.crv !== 'string' || typeof jwk.x !== 'string' || typeof jwk.y !== 'string') return undefined;
      return { kty: 'EC', kid, alg, crv: jwk.crv, jwk: { kty: 'EC', crv: jwk.crv, x: jwk.x, y: jwk.y }, bits: 0 };
    }
    case 'oct': {
      if (typeof jwk.k !== 'string' || !/^[A-Za-z0-9_-]*$/.test(jwk.k)) return undefined;
      const secret = base64url.decode(jwk.k);
      return { kty: 'oct', kid, alg, secret, bits: secret.length * 8 };
    }
    default:
      return undefined;
  }
}

/** Parses a JWK set document; throws SettingsException naming the setting when it is not one. */
export function parseJwkSet(text: string, settingKey: string): Array<Record<string, unknown>> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new SettingsException(`JWKSet parse failed for setting [${settingKey}]`);
  }
  const keys = (parsed as { keys?: unknown } | null)?.keys;
  if (parsed === null || typeof parsed !== 'object' || !Array.isArray(keys) || keys.some((k) => k === null || typeof k !== 'object')) {
    throw new SettingsException(`JWKSet parse failed for setting [${settingKey}]`);
  }
  return keys as Array<Record<string, unknown>>;
}

/** Keeps the keys that fit an allowed algorithm and the algorithms that have a key. */
export function filterKeys(jwks: Array<Record<string, unknown>>, algorithms: readonly string[]): KeySet {
  const candidates = jwks.flatMap((jwk) => {
    const key = toVerificationKey(jwk);
    return key ? [key] : [];
  });
  const keys = candidates.filter((key) => algorithms.some((alg) => keyFitsAlgorithm(key, alg)));
  return { keys, algorithms: algorithms.filter((alg) => keys.some((key) => keyFitsAlgorithm(key, alg))) };
}

/** The OIDC `hmac_key` form: the UTF-8 bytes of the string are the key. */
export function hmacKeyFromString(value: string): Record<string, unknown> {
  return { kty: 'oct', k: base64url.encode(new TextEncoder().encode(value)) };
}

/** Imports a key for one algorithm (cached per key and algorithm). */
const imported = new WeakMap<VerificationKey, Map<string, Promise<CryptoKey | Uint8Array>>>();

export function importVerificationKey(key: VerificationKey, alg: string): Promise<CryptoKey | Uint8Array> {
  let byAlg = imported.get(key);
  if (!byAlg) imported.set(key, (byAlg = new Map()));
  let pending = byAlg.get(alg);
  if (!pending) {
    pending = key.kty === 'oct' ? Promise.resolve(key.secret as Uint8Array) : (importJWK({ ...key.jwk, alg }, alg) as Promise<CryptoKey>);
    byAlg.set(alg, pending);
  }
  return pending;
}

interface FileState {
  mtimeMs: number;
  size: number;
  ino: number;
  sha256: string;
}

/**
 * A PKC JWK set read from a file, reloaded when the file changes: every use compares the file's
 * mtime, size and inode (one stat), and a failed verification re-reads the file at most once a
 * second and swaps the keys when the content changed, as Elasticsearch reloads its JWK set after a
 * signature failure. Reads are bounded in size; a reload that fails keeps the previous keys.
 */
export class JwkSetFile {
  private keySet: KeySet;
  private state: FileState;
  private reloading?: Promise<void>;
  private lastForcedReadAt = -Infinity;
  /** The last reload problem (for diagnostics); never holds key material. */
  lastReloadError?: string;

  constructor(
    readonly file: string,
    private readonly settingKey: string,
    private readonly algorithms: readonly string[],
    private readonly clock: () => number = Date.now,
  ) {
    const { text, stat } = this.readSync();
    this.keySet = filterKeys(parseJwkSet(text, settingKey), algorithms);
    this.state = { mtimeMs: stat.mtimeMs, size: stat.size, ino: stat.ino, sha256: sha256(text) };
  }

  get current(): KeySet {
    return this.keySet;
  }

  /** The keys, after reloading them if the file changed since the last look. */
  async keys(): Promise<KeySet> {
    try {
      const stat = await fs.promises.stat(this.file);
      if (stat.mtimeMs !== this.state.mtimeMs || stat.size !== this.state.size || stat.ino !== this.state.ino) {
        await this.reload();
      }
    } catch (error) {
      this.lastReloadError = `cannot stat [${this.file}]: ${(error as NodeJS.ErrnoException).code ?? 'error'}`;
    }
    return this.keySet;
  }

  /** After a failed verification: re-read (rate-limited); true when the keys changed. */
  async reloadAfterFailure(): Promise<boolean> {
    const now = this.clock();
    if (now - this.lastForcedReadAt < 1000) return false;
    this.lastForcedReadAt = now;
    const before = this.state.sha256;
    await this.reload();
    return this.state.sha256 !== before;
  }

  private reload(): Promise<void> {
    this.reloading ??= this.doReload().finally(() => (this.reloading = undefined));
    return this.reloading;
  }

  private async doReload(): Promise<void> {
    try {
      const handle = await fs.promises.open(this.file, 'r');
      let text: string;
      let stat: fs.Stats;
      try {
        stat = await handle.stat();
        if (stat.size > MAX_JWKSET_BYTES) throw new Error(`larger than ${MAX_JWKSET_BYTES} bytes`);
        const buffer = Buffer.alloc(stat.size);
        const { bytesRead } = await handle.read(buffer, 0, stat.size, 0);
        text = buffer.subarray(0, bytesRead).toString('utf8');
      } finally {
        await handle.close();
      }
      const hash = sha256(text);
      // Remember the file's identity even if its content is broken, so that each request does
      // not re-read it; the content hash moves only with a successful parse.
      this.state = { ...this.state, mtimeMs: stat.mtimeMs, size: stat.size, ino: stat.ino };
      if (hash !== this.state.sha256) {
        this.keySet = filterKeys(parseJwkSet(text, this.settingKey), this.algorithms);
        this.state.sha256 = hash;
      }
      this.lastReloadError = undefined;
    } catch (error) {
      // Keep the previous keys: a half-written or broken file must not lock every user out.
      this.lastReloadError = error instanceof SettingsException ? error.message : `cannot read [${this.file}]`;
    }
  }

  private readSync(): { text: string; stat: fs.Stats } {
    try {
      const stat = fs.statSync(this.file);
      if (!stat.isFile()) throw new Error('not a file');
      if (stat.size > MAX_JWKSET_BYTES) throw new Error('too large');
      return { text: fs.readFileSync(this.file, 'utf8'), stat };
    } catch {
      throw new SettingsException(`Failed to read contents for setting [${this.settingKey}] value [${this.file}].`);
    }
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
