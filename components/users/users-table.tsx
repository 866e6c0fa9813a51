'use client';

import Link from 'next/link';
import { ProfileDisabledBadge } from '@/components/users/profile-disabled-badge';
import { Badge, BadgeGroup } from '@/components/ui/badge';
import { type TableColumn, type TableSort } from '@/components/ui/table';
import { SearchableTable } from '@/components/ui/searchable-table';
import { activateHref, offersProfileActivation, profileHref, userHref, type UserSummary } from './types';

type SortField = 'username' | 'fullName' | 'email';

function matches(user: UserSummary, query: string): boolean {
  if (!query) return true;
  const haystack = [user.username, user.fullName ?? '', user.email ?? '', ...user.roles].join('\n').toLowerCase();
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((term) => haystack.includes(term));
}

function compare(a: UserSummary, b: UserSummary, sort: TableSort): number {
  const field = sort.field as SortField;
  const av = a[field] ?? '';
  const bv = b[field] ?? '';
  const result = av.localeCompare(bv, undefined, { sensitivity: 'base' }) || a.username.localeCompare(b.username);
  return sort.direction === 'asc' ? result : -result;
}

/** A cell value that may be cut with an ellipsis: the full text is in the tooltip. */
function truncated(value: string | null) {
  return value ? <span title={value}>{value}</span> : '—';
}

const COLUMNS: TableColumn<UserSummary>[] = [
  {
    field: 'username',
    name: 'Username',
    sortable: true,
    width: '14%',
    truncate: true,
    render: (user) => (
      <Link className="pc-link" href={userHref(user.username)} title={user.username} data-testid="userRowLink">
        {user.username}
      </Link>
    ),
  },
  { field: 'fullName', name: 'Full name', sortable: true, truncate: true, width: '15%', render: (user) => truncated(user.fullName) },
  { field: 'email', name: 'Email address', sortable: true, truncate: true, width: '17%', render: (user) => truncated(user.email) },
  {
    field: 'roles',
    name: 'Roles',
    width: '20%',
    render: (user) =>
      user.roles.length === 0 ? (
        <span className="pc-text--subdued">None</span>
      ) : (
        <BadgeGroup>
          {user.roles.map((role) => (
            <Badge key={role}>{role}</Badge>
          ))}
        </BadgeGroup>
      ),
  },
  {
    field: 'enabled',
    name: 'Status',
    width: '16%',
    render: (user) => (
      <BadgeGroup>
        {user.enabled ? <Badge color="success">Enabled</Badge> : <Badge color="hollow">Disabled</Badge>}
        {user.reserved ? (
          <Badge color="primary" title="Built-in users can't be updated or deleted.">
            Reserved
          </Badge>
        ) : null}
      </BadgeGroup>
    ),
  },
  {
    field: 'profileUid',
    name: 'Profile',
    width: '18%',
    'data-testid': 'profileCell',
    render: (user) =>
      user.profileUid ? (
        <span className="pc-users-table__profile">
          <Link
            className="pc-link pc-mono pc-users-table__uid"
            href={profileHref(user.profileUid)}
            title={user.profileUid}
            data-testid="profileUidLink"
          >
            {user.profileUid}
          </Link>
          <ProfileDisabledBadge enabled={user.profileEnabled} />
        </span>
      ) : (
        <span className="pc-users-table__no-profile">
          <span className="pc-text--subdued">Not activated</span>
          {offersProfileActivation(user) ? (
            <Link className="pc-link" href={activateHref(user.username)} aria-label={`Activate profile for ${user.username}`} data-testid="activateLink">
              Activate
            </Link>
          ) : null}
        </span>
      ),
  },
];

/**
 * The users list (Kibana's users grid): a search field filtering on username, full name, email
 * and roles, a "Show reserved users" switch, sortable columns, and pages of 20.
 */
export function UsersTable({ users }: { users: UserSummary[] }) {
  return (
    <SearchableTable
      items={users}
      columns={COLUMNS}
      noun="user"
      nounPlural="users"
      matches={matches}
      compare={compare}
      defaultSortField="username"
      getRowId={(user) => user.username}
      testIdNoun="user"
    />
  );
}
