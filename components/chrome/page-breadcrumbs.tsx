'use client';
/**
 * <PageBreadcrumbs items /> lets a page replace the breadcrumbs ConsoleShell derives from the
 * pathname (e.g. to show a username instead of a uid). Renders nothing; the override is dropped
 * when the page unmounts.
 */
import { createContext, useContext, useEffect } from 'react';
import type { BreadcrumbItem } from './nav-config';

export const BreadcrumbOverrideContext = createContext<((items: BreadcrumbItem[] | null) => void) | null>(null);

export function PageBreadcrumbs({ items }: { items: BreadcrumbItem[] }) {
  const setOverride = useContext(BreadcrumbOverrideContext);
  const key = JSON.stringify(items);
  useEffect(() => {
    if (!setOverride) return;
    setOverride(JSON.parse(key) as BreadcrumbItem[]);
    return () => setOverride(null);
  }, [setOverride, key]);
  return null;
}
