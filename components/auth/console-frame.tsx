'use client';

import type { ReactNode } from 'react';
import { signOut } from 'next-auth/react';
import { ConsoleShell } from '@/components/chrome/console-shell';
import { navGroupsFor, type NavPermissions } from '@/components/chrome/nav-config';

/**
 * The chrome for signed-in pages; "Sign out" ends the session and invalidates its tokens. The
 * navigation lists only what `permissions` allow (each page still checks for itself).
 */
export function ConsoleFrame({ username, permissions, children }: { username: string; permissions: NavPermissions; children: ReactNode }) {
  return (
    <ConsoleShell username={username} navGroups={navGroupsFor(permissions)} onSignOut={() => signOut({ callbackUrl: '/login' })}>
      {children}
    </ConsoleShell>
  );
}
