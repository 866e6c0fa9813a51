import { EsError, illegalArgument } from '@/lib/security/errors';
import type { RestContext } from './types';

/** `refresh`: true | false | wait_for (or empty = true), as WriteRequest.RefreshPolicy.parse. */
export function readRefresh(ctx: RestContext): void {
  const value = ctx.param('refresh');
  if (value === undefined || value === '' || value === 'true' || value === 'false' || value === 'wait_for') return;
  throw illegalArgument(`Unknown value for refresh: [${value}].`);
}

/** Comma-separated list parameter (path or query), empty entries dropped. */
export function splitList(value: string | undefined): string[] {
  if (value === undefined) return [];
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** Boolean query parameter with Elasticsearch's strict parsing. */
export function readBooleanParam(ctx: RestContext, name: string, fallback: boolean): boolean {
  const value = ctx.param(name);
  if (value === undefined) return fallback;
  if (value === '' || value === 'true') return true;
  if (value === 'false') return false;
  throw new EsError(
    400,
    'illegal_argument_exception',
    `Failed to parse value [${value}] as only [true] or [false] are allowed.`,
  );
}
