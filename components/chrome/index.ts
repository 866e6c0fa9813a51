/** Console chrome: ConsoleShell (Header + SideNav + main), and its parts. See each file's header. */
export { Breadcrumbs, type BreadcrumbsProps } from './breadcrumbs';
export { ConsoleShell, type ConsoleShellProps } from './console-shell';
export { Header, type HeaderProps } from './header';
export { LogoMark } from './logo';
export {
  currentHref,
  defaultBreadcrumbs,
  NAV_GROUPS,
  type BreadcrumbItem,
  type NavGroup,
  type NavLink,
} from './nav-config';
export { SideNav, type SideNavProps } from './side-nav';
export { UserMenu, type UserMenuProps } from './user-menu';
export { PageBreadcrumbs } from './page-breadcrumbs';
