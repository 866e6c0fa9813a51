import type { Metadata } from 'next';
import { currentSession } from '@/lib/console/session';
import { consolePermissions } from '@/lib/console/privileges';
import { ActivateWorkbench } from '@/components/activate/activate-workbench';
import { PermissionPrompt } from '@/components/permission/permission-prompt';
import { PageHeader } from '@/components/ui/page-header';
import { Spacer } from '@/components/ui/spacer';

export const metadata: Metadata = { title: 'Activate user profile' };

export default async function ActivatePage({ searchParams }: { searchParams: Promise<{ username?: string | string[] }> }) {
  const permissions = await consolePermissions(await currentSession());
  if (!permissions.manageProfiles) return <PermissionPrompt privilege="manage_user_profile" what="activate user profiles" />;
  // ?username= comes from "Activate" links on the Users pages.
  const requested = (await searchParams).username;
  const initialUsername = typeof requested === 'string' ? requested.slice(0, 1024) : '';
  return (
    <>
      <PageHeader
        pageTitle="Activate user profile"
        description="Create or update a user's profile on their behalf, from their password or a token — also for users who never signed in to Kibana."
        bottomBorder
      />
      <Spacer size="l" />
      <ActivateWorkbench initialUsername={initialUsername} />
    </>
  );
}
