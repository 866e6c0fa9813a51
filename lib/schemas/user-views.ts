/** What the console's user pages receive (BFF and server components alike); shared by both sides. */
export interface UserSummary {
  username: string;
  fullName: string | null;
  email: string | null;
  roles: string[];
  enabled: boolean;
  reserved: boolean;
  profileUid: string | null;
  /**
   * Whether the user's profile is enabled: false shows "Profile disabled". Absent when there is no
   * profile or its state could not be read.
   */
  profileEnabled?: boolean;
}

export interface RoleChoice {
  name: string;
  /** A built-in role (metadata._reserved). */
  reserved: boolean;
  description: string | null;
}
