import { errors } from '@elastic/elasticsearch';
import type { z } from 'zod';

/** The console BFF's error: `{error:{code,message,fields?}}` with an HTTP status. */
export class ConsoleError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'ConsoleError';
  }
}

export function fieldErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || '_';
    fields[key] ??= issue.message;
  }
  return fields;
}

/** What Elasticsearch (or the embedded engine) answered when a call failed with an HTTP status. */
export interface BackendFailure {
  status: number;
  body: unknown;
}

export function backendFailure(error: unknown): BackendFailure | undefined {
  // By shape as well as by class: the bundler may load the client twice (server and SSR layers).
  if (error instanceof errors.ResponseError || (error instanceof Error && error.name === 'ResponseError')) {
    const meta = (error as { meta?: { statusCode?: number; body?: unknown } }).meta;
    if (meta && typeof meta.statusCode === 'number') return { status: meta.statusCode, body: meta.body };
  }
  return undefined;
}

/** The one place a thrown error becomes a BFF response. Unknown errors: 500, details to the log only. */
export function consoleErrorResponse(error: unknown): Response {
  if (error instanceof ConsoleError) {
    return Response.json(
      { error: { code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}) } },
      { status: error.status },
    );
  }
  const failure = backendFailure(error);
  if (failure?.status === 401) {
    return Response.json({ error: { code: 'unauthenticated', message: 'Your session has ended. Sign in again.' } }, { status: 401 });
  }
  if (failure?.status === 403) {
    return Response.json({ error: { code: 'forbidden', message: 'You need permission to do this.' } }, { status: 403 });
  }
  console.error('console request failed', error instanceof Error ? (error.stack ?? error.message) : String(error));
  return Response.json({ error: { code: 'internal', message: 'Something went wrong. Try again.' } }, { status: 500 });
}

/** Elasticsearch's error type and reason from a failure body, when it has them. */
export function esReason(body: unknown): { type: string; reason: string } | undefined {
  const error = (body as { error?: unknown } | undefined)?.error;
  if (error && typeof error === 'object') {
    const { type, reason } = error as { type?: unknown; reason?: unknown };
    if (typeof type === 'string' && typeof reason === 'string') return { type, reason };
  }
  if (typeof error === 'string') return { type: 'error', reason: error };
  return undefined;
}

/**
 * Runs a backend call for a console action: an Elasticsearch failure becomes a ConsoleError
 * carrying Elasticsearch's reason (a 401 means the admin's session ended).
 */
export async function viaBackend<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const failure = backendFailure(error);
    if (!failure) throw error;
    if (failure.status === 401) throw new ConsoleError(401, 'unauthenticated', 'Your session has ended. Sign in again.');
    if (failure.status === 403) throw new ConsoleError(403, 'forbidden', 'You need permission to do this.');
    const es = esReason(failure.body);
    throw new ConsoleError(failure.status, es?.type ?? 'backend_error', es?.reason ?? `The backend answered ${failure.status}.`);
  }
}
