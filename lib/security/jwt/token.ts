import { base64url } from 'jose';

/**
 * A JWT as received, decoded but not verified. Used to route a bearer credential (three
 * base64url parts with a JSON header naming an algorithm) to the JWT realms; everything else is
 * left to the token service.
 */
export interface ParsedJwt {
  raw: string;
  header: Record<string, unknown>;
  /** Undefined when the payload is not a JSON object: the JWT fails in every realm. */
  claims?: Record<string, unknown>;
}

const PART = /^[A-Za-z0-9_-]*$/;

function decodeJsonObject(part: string): Record<string, unknown> | undefined {
  if (!PART.test(part)) return undefined;
  try {
    const value: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(base64url.decode(part)));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Largest JWT considered (Elasticsearch's HTTP header limits are of this order). */
const MAX_JWT_LENGTH = 16 * 1024;

export function parseJwt(token: string): ParsedJwt | undefined {
  if (token.length > MAX_JWT_LENGTH) return undefined;
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] === '' || parts[1] === '') return undefined;
  const header = decodeJsonObject(parts[0]);
  if (!header || typeof header.alg !== 'string') return undefined;
  if (!PART.test(parts[2])) return undefined;
  return { raw: token, header, claims: decodeJsonObject(parts[1]) };
}

/** A string claim, or the configured fallback claim when the claim is absent (FallbackableClaim). */
export function claimWithFallback(
  claims: Record<string, unknown>,
  name: string,
  fallbacks: { sub?: string; aud?: string },
): { value: unknown; description: string } {
  const fallback = name === 'sub' || name === 'aud' ? fallbacks[name] : undefined;
  if (fallback !== undefined && fallback !== name && claims[name] === undefined) {
    return { value: claims[fallback], description: `${name} (fallback: ${fallback})` };
  }
  return { value: claims[name], description: name };
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function asStringList(value: unknown): string[] | undefined {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  return undefined;
}
