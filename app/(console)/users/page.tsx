import type { Metadata } from 'next';
import Link from 'next/link';
import { currentSession } from '@/lib/console/session';
import { consolePermissions } from '@/lib/console/privileges';
import { listUsers } from '@/lib/console/users';
import { PermissionPrompt } from '@/components/permission/permission-prompt';
import { UsersTable } from '@/components/users/users-table';
import { buttonClassName } from '@/components/ui/button';
import { Icon } from '@/components/ui/icon';
import { PageHeader } from '@/components/ui/page-header';
import { Panel } from '@/components/ui/panel';
import { Spacer } from '@/components/ui/spacer';

export const metadata: Metadata = { title: 'Users' };

export default async function UsersPage() {
  const session = await currentSession();
  const permissions = await consolePermissions(session);
  if (!permissions.manageUsers) return <PermissionPrompt privilege="manage_security" what="manage users" />;
  const users = await listUsers(session);
  return (
    <>
      <PageHeader
        pageTitle="Users"
        description="Create and manage the users of the native realm, and see which of them have a user profile."
        bottomBorder
        rightSideItems={[
          <Link key="create" href="/users/create" className={buttonClassName({ display: 'fill' })} data-testid="createUserButton">
            <span className="pc-button__content">
              <Icon type="plusInCircle" />
              <span className="pc-button__label">Create user</span>
            </span>
          </Link>,
        ]}
      />
      <Spacer size="l" />
      <Panel paddingSize="l" as="section" aria-label="Users list">
        <UsersTable users={users} />
      </Panel>
    </>
  );
}
