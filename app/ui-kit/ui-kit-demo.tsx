'use client';
/** The UI kit demo body (client side: interactive examples). Rendered by app/ui-kit/page.tsx. */
import { useState } from 'react';
import { ConsoleShell } from '@/components/chrome/console-shell';
import { ThemeSwitch } from '@/components/theme/theme-switch';
import { Avatar } from '@/components/ui/avatar';
import { Badge, BadgeGroup } from '@/components/ui/badge';
import { Button, buttonClassName, type ButtonColor, type ButtonDisplay } from '@/components/ui/button';
import { CallOut } from '@/components/ui/call-out';
import { Checkbox } from '@/components/ui/checkbox';
import { CodeBlock } from '@/components/ui/code-block';
import { ConfirmModal } from '@/components/ui/confirm-modal';
import { DescriptionList } from '@/components/ui/description-list';
import { EmptyPrompt } from '@/components/ui/empty-prompt';
import { FormRow } from '@/components/ui/form-row';
import { Icon, ICON_TYPES } from '@/components/ui/icon';
import { LoadingSpinner } from '@/components/ui/loading-spinner';
import { Modal } from '@/components/ui/modal';
import { PageHeader } from '@/components/ui/page-header';
import { Panel } from '@/components/ui/panel';
import { PasswordField } from '@/components/ui/password-field';
import { SegmentedControl } from '@/components/ui/segmented-control';
import { Select } from '@/components/ui/select';
import { Spacer } from '@/components/ui/spacer';
import { Switch } from '@/components/ui/switch';
import { Table, type TableColumn, type TableSort } from '@/components/ui/table';
import { TablePagination } from '@/components/ui/table-pagination';
import { TextArea } from '@/components/ui/text-area';
import { TextField } from '@/components/ui/text-field';
import { useToasts } from '@/components/ui/toast';
import { CodeInline, HorizontalRule, Text, Title } from '@/components/ui/typography';

const SAMPLE_PROFILE = {
  uid: 'u_79HkWkwmnBH5gqFKwoxggWPjEBOur1zLPXQPEl1VBW0_0',
  enabled: true,
  last_synchronized: 1795779859358,
  user: {
    username: 'jacknich',
    roles: ['viewer'],
    realm_name: 'default_native',
    email: 'jacknich@example.com',
    full_name: 'Jack Nicholson',
  },
  labels: {},
  data: { app: { theme: null, pinned: false } },
  _doc: { _primary_term: 1, _seq_no: 0 },
};

interface ProfileRow {
  uid: string;
  username: string;
  fullName: string | null;
  email: string | null;
  roles: string[];
  realm: string;
  enabled: boolean;
}

const ROWS: ProfileRow[] = [
  { uid: 'u_79HkWkwmnBH5gqFKwoxggWPjEBOur1zLPXQPEl1VBW0_0', username: 'jacknich', fullName: 'Jack Nicholson', email: 'jacknich@example.com', roles: ['viewer'], realm: 'default_native', enabled: true },
  { uid: 'u_P_0BMHgaOK3p7k-PFWUCbw9dQ-UFjt01oWJ_Dp2PmPc_0', username: 'elastic', fullName: null, email: null, roles: ['superuser'], realm: 'reserved', enabled: true },
  { uid: 'u_kd2JMHgaOK3p7k-PFWUCbw9dQ-UFjt01oWJ_Dp2PmPc_0', username: 'lmayer', fullName: 'Laura Mayer', email: 'lmayer@example.com', roles: ['editor', 'kibana_admin'], realm: 'default_native', enabled: false },
  { uid: 'u_Zq0nA1-mS3bXo5rN7q1f0v6J1o8ZVtQk4T2dGZs3Yc8_0', username: 'svc-reports', fullName: 'Reports service', email: null, roles: ['viewer', 'user_profile_admin', 'monitoring_user'], realm: 'jwt1', enabled: true },
];

const SWATCHES = [
  ['--color-bg-page', 'page'],
  ['--color-bg-surface', 'surface'],
  ['--color-bg-subdued', 'subdued'],
  ['--color-primary', 'primary'],
  ['--color-text-primary', 'text primary'],
  ['--color-accent', 'accent'],
  ['--color-success', 'success'],
  ['--color-warning', 'warning'],
  ['--color-danger', 'danger'],
  ['--color-text', 'text'],
  ['--color-text-heading', 'heading'],
  ['--color-text-subdued', 'subdued text'],
  ['--color-border', 'border'],
  ['--color-border-control', 'control border'],
] as const;

function Section({ title, id, children }: { title: string; id: string; children: React.ReactNode }) {
  return (
    <Panel as="section" paddingSize="l" aria-labelledby={id}>
      <Title size="s" id={id}>
        {title}
      </Title>
      <Spacer size="m" />
      {children}
    </Panel>
  );
}

export function UiKitDemo() {
  return (
    <ConsoleShell
      username="elastic"
      breadcrumbs={[{ text: 'Developer' }, { text: 'UI kit' }]}
      onSignOut={() => new Promise<void>((resolve) => setTimeout(resolve, 800))}
    >
      <Demo />
    </ConsoleShell>
  );
}

function Demo() {
  const toasts = useToasts();
  const [grant, setGrant] = useState<'password' | 'access_token'>('password');
  const [username, setUsername] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [loading, setLoading] = useState(false);
  const [showReserved, setShowReserved] = useState(true);
  const [confirmOpen, setConfirmOpen] = useState(false);
  const [confirmBusy, setConfirmBusy] = useState(false);
  const [modalOpen, setModalOpen] = useState(false);
  const [selected, setSelected] = useState<string[]>([]);
  const [sort, setSort] = useState<TableSort>({ field: 'username', direction: 'asc' });
  const [page, setPage] = useState(0);
  const [pageSize, setPageSize] = useState(20);

  const usernameError = submitted && username.trim() === '' ? 'Enter a username.' : undefined;
  const sorted = [...ROWS].sort((a, b) => {
    const av = String(a[sort.field as keyof ProfileRow] ?? '');
    const bv = String(b[sort.field as keyof ProfileRow] ?? '');
    return sort.direction === 'asc' ? av.localeCompare(bv) : bv.localeCompare(av);
  });

  const columns: TableColumn<ProfileRow>[] = [
    {
      field: 'uid',
      name: 'UID',
      width: '22%',
      truncate: true,
      render: (p) => (
        <a className="pc-link pc-mono" href={`#${p.uid}`} title={p.uid}>
          {p.uid}
        </a>
      ),
    },
    { field: 'username', name: 'Username', sortable: true },
    { field: 'fullName', name: 'Full name', sortable: true, truncate: true },
    { field: 'email', name: 'Email', truncate: true },
    {
      field: 'roles',
      name: 'Roles',
      width: '22%',
      render: (p) => (
        <BadgeGroup>
          {p.roles.map((r) => (
            <Badge key={r}>{r}</Badge>
          ))}
        </BadgeGroup>
      ),
    },
    {
      field: 'enabled',
      name: 'Status',
      width: '10%',
      render: (p) => (p.enabled ? <Badge color="success">Enabled</Badge> : <Badge color="hollow">Disabled</Badge>),
    },
    {
      key: 'actions',
      name: <span className="pc-visually-hidden">Actions</span>,
      align: 'right',
      width: '88px',
      render: (p) => (
        <span className="pc-table__actions">
          <Button display="empty" size="xs" iconOnly iconType="eye" aria-label={`View ${p.username}`} />
          <Button
            display="empty"
            size="xs"
            color="danger"
            iconOnly
            iconType={p.enabled ? 'minusInCircle' : 'plusInCircle'}
            aria-label={`${p.enabled ? 'Disable' : 'Enable'} ${p.username}`}
          />
        </span>
      ),
    },
  ];

  const displays: ButtonDisplay[] = ['fill', 'base', 'empty'];
  const colors: ButtonColor[] = ['primary', 'danger', 'success', 'text'];

  return (
    <div className="pc-page">
      <PageHeader
        pageTitle="UI kit"
        description="Profile Console's Kibana-style components (Borealis tokens, light and dark). Not part of the product navigation."
        bottomBorder
        rightSideItems={[
          <Button key="create" display="fill" iconType="plusInCircle">
            Create user
          </Button>,
          <Button key="docs" display="empty" iconType="popout" iconSide="right">
            Documentation
          </Button>,
        ]}
      />

      <Section title="Colour mode and tokens" id="kit-theme">
        <div className="pc-kit-grid">
          <div style={{ maxWidth: 320 }}>
            <ThemeSwitch />
          </div>
          <div className="pc-kit-swatches">
            {SWATCHES.map(([token, label]) => (
              <div key={token} className="pc-kit-swatch">
                <span className="pc-kit-swatch__chip" style={{ background: `var(${token})` }} />
                <span>{label}</span>
              </div>
            ))}
          </div>
        </div>
      </Section>

      <Section title="Buttons" id="kit-buttons">
        {displays.map((display) => (
          <div key={display}>
            <div className="pc-button-row">
              {colors.map((color) => (
                <Button key={color} display={display} color={color}>
                  {display} {color}
                </Button>
              ))}
              <Button display={display} disabled>
                Disabled
              </Button>
            </div>
            <Spacer size="s" />
          </div>
        ))}
        <div className="pc-button-row">
          <Button display="fill" iconType="plusInCircle">
            Create user
          </Button>
          <Button display="fill" size="s" iconType="check">
            Small
          </Button>
          <Button display="base" size="xs" iconType="copy">
            Extra small
          </Button>
          <Button
            display="fill"
            isLoading={loading}
            busyLabel="Activating…"
            onClick={() => {
              setLoading(true);
              setTimeout(() => setLoading(false), 2000);
            }}
          >
            Activate profile
          </Button>
          <Button display="fill" isLoading busyLabel="Saving changes…" color="success">
            Save changes
          </Button>
          <Button display="empty" color="text" iconOnly iconType="pencil" aria-label="Edit jacknich" />
          <Button display="base" iconOnly iconType="trash" color="danger" aria-label="Delete jacknich" />
          <Button display="fill" size="s" iconOnly iconType="refresh" aria-label="Refresh" />
          <a className={buttonClassName({ display: 'base', size: 's' })} href="#kit-buttons">
            <Icon type="arrowRight" /> Link as button
          </a>
        </div>
      </Section>

      <div className="pc-kit-grid">
        <Section title="Form controls" id="kit-forms">
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              setSubmitted(true);
            }}
          >
            <FormRow label="Grant type" labelType="legend" helpText="How the user proves who they are.">
              <SegmentedControl
                idSelected={grant}
                onChange={setGrant}
                options={[
                  { id: 'password', label: 'Password', iconType: 'key' },
                  { id: 'access_token', label: 'Access token', iconType: 'document' },
                ]}
              />
            </FormRow>
            {grant === 'password' ? (
              <>
                <FormRow label="Username" error={usernameError} helpText="The user whose profile to activate.">
                  <TextField value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="off" />
                </FormRow>
                <FormRow label="Password">
                  <PasswordField autoComplete="off" />
                </FormRow>
              </>
            ) : (
              <FormRow label="Access token" helpText="An Elasticsearch access token or a JWT.">
                <TextArea mono rows={3} />
              </FormRow>
            )}
            <FormRow label="Realm" labelAppend="Optional">
              <Select
                options={[
                  { value: 'default_native', text: 'default_native' },
                  { value: 'jwt1', text: 'jwt1' },
                ]}
              />
            </FormRow>
            <FormRow label="Disabled field">
              <TextField value="cannot change" disabled readOnly />
            </FormRow>
            <FormRow label="Invalid field" error={['Username must not contain leading or trailing spaces.']}>
              <TextField defaultValue=" jack " />
            </FormRow>
            <FormRow label="Search" labelType="label">
              <TextField iconType="search" placeholder="Search profiles" type="search" />
            </FormRow>
            <Spacer size="m" />
            <Checkbox label="Also enable the profile" defaultChecked />
            <Spacer size="s" />
            <Switch label="Show reserved users" checked={showReserved} onChange={setShowReserved} />
            <Spacer size="l" />
            <div className="pc-button-row">
              <Button type="submit" display="fill">
                Activate profile
              </Button>
              <Button display="empty" onClick={() => setSubmitted(false)}>
                Cancel
              </Button>
            </div>
          </form>
        </Section>

        <Section title="Call-outs and badges" id="kit-callouts">
          <CallOut title="Profiles are created on first sign-in">
            Activate a profile here to make a user available as an assignee before they sign in.
          </CallOut>
          <Spacer size="m" />
          <CallOut color="success" title="Activated profile for 'jacknich'" />
          <Spacer size="m" />
          <CallOut color="warning" title="This user is deprecated." iconType="alert">
            Use <CodeInline>jnicholson</CodeInline> instead.
          </CallOut>
          <Spacer size="m" />
          <CallOut color="danger" title="Could not activate profile" role="alert" onDismiss={() => toasts.addInfo('Dismissed')}>
            <p>unable to authenticate user [jacknich] for REST request [/_security/profile/_activate]</p>
          </CallOut>
          <Spacer size="m" />
          <CallOut size="s" iconType="lock" title="This user is built in and can't be updated or deleted." />
          <Spacer size="l" />
          <BadgeGroup>
            <Badge>default</Badge>
            <Badge color="hollow">Disabled</Badge>
            <Badge color="primary">Reserved</Badge>
            <Badge color="success">200 - OK</Badge>
            <Badge color="warning">403 - Forbidden</Badge>
            <Badge color="danger">500 - Internal Server Error</Badge>
            <Badge color="accent">accent</Badge>
            <Badge color="hollow" iconType="lock">
              Read only
            </Badge>
            <Badge color="hollow">123 ms</Badge>
          </BadgeGroup>
          <Spacer size="l" />
          <div className="pc-flex pc-flex--s">
            <Avatar name="jacknich" />
            <Avatar name="Laura Mayer" size="m" />
            <Avatar name="elastic" size="l" />
            <LoadingSpinner />
            <LoadingSpinner size="l" />
          </div>
          <Spacer size="l" />
          <DescriptionList
            type="columns"
            items={[
              { title: 'Username', description: 'jacknich' },
              { title: 'Realm', description: 'default_native' },
              { title: 'Roles', description: 'viewer' },
            ]}
          />
        </Section>
      </div>

      <Section title="Panels" id="kit-panels">
        <div className="pc-kit-grid">
          <Panel paddingSize="s">plain, padding s</Panel>
          <Panel>plain, padding m (default)</Panel>
          <Panel paddingSize="l" hasShadow>
            plain, padding l, shadow
          </Panel>
          <Panel color="subdued">subdued</Panel>
          <Panel color="primary">primary</Panel>
          <Panel color="danger">danger</Panel>
        </div>
        <Spacer />
        <Panel color="subdued" paddingSize="l">
          <div className="pc-flex pc-flex--between">
            <div>
              <Title size="xxs" as="h3">
                Disable profile
              </Title>
              <Text color="subdued">Disabled profiles are hidden from suggestions and assignee lists.</Text>
            </div>
            <Button size="s" color="danger" onClick={() => setConfirmOpen(true)}>
              Disable profile
            </Button>
          </div>
        </Panel>
      </Section>

      <Section title="Code block" id="kit-code">
        <div className="pc-flex pc-flex--s">
          <Badge color="success">200 - OK</Badge>
          <Badge color="hollow">42 ms</Badge>
        </div>
        <Spacer size="s" />
        <CodeBlock value={SAMPLE_PROFILE} lineNumbers overflowHeight={320} aria-label="Profile JSON" />
        <Spacer size="m" />
        <CodeBlock language="text" aria-label="cURL command" whiteSpace="pre-wrap">
          {`curl -u <username>:<password> -X POST "http://127.0.0.1:3000/_security/profile/_activate" -H 'Content-Type: application/json' -d '{"grant_type":"password","username":"jacknich","password":"<password>"}'`}
        </CodeBlock>
      </Section>

      <Section title="Table" id="kit-table">
        <div className="pc-flex pc-flex--between">
          <div className="pc-flex pc-flex--s">
            {selected.length > 0 ? (
              <Button color="danger" size="s" iconType="minusInCircle">
                Disable {selected.length} profile{selected.length === 1 ? '' : 's'}
              </Button>
            ) : null}
          </div>
          <Switch label="Show disabled profiles" checked={showReserved} onChange={setShowReserved} />
        </div>
        <Spacer size="m" />
        <Table
          caption="User profiles"
          items={sorted}
          columns={columns}
          getRowId={(p) => p.uid}
          rowHeader="username"
          sort={sort}
          onSort={(field) =>
            setSort((s) => ({ field, direction: s.field === field && s.direction === 'asc' ? 'desc' : 'asc' }))
          }
          selection={{
            selectedIds: selected,
            onChange: setSelected,
            isSelectable: (p) => p.realm !== 'reserved',
            rowLabel: (p) => `Select ${p.username}`,
          }}
        />
        <TablePagination
          pageIndex={page}
          pageSize={pageSize}
          totalItemCount={187}
          onChangePage={setPage}
          onChangePageSize={(n) => {
            setPageSize(n);
            setPage(0);
          }}
        />
        <Spacer />
        <Table caption="No results" items={[] as ProfileRow[]} columns={columns.slice(1, 4)} noItemsMessage="No profiles match your search." />
      </Section>

      <div className="pc-kit-grid">
        <Section title="Empty prompt" id="kit-empty">
          <EmptyPrompt
            color="subdued"
            iconType="securityApp"
            iconColor="danger"
            title="You need permission to manage user profiles"
            body="Contact your system administrator."
          />
        </Section>
        <Section title="Modals and toasts" id="kit-overlays">
          <div className="pc-button-row">
            <Button color="danger" onClick={() => setConfirmOpen(true)} data-testid="openConfirm">
              Open confirm modal
            </Button>
            <Button onClick={() => setModalOpen(true)}>Open modal</Button>
          </div>
          <Spacer size="m" />
          <div className="pc-button-row">
            <Button size="s" color="success" onClick={() => toasts.addSuccess("Activated profile for 'jacknich'")}>
              Success toast
            </Button>
            <Button
              size="s"
              color="danger"
              onClick={() =>
                toasts.addDanger('Could not disable profile', 'action [cluster:admin/xpack/security/profile/set_enabled] is unauthorized', {
                  action: { label: 'See the full error', onClick: () => setModalOpen(true) },
                })
              }
            >
              Danger toast
            </Button>
            <Button size="s" color="text" onClick={() => toasts.addWarning('Showing 10,000 of 12,345 profiles')}>
              Warning toast
            </Button>
          </div>
          <HorizontalRule />
          <Text color="subdued" size="xs">
            Icons:
          </Text>
          <Spacer size="s" />
          <div className="pc-flex pc-flex--s" style={{ color: 'var(--color-text-heading)' }}>
            {ICON_TYPES.map((t) => (
              <Icon key={t} type={t} title={t} />
            ))}
          </div>
        </Section>
      </div>

      {confirmOpen ? (
        <ConfirmModal
          title="Disable profile 'jacknich'?"
          buttonColor="danger"
          confirmButtonText="Disable profile"
          busyLabel="Disabling profile…"
          isLoading={confirmBusy}
          onCancel={() => setConfirmOpen(false)}
          onConfirm={() => {
            setConfirmBusy(true);
            setTimeout(() => {
              setConfirmBusy(false);
              setConfirmOpen(false);
              toasts.addSuccess("Disabled profile for 'jacknich'");
            }, 1200);
          }}
        >
          <p>The profile stays in the index but no longer shows up in suggestions. You can enable it again later.</p>
        </ConfirmModal>
      ) : null}
      {modalOpen ? (
        <Modal
          title="Could not disable profile"
          size="m"
          onClose={() => setModalOpen(false)}
          footer={
            <Button display="fill" onClick={() => setModalOpen(false)}>
              Close
            </Button>
          }
        >
          <CallOut color="danger" title="action is unauthorized" />
          <Spacer size="m" />
          <CodeBlock value={{ error: { code: 'forbidden', message: 'action [cluster:admin/xpack/security/profile/set_enabled] is unauthorized for user [viewer]' } }} />
        </Modal>
      ) : null}
    </div>
  );
}
