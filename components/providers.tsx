'use client';

import { useEffect, useState, type ReactNode } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { SessionProvider, useSession } from 'next-auth/react';

/** The default poll interval, in seconds, until the session says how long its tokens live. */
const DEFAULT_POLL_SECONDS = 60;

/**
 * Client-side context for every page. The session provider polls the session endpoint (and on
 * focus): that route handler refreshes the admin's tokens before they expire. The interval
 * follows the token lifetime (TOKEN_TIMEOUT): each minute for the default 20 minutes, down to
 * each second for very short tokens. Console API calls renew an expired token themselves too.
 */
export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: { retry: 1, refetchOnWindowFocus: false, staleTime: 10_000 },
          mutations: { retry: false },
        },
      }),
  );
  const [pollSeconds, setPollSeconds] = useState(DEFAULT_POLL_SECONDS);
  return (
    <SessionProvider refetchInterval={pollSeconds} refetchOnWindowFocus>
      <SessionPollInterval onChange={setPollSeconds} />
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </SessionProvider>
  );
}

/** Passes the poll interval the server suggests for this session's tokens up to the provider. */
function SessionPollInterval({ onChange }: { onChange: (seconds: number) => void }) {
  const suggested = useSession().data?.pollSeconds;
  useEffect(() => {
    if (typeof suggested === 'number' && suggested >= 1) onChange(Math.min(suggested, DEFAULT_POLL_SECONDS));
  }, [suggested, onChange]);
  return null;
}
