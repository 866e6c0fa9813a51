/**
 * <Table items columns caption getRowId? rowHeader? noItemsMessage? loading? sort? onSort?
 *   selection? rowProps? tableLayout?='auto' captionVisible? />: EuiBasicTable look (you own data, paging
 * and sorting; pair with <TablePagination>).
 * - columns: [{ field?, name, render?(item, index), width?, align?, truncate?, sortable?, key? }]
 *   A cell shows render(item) or item[field]; truncate: one line with an ellipsis (max 240px in
 *   'auto' layout, the column width in 'fixed' layout).
 * - caption: the table's accessible name (visually hidden unless captionVisible).
 * - rowHeader: field whose cell is a <th scope="row"> (e.g. "username").
 * - sort + onSort: sortable headers are buttons; th gets aria-sort.
 * - selection: { selectedIds, onChange(ids), isSelectable?(item), rowLabel?(item) } adds a
 *   checkbox column (select-all in the header); selected rows are tinted.
 * - noItemsMessage (default "No items found"); loading shows a progress bar and aria-busy.
 * Rows tint on hover. Works in server components when no callbacks are passed.
 */
import type { HTMLAttributes, ReactNode } from 'react';
import { cx } from './class-names';
import { Icon } from './icon';

export interface TableColumn<T> {
  field?: keyof T & string;
  name: ReactNode;
  render?: (item: T, index: number) => ReactNode;
  width?: string;
  align?: 'left' | 'right' | 'center';
  truncate?: boolean;
  sortable?: boolean;
  /** React key when there is no field (e.g. an actions column). */
  key?: string;
  'data-testid'?: string;
}

export interface TableSort {
  field: string;
  direction: 'asc' | 'desc';
}

export interface TableSelection<T> {
  selectedIds: string[];
  onChange: (ids: string[]) => void;
  isSelectable?: (item: T) => boolean;
  /** Accessible name of a row checkbox; default "Select row {id}". */
  rowLabel?: (item: T) => string;
}

export interface TableProps<T> {
  items: T[];
  columns: TableColumn<T>[];
  caption: string;
  captionVisible?: boolean;
  getRowId?: (item: T, index: number) => string;
  rowHeader?: keyof T & string;
  noItemsMessage?: ReactNode;
  loading?: boolean;
  sort?: TableSort;
  onSort?: (field: string) => void;
  selection?: TableSelection<T>;
  rowProps?: (item: T, index: number) => HTMLAttributes<HTMLTableRowElement> & { 'data-testid'?: string };
  tableLayout?: 'auto' | 'fixed';
  className?: string;
  'data-testid'?: string;
}

function cellValue<T>(item: T, column: TableColumn<T>, index: number): ReactNode {
  if (column.render) return column.render(item, index);
  if (!column.field) return null;
  const v = (item as Record<string, unknown>)[column.field];
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'string' || typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Array.isArray(v)) return v.join(', ');
  return JSON.stringify(v);
}

export function Table<T>({
  items,
  columns,
  caption,
  captionVisible,
  getRowId,
  rowHeader,
  noItemsMessage = 'No items found',
  loading,
  sort,
  onSort,
  selection,
  rowProps,
  tableLayout = 'auto',
  className,
  'data-testid': testId,
}: TableProps<T>) {
  const idOf = (item: T, i: number) =>
    getRowId ? getRowId(item, i) : String((item as Record<string, unknown>).id ?? i);
  const selectable = selection
    ? items.filter((item) => selection.isSelectable?.(item) ?? true).map((item) => idOf(item, items.indexOf(item)))
    : [];
  const selectedSet = new Set(selection?.selectedIds ?? []);
  const allSelected = selectable.length > 0 && selectable.every((id) => selectedSet.has(id));
  const someSelected = selectable.some((id) => selectedSet.has(id));
  const colCount = columns.length + (selection ? 1 : 0);

  return (
    <div className="pc-table-wrap" data-testid={testId}>
      {loading ? <div className="pc-table__loading-bar" aria-hidden="true" /> : null}
      <table
        className={cx('pc-table', tableLayout === 'fixed' && 'pc-table--fixed', loading && 'pc-table--loading', className)}
        aria-busy={loading || undefined}
      >
        <caption className={captionVisible ? 'pc-title pc-title--xs' : 'pc-visually-hidden'}>{caption}</caption>
        <thead>
          <tr>
            {selection ? (
              <th scope="col" className="pc-table__cell--checkbox">
                <input
                  type="checkbox"
                  aria-label="Select all rows"
                  checked={allSelected}
                  ref={(el) => {
                    if (el) el.indeterminate = someSelected && !allSelected;
                  }}
                  disabled={selectable.length === 0}
                  onChange={() => selection.onChange(allSelected ? [] : selectable)}
                  className="pc-table__checkbox"
                />
              </th>
            ) : null}
            {columns.map((column, ci) => {
              const sorted = sort && column.field && sort.field === column.field ? sort.direction : undefined;
              return (
                <th
                  key={column.key ?? column.field ?? ci}
                  scope="col"
                  style={column.width ? { width: column.width } : undefined}
                  className={cx(column.align && column.align !== 'left' && `pc-table__cell--${column.align}`)}
                  aria-sort={column.sortable ? (sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none') : undefined}
                >
                  {column.sortable && column.field && onSort ? (
                    <button
                      type="button"
                      className="pc-button pc-button--empty pc-button--text pc-button--xs pc-table__sort"
                      onClick={() => onSort(column.field as string)}
                    >
                      <span className="pc-button__content">
                        <span className="pc-button__label">{column.name}</span>
                        {sorted ? <Icon type={sorted === 'asc' ? 'arrowUp' : 'arrowDown'} size="s" /> : null}
                      </span>
                    </button>
                  ) : (
                    column.name
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {items.length === 0 ? (
            <tr className="pc-table__empty">
              <td colSpan={colCount}>{loading ? 'Loading…' : noItemsMessage}</td>
            </tr>
          ) : (
            items.map((item, index) => {
              const id = idOf(item, index);
              const isSelected = selectedSet.has(id);
              const extra = rowProps?.(item, index) ?? {};
              return (
                <tr key={id} {...extra} className={cx(isSelected && 'pc-table__row--selected', extra.className)}>
                  {selection ? (
                    <td className="pc-table__cell--checkbox">
                      <input
                        type="checkbox"
                        aria-label={selection.rowLabel?.(item) ?? `Select row ${id}`}
                        checked={isSelected}
                        disabled={!(selection.isSelectable?.(item) ?? true)}
                        onChange={() =>
                          selection.onChange(
                            isSelected ? selection.selectedIds.filter((s) => s !== id) : [...selection.selectedIds, id],
                          )
                        }
                        className="pc-table__checkbox"
                      />
                    </td>
                  ) : null}
                  {columns.map((column, ci) => {
                    const CellTag = rowHeader && column.field === rowHeader ? 'th' : 'td';
                    return (
                      <CellTag
                        key={column.key ?? column.field ?? ci}
                        scope={CellTag === 'th' ? 'row' : undefined}
                        data-testid={column['data-testid']}
                        className={cx(
                          column.align && column.align !== 'left' && `pc-table__cell--${column.align}`,
                          column.truncate && 'pc-table__cell--truncate',
                        )}
                      >
                        {column.truncate ? (
                          <div className="pc-table__truncate">{cellValue(item, column, index)}</div>
                        ) : (
                          cellValue(item, column, index)
                        )}
                      </CellTag>
                    );
                  })}
                </tr>
              );
            })
          )}
        </tbody>
      </table>
    </div>
  );
}
