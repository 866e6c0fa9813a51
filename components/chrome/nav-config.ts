/**
 * The console's navigation: groups and links of the SideNav, the "current link" rule and the
 * default breadcrumbs derived from the pathname (used by ConsoleShell when no breadcrumbs are
 * passed). Pure data + functions (no React).
 */
import type { IconType } from '../ui/icon';

export interface NavLink {
  label: string;
  href: string;
  'data-testid'?: string;
}

export interface NavGroup {
  id: string;
  title: string;
  iconType: IconType;
  links: NavLink[];
}

export interface BreadcrumbItem {
  text: string;
  href?: string;
}

export const NAV_GROUPS: NavGroup[] = [
  {
    id: 'profiles',
    title: 'User profiles',
    iconType: 'user',
    links: [
      { label: 'Activate', href: '/profiles/activate', 'data-testid': 'navActivate' },
      { label: 'Find profiles', href: '/profiles', 'data-testid': 'navProfiles' },
    ],
  },
  {
    id: 'security',
    title: 'Security',
    iconType: 'securityApp',
    links: [
      { label: 'Users', href: '/users', 'data-testid': 'navUsers' },
      { label: 'Roles', href: '/roles', 'data-testid': 'navRoles' },
    ],
  },
];

/** What a signed-in admin may do (lib/console/privileges), as far as the navigation cares. */
export interface NavPermissions {
  manageProfiles: boolean;
  manageUsers: boolean;
}

/** The groups an admin can use: as Kibana does, sections the user may not open are not listed. */
export function navGroupsFor(permissions: NavPermissions, groups: NavGroup[] = NAV_GROUPS): NavGroup[] {
  return groups.filter((group) => (group.id === 'profiles' ? permissions.manageProfiles : group.id === 'security' ? permissions.manageUsers : true));
}

function matches(pathname: string, href: string): boolean {
  return pathname === href || pathname.startsWith(href.endsWith('/') ? href : `${href}/`);
}

/** The href of the link that is "current" for pathname: the longest matching prefix, or null. */
export function currentHref(pathname: string | null, groups: NavGroup[] = NAV_GROUPS): string | null {
  if (!pathname) return null;
  let best: string | null = null;
  for (const group of groups) {
    for (const link of group.links) {
      if (matches(pathname, link.href) && (!best || link.href.length > best.length)) best = link.href;
    }
  }
  return best;
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * Breadcrumbs for a pathname: group › link, plus the decoded last segment for detail pages.
 * /profiles/activate → User profiles › Activate; /profiles/u_1 → User profiles › Find profiles › u_1;
 * /users/edit/jacknich → Security › Users › jacknich; /roles/viewer → Security › Roles › viewer;
 * unknown paths → "Home".
 */
export function defaultBreadcrumbs(pathname: string | null, groups: NavGroup[] = NAV_GROUPS): BreadcrumbItem[] {
  const href = currentHref(pathname, groups);
  if (!pathname || !href) return [{ text: 'Home' }];
  const group = groups.find((g) => g.links.some((l) => l.href === href));
  const link = group?.links.find((l) => l.href === href);
  if (!group || !link) return [{ text: 'Home' }];
  const rest = pathname.slice(href.length).split('/').filter(Boolean);
  if (rest.length === 0) return [{ text: group.title }, { text: link.label }];
  return [{ text: group.title }, { text: link.label, href }, { text: decode(rest[rest.length - 1]) }];
}
