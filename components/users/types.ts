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

/**
 * Built-in service users (reserved, e.g. kibana_system, logstash_system) never sign in to Kibana,
 * so Kibana offers no profile for them; `elastic` is the one reserved user people sign in as.
 */
export function offersProfileActivation(user: { username: string; reserved: boolean }): boolean {
  return !user.reserved || user.username === 'elastic';
}
