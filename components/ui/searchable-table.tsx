'use client';

import { useMemo, useState } from 'react';
import { Switch } from '@/components/ui/switch';
import { Table, type TableColumn, type TableSort } from '@/components/ui/table';
import { TablePagination } from '@/components/ui/table-pagination';
import { TextField } from '@/components/ui/text-field';

export interface SearchableTableProps<T extends { reserved: boolean }> {
  items: T[];
  columns: TableColumn<T>[];
  /** Singular and plural nouns, lower case ("user", "users"): labels, counts and messages use them. */
  noun: string;
  nounPlural: string;
  /** Whether an item matches the (trimmed) search text; called with '' for "no search". */
  matches: (item: T, query: string) => boolean;
  compare: (a: T, b: T, sort: TableSort) => number;
  defaultSortField: keyof T & string;
  getRowId: (item: T) => string;
  className?: string;
  /** Test ids: `search{Plural}`, `showReserved{Plural}Switch`, `{noun}Row`, `{plural}Table`. */
  testIdNoun: string;
}

const capitalized = (word: string) => word[0].toUpperCase() + word.slice(1);

/**
 * Kibana's management grids (users, roles): a search field, a "Show reserved …" switch,
 * sortable columns and pages of 20, all on the client. Each list supplies its columns, how an
 * item matches a search and how two items sort.
 */
export function SearchableTable<T extends { reserved: boolean }>({
  items,
  columns,
  noun,
  nounPlural,
  matches,
  compare,
  defaultSortField,
  getRowId,
  className,
  testIdNoun,
}: SearchableTableProps<T>) {
  const [query, setQuery] = useState('');
  const [showReserved, setShowReserved] = useState(true);
  const [sort, setSort] = useState<TableSort>({ field: defaultSortField, direction: 'asc' });
  const [pageIndex, setPageIndex] = useState(0);
  const [pageSize, setPageSize] = useState(20);

  const visible = useMemo(
    () => items.filter((item) => (showReserved || !item.reserved) && matches(item, query.trim())).sort((a, b) => compare(a, b, sort)),
    [items, showReserved, query, sort, matches, compare],
  );
  const pageCount = Math.max(1, Math.ceil(visible.length / pageSize));
  const page = Math.min(pageIndex, pageCount - 1);
  const pageItems = visible.slice(page * pageSize, (page + 1) * pageSize);
  const filtered = visible.length !== items.length;
  const Plural = capitalized(nounPlural);
  const TestPlural = capitalized(testIdNoun) + 's';

  return (
    <div className={['pc-users-table', className].filter(Boolean).join(' ')}>
      <div className="pc-users-table__toolbar">
        <TextField
          type="search"
          iconType="search"
          placeholder="Search…"
          aria-label={`Search ${nounPlural}`}
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setPageIndex(0);
          }}
          className="pc-users-table__search"
          data-testid={`search${TestPlural}`}
        />
        <Switch
          label={`Show reserved ${nounPlural}`}
          checked={showReserved}
          onChange={(checked) => {
            setShowReserved(checked);
            setPageIndex(0);
          }}
          data-testid={`showReserved${TestPlural}Switch`}
        />
      </div>
      <p className="pc-users-table__count" role="status">
        {filtered ? `Showing ${visible.length} of ${items.length} ${nounPlural}` : `${items.length} ${items.length === 1 ? noun : nounPlural}`}
      </p>
      <Table
        items={pageItems}
        columns={columns}
        caption={Plural}
        getRowId={getRowId}
        rowHeader={defaultSortField}
        tableLayout="fixed"
        sort={sort}
        onSort={(field) => {
          setSort((s) => ({ field, direction: s.field === field && s.direction === 'asc' ? 'desc' : 'asc' }));
          setPageIndex(0);
        }}
        noItemsMessage={query ? `No ${nounPlural} match your search.` : `No ${nounPlural} found.`}
        rowProps={() => ({ 'data-testid': `${testIdNoun}Row` })}
        data-testid={`${testIdNoun}sTable`}
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
          aria-label={`${Plural} pages`}
        />
      ) : null}
    </div>
  );
}
