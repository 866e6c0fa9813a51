import type { ReactNode } from 'react';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { readSession } from '@/lib/console/session';
import { consolePermissions } from '@/lib/console/privileges';
import { ConsoleFrame } from '@/components/auth/console-frame';
import { SessionRefresher } from '@/components/auth/session-refresher';

/** Every console page requires a session; signed-out visitors go to the sign-in page. */
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const state = await readSession();
  const path = (await headers()).get('x-console-path') ?? '/profiles/activate';
  if (state.state === 'signed-out') redirect(`/login?callbackUrl=${encodeURIComponent(path)}`);
  if (state.state === 'stale') return <SessionRefresher callbackUrl={path} />;
  const permissions = await consolePermissions(state.session);
  return (
    <ConsoleFrame username={state.session.username} permissions={permissions}>
      {children}
    </ConsoleFrame>
  );
}
