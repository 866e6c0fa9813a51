export type { RoleChoice, UserSummary } from '@/lib/schemas/user-views';

/** The console path of a user's edit page. */
export function userHref(username: string): string {
  return `/users/edit/${encodeURIComponent(username)}`;
}

/** The activate page with the username filled in. */
export function activateHref(username: string): string {
  return `/profiles/activate?username=${encodeURIComponent(username)}`;
}

/** The console path of a profile. */
export function profileHref(uid: string): string {
  return `/profiles/${encodeURIComponent(uid)}`;
}
