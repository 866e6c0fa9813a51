import { EsError } from '@/lib/security/errors';

/** Elasticsearch REST compatibility versions this API answers to. */
export const SUPPORTED_COMPATIBLE_VERSIONS = [8, 9];
export const CURRENT_MAJOR = 9;

interface ParsedMediaType {
  json: boolean;
  compatibleWith?: number;
}

const VENDOR_JSON = /^application\/vnd\.elasticsearch\+json\s*(?:;\s*(.*))?$/i;
const PLAIN_JSON: ParsedMediaType = Object.freeze({ json: true });

/** Reads a Content-Type/Accept value: plain JSON, or Elasticsearch's versioned vendor type. */
export function parseMediaType(value: string): ParsedMediaType | undefined {
  // What nearly every client sends, answered without splitting or matching.
  if (value === 'application/json') return PLAIN_JSON;
  const first = value.split(',')[0].trim();
  const vendor = VENDOR_JSON.exec(first);
  if (vendor) {
    const version = /compatible-with\s*=\s*(\d+)/i.exec(vendor[1] ?? '');
    return { json: true, compatibleWith: version ? Number(version[1]) : undefined };
  }
  const base = first.split(';')[0].trim().toLowerCase();
  if (base === 'application/json' || base === 'application/x-ndjson') return { json: true };
  return undefined;
}

export type ContentTypeProblem = { status: 406; message: string } | undefined;

/** RestController's check: a body needs a supported Content-Type (406 otherwise). */
export function checkContentType(contentType: string | null, hasBody: boolean): ContentTypeProblem {
  if (!hasBody) return undefined;
  if (contentType === null || contentType.trim() === '') return { status: 406, message: 'Content-Type header is missing' };
  if (!parseMediaType(contentType)) return { status: 406, message: `Content-Type header [${contentType}] is not supported` };
  return undefined;
}

/**
 * The compatible-with version asked for in Content-Type or Accept. Versions must agree when
 * both name one, and be one this API speaks; otherwise Elasticsearch's media_type_header_exception.
 */
export function requestedCompatibility(contentType: string | null, accept: string | null, hasBody: boolean): number | undefined {
  const contentVersion = hasBody && contentType ? parseMediaType(contentType)?.compatibleWith : undefined;
  const acceptVersion = accept ? parseMediaType(accept)?.compatibleWith : undefined;
  const version = acceptVersion ?? contentVersion;
  if (version === undefined) return undefined;
  const mismatch = contentVersion !== undefined && acceptVersion !== undefined && contentVersion !== acceptVersion;
  if (mismatch || !SUPPORTED_COMPATIBLE_VERSIONS.includes(version)) {
    throw new EsError(400, 'media_type_header_exception', 'Invalid media-type value on headers [Content-Type, Accept]', {
      causedBy: {
        type: 'status_exception',
        reason:
          `A compatible version is required on both Content-Type and Accept headers if either one has requested a compatible version ` +
          `and the compatible versions must match, and be one of [${SUPPORTED_COMPATIBLE_VERSIONS.join(', ')}]. ` +
          `Accept=${accept ?? 'null'}, Content-Type=${contentType ?? 'null'}`,
      },
    });
  }
  return version;
}

export function responseContentType(compatibleWith: number | undefined): string {
  return compatibleWith === undefined
    ? 'application/json'
    : `application/vnd.elasticsearch+json;compatible-with=${compatibleWith}`;
}
