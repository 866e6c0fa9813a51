import 'server-only';
import { profileDataFormSchema, parseObject } from '@/lib/schemas/profile-data';
import type { ProfileSearchResult } from '@/lib/schemas/profile-list';
import { getBackend } from './backend';
import { ConsoleError, fieldErrors, viaBackend } from './errors';
import type { AdminSession } from './session';
import { getUser } from './users';

/** The native realm's name: the only realm whose users the console can look up by username. */
const NATIVE_REALM = 'default_native';

interface ProfileDoc {
  uid: string;
  enabled?: boolean;
  last_synchronized?: number;
  user: { username: string; roles: string[]; realm_name: string; email?: string | null; full_name?: string | null };
}

async function adminClient(session: AdminSession) {
  return (await getBackend()).asAdmin(session.accessToken);
}

/**
 * Finds profiles as the admin types (the suggest API), then reads the hits' status and last
 * synchronization, which suggest does not return.
 */
export async function findProfiles(session: AdminSession, name: string, size: number): Promise<ProfileSearchResult> {
  const client = await adminClient(session);
  const suggested = await viaBackend(() => client.security.suggestUserProfiles({ name, size }));
  const hits = suggested.profiles as unknown as ProfileDoc[];
  if (hits.length === 0) return { total: suggested.total.value, profiles: [] };
  const details = await viaBackend(() => client.security.getUserProfile({ uid: hits.map((h) => h.uid) }));
  const byUid = new Map((details.profiles as unknown as ProfileDoc[]).map((p) => [p.uid, p]));
  return {
    total: suggested.total.value,
    profiles: hits.map((hit) => {
      const full = byUid.get(hit.uid) ?? hit;
      return {
        uid: hit.uid,
        username: full.user.username,
        fullName: full.user.full_name ?? null,
        email: full.user.email ?? null,
        roles: full.user.roles,
        realmName: full.user.realm_name,
        enabled: full.enabled ?? true,
        lastSynchronized: full.last_synchronized ?? null,
      };
    }),
  };
}

/** One profile with all its data, or undefined when there is none with that uid. */
export async function getProfile(session: AdminSession, uid: string): Promise<Record<string, unknown> | undefined> {
  const client = await adminClient(session);
  const result = await viaBackend(() => client.security.getUserProfile({ uid, data: '*' }));
  return (result.profiles[0] as unknown as Record<string, unknown> | undefined) ?? undefined;
}

/**
 * Whether the profile's user still exists. Elasticsearch keeps a profile when its user is deleted,
 * so false means "user deleted". Undefined when it cannot be told: users of other realms cannot be
 * looked up, an admin without read_security may not look, or the lookup failed.
 */
export async function profileUserExists(session: AdminSession, user: { username: string; realm_name: string }): Promise<boolean | undefined> {
  if (user.realm_name !== NATIVE_REALM) return undefined;
  try {
    return (await getUser(session, user.username)) !== undefined;
  } catch {
    // Not allowed to look (403), or the lookup failed: the page shows the profile without the notice.
    return undefined;
  }
}

export async function setProfileEnabled(session: AdminSession, uid: string, enabled: boolean): Promise<void> {
  const client = await adminClient(session);
  await viaBackend(() =>
    enabled ? client.security.enableUserProfile({ uid }) : client.security.disableUserProfile({ uid }),
  );
}

/** Merges labels and data into a profile (Elasticsearch's update semantics: null removes). */
export async function updateProfileData(session: AdminSession, uid: string, input: unknown): Promise<void> {
  const parsed = profileDataFormSchema.safeParse(input);
  if (!parsed.success) throw new ConsoleError(400, 'invalid_input', 'Check the highlighted fields.', fieldErrors(parsed.error));
  const labels = parseObject(parsed.data.labels) ?? {};
  const data = parseObject(parsed.data.data) ?? {};
  const client = await adminClient(session);
  await viaBackend(() =>
    client.security.updateUserProfileData({
      uid,
      ...(Object.keys(labels).length > 0 ? { labels } : {}),
      ...(Object.keys(data).length > 0 ? { data } : {}),
    }),
  );
}
