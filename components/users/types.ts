/**
 * Shapes the Users pages receive from their server components (structurally the same as
 * lib/console/users.ts UserRow and RoleOption, which client code must not import).
 */
export interface UserSummary {
  username: string;
  fullName: string | null;
  email: string | null;
  roles: string[];
  enabled: boolean;
  reserved: boolean;
  profileUid: string | null;
}

export interface RoleChoice {
  name: string;
  /** A built-in role. */
  reserved: boolean;
  description: string | null;
}

/** The console path of a user's edit page. */
export function userHref(username: string): string {
  return `/users/${encodeURIComponent(username)}`;
}

/** The activate page with the username filled in. */
export function activateHref(username: string): string {
  return `/profiles/activate?username=${encodeURIComponent(username)}`;
}

/** The console path of a profile. */
export function profileHref(uid: string): string {
  return `/profiles/${encodeURIComponent(uid)}`;
}
