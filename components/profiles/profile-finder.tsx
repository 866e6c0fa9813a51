'use client';

import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { useEffect, useMemo, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { consoleFetch, type ConsoleApiError } from '@/components/api/console-api';
import { Button, buttonClassName } from '@/components/ui/button';
import { CallOut } from '@/components/ui/call-out';
import { EmptyPrompt } from '@/components/ui/empty-prompt';
import { Panel } from '@/components/ui/panel';
import { Spacer } from '@/components/ui/spacer';
import { Table, type TableColumn, type TableSort } from '@/components/ui/table';
import { TablePagination } from '@/components/ui/table-pagination';
import { TextField } from '@/components/ui/text-field';
import { ProfileStatusBadge, RoleBadges } from './profile-status-badge';
import { RelativeTime } from './relative-time';
import { PROFILES_QUERY_KEY, type ProfileListItem, type ProfileSearchResult } from './types';

/** How long typing must pause before a search is sent. */
export const SEARCH_DEBOUNCE_MS = 250;
/** Suggest ranks matches; the finder reads the best this many and pages through them here. */
const FETCH_SIZE = 100;
const PAGE_SIZES = [10, 20, 50, 100];

function searchUrl(name: string): string {
  return `/api/console/profiles?name=${encodeURIComponent(name)}&size=${FETCH_SIZE}`;
}

function countText(result: ProfileSearchResult): string {
  const shown = result.profiles.length;
  const noun = result.total === 1 ? 'profile' : 'profiles';
  if (shown < result.total) return `Showing the best ${shown} of ${result.total} ${noun}`;
  return `${result.total} ${noun}`;
}

function compare(a: ProfileListItem, b: ProfileListItem, field: string): number {
  if (field === 'lastSynchronized') return (a.lastSynchronized ?? 0) - (b.lastSynchronized ?? 0);
  const key = field as 'username' | 'fullName' | 'email';
  return (a[key] ?? '').localeCompare(b[key] ?? '', 'en', { sensitivity: 'base' });
}

/** A cell that may be cut off with an ellipsis keeps its full text in a tooltip. */
function truncated(text: string | null) {
  return text ? <span title={text}>{text}</span> : '—';
}

const COLUMNS: TableColumn<ProfileListItem>[] = [
  {
    field: 'username',
    name: 'Username',
    sortable: true,
    truncate: true,
    width: '18%',
    render: (p) => (
      <Link href={`/profiles/${encodeURIComponent(p.uid)}`} className="pc-link" title={p.username} data-testid="profileLink">
        {p.username}
      </Link>
    ),
  },
  { field: 'fullName', name: 'Full name', sortable: true, truncate: true, width: '14%', render: (p) => truncated(p.fullName) },
  { field: 'email', name: 'Email address', sortable: true, truncate: true, width: '17%', render: (p) => truncated(p.email) },
  { field: 'roles', name: 'Roles', width: '15%', render: (p) => <RoleBadges roles={p.roles} /> },
  {
    field: 'realmName',
    name: 'Realm',
    truncate: true,
    width: '9%',
    render: (p) => (
      <span className="pc-mono" title={p.realmName}>
        {p.realmName}
      </span>
    ),
  },
  { field: 'enabled', name: 'Status', width: '96px', render: (p) => <ProfileStatusBadge enabled={p.enabled} /> },
  {
    field: 'lastSynchronized',
    name: 'Last synchronized',
    sortable: true,
    width: '16%',
    render: (p) => (p.lastSynchronized === null ? '—' : <RelativeTime ms={p.lastSynchronized} />),
  },
];

export interface ProfileFinderProps {
  /** The search the page was opened with (?q=). */
  initialName: string;
  /** The server's answer for initialName, so the first paint has rows; null to fetch here. */
  initialResult: ProfileSearchResult | null;
  initialResultAt: number;
}

/**
 * The profile finder: search as you type (debounced, previous rows stay while the next search
 * runs), a live result count, and the Kibana users-table columns, paged here.
 */
export function ProfileFinder({ initialName, initialResult, initialResultAt }: ProfileFinderProps) {
  // The address wins over the server's prop: Back may restore a page rendered for another search.
  const addressName = useSearchParams().get('q');
  const [name, setName] = useState(() => (addressName ?? initialName).slice(0, 256));
  const [searched, setSearched] = useState(() => name.trim());
  const [pageIndex, setPageIndex] = useState(0);
  const [pageSize, setPageSize] = useState(20);
  const [sort, setSort] = useState<TableSort | undefined>(undefined);

  useEffect(() => {
    const timer = setTimeout(() => setSearched(name.trim()), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [name]);

  // Keep the search in the address, so Back from a profile returns to the same results.
  useEffect(() => {
    const url = new URL(window.location.href);
    if (searched) url.searchParams.set('q', searched);
    else url.searchParams.delete('q');
    if (url.href !== window.location.href) window.history.replaceState(window.history.state, '', url);
  }, [searched]);

  const initialKey = initialName.trim();
  const query = useQuery<ProfileSearchResult, ConsoleApiError>({
    queryKey: [...PROFILES_QUERY_KEY, searched],
    queryFn: ({ signal }) => consoleFetch<ProfileSearchResult>(searchUrl(searched), { signal }),
    placeholderData: keepPreviousData,
    initialData: searched === initialKey && initialResult ? initialResult : undefined,
    initialDataUpdatedAt: initialResultAt,
  });

  const result = query.data;
  const rows = useMemo(() => {
    const items = result?.profiles ?? [];
    if (!sort) return items;
    const sorted = [...items].sort((a, b) => compare(a, b, sort.field));
    return sort.direction === 'asc' ? sorted : sorted.reverse();
  }, [result, sort]);
  const lastPage = Math.max(0, Math.ceil(rows.length / pageSize) - 1);
  const page = Math.min(pageIndex, lastPage);
  const pageRows = rows.slice(page * pageSize, (page + 1) * pageSize);
  const busy = query.isFetching && (query.isPlaceholderData || !result);

  const onSearchChange = (value: string) => {
    setName(value);
    setPageIndex(0);
  };

  let body;
  if (query.isError && !result) {
    body = (
      <CallOut color="danger" title="Could not load profiles" role="alert" data-testid="profilesError">
        <p>{query.error.message}</p>
        <Button size="s" color="danger" onClick={() => void query.refetch()}>
          Try again
        </Button>
      </CallOut>
    );
  } else if (result && result.total === 0 && !query.isPlaceholderData) {
    body = searched ? (
      <EmptyPrompt
        iconType="search"
        titleSize="s"
        title={<>No profiles match &ldquo;{searched}&rdquo;</>}
        body={
          <p>
            The search matches the start of a username, of a word in a full name, or of an email address. Disabled
            profiles are not listed.
          </p>
        }
        actions={
          <Button display="empty" onClick={() => onSearchChange('')}>
            Clear search
          </Button>
        }
        data-testid="profilesNoMatch"
      />
    ) : (
      <EmptyPrompt
        iconType="users"
        titleSize="s"
        title="No profiles yet"
        body={
          <p>
            Users get a profile when they first sign in to Kibana, or when you activate one for them. Disabled profiles
            are not listed.
          </p>
        }
        actions={
          <Link href="/profiles/activate" className={buttonClassName({ display: 'fill' })}>
            Activate a profile
          </Link>
        }
        data-testid="profilesEmpty"
      />
    );
  } else {
    body = (
      <>
        {query.isError ? (
          <>
            <CallOut color="danger" title="Could not refresh the results" role="alert" size="s" data-testid="profilesError">
              <p>{query.error.message}</p>
            </CallOut>
            <Spacer size="m" />
          </>
        ) : null}
        <Table
          caption="User profiles"
          items={pageRows}
          columns={COLUMNS}
          getRowId={(p) => p.uid}
          rowHeader="username"
          tableLayout="fixed"
          loading={busy}
          sort={sort}
          onSort={(field) => {
            setSort((s) => ({ field, direction: s?.field === field && s.direction === 'asc' ? 'desc' : 'asc' }));
            setPageIndex(0);
          }}
          rowProps={() => ({ 'data-testid': 'profileRow' })}
          data-testid="profilesTable"
        />
        {rows.length > PAGE_SIZES[0] ? (
          <>
            <Spacer size="s" />
            <TablePagination
              pageIndex={page}
              pageSize={pageSize}
              totalItemCount={rows.length}
              pageSizeOptions={PAGE_SIZES}
              onChangePage={setPageIndex}
              onChangePageSize={(size) => {
                setPageSize(size);
                setPageIndex(0);
              }}
              aria-label="Profiles pagination"
            />
          </>
        ) : null}
      </>
    );
  }

  return (
    <Panel paddingSize="l" as="section" aria-label="Profiles" className="pc-profiles">
      <form
        role="search"
        className="pc-profiles__search"
        onSubmit={(event) => {
          event.preventDefault();
          setSearched(name.trim());
        }}
      >
        <TextField
          type="search"
          iconType="search"
          fullWidth
          value={name}
          onChange={(event) => onSearchChange(event.target.value)}
          aria-label="Search profiles"
          placeholder="Search by username, full name or email"
          autoComplete="off"
          spellCheck={false}
          data-testid="profileSearch"
        />
      </form>
      <Spacer size="s" />
      <p className="pc-profiles__count" role="status" data-testid="profilesCount">
        {result ? countText(result) : query.isFetching ? 'Searching…' : ''}
      </p>
      <Spacer size="s" />
      {body}
    </Panel>
  );
}
