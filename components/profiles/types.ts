/**
 * Shapes the profile pages receive from the console BFF (JSON), kept here so that client
 * components never import server modules.
 */

export type { ProfileListItem, ProfileSearchResult } from '@/lib/schemas/profile-list';

/** A profile as GET /_security/profile/{uid}?data=* returns it (Elasticsearch's shape). */
export interface ProfileDocument {
  uid: string;
  enabled: boolean;
  last_synchronized: number;
  user: {
    username: string;
    roles: string[];
    realm_name: string;
    realm_domain?: string;
    email?: string | null;
    full_name?: string | null;
  };
  labels: Record<string, unknown>;
  data: Record<string, unknown>;
  _doc: { _primary_term: number; _seq_no: number };
}

/** Reads an unknown JSON value as a profile document, or undefined when it is not one. */
export function asProfileDocument(value: unknown): ProfileDocument | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Partial<ProfileDocument>;
  if (typeof v.uid !== 'string' || !v.user || typeof v.user.username !== 'string') return undefined;
  return {
    uid: v.uid,
    enabled: v.enabled !== false,
    last_synchronized: typeof v.last_synchronized === 'number' ? v.last_synchronized : 0,
    user: { ...v.user, roles: Array.isArray(v.user.roles) ? v.user.roles : [] },
    labels: v.labels && typeof v.labels === 'object' ? v.labels : {},
    data: v.data && typeof v.data === 'object' ? v.data : {},
    _doc: v._doc ?? { _primary_term: 0, _seq_no: 0 },
  };
}

/** React Query key of the finder's searches; invalidate it after enabling or disabling a profile. */
export const PROFILES_QUERY_KEY = ['console', 'profiles'] as const;
