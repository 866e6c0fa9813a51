'use client';

import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { buttonClassName } from '@/components/ui/button';
import { CallOut } from '@/components/ui/call-out';
import { CodeBlock } from '@/components/ui/code-block';
import { LoadingSpinner } from '@/components/ui/loading-spinner';
import { Spacer } from '@/components/ui/spacer';

export interface ActivationOutcome {
  status: number;
  tookMs: number;
  body: unknown;
}

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  500: 'Internal Server Error',
};

/** Kibana Dev Tools colours: 2xx green, 4xx amber, 5xx red. */
export function statusColor(status: number): 'success' | 'warning' | 'danger' {
  if (status >= 200 && status < 300) return 'success';
  if (status >= 400 && status < 500) return 'warning';
  return 'danger';
}

function esError(body: unknown): { type: string; reason: string } | undefined {
  const error = (body as { error?: { type?: unknown; reason?: unknown } } | undefined)?.error;
  if (error && typeof error.type === 'string' && typeof error.reason === 'string') return { type: error.type, reason: error.reason };
  return undefined;
}

/**
 * The response area before a response: what to do, or (while the request is in flight) Kibana
 * Console's "Request in progress" badge and a spinner. The status region stays mounted from the
 * start, so that screen readers announce the change to "Activating…".
 */
export function ActivationPlaceholder({ pending, username }: { pending: boolean; username?: string }) {
  return (
    <div className="pc-activate__placeholder" data-testid="activationPlaceholder">
      <div className="pc-result__header">
        <h2 className="pc-title pc-title--xs">Response</h2>
        {pending ? (
          <Badge color="hollow" data-testid="requestInProgress">
            Request in progress
          </Badge>
        ) : null}
      </div>
      <div role="status" data-testid="activationStatus">
        {pending ? (
          <p className="pc-result__pending">
            <LoadingSpinner size="l" decorative />
            <span>{username ? `Activating the profile of '${username}'…` : 'Activating the profile…'}</span>
          </p>
        ) : (
          <p className="pc-text pc-text--subdued">Submit the form to see the profile Elasticsearch returns.</p>
        )}
      </div>
    </div>
  );
}

/** The response of an activation: status badge, time, Elasticsearch's JSON, and next steps. */
export function ActivationResult({ outcome }: { outcome: ActivationOutcome }) {
  const ok = outcome.status >= 200 && outcome.status < 300;
  const error = ok ? undefined : esError(outcome.body);
  const uid = ok ? (outcome.body as { uid?: string }).uid : undefined;
  return (
    <section aria-labelledby="activation-result-title" data-testid="activationResult">
      <div className="pc-result__header">
        <h2 id="activation-result-title" className="pc-title pc-title--xs">
          Response
        </h2>
        <div className="pc-result__meta" aria-live="polite">
          <Badge color={statusColor(outcome.status)} data-testid="responseStatus">
            {outcome.status} {STATUS_TEXT[outcome.status] ?? ''}
          </Badge>
          <span className="pc-result__took" data-testid="responseTook">
            {outcome.tookMs} ms
          </span>
        </div>
      </div>
      <Spacer size="s" />
      {error ? (
        <>
          <CallOut color="danger" title={error.type} role="alert" data-testid="activationError">
            <p>{error.reason}</p>
          </CallOut>
          <Spacer size="m" />
        </>
      ) : null}
      <CodeBlock
        value={outcome.body}
        language="json"
        isCopyable
        whiteSpace="pre-wrap"
        overflowHeight={480}
        aria-label="Response body"
        data-testid="responseBody"
      />
      {uid ? (
        <>
          <Spacer size="m" />
          <Link href={`/profiles/${encodeURIComponent(uid)}`} className={buttonClassName({ display: 'base', size: 's' })} data-testid="viewProfile">
            View profile
          </Link>
        </>
      ) : null}
    </section>
  );
}
