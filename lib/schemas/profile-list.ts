/** What the console's profile finder (GET /api/console/profiles) answers; shared by BFF and browser. */
export interface ProfileListItem {
  uid: string;
  username: string;
  fullName: string | null;
  email: string | null;
  roles: string[];
  realmName: string;
  enabled: boolean;
  lastSynchronized: number | null;
}

export interface ProfileSearchResult {
  total: number;
  profiles: ProfileListItem[];
}
