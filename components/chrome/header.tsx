'use client';
/**
 * <Header username breadcrumbs onSignOut onToggleNav? isNavExpanded? navId? navToggleRef? />: EuiHeader, 48px, sticky, white / #111C2C
 * with a bottom border. Left: nav toggle button ("Toggle primary navigation", aria-expanded,
 * aria-controls), product logo + "Profile Console" (link to /), Breadcrumbs. Right: UserMenu.
 * Normally rendered by ConsoleShell.
 */
import Link from 'next/link';
import type { Ref } from 'react';
import { Button } from '../ui/button';
import { Breadcrumbs } from './breadcrumbs';
import { LogoMark } from './logo';
import type { BreadcrumbItem } from './nav-config';
import { UserMenu } from './user-menu';

export interface HeaderProps {
  username: string;
  breadcrumbs: BreadcrumbItem[];
  onSignOut: () => void | Promise<void>;
  /** Shows the nav toggle when given. */
  onToggleNav?: () => void;
  /** aria-expanded of the toggle (is the nav shown). */
  isNavExpanded?: boolean;
  /** id of the nav element (aria-controls). */
  navId?: string;
  navToggleRef?: Ref<HTMLButtonElement>;
}

export function Header({
  username,
  breadcrumbs,
  onSignOut,
  onToggleNav,
  isNavExpanded = false,
  navId,
  navToggleRef,
}: HeaderProps) {
  return (
    <header className="pc-header" data-testid="header">
      <div className="pc-header__section pc-header__section--left">
        {onToggleNav ? (
          <Button
            ref={navToggleRef}
            display="empty"
            color="text"
            iconOnly
            iconType="menu"
            aria-label="Toggle primary navigation"
            aria-expanded={isNavExpanded}
            aria-controls={navId}
            onClick={onToggleNav}
            data-testid="navToggle"
          />
        ) : null}
        <Link href="/" className="pc-header__logo" aria-label="Profile Console home">
          <LogoMark />
          <span className="pc-header__logo-text">Profile Console</span>
        </Link>
        {breadcrumbs.length > 0 ? (
          <>
            <span className="pc-header__divider" aria-hidden="true" />
            <Breadcrumbs items={breadcrumbs} />
          </>
        ) : null}
      </div>
      <div className="pc-header__section pc-header__section--right">
        <UserMenu username={username} onSignOut={onSignOut} />
      </div>
    </header>
  );
}
