/** What the console's user pages receive (BFF and server components alike); shared by both sides. */
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
  /** A built-in role (metadata._reserved). */
  reserved: boolean;
  description: string | null;
}
