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

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const callbackUrl = safeCallbackUrl((await searchParams).callbackUrl);
  const state = await readSession();
  // A session whose tokens were invalidated (signed out elsewhere, revoked) must sign in again,
  // rather than bounce between this page and the console.
  const ended = state.state === 'signed-in' && !(await sessionIsLive(state.session));
  if (state.state === 'signed-in' && !ended) redirect(callbackUrl);
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
          {ended ? (
            <>
              <CallOut color="warning" title="Your session has ended. Sign in again." data-testid="sessionEnded" />
              <Spacer size="m" />
            </>
          ) : null}
          <SignInForm callbackUrl={callbackUrl} />
        </Panel>
      </div>
    </main>
  );
}
