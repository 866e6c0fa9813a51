'use client';
/**
 * <SideNav id mode isOpen onClose groups? returnFocusRef? />: EuiCollapsibleNav, 320px, left.
 * - mode 'docked' (viewport ≥ 992px): part of the page, pushes the content; hidden when !isOpen.
 * - mode 'overlay' (< 992px): a flyout over the page with a mask, focus trap, Escape / mask click /
 *   "Close navigation" close it, focus returns to the toggle (returnFocusRef); following a link
 *   closes it too.
 * Groups (default NAV_GROUPS): "User profiles" → Activate, Find profiles; "Security" → Users, Roles.
 * The current link (longest matching prefix of usePathname()) has aria-current="page".
 * Visibility is driven by CSS from data attributes on .pc-shell (set by ConsoleShell).
 */
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useRef, type RefObject } from 'react';
import { Button } from '../ui/button';
import { Icon } from '../ui/icon';
import { useFocusTrap } from '../ui/use-focus-trap';
import { currentHref, NAV_GROUPS, type NavGroup } from './nav-config';

export interface SideNavProps {
  id: string;
  mode: 'docked' | 'overlay';
  isOpen: boolean;
  onClose: () => void;
  groups?: NavGroup[];
  returnFocusRef?: RefObject<HTMLElement | null>;
}

export function SideNav({ id, mode, isOpen, onClose, groups = NAV_GROUPS, returnFocusRef }: SideNavProps) {
  const pathname = usePathname();
  const current = currentHref(pathname, groups);
  const ref = useRef<HTMLElement>(null);
  const overlayOpen = mode === 'overlay' && isOpen;

  useFocusTrap(ref, { active: overlayOpen, onEscape: onClose, returnFocus: returnFocusRef });

  return (
    <>
      <nav
        ref={ref}
        id={id}
        aria-label="Primary"
        className="pc-sidenav"
        data-testid="sideNav"
      >
        <div className="pc-sidenav__top">
          <h2 className="pc-sidenav__top-title">Navigation</h2>
          <Button
            display="empty"
            color="text"
            size="s"
            iconOnly
            iconType="cross"
            aria-label="Close navigation"
            onClick={onClose}
          />
        </div>
        <div className="pc-sidenav__scroll">
          {groups.map((group) => {
            const titleId = `${id}-group-${group.id}`;
            return (
              <section
                key={group.id}
                aria-labelledby={titleId}
                className="pc-sidenav__group"
              >
                <h2 className="pc-sidenav__group-title" id={titleId}>
                  <span className="pc-sidenav__group-icon" aria-hidden="true">
                    <Icon type={group.iconType} />
                  </span>
                  {group.title}
                </h2>
                <ul className="pc-sidenav__list">
                  {group.links.map((link) => (
                    <li key={link.href}>
                      <Link
                        href={link.href}
                        className="pc-sidenav__link"
                        aria-current={link.href === current ? 'page' : undefined}
                        data-testid={link['data-testid']}
                        onClick={() => {
                          if (mode === 'overlay') onClose();
                        }}
                      >
                        {link.label}
                      </Link>
                    </li>
                  ))}
                </ul>
              </section>
            );
          })}
        </div>
      </nav>
      <div className="pc-sidenav-mask" aria-hidden="true" onClick={onClose} />
    </>
  );
}
