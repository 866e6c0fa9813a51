import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { readSession } from '@/lib/console/session';
import { safeCallbackUrl } from '@/lib/schemas/callback-url';
import { SignInForm } from '@/components/auth/sign-in-form';
import { LogoMark } from '@/components/chrome/logo';
import { Panel } from '@/components/ui/panel';

export const metadata: Metadata = { title: 'Sign in' };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const callbackUrl = safeCallbackUrl((await searchParams).callbackUrl);
  if ((await readSession()).state === 'signed-in') redirect(callbackUrl);
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
          <SignInForm callbackUrl={callbackUrl} />
        </Panel>
      </div>
    </main>
  );
}
