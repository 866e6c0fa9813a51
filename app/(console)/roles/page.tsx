import type { Metadata } from 'next';
import { currentSession } from '@/lib/console/session';
import { consolePermissions } from '@/lib/console/privileges';
import { listRoleSummaries } from '@/lib/console/roles';
import { PermissionPrompt } from '@/components/permission/permission-prompt';
import { RolesTable } from '@/components/roles/roles-table';
import { EXAMPLE_ROLE_REQUEST } from '@/components/roles/types';
import { CallOut } from '@/components/ui/call-out';
import { CodeBlock } from '@/components/ui/code-block';
import { PageHeader } from '@/components/ui/page-header';
import { Panel } from '@/components/ui/panel';
import { Spacer } from '@/components/ui/spacer';

export const metadata: Metadata = { title: 'Roles' };

export default async function RolesPage() {
  const session = await currentSession();
  const permissions = await consolePermissions(session);
  if (!permissions.manageUsers) return <PermissionPrompt privilege="manage_security" what="manage roles" />;
  const roles = await listRoleSummaries(session);
  return (
    <>
      <PageHeader
        pageTitle="Roles"
        description="Roles grant the privileges that users need: cluster actions, index access, application privileges and running as other users."
        bottomBorder
      />
      <Spacer size="l" />
      <CallOut title="Create and edit roles with the role API" iconType="info" data-testid="roleApiCallOut">
        <p>
          This console shows roles and deletes custom ones. To create or change a role, send its definition to the role
          API, for example from Kibana&apos;s Dev Tools:
        </p>
        <Spacer size="s" />
        <CodeBlock language="text" aria-label="Example role request" paddingSize="s" data-testid="roleApiSnippet">
          {EXAMPLE_ROLE_REQUEST}
        </CodeBlock>
      </CallOut>
      <Spacer size="l" />
      <Panel paddingSize="l" as="section" aria-label="Roles list">
        <RolesTable roles={roles} />
      </Panel>
    </>
  );
}
