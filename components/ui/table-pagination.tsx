'use client';
/**
 * <TablePagination pageIndex pageSize totalItemCount onChangePage pageSizeOptions? onChangePageSize?
 *   aria-label? />: EuiTablePagination under a table: "Rows per page" select (left) and a page
 * list (right, nav "Pagination", current page aria-current="page", Previous/Next buttons).
 * pageIndex is 0-based. Default page sizes 10/20/50/100 (Kibana users list).
 */
import { useId } from 'react';
import { Button } from './button';
import { Select } from './select';

export interface TablePaginationProps {
  pageIndex: number;
  pageSize: number;
  totalItemCount: number;
  onChangePage: (pageIndex: number) => void;
  pageSizeOptions?: number[];
  onChangePageSize?: (pageSize: number) => void;
  'aria-label'?: string;
}

function pageList(current: number, count: number): Array<number | 'gap'> {
  if (count <= 7) return Array.from({ length: count }, (_, i) => i);
  const pages = new Set([0, count - 1, current - 1, current, current + 1]);
  if (current <= 2) [1, 2, 3].forEach((p) => pages.add(p));
  if (current >= count - 3) [count - 4, count - 3, count - 2].forEach((p) => pages.add(p));
  const sorted = [...pages].filter((p) => p >= 0 && p < count).sort((a, b) => a - b);
  const out: Array<number | 'gap'> = [];
  sorted.forEach((p, i) => {
    if (i > 0 && p - sorted[i - 1] > 1) out.push('gap');
    out.push(p);
  });
  return out;
}

export function TablePagination({
  pageIndex,
  pageSize,
  totalItemCount,
  onChangePage,
  pageSizeOptions = [10, 20, 50, 100],
  onChangePageSize,
  'aria-label': ariaLabel = 'Pagination',
}: TablePaginationProps) {
  const id = useId();
  const pageCount = Math.max(1, Math.ceil(totalItemCount / pageSize));
  const current = Math.min(pageIndex, pageCount - 1);
  return (
    <div className="pc-pagination">
      {onChangePageSize ? (
        <div className="pc-pagination__size">
          <label htmlFor={`${id}-size`}>Rows per page</label>
          <Select
            id={`${id}-size`}
            compressed
            value={String(pageSize)}
            onChange={(e) => onChangePageSize(Number(e.target.value))}
            options={pageSizeOptions.map((n) => ({ value: String(n), text: String(n) }))}
          />
        </div>
      ) : (
        <span />
      )}
      <nav aria-label={ariaLabel}>
        <ul className="pc-pagination__pages">
          <li>
            <Button
              display="empty"
              color="text"
              size="xs"
              iconOnly
              iconType="arrowLeft"
              aria-label="Previous page"
              disabled={current === 0}
              onClick={() => onChangePage(current - 1)}
            />
          </li>
          {pageList(current, pageCount).map((p, i) =>
            p === 'gap' ? (
              <li key={`gap-${i}`} className="pc-pagination__ellipsis" aria-hidden="true">
                …
              </li>
            ) : (
              <li key={p}>
                <button
                  type="button"
                  className="pc-pagination__page"
                  aria-current={p === current ? 'page' : undefined}
                  aria-label={`Page ${p + 1} of ${pageCount}`}
                  onClick={() => onChangePage(p)}
                >
                  {p + 1}
                </button>
              </li>
            ),
          )}
          <li>
            <Button
              display="empty"
              color="text"
              size="xs"
              iconOnly
              iconType="arrowRight"
              aria-label="Next page"
              disabled={current >= pageCount - 1}
              onClick={() => onChangePage(current + 1)}
            />
          </li>
        </ul>
      </nav>
    </div>
  );
}
