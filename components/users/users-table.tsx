'use client';

import Link from 'next/link';
import { useMemo, useState } from 'react';
import { Badge, BadgeGroup } from '@/components/ui/badge';
import { Switch } from '@/components/ui/switch';
import { Table, type TableColumn, type TableSort } from '@/components/ui/table';
import { TablePagination } from '@/components/ui/table-pagination';
import { TextField } from '@/components/ui/text-field';
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
          {user.profileEnabled === false ? (
            <Badge color="hollow" iconType="minusInCircle" data-testid="profileDisabledBadge">
              Profile disabled
            </Badge>
          ) : null}
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
  const [query, setQuery] = useState('');
  const [showReserved, setShowReserved] = useState(true);
  const [sort, setSort] = useState<TableSort>({ field: 'username', direction: 'asc' });
  const [pageIndex, setPageIndex] = useState(0);
  const [pageSize, setPageSize] = useState(20);

  const visible = useMemo(
    () => users.filter((u) => (showReserved || !u.reserved) && matches(u, query.trim())).sort((a, b) => compare(a, b, sort)),
    [users, showReserved, query, sort],
  );
  const pageCount = Math.max(1, Math.ceil(visible.length / pageSize));
  const page = Math.min(pageIndex, pageCount - 1);
  const items = visible.slice(page * pageSize, (page + 1) * pageSize);
  const filtered = visible.length !== users.length;

  return (
    <div className="pc-users-table">
      <div className="pc-users-table__toolbar">
        <TextField
          type="search"
          iconType="search"
          placeholder="Search…"
          aria-label="Search users"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setPageIndex(0);
          }}
          className="pc-users-table__search"
          data-testid="searchUsers"
        />
        <Switch
          label="Show reserved users"
          checked={showReserved}
          onChange={(checked) => {
            setShowReserved(checked);
            setPageIndex(0);
          }}
          data-testid="showReservedUsersSwitch"
        />
      </div>
      <p className="pc-users-table__count" role="status">
        {filtered ? `Showing ${visible.length} of ${users.length} users` : `${users.length} ${users.length === 1 ? 'user' : 'users'}`}
      </p>
      <Table
        items={items}
        columns={COLUMNS}
        caption="Users"
        getRowId={(user) => user.username}
        rowHeader="username"
        tableLayout="fixed"
        sort={sort}
        onSort={(field) => {
          setSort((s) => ({ field, direction: s.field === field && s.direction === 'asc' ? 'desc' : 'asc' }));
          setPageIndex(0);
        }}
        noItemsMessage={query ? 'No users match your search.' : 'No users found.'}
        rowProps={() => ({ 'data-testid': 'userRow' })}
        data-testid="usersTable"
      />
      {visible.length > 10 ? (
        <TablePagination
          pageIndex={page}
          pageSize={pageSize}
          totalItemCount={visible.length}
          onChangePage={setPageIndex}
          onChangePageSize={(size) => {
            setPageSize(size);
            setPageIndex(0);
          }}
          aria-label="Users pages"
        />
      ) : null}
    </div>
  );
}
