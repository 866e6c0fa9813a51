import type { UsersStore, UserRecord } from '@/lib/store/users-store';
import type { AuthenticationService } from './authentication-service';
import type { User } from './authentication';
import { RESERVED_USERNAMES, RESERVED_USER_DEFAULTS, toUser } from './realms';
import { hashPassword, isBcryptHash, MIN_PASSWORD_LENGTH } from './password-hasher';
import { illegalArgument, validationError, EsError, formatValidationMessages } from './errors';
import { isInternalUsername, isValidSecurityName, SECURITY_NAME_RULES } from './names';

/** A user as GET /_security/user returns it, in Elasticsearch's key order. */
export interface UserView {
  username: string;
  roles: string[];
  full_name: string | null;
  email: string | null;
  metadata: Record<string, unknown>;
  enabled: boolean;
}

export interface PutUserInput {
  password?: string;
  passwordHash?: string;
  roles?: string[];
  fullName?: string | null;
  email?: string | null;
  metadata?: Record<string, unknown>;
  enabled?: boolean;
}

/** A new secret: either a plain password (hashed here) or a ready bcrypt hash. */
export interface PasswordInput {
  password?: string;
  passwordHash?: string;
}

const UNSUPPORTED_HASH =
  'The provided password hash is not a hash or it could not be resolved to a supported hash algorithm. ' +
  'The supported password hash algorithms are [bcrypt]';

/**
 * Native users and the reserved users' mutable parts (password, enabled). Every change drops
 * the user's cached credentials, so the next request sees it at once.
 */
export class UserService {
  constructor(
    private readonly store: UsersStore,
    private readonly authentication: AuthenticationService,
  ) {}

  view(record: UserRecord): UserView {
    const reserved = RESERVED_USERNAMES.has(record.username);
    return {
      username: record.username,
      roles: record.roles,
      full_name: record.fullName,
      email: record.email,
      metadata: reserved ? { _reserved: true, ...record.metadata } : record.metadata,
      enabled: record.enabled,
    };
  }

  get(username: string): UserRecord | undefined {
    return this.store.get(username);
  }

  /** Users by name, reserved ones first as Elasticsearch lists them; unknown names are skipped. */
  list(names?: readonly string[]): UserRecord[] {
    // TransportGetUsersAction refuses to look up internal users at all.
    names?.forEach(refuseInternal);
    const all = this.store.list();
    const wanted = names ? all.filter((u) => names.includes(u.username)) : all;
    const reserved = wanted.filter((u) => RESERVED_USERNAMES.has(u.username));
    const native = wanted.filter((u) => !RESERVED_USERNAMES.has(u.username));
    return [...reserved, ...native];
  }

  asUser(record: UserRecord): User {
    return toUser(record);
  }

  /** PUT /_security/user/{username}: creates or replaces the user (the password is kept when omitted). */
  async put(username: string, input: PutUserInput): Promise<{ created: boolean }> {
    const problems: string[] = [];
    // TransportPutUserAction.validateRequest.
    if (RESERVED_USERNAMES.has(username)) {
      problems.push(`user [${username}] is reserved and only the password can be changed`);
    } else if (isInternalUsername(username)) {
      problems.push(`user [${username}] is internal`);
    } else if (!isValidSecurityName(username)) {
      problems.push(`Usernames ${SECURITY_NAME_RULES}`);
    }
    // NativeRealmValidationUtil.validateRoleName(role, true) for each role, one message per bad name.
    for (const role of input.roles ?? []) {
      if (!isValidSecurityName(role)) problems.push(`Role names ${SECURITY_NAME_RULES}`);
    }
    if (input.metadata && Object.keys(input.metadata).some((k) => k.startsWith('_'))) {
      problems.push('metadata keys may not start with [_]');
    }
    problems.push(...passwordProblems(input));
    if (problems.length > 0) throw validationError(problems);

    const existing = this.store.get(username);
    let passwordHash = existing?.passwordHash ?? null;
    if (input.passwordHash !== undefined) passwordHash = input.passwordHash;
    else if (input.password !== undefined) passwordHash = await hashPassword(input.password);
    if (!existing && passwordHash === null) {
      throw validationError(['password must be specified unless you are updating an existing user']);
    }
    const created = this.store.upsert({
      username,
      passwordHash,
      roles: input.roles ?? [],
      fullName: input.fullName ?? null,
      email: input.email ?? null,
      metadata: input.metadata ?? {},
      enabled: input.enabled ?? true,
    });
    this.authentication.invalidateUser(username);
    return { created };
  }

  delete(username: string): boolean {
    if (RESERVED_USERNAMES.has(username)) throw illegalArgument(`user [${username}] is reserved and cannot be deleted`);
    refuseInternal(username);
    const found = this.store.delete(username);
    this.authentication.invalidateUser(username);
    return found;
  }

  async changePassword(username: string, input: PasswordInput): Promise<void> {
    const problems = passwordProblems(input);
    if (input.password === undefined && input.passwordHash === undefined) problems.push('password must be specified');
    if (problems.length > 0) throw validationError(problems);
    refuseInternal(username);
    const hash = input.passwordHash ?? (await hashPassword(input.password as string));
    if (!this.store.get(username)) throw validationError(['user must exist in order to change password']);
    this.store.setPasswordHash(username, hash);
    this.authentication.invalidateUser(username);
  }

  /** TransportSetEnabledAction, then NativeUsersStore.setEnabled for a user that does not exist. */
  setEnabled(username: string, enabled: boolean, callerUsername: string): void {
    if (username === callerUsername) throw illegalArgument('users may not update the enabled status of their own account');
    refuseInternal(username);
    if (!this.store.setEnabled(username, enabled)) {
      throw new EsError(400, 'validation_exception', formatValidationMessages([`only existing users can be ${enabled ? 'enabled' : 'disabled'}`]));
    }
    this.authentication.invalidateUser(username);
  }

  /**
   * Creates the reserved users on first start. `elastic` gets the bootstrap password hash;
   * kibana_system has no password until an administrator sets one.
   */
  ensureReservedUsers(elasticPasswordHash: string | null): void {
    for (const username of RESERVED_USERNAMES) {
      if (this.store.get(username)) continue;
      this.store.upsert({
        username,
        passwordHash: username === 'elastic' ? elasticPasswordHash : null,
        roles: RESERVED_USER_DEFAULTS[username].roles,
        fullName: null,
        email: null,
        metadata: {},
        enabled: true,
      });
    }
  }
}

function passwordProblems(input: PasswordInput): string[] {
  const problems: string[] = [];
  if (input.password !== undefined && input.passwordHash !== undefined) {
    problems.push('only one of [password, passwordHash] can be provided');
  }
  if (input.password !== undefined && input.password.length < MIN_PASSWORD_LENGTH) {
    problems.push(`passwords must be at least [${MIN_PASSWORD_LENGTH}] characters long`);
  }
  if (input.passwordHash !== undefined && !isBcryptHash(input.passwordHash)) problems.push(UNSUPPORTED_HASH);
  return problems;
}

/** The user APIs' answer for an internal user (TransportGetUsersAction, TransportDeleteUserAction, ...). */
function refuseInternal(username: string): void {
  if (isInternalUsername(username)) throw illegalArgument(`user [${username}] is internal`);
}
