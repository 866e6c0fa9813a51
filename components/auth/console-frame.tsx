'use client';

import type { ReactNode } from 'react';
import { signOut } from 'next-auth/react';
import { ConsoleShell } from '@/components/chrome/console-shell';
import { navGroupsFor, type NavPermissions } from '@/components/chrome/nav-config';
import { NoAccessPrompt } from '@/components/permission/no-access-prompt';

/**
 * The chrome for signed-in pages; "Sign out" ends the session and invalidates its tokens. The
 * navigation lists only what `permissions` allow (each page still checks for itself). A user
 * who may open no section at all gets one "You don't have access" page, with neither side
 * navigation nor breadcrumbs, whatever the path.
 */
export function ConsoleFrame({ username, permissions, children }: { username: string; permissions: NavPermissions; children: ReactNode }) {
  const navGroups = navGroupsFor(permissions);
  const noAccess = navGroups.length === 0;
  return (
    <ConsoleShell
      username={username}
      navGroups={navGroups}
      breadcrumbs={noAccess ? [] : undefined}
      onSignOut={() => signOut({ callbackUrl: '/login' })}
    >
      {noAccess ? <NoAccessPrompt /> : children}
    </ConsoleShell>
  );
}
