import type { Metadata } from 'next';
import { currentSession } from '@/lib/console/session';
import { consolePermissions } from '@/lib/console/privileges';
import { listRoles } from '@/lib/console/users';
import { PageBreadcrumbs } from '@/components/chrome/page-breadcrumbs';
import { PermissionPrompt } from '@/components/permission/permission-prompt';
import { CreateUserForm } from '@/components/users/create-user-form';
import { PageHeader } from '@/components/ui/page-header';
import { Spacer } from '@/components/ui/spacer';

export const metadata: Metadata = { title: 'Create user' };

export default async function CreateUserPage() {
  const session = await currentSession();
  const permissions = await consolePermissions(session);
  if (!permissions.manageUsers) return <PermissionPrompt privilege="manage_security" what="manage users" />;
  const roles = await listRoles(session);
  return (
    <>
      <PageBreadcrumbs items={[{ text: 'Security' }, { text: 'Users', href: '/users' }, { text: 'Create' }]} />
      <PageHeader pageTitle="Create user" description="Add a user to the native realm. You can activate their profile right after." bottomBorder />
      <Spacer size="l" />
      <CreateUserForm roles={roles} />
    </>
  );
}
