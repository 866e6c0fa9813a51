'use client';

import Link from 'next/link';
import { Badge, BadgeGroup } from '@/components/ui/badge';
import { type TableColumn, type TableSort } from '@/components/ui/table';
import { SearchableTable } from '@/components/ui/searchable-table';
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
  return (
    <SearchableTable
      items={roles}
      columns={COLUMNS}
      noun="role"
      nounPlural="roles"
      matches={matches}
      compare={compare}
      defaultSortField="name"
      getRowId={(role) => role.name}
      className="pc-roles-table"
      testIdNoun="role"
    />
  );
}
