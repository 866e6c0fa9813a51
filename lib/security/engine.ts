import { randomBytes } from 'node:crypto';
import { openDatabase, type SqliteDatabase } from '@/lib/store/database';
import { UsersStore } from '@/lib/store/users-store';
import { RolesStore } from '@/lib/store/roles-store';
import { ProfilesStore } from '@/lib/store/profiles-store';
import { AuthenticationService } from './authentication-service';
import { AuthorizationService } from './authorization';
import { createRealmChain } from './realms';
import { RoleService } from './roles';
import { UserService } from './users';
import { ProfileService } from './profiles';
import { hashPassword, isBcryptHash, verifyPassword } from './password-hasher';
import { GrantAuthenticator } from './grant-authentication';
import { TokensStore } from '@/lib/store/tokens-store';
import { ApiKeysStore } from '@/lib/store/api-keys-store';
import { TokenService } from './token-service';
import { ApiKeyService } from './api-key-service';
import { ConsoleServiceIdentity } from './console-service-identity';
import { ApiKeyHeaderAuthenticator, BearerTokenGrantAuthenticator, BearerTokenHeaderAuthenticator } from './token-authenticators';
import { RoleMappingsStore } from '@/lib/store/role-mappings-store';
import { SettingsStore } from '@/lib/store/settings-store';
import { RoleMappingService } from './role-mappings';
import { loadSecuritySettingsFile, type SecuritySettings } from './settings-file';
import { createJwtRealms, storedUserLookup, type JwtRealms } from './jwt/jwt-realms';
import { NATIVE_REALM, RESERVED_REALM } from './authentication';
import { RESERVED_USERNAMES, toUser } from './realms';

export interface EngineOptions {
  dataDir: string;
  nodeName: string;
  /** Bootstrap password for `elastic`, used only when the store has none yet. */
  elasticPassword?: string;
  credentialCacheTtlMs?: number;
  /** Access token lifetime (xpack.security.authc.token.timeout), default 20 minutes. */
  accessTokenTtlMs?: number;
  /** How often expired tokens are purged; 0 turns the background sweep off. */
  tokenPurgeIntervalMs?: number;
  now?: () => number;
  /** Where start-up notices (the one-time generated password) are announced; defaults to the terminal. */
  announce?: (message: string) => void;
  /** Origin of the API as clients reach it, for the first-start example command. */
  apiOrigin?: string;
  /** Realm settings file (SECURITY_SETTINGS_FILE): JWT realms. A bad setting fails open(). */
  securitySettingsFile?: string;
  /** Realm settings given directly (instead of securitySettingsFile). */
  securitySettings?: SecuritySettings;
}

/**
 * The embedded security engine: one SQLite file and the services over it. Framework-free, so
 * tests and scripts drive it with plain calls.
 */
export class SecurityEngine {
  readonly db: SqliteDatabase;
  readonly roles: RoleService;
  readonly authentication: AuthenticationService;
  readonly authorization: AuthorizationService;
  readonly users: UserService;
  readonly profiles: ProfileService;
  readonly grants: GrantAuthenticator;
  readonly tokens: TokenService;
  readonly apiKeys: ApiKeyService;
  /** In-memory credential the console uses to call this engine in-process. */
  readonly consoleIdentity: ConsoleServiceIdentity;
  readonly roleMappings: RoleMappingService;
  /** The configured JWT realms, if any. */
  readonly jwtRealms?: JwtRealms;
  readonly nodeName: string;
  /** This data directory's lasting identity, Elasticsearch's cluster_uuid (made on first start). */
  readonly clusterUuid: string;
  private purgeTimer?: NodeJS.Timeout;

  private constructor(options: EngineOptions) {
    this.nodeName = options.nodeName;
    const securitySettings =
      options.securitySettings ?? (options.securitySettingsFile ? loadSecuritySettingsFile(options.securitySettingsFile) : undefined);
    this.db = openDatabase(options.dataDir);
    this.clusterUuid = lastingClusterUuid(new SettingsStore(this.db));
    const usersStore = new UsersStore(this.db);
    this.roles = new RoleService(new RolesStore(this.db));
    this.authentication = new AuthenticationService(
      createRealmChain(usersStore, {
        nodeName: options.nodeName,
        cacheTtlMs: options.credentialCacheTtlMs ?? 20 * 60_000,
        cacheMaxUsers: 100_000,
        now: options.now,
      }),
    );
    this.authorization = new AuthorizationService(this.roles);
    this.grants = new GrantAuthenticator(this.authentication);
    this.users = new UserService(usersStore, this.authentication);
    this.tokens = new TokenService(new TokensStore(this.db), options.accessTokenTtlMs, options.now);
    this.apiKeys = new ApiKeyService(new ApiKeysStore(this.db), this.roles, options.nodeName, options.now);
    this.consoleIdentity = new ConsoleServiceIdentity(options.nodeName);
    this.authentication.addHeaderAuthenticator(this.consoleIdentity);
    this.authentication.addHeaderAuthenticator(new ApiKeyHeaderAuthenticator(this.apiKeys));
    this.authentication.addFallbackHeaderAuthenticator(new BearerTokenHeaderAuthenticator(this.tokens));
    this.grants.addBearerTokenAuthenticator(new BearerTokenGrantAuthenticator(this.tokens));
    this.roleMappings = new RoleMappingService(new RoleMappingsStore(this.db));
    if (securitySettings) {
      try {
        this.jwtRealms = createJwtRealms(securitySettings, {
          nodeName: options.nodeName,
          now: options.now ?? Date.now,
          resolveRoles: (user) => this.roleMappings.resolveRoles(user),
          lookupUser: storedUserLookup(
            (username) => {
              const record = usersStore.get(username);
              return record ? toUser(record) : undefined;
            },
            (username) => RESERVED_USERNAMES.has(username),
            { reserved: RESERVED_REALM.name, native: NATIVE_REALM.name },
          ),
          lookupRealmNames: [NATIVE_REALM.name, RESERVED_REALM.name],
          reservedRealmNames: [NATIVE_REALM.name, RESERVED_REALM.name],
        });
      } catch (error) {
        this.db.close();
        throw error;
      }
    }
    if (this.jwtRealms) {
      // Before the token service's fallback: Bearer JWTs go to the JWT realms, other Bearer tokens pass through.
      this.authentication.addHeaderAuthenticator(this.jwtRealms.headerAuthenticator());
      this.grants.addJwtAuthenticator(this.jwtRealms.grantAuthenticator());
    }
    const purgeEvery = options.tokenPurgeIntervalMs ?? 5 * 60_000;
    if (purgeEvery > 0) {
      // Bounded sweeps (1000 rows each) so the event loop never stalls; unref so it never keeps the process alive.
      this.purgeTimer = setInterval(() => this.tokens.purgeExpired(1000), purgeEvery);
      this.purgeTimer.unref();
    }
    this.profiles = new ProfileService(
      new ProfilesStore(this.db),
      (fn) => this.db.transaction(fn).immediate(),
      options.now,
    );
  }

  static async open(options: EngineOptions): Promise<SecurityEngine> {
    const engine = new SecurityEngine(options);
    await engine.bootstrap(options);
    return engine;
  }

  /**
   * First start: create the reserved users. Without ELASTIC_PASSWORD a strong password is
   * generated and shown once; only its bcrypt hash is stored.
   */
  private async bootstrap(options: EngineOptions): Promise<void> {
    const announce = options.announce ?? ((m: string) => process.stdout.write(m + '\n'));
    const existing = this.users.get('elastic');
    if (existing) {
      this.users.ensureReservedUsers(null);
      // ELASTIC_PASSWORD is a bootstrap password; a different one on a later start would
      // otherwise be ignored without a word, and the admin left wondering why it fails.
      const bootstrap = options.elasticPassword;
      if (bootstrap !== undefined && existing.passwordHash && isBcryptHash(existing.passwordHash) && !(await verifyPassword(bootstrap, existing.passwordHash))) {
        announce(
          'Profile Console: ELASTIC_PASSWORD is only used on the first start; the stored password of "elastic" is unchanged. ' +
            'Change it with POST /_security/user/elastic/_password.',
        );
      }
      return;
    }
    let password = options.elasticPassword;
    const generated = password === undefined;
    if (password === undefined) password = generatePassword();
    this.users.ensureReservedUsers(await hashPassword(password));
    if (generated) {
      announce(
        [
          '',
          '━━ Profile Console: first start ━━',
          `A password was generated for the reserved superuser "elastic":`,
          '',
          `    ${password}`,
          '',
          'Sign in to the console or call the API as elastic with it, e.g.',
          `    curl -u elastic ${options.apiOrigin ?? 'http://127.0.0.1:3000'}/_security/_authenticate`,
          'It is shown only this once and stored only as a hash. Change it with',
          '    POST /_security/user/elastic/_password',
          '',
        ].join('\n'),
      );
    }
  }

  close(): void {
    if (this.purgeTimer) clearInterval(this.purgeTimer);
    this.db.close();
  }
}

/** 20 characters from a 62-letter alphabet: about 119 bits. */
export function generatePassword(length = 20): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const out: string[] = [];
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      // Reject bytes past the largest multiple of the alphabet size to avoid modulo bias.
      if (byte < 248 && out.length < length) out.push(alphabet[byte % alphabet.length]);
    }
  }
  return out.join('');
}

/** Elasticsearch's UUID form (22 URL-safe base64 characters), stored once per data directory. */
function lastingClusterUuid(settings: SettingsStore): string {
  const stored = settings.get('cluster_uuid');
  if (stored) return stored;
  const uuid = randomBytes(16).toString('base64url');
  settings.put('cluster_uuid', uuid);
  return uuid;
}
