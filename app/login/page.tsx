import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { readSession, sessionIsLive } from '@/lib/console/session';
import { safeCallbackUrl } from '@/lib/schemas/callback-url';
import { SignInForm } from '@/components/auth/sign-in-form';
import { LogoMark } from '@/components/chrome/logo';
import { Panel } from '@/components/ui/panel';
import { CallOut } from '@/components/ui/call-out';
import { Spacer } from '@/components/ui/spacer';

export const metadata: Metadata = { title: 'Sign in' };

/** `?msg=SESSION_EXPIRED` (as Kibana's login page): the console sent the admin here because the session could not be renewed. */
const SESSION_EXPIRED = 'SESSION_EXPIRED';

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; msg?: string }> }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  const state = await readSession();
  // The access token expired but the refresh token may still be good: renew it (in a route
  // handler, which can store the new pair) and go back, or come back here saying it expired.
  if (state.state === 'stale' && params.msg !== SESSION_EXPIRED) {
    redirect(`/api/auth/refresh?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  }
  // A session whose tokens were invalidated (signed out elsewhere, revoked) must sign in again,
  // rather than bounce between this page and the console.
  const ended = state.state === 'signed-in' && !(await sessionIsLive(state.session));
  if (state.state === 'signed-in' && !ended) redirect(callbackUrl);
  const expired = ended || params.msg === SESSION_EXPIRED || state.state === 'stale' || (state.state === 'signed-out' && state.expired === true);
  return (
    <main className="pc-sign-in" id="main">
      <div className="pc-sign-in__card">
        <div className="pc-sign-in__brand">
          <LogoMark size={40} />
          <h1 id="sign-in-title" className="pc-sign-in__title">
            Welcome to Profile Console
          </h1>
          <p className="pc-sign-in__subtitle">Sign in with your Elasticsearch user.</p>
        </div>
        <Panel paddingSize="l" hasShadow>
          {expired ? (
            <>
              <CallOut color="warning" title="Your session has expired. Sign in again." role="status" data-testid="sessionExpired" />
              <Spacer size="m" />
            </>
          ) : null}
          <SignInForm callbackUrl={callbackUrl} />
        </Panel>
      </div>
    </main>
  );
}
