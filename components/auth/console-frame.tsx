'use client';

import type { ReactNode } from 'react';
import { signOut } from 'next-auth/react';
import { ConsoleShell } from '@/components/chrome/console-shell';

/** The chrome for signed-in pages; "Sign out" ends the session and invalidates its tokens. */
export function ConsoleFrame({ username, children }: { username: string; children: ReactNode }) {
  return (
    <ConsoleShell username={username} onSignOut={() => signOut({ callbackUrl: '/login' })}>
      {children}
    </ConsoleShell>
  );
}
