'use client';
/**
 * <ConsoleShell username onSignOut breadcrumbs? navGroups?>{page}</ConsoleShell>: the console
 * chrome (EuiPageTemplate-like): "Skip to content" link, Header (logo, nav toggle, breadcrumbs,
 * user menu with theme switch + Sign out), SideNav (docked ≥ 992px, overlay below), and
 * <main id="main"> with the page body colour and a 1200px content column. Includes a
 * ToastProvider (useToasts() works in pages) and keeps the colour theme in sync.
 *
 * - username: the signed-in user, shown in the header.
 * - onSignOut: called by "Sign out"; may return a promise. A client function, or a Server Action
 *   when ConsoleShell is rendered from a server component (plain functions cannot cross that
 *   boundary — wrap it in a small client component that calls next-auth's signOut()).
 * - breadcrumbs: [{ text, href? }], last = current page; default derived from the pathname
 *   (nav-config.ts defaultBreadcrumbs). [] shows none.
 * - navGroups: the SideNav's groups; with none, neither the SideNav nor its toggle is rendered.
 */
import { usePathname } from 'next/navigation';
import { useId, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { useThemePreference } from '../theme/use-theme-preference';
import { ToastProvider } from '../ui/toast';
import { Header } from './header';
import { defaultBreadcrumbs, NAV_GROUPS, type BreadcrumbItem, type NavGroup } from './nav-config';
import { SideNav } from './side-nav';
import { BreadcrumbOverrideContext } from './page-breadcrumbs';

const WIDE_QUERY = '(min-width: 992px)';

function subscribeWide(callback: () => void) {
  const media = window.matchMedia(WIDE_QUERY);
  media.addEventListener('change', callback);
  return () => media.removeEventListener('change', callback);
}
const getWide = () => window.matchMedia(WIDE_QUERY).matches;
const getWideServer = () => true;

export interface ConsoleShellProps {
  username: string;
  onSignOut: () => void | Promise<void>;
  breadcrumbs?: BreadcrumbItem[];
  navGroups?: NavGroup[];
  children: ReactNode;
}

export function ConsoleShell({ username, onSignOut, breadcrumbs, navGroups = NAV_GROUPS, children }: ConsoleShellProps) {
  useThemePreference();
  const pathname = usePathname();
  const isWide = useSyncExternalStore(subscribeWide, getWide, getWideServer);
  const [docked, setDocked] = useState(true);
  const [overlayOpen, setOverlayOpen] = useState(false);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const navId = `${useId()}-nav`;
  const hasNav = navGroups.length > 0;
  const overlayActive = hasNav && !isWide && overlayOpen;
  // A page may name itself better than its path does (PageBreadcrumbs).
  const [pageBreadcrumbs, setPageBreadcrumbs] = useState<BreadcrumbItem[] | null>(null);

  return (
    <ToastProvider>
      <div
        className="pc-shell"
        data-nav-docked={hasNav && docked ? 'true' : 'false'}
        data-nav-overlay={overlayActive ? 'true' : 'false'}
      >
        <a href="#main" className="pc-skip-link">
          Skip to content
        </a>
        <Header
          username={username}
          onSignOut={onSignOut}
          breadcrumbs={breadcrumbs ?? pageBreadcrumbs ?? defaultBreadcrumbs(pathname)}
          navToggleRef={toggleRef}
          navId={navId}
          isNavExpanded={isWide ? docked : overlayOpen}
          onToggleNav={
            hasNav
              ? () => {
                  if (window.matchMedia(WIDE_QUERY).matches) setDocked((d) => !d);
                  else setOverlayOpen((o) => !o);
                }
              : undefined
          }
        />
        <div className="pc-shell__body">
          {hasNav ? (
            <SideNav
              id={navId}
              mode={isWide ? 'docked' : 'overlay'}
              isOpen={isWide ? docked : overlayOpen}
              onClose={() => {
                if (isWide) setDocked(false);
                else setOverlayOpen(false);
              }}
              groups={navGroups}
              returnFocusRef={toggleRef}
            />
          ) : null}
          <main id="main" className="pc-main" tabIndex={-1} inert={overlayActive}>
            <div className="pc-main__inner">
              <BreadcrumbOverrideContext.Provider value={setPageBreadcrumbs}>{children}</BreadcrumbOverrideContext.Provider>
            </div>
          </main>
        </div>
      </div>
    </ToastProvider>
  );
}
