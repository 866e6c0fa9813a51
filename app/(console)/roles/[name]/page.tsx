import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { cache, type ReactNode } from 'react';
import { currentSession } from '@/lib/console/session';
import { consolePermissions } from '@/lib/console/privileges';
import { getRole } from '@/lib/console/roles';
import { PermissionPrompt } from '@/components/permission/permission-prompt';
import { DeleteRoleZone } from '@/components/roles/delete-role-zone';
import { rolePutSnippet, type ApplicationPrivilegeView, type IndexPrivilegeView } from '@/components/roles/types';
import { DescribedFormGroup } from '@/components/users/described-form-group';
import { Badge, BadgeGroup } from '@/components/ui/badge';
import { buttonClassName } from '@/components/ui/button';
import { CallOut } from '@/components/ui/call-out';
import { CodeBlock } from '@/components/ui/code-block';
import { Icon } from '@/components/ui/icon';
import { PageHeader } from '@/components/ui/page-header';
import { Panel } from '@/components/ui/panel';
import { Spacer } from '@/components/ui/spacer';
import { Table, type TableColumn } from '@/components/ui/table';
import { HorizontalRule } from '@/components/ui/typography';

type Params = { params: Promise<{ name: string }> };

/** The route param arrives still percent-encoded (e.g. "logs%20reader"). */
async function nameParam(params: Params['params']): Promise<string> {
  const { name } = await params;
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

/** One read per request, shared by the metadata and the page. */
const loadRole = cache(async (name: string) => getRole(await currentSession(), name));

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const name = await nameParam(params);
  try {
    if (!(await loadRole(name))) return { title: 'Role not found' };
  } catch {
    // No permission or no backend: the page says so; the title names the role asked for.
  }
  return { title: `Role ${name}` };
}

function badges(values: string[], testId: string): ReactNode {
  if (values.length === 0) return <span className="pc-text--subdued">None</span>;
  return (
    <BadgeGroup data-testid={testId}>
      {values.map((value) => (
        <Badge key={value}>{value}</Badge>
      ))}
    </BadgeGroup>
  );
}

function monoList(values: string[]): ReactNode {
  return (
    <span className="pc-role-values">
      {values.map((value) => (
        <code key={value} className="pc-mono">
          {value}
        </code>
      ))}
    </span>
  );
}

/** A section whose content needs the panel's full width (the privilege tables): title and description above it. */
function WideSection({ id, title, description, children, testId }: { id: string; title: string; description: string; children: ReactNode; testId: string }) {
  return (
    <section aria-labelledby={id} data-testid={testId}>
      <h2 id={id} className="pc-title pc-title--xs">
        {title}
      </h2>
      <p className="pc-described__description pc-role-section__description">{description}</p>
      <Spacer size="m" />
      {children}
    </section>
  );
}

const INDEX_COLUMNS: TableColumn<IndexPrivilegeView>[] = [
  {
    key: 'names',
    name: 'Indices',
    width: '28%',
    render: (entry) => (
      <>
        {monoList(entry.names)}
        {entry.allowRestrictedIndices ? (
          <>
            {' '}
            <Badge color="warning">Restricted indices allowed</Badge>
          </>
        ) : null}
      </>
    ),
  },
  { key: 'privileges', name: 'Privileges', width: '28%', render: (entry) => badges(entry.privileges, 'indexPrivileges') },
  {
    key: 'fields',
    name: 'Field-level security',
    width: '22%',
    render: (entry) =>
      entry.fieldSecurity ? (
        <span className="pc-role-values pc-role-values--stacked">
          {entry.fieldSecurity.grant ? <span>Granted: {monoList(entry.fieldSecurity.grant)}</span> : null}
          {entry.fieldSecurity.except?.length ? <span>Denied: {monoList(entry.fieldSecurity.except)}</span> : null}
        </span>
      ) : (
        <span className="pc-text--subdued">All fields</span>
      ),
  },
  {
    key: 'query',
    name: 'Document-level security',
    width: '22%',
    render: (entry) =>
      entry.query ? (
        <code className="pc-mono pc-role-query" title={entry.query}>
          {entry.query}
        </code>
      ) : (
        <span className="pc-text--subdued">All documents</span>
      ),
  },
];

const APPLICATION_COLUMNS: TableColumn<ApplicationPrivilegeView>[] = [
  { field: 'application', name: 'Application', width: '30%', render: (app) => <code className="pc-mono">{app.application}</code> },
  { key: 'privileges', name: 'Privileges', width: '35%', render: (app) => badges(app.privileges, 'applicationPrivileges') },
  { key: 'resources', name: 'Resources', width: '35%', render: (app) => monoList(app.resources) },
];

export default async function RolePage({ params }: Params) {
  const name = await nameParam(params);
  const session = await currentSession();
  const permissions = await consolePermissions(session);
  if (!permissions.manageUsers) return <PermissionPrompt privilege="manage_security" what="manage roles" />;
  const role = await loadRole(name);
  if (!role) notFound();
  // What PUT /_security/role takes: the descriptor without the fields Elasticsearch adds itself.
  const { transient_metadata: _transient, ...putBody } = (role.json[role.name] ?? {}) as Record<string, unknown>;
  void _transient;
  const metadata = Object.fromEntries(Object.entries(role.metadata).filter(([key]) => !key.startsWith('_')));

  return (
    <>
      <PageHeader
        pageTitle={
          <span className="pc-role-title">
            <span className="pc-role-title__name">{role.name}</span>
            {role.reserved ? (
              <Badge color="primary" title="Built-in roles can't be edited or deleted." data-testid="reservedRoleBadge">
                Reserved
              </Badge>
            ) : null}
            {role.deprecated ? <Badge color="warning">Deprecated</Badge> : null}
          </span>
        }
        description={role.description ?? undefined}
        bottomBorder
        rightSideItems={[
          <Link key="back" href="/roles" className={buttonClassName({ display: 'empty' })} data-testid="backToRoles">
            <span className="pc-button__content">
              <Icon type="arrowLeft" />
              <span className="pc-button__label">Back to roles</span>
            </span>
          </Link>,
        ]}
      />
      <Spacer size="l" />
      {role.reserved ? (
        <CallOut iconType="lock" title="This role is built in and can't be edited or deleted." data-testid="reservedRoleCallOut" />
      ) : (
        <CallOut title="Create and edit roles with the role API" iconType="info" data-testid="roleApiCallOut">
          <p>This console shows roles read-only. To change this role, send its new definition to the role API:</p>
          <Spacer size="s" />
          <CodeBlock language="text" aria-label="Role update request" paddingSize="s" overflowHeight={240} data-testid="roleApiSnippet">
            {rolePutSnippet(role.name, putBody)}
          </CodeBlock>
        </CallOut>
      )}
      <Spacer size="l" />
      <Panel paddingSize="l" as="section" aria-label="Role privileges" data-testid="rolePrivileges">
        <DescribedFormGroup title="Description" description="What the role is for." data-testid="roleDescriptionSection">
          {role.description ? <p className="pc-role-text">{role.description}</p> : <span className="pc-text--subdued">None</span>}
        </DescribedFormGroup>
        <HorizontalRule />
        <DescribedFormGroup
          title="Cluster privileges"
          description="Actions on the cluster, such as monitoring it or managing security."
          data-testid="roleClusterSection"
        >
          {badges(role.cluster, 'clusterPrivileges')}
        </DescribedFormGroup>
        <HorizontalRule />
        <WideSection
          id="role-indices-title"
          title="Index privileges"
          description="Access to the indices whose names match the patterns, optionally limited to some fields and documents."
          testId="roleIndicesSection"
        >
          {role.indices.length === 0 ? (
            <span className="pc-text--subdued">None</span>
          ) : (
            <div className="pc-role-table">
              <Table items={role.indices} columns={INDEX_COLUMNS} caption="Index privileges" tableLayout="fixed" data-testid="indexPrivilegesTable" />
            </div>
          )}
        </WideSection>
        <HorizontalRule />
        <WideSection id="role-applications-title" title="Applications" description="Privileges in applications such as Kibana." testId="roleApplicationsSection">
          {role.applications.length === 0 ? (
            <span className="pc-text--subdued">None</span>
          ) : (
            <div className="pc-role-table">
              <Table items={role.applications} columns={APPLICATION_COLUMNS} caption="Application privileges" tableLayout="fixed" />
            </div>
          )}
        </WideSection>
        <HorizontalRule />
        <DescribedFormGroup title="Run as" description="Users this role may submit requests on behalf of." data-testid="roleRunAsSection">
          {badges(role.runAs, 'runAsUsers')}
        </DescribedFormGroup>
        <HorizontalRule />
        <DescribedFormGroup title="Metadata" description="Free-form data about the role." data-testid="roleMetadataSection">
          {Object.keys(metadata).length === 0 ? (
            <span className="pc-text--subdued">None</span>
          ) : (
            <CodeBlock value={metadata} aria-label="Role metadata" paddingSize="s" isCopyable={false} />
          )}
        </DescribedFormGroup>
      </Panel>
      <Spacer size="l" />
      <Panel paddingSize="l" as="section" aria-labelledby="role-json-title" data-testid="roleJsonSection">
        <h2 id="role-json-title" className="pc-title pc-title--xs">
          Role JSON
        </h2>
        <p className="pc-text--subdued pc-role-json__hint">
          As <code className="pc-mono">GET /_security/role/{role.name}</code> returns it.
        </p>
        <Spacer size="s" />
        <CodeBlock value={role.json} aria-label="Role JSON" lineNumbers overflowHeight={480} data-testid="roleJson" />
      </Panel>
      {role.reserved ? null : (
        <>
          <HorizontalRule />
          <DeleteRoleZone name={role.name} />
        </>
      )}
    </>
  );
}
