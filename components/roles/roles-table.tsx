'use client';

import Link from 'next/link';
import { useMemo, useState } from 'react';
import { Badge, BadgeGroup } from '@/components/ui/badge';
import { Switch } from '@/components/ui/switch';
import { Table, type TableColumn, type TableSort } from '@/components/ui/table';
import { TablePagination } from '@/components/ui/table-pagination';
import { TextField } from '@/components/ui/text-field';
import { roleHref, type RoleSummary } from './types';

function matches(role: RoleSummary, query: string): boolean {
  if (!query) return true;
  const haystack = [role.name, role.description ?? '', ...role.cluster].join('\n').toLowerCase();
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((term) => haystack.includes(term));
}

function compare(a: RoleSummary, b: RoleSummary, sort: TableSort): number {
  const result =
    sort.field === 'indexPatternCount'
      ? a.indexPatternCount - b.indexPatternCount || a.name.localeCompare(b.name)
      : a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }) || a.name.localeCompare(b.name);
  return sort.direction === 'asc' ? result : -result;
}

const COLUMNS: TableColumn<RoleSummary>[] = [
  {
    field: 'name',
    name: 'Role',
    sortable: true,
    width: '20%',
    render: (role) => (
      <Link className="pc-link" href={roleHref(role.name)} data-testid="roleRowLink">
        {role.name}
      </Link>
    ),
  },
  {
    field: 'description',
    name: 'Description',
    width: '26%',
    render: (role) => role.description ?? <span className="pc-text--subdued">—</span>,
  },
  {
    field: 'cluster',
    name: 'Cluster privileges',
    width: '28%',
    render: (role) =>
      role.cluster.length === 0 ? (
        <span className="pc-text--subdued">None</span>
      ) : (
        <BadgeGroup>
          {role.cluster.map((privilege) => (
            <Badge key={privilege}>{privilege}</Badge>
          ))}
        </BadgeGroup>
      ),
  },
  {
    field: 'indexPatternCount',
    name: 'Index patterns',
    sortable: true,
    width: '12%',
    align: 'right',
    'data-testid': 'indexPatternCount',
    render: (role) => role.indexPatternCount,
  },
  {
    field: 'reserved',
    name: 'Status',
    width: '14%',
    render: (role) =>
      role.reserved || role.deprecated ? (
        <BadgeGroup>
          {role.reserved ? (
            <Badge color="primary" title="Built-in roles can't be edited or deleted.">
              Reserved
            </Badge>
          ) : null}
          {role.deprecated ? <Badge color="warning">Deprecated</Badge> : null}
        </BadgeGroup>
      ) : (
        <span className="pc-text--subdued">Custom</span>
      ),
  },
];

/**
 * The roles list (Kibana's roles grid, read-only): a search field filtering on name, description
 * and cluster privileges, a "Show reserved roles" switch, sortable columns, and pages of 20.
 */
export function RolesTable({ roles }: { roles: RoleSummary[] }) {
  const [query, setQuery] = useState('');
  const [showReserved, setShowReserved] = useState(true);
  const [sort, setSort] = useState<TableSort>({ field: 'name', direction: 'asc' });
  const [pageIndex, setPageIndex] = useState(0);
  const [pageSize, setPageSize] = useState(20);

  const visible = useMemo(
    () => roles.filter((r) => (showReserved || !r.reserved) && matches(r, query.trim())).sort((a, b) => compare(a, b, sort)),
    [roles, showReserved, query, sort],
  );
  const pageCount = Math.max(1, Math.ceil(visible.length / pageSize));
  const page = Math.min(pageIndex, pageCount - 1);
  const items = visible.slice(page * pageSize, (page + 1) * pageSize);
  const filtered = visible.length !== roles.length;

  return (
    <div className="pc-users-table pc-roles-table">
      <div className="pc-users-table__toolbar">
        <TextField
          type="search"
          iconType="search"
          placeholder="Search…"
          aria-label="Search roles"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setPageIndex(0);
          }}
          className="pc-users-table__search"
          data-testid="searchRoles"
        />
        <Switch
          label="Show reserved roles"
          checked={showReserved}
          onChange={(checked) => {
            setShowReserved(checked);
            setPageIndex(0);
          }}
          data-testid="showReservedRolesSwitch"
        />
      </div>
      <p className="pc-users-table__count" role="status">
        {filtered ? `Showing ${visible.length} of ${roles.length} roles` : `${roles.length} ${roles.length === 1 ? 'role' : 'roles'}`}
      </p>
      <Table
        items={items}
        columns={COLUMNS}
        caption="Roles"
        getRowId={(role) => role.name}
        rowHeader="name"
        tableLayout="fixed"
        sort={sort}
        onSort={(field) => {
          setSort((s) => ({ field, direction: s.field === field && s.direction === 'asc' ? 'desc' : 'asc' }));
          setPageIndex(0);
        }}
        noItemsMessage={query ? 'No roles match your search.' : 'No roles found.'}
        rowProps={() => ({ 'data-testid': 'roleRow' })}
        data-testid="rolesTable"
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
          aria-label="Roles pages"
        />
      ) : null}
    </div>
  );
}
