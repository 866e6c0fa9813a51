import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type JWTPayload } from 'jose';

/** Test helpers: keys made on the spot with jose, JWK set files in a temporary directory. */

export interface TestKeyPair {
  kid: string;
  alg: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

export async function makeKeyPair(alg: 'RS256' | 'PS256' | 'ES256' | 'ES384', kid: string): Promise<TestKeyPair> {
  const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
  const publicJwk = { ...(await exportJWK(publicKey)), kid, use: 'sig' };
  return { kid, alg, privateKey, publicJwk };
}

export function tempDir(prefix = 'jwt-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function writeJwks(file: string, keys: JWK[]): void {
  fs.writeFileSync(file, JSON.stringify({ keys }));
}

export interface MintOptions {
  alg?: string;
  kid?: string;
  typ?: string;
  /** Epoch seconds used for iat/exp defaults. */
  nowSeconds?: number;
  lifetimeSeconds?: number;
}

/** Signs claims; iat and exp default to now and now + 5 minutes unless given in `claims`. */
export async function mint(claims: JWTPayload, key: CryptoKey | Uint8Array, options: MintOptions = {}): Promise<string> {
  const now = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  const payload: JWTPayload = { iat: now, exp: now + (options.lifetimeSeconds ?? 300), ...claims };
  for (const [k, v] of Object.entries(payload)) if (v === undefined) delete payload[k];
  const header: Record<string, unknown> = { alg: options.alg ?? 'RS256' };
  if (options.kid !== undefined) header.kid = options.kid;
  if (options.typ !== undefined) header.typ = options.typ;
  return new SignJWT(payload).setProtectedHeader(header as { alg: string }).sign(key);
}

/** An unsecured JWT (`alg: none`, empty signature). */
export function unsecuredJwt(claims: JWTPayload): string {
  const enc = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  return `${enc({ alg: 'none', typ: 'JWT' })}.${enc(claims)}.`;
}
