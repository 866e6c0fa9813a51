'use client';

import { useEffect } from 'react';
import { getSession } from 'next-auth/react';
import { LoadingSpinner } from '@/components/ui/loading-spinner';

/**
 * Shown when the session cookie's access token needs refreshing. The session endpoint does the
 * refresh (it can store the new single-use refresh token); then the page loads again.
 */
export function SessionRefresher({ callbackUrl }: { callbackUrl: string }) {
  useEffect(() => {
    let cancelled = false;
    getSession().then((session) => {
      if (cancelled) return;
      if (session && !session.error) window.location.reload();
      else window.location.assign(new URL(`/login?callbackUrl=${encodeURIComponent(callbackUrl)}`, window.location.origin));
    });
    return () => {
      cancelled = true;
    };
  }, [callbackUrl]);
  return (
    <main className="pc-sign-in" id="main" aria-busy="true">
      <p className="pc-sign-in__subtitle">
        <LoadingSpinner /> Restoring your session…
      </p>
    </main>
  );
}
