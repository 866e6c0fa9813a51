import 'server-only';
import type { RoleChoice, UserSummary } from '@/lib/schemas/user-views';
import { createUserSchema, resetPasswordSchema, userDetailsSchema, userEnabledSchema } from '@/lib/schemas/user';
import { getBackend } from './backend';
import { backendFailure, ConsoleError, fieldErrors, viaBackend } from './errors';
import type { AdminSession } from './session';


async function adminClient(session: AdminSession) {
  return (await getBackend()).asAdmin(session.accessToken);
}

interface EsUser {
  username: string;
  roles: string[];
  full_name?: string | null;
  email?: string | null;
  metadata?: Record<string, unknown>;
  enabled: boolean;
  profile_uid?: string;
}

function toRow(user: EsUser): UserSummary {
  return {
    username: user.username,
    fullName: user.full_name ?? null,
    email: user.email ?? null,
    roles: user.roles,
    enabled: user.enabled,
    reserved: user.metadata?._reserved === true,
    profileUid: user.profile_uid ?? null,
  };
}

/**
 * Adds each profile's enabled state, read with one get-profiles call for all of the rows (no data).
 * Best effort: when it cannot be read (e.g. no profile privileges), the rows stay as they are.
 */
async function withProfileStates(session: AdminSession, rows: UserSummary[]): Promise<UserSummary[]> {
  const uids = rows.map((row) => row.profileUid).filter((uid): uid is string => uid !== null);
  if (uids.length === 0) return rows;
  try {
    const client = await adminClient(session);
    const result = await viaBackend(() => client.security.getUserProfile({ uid: uids }));
    const enabled = new Map(
      (result.profiles as unknown as { uid: string; enabled?: boolean }[]).map((p) => [p.uid, p.enabled ?? true]),
    );
    return rows.map((row) => {
      const state = row.profileUid === null ? undefined : enabled.get(row.profileUid);
      return state === undefined ? row : { ...row, profileEnabled: state };
    });
  } catch {
    return rows;
  }
}

export async function listUsers(session: AdminSession): Promise<UserSummary[]> {
  const client = await adminClient(session);
  const users = await viaBackend(() => client.security.getUser({ with_profile_uid: true }));
  return withProfileStates(session, Object.values(users as unknown as Record<string, EsUser>).map(toRow));
}

/** One user with its profile's enabled state (for the edit page). */
export async function getUserWithProfileState(session: AdminSession, username: string): Promise<UserSummary | undefined> {
  const user = await getUser(session, username);
  return user ? (await withProfileStates(session, [user]))[0] : undefined;
}

export async function getUser(session: AdminSession, username: string): Promise<UserSummary | undefined> {
  const client = await adminClient(session);
  try {
    const users = await viaBackend(() => client.security.getUser({ username, with_profile_uid: true }));
    const user = (users as unknown as Record<string, EsUser>)[username];
    return user ? toRow(user) : undefined;
  } catch (error) {
    if (error instanceof ConsoleError && error.status === 404) return undefined;
    throw error;
  }
}

export async function listRoleNames(session: AdminSession): Promise<string[]> {
  const client = await adminClient(session);
  const roles = await viaBackend(() => client.security.getRole());
  return Object.keys(roles).sort();
}


/** Roles for the role picker: built-in ones flagged, sorted by name. */
export async function listRoles(session: AdminSession): Promise<RoleChoice[]> {
  const client = await adminClient(session);
  const roles = await viaBackend(() => client.security.getRole());
  return Object.entries(roles as unknown as Record<string, { metadata?: Record<string, unknown>; description?: string }>)
    .map(([name, role]) => ({ name, reserved: role.metadata?._reserved === true, description: role.description ?? null }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

function invalid(error: import('zod').ZodError): ConsoleError {
  return new ConsoleError(400, 'invalid_input', 'Check the highlighted fields.', fieldErrors(error));
}

export async function createUser(session: AdminSession, input: unknown): Promise<void> {
  const parsed = createUserSchema.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error);
  const client = await adminClient(session);
  if (await getUser(session, parsed.data.username)) {
    throw new ConsoleError(409, 'user_exists', 'A user with this name exists.', { username: 'This username is taken. Choose another one.' });
  }
  await viaBackend(() =>
    client.security.putUser({
      username: parsed.data.username,
      password: parsed.data.password,
      roles: parsed.data.roles,
      full_name: parsed.data.fullName || null,
      email: parsed.data.email || null,
    }),
  );
}

/** Replaces roles, full name and email; the password is kept (omitted from the request). */
export async function updateUser(session: AdminSession, username: string, input: unknown): Promise<void> {
  const parsed = userDetailsSchema.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error);
  const existing = await getUser(session, username);
  if (!existing) throw new ConsoleError(404, 'not_found', `User ${username} does not exist.`);
  const client = await adminClient(session);
  await viaBackend(() =>
    client.security.putUser({
      username,
      roles: parsed.data.roles,
      full_name: parsed.data.fullName || null,
      email: parsed.data.email || null,
      enabled: existing.enabled,
    }),
  );
}

export async function resetPassword(session: AdminSession, username: string, input: unknown): Promise<void> {
  const parsed = resetPasswordSchema.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error);
  // Changing one's own password needs the current one, as in Kibana: a session left open on
  // someone's desk must not be enough to lock its owner out.
  if (username === session.username) await checkCurrentPassword(username, parsed.data.currentPassword);
  const client = await adminClient(session);
  await viaBackend(() => client.security.changePassword({ username, password: parsed.data.password }));
}

async function checkCurrentPassword(username: string, currentPassword: string | undefined): Promise<void> {
  const wrong = (message: string) => new ConsoleError(400, 'invalid_input', 'Check the highlighted fields.', { currentPassword: message });
  if (!currentPassword) throw wrong('Enter your current password.');
  const service = (await getBackend()).service;
  const basic = Buffer.from(`${username}:${currentPassword}`, 'utf8').toString('base64');
  try {
    await service.child({ headers: { authorization: `Basic ${basic}` } }).security.authenticate();
  } catch (error) {
    if (backendFailure(error)?.status === 401) throw wrong('The current password is not correct.');
    throw error;
  }
}

export async function deleteUser(session: AdminSession, username: string): Promise<void> {
  const client = await adminClient(session);
  try {
    await viaBackend(() => client.security.deleteUser({ username }));
  } catch (error) {
    // Elasticsearch answers 404 {"found":false} for a user that is already gone.
    if (error instanceof ConsoleError && error.status === 404) throw new ConsoleError(404, 'not_found', `User ${username} does not exist.`);
    throw error;
  }
}

/**
 * Deactivates or activates a user (POST /_security/user/{name}/_disable|_enable). As in Kibana,
 * built-in users may be deactivated too; one's own account may not (Elasticsearch refuses it).
 */
export async function setUserEnabled(session: AdminSession, username: string, input: unknown): Promise<boolean> {
  const parsed = userEnabledSchema.safeParse(input);
  if (!parsed.success) throw new ConsoleError(400, 'invalid_input', 'Send {"enabled": true|false}.');
  const { enabled } = parsed.data;
  if (username === session.username) {
    throw new ConsoleError(400, 'own_account', `You can't ${enabled ? 'activate' : 'deactivate'} your own account.`);
  }
  if (!(await getUser(session, username))) throw new ConsoleError(404, 'not_found', `User ${username} does not exist.`);
  const client = await adminClient(session);
  await viaBackend(() => (enabled ? client.security.enableUser({ username }) : client.security.disableUser({ username })));
  return enabled;
}
