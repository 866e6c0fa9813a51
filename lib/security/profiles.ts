import type { ProfileRecord, ProfilesStore, ProfileUserDoc } from '@/lib/store/profiles-store';
import type { Authentication } from './authentication';
import { NATIVE_REALM, RESERVED_REALM } from './authentication';
import { documentMissing, EsError, genericException, illegalArgument, illegalState, validationError, versionConflict } from './errors';
import { nextDifferentiatorUid, profileDocId, profileUid } from './profile-uid';
import { filterApplicationData } from './profile-data-filter';
import {
  isConditional,
  mergeInto,
  NO_CONDITION,
  writeConditionProblems,
  type UpdateProfileDataInput,
  type WriteCondition,
} from './profile-data';
import { suggestProfiles, type SuggestRequest, type SuggestResponse } from './profile-suggest';
import { rolesHavePrivileges, type PrivilegesToCheck } from './privilege-check';
import type { RoleDescriptor } from './roles';
import { RESERVED_USERNAMES } from './realms';
import { isInternalUsername } from './names';

/** Re-activation within this window, with nothing changed, writes nothing (ACTIVATE_INTERVAL_IN_MS). */
export const ACTIVATE_GRACE_PERIOD_MS = 30_000;

/** A profile as the activate and get APIs return it, with Elasticsearch's key order. */
export interface ProfileView {
  uid: string;
  enabled: boolean;
  last_synchronized: number;
  user: {
    username: string;
    roles: string[];
    realm_name: string;
    realm_domain?: string;
    email?: string;
    full_name?: string;
  };
  labels: Record<string, unknown>;
  data: Record<string, unknown>;
  _doc: { _primary_term: number; _seq_no: number };
}

export interface ErrorDetail {
  type: string;
  reason: string;
}

export interface GetProfilesResult {
  profiles: ProfileView[];
  errors?: { count: number; details: Record<string, ErrorDetail> };
}

export interface HasPrivilegesResult {
  has_privilege_uids: string[];
  errors?: { count: number; details: Record<string, ErrorDetail> };
}

/** The `user` object of a profile response (realm_name, email and full_name only when set). */
export function profileUserView(record: ProfileRecord): ProfileView['user'] {
  const user: ProfileView['user'] = {
    username: record.user.username,
    roles: record.user.roles,
    realm_name: record.user.realm.name,
  };
  if (record.user.email !== null) user.email = record.user.email;
  if (record.user.full_name !== null) user.full_name = record.user.full_name;
  return user;
}

export function profileView(record: ProfileRecord, data: Record<string, unknown> = {}): ProfileView {
  return {
    uid: record.uid,
    enabled: record.enabled,
    last_synchronized: record.lastSynchronized,
    user: profileUserView(record),
    labels: record.labels,
    data,
    _doc: { _primary_term: record.primaryTerm, _seq_no: record.seqNo },
  };
}

/** Same user and equivalent realm: same type, and same name unless the realm is file or native. */
function ownedBy(record: ProfileRecord, doc: ProfileUserDoc): boolean {
  if (record.user.username !== doc.username) return false;
  if (record.user.realm.type !== doc.realm.type) return false;
  if (doc.realm.type === 'file' || doc.realm.type === 'native') return true;
  return record.user.realm.name === doc.realm.name;
}

/** Field by field (the hot path of every re-activation; no serialization). */
function sameUserDoc(a: ProfileUserDoc, b: ProfileUserDoc): boolean {
  return (
    a.username === b.username &&
    a.email === b.email &&
    a.full_name === b.full_name &&
    a.realm.name === b.realm.name &&
    a.realm.type === b.realm.type &&
    a.realm.node_name === b.realm.node_name &&
    a.roles.length === b.roles.length &&
    a.roles.every((role, i) => role === b.roles[i])
  );
}

export class ProfileService {
  /**
   * The view of each unchanged stored record, built once: a re-activation within the grace
   * period then returns the very same object, which lets the API layer reuse its serialization.
   * Records are immutable snapshots (every write makes new ones), so a view never goes stale.
   */
  private readonly recordViews = new WeakMap<ProfileRecord, ProfileView>();

  constructor(
    private readonly store: ProfilesStore,
    private readonly transaction: <T>(fn: () => T) => T,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Creates or refreshes the profile of the grant's effective user (ProfileService.activateProfile).
   * Runs synchronously inside one SQLite transaction, so concurrent activations of the same new
   * user in this process cannot create two profiles. Within the grace period the same view
   * object may be returned again: treat it as read-only.
   */
  activate(auth: Authentication): ProfileView {
    if (auth.subjectType !== 'user') {
      throw illegalArgument(`profile is supported for user only, but subject is a [${auth.subjectType}]`);
    }
    if (auth.authenticationType === 'internal' || isInternalUsername(auth.user.username)) {
      throw illegalState(`profile should not be created for internal user [${auth.user.username}]`);
    }
    // The effective subject's realm (Subject.getRealm, used by ProfileDocument.fromSubject): under
    // run-as the realm the run-as user was looked up in, not the one that authenticated the caller.
    const realm = auth.lookupRealm ?? auth.authenticatingRealm;
    const doc: ProfileUserDoc = {
      username: auth.user.username,
      roles: [...auth.user.roles],
      realm: {
        name: realm.name,
        type: realm.type,
        node_name: realm.nodeName,
      },
      email: auth.user.email,
      full_name: auth.user.fullName,
    };
    // The common case, a re-activation within the grace period, only reads: answer it without
    // taking the write lock. (better-sqlite3 is synchronous, so nothing changes in between.)
    const current = this.store.findByUser(doc.username, doc.realm.type, doc.realm.name);
    if (current.length === 1 && this.withinGracePeriod(current[0], doc)) return this.sharedView(current[0]);
    return this.transaction(() => {
      const found = this.store.findByUser(doc.username, doc.realm.type, doc.realm.name);
      if (found.length > 1) {
        throw genericException(
          500,
          `multiple [${found.length}] profiles [${found.map((p) => p.uid).join(',')}] found for user [${doc.username}] from realm [${doc.realm.name}]`,
        );
      }
      if (found.length === 1) return this.update(found[0], doc);
      return this.create(doc);
    });
  }

  private create(doc: ProfileUserDoc): ProfileView {
    let uid = profileUid(doc.username);
    for (;;) {
      const created = this.store.create({
        uid,
        enabled: true,
        lastSynchronized: this.now(),
        user: doc,
        labels: {},
        applicationData: {},
      });
      if (created) return profileView(created);
      const existing = this.store.get(uid);
      if (!existing) throw genericException(500, `failed to retrieving profile [${uid}] after all retries`);
      if (ownedBy(existing, doc)) return this.update(existing, doc);
      uid = nextDifferentiatorUid(uid);
    }
  }

  /** The view of an unchanged record; callers must treat it as read-only. */
  private sharedView(record: ProfileRecord): ProfileView {
    let view = this.recordViews.get(record);
    if (!view) {
      view = profileView(record);
      this.recordViews.set(record, view);
    }
    return view;
  }

  /** Nothing changed, the profile is enabled and was synchronized less than 30 s ago. */
  private withinGracePeriod(existing: ProfileRecord, doc: ProfileUserDoc): boolean {
    return existing.enabled && sameUserDoc(existing.user, doc) && this.now() - existing.lastSynchronized < ACTIVATE_GRACE_PERIOD_MS;
  }

  private update(existing: ProfileRecord, doc: ProfileUserDoc): ProfileView {
    const now = this.now();
    if (this.withinGracePeriod(existing, doc)) return this.sharedView(existing);
    const written = this.store.updateUser(existing.uid, doc, now);
    if (!written) throw documentMissing(profileDocId(existing.uid));
    return profileView({ ...existing, enabled: true, user: doc, lastSynchronized: now, ...written });
  }

  /** GET /_security/profile/{uids}: always answers; missing uids are reported under `errors`. */
  getProfiles(uids: readonly string[], dataPatterns: readonly string[]): GetProfilesResult {
    const profiles: ProfileView[] = [];
    const details: Record<string, ErrorDetail> = {};
    const indexExists = this.store.hasAny();
    for (const uid of new Set(uids)) {
      if (!indexExists) {
        details[uid] = { type: 'exception', reason: 'profile index does not exist' };
        continue;
      }
      const record = this.store.get(uid);
      if (!record) {
        details[uid] = { type: 'resource_not_found_exception', reason: 'profile document not found' };
        continue;
      }
      profiles.push(profileView(record, filterApplicationData(record.applicationData, dataPatterns)));
    }
    const count = Object.keys(details).length;
    return count > 0 ? { profiles, errors: { count, details } } : { profiles };
  }

  get(uid: string): ProfileRecord | undefined {
    return this.store.get(uid);
  }

  setEnabled(uid: string, enabled: boolean): void {
    if (!this.store.setEnabled(uid, enabled)) throw documentMissing(profileDocId(uid));
  }

  /** Whether any profile exists: Elasticsearch's "the profile index exists". */
  indexExists(): boolean {
    return this.store.hasAny();
  }

  /**
   * PUT /_security/profile/{uid}/_data after request validation and authorization: the update
   * request's own checks, then a partial-document merge of labels and application data, as one
   * transaction. A merge that changes nothing is a noop (no new _seq_no), as in Elasticsearch.
   */
  updateData(uid: string, input: UpdateProfileDataInput, condition: WriteCondition = NO_CONDITION): void {
    const problems = writeConditionProblems(condition);
    if (problems.length > 0) throw validationError(problems);
    this.transaction(() => {
      const existing = this.store.get(uid);
      if (!existing) throw documentMissing(profileDocId(uid));
      if (
        isConditional(condition) &&
        (existing.seqNo !== condition.ifSeqNo || existing.primaryTerm !== condition.ifPrimaryTerm)
      ) {
        throw versionConflict(
          `[${profileDocId(uid)}]: version conflict, required seqNo [${condition.ifSeqNo}], primary term [${condition.ifPrimaryTerm}]. ` +
            `current document has seqNo [${existing.seqNo}] and primary term [${existing.primaryTerm}]`,
        );
      }
      const labels = existing.labels;
      const data = existing.applicationData;
      const labelsChanged = input.labels !== undefined && mergeInto(labels, input.labels);
      const dataChanged = input.data !== undefined && mergeInto(data, input.data);
      if (!labelsChanged && !dataChanged) return;
      if (!this.store.updateData(uid, labels, data)) throw documentMissing(profileDocId(uid));
    });
  }

  /** GET|POST /_security/profile/_suggest after validation and authorization. */
  suggest(request: SuggestRequest): SuggestResponse {
    return suggestProfiles(this.store, request);
  }

  /**
   * POST /_security/profile/_has_privileges after validation and authorization. Each enabled
   * profile's stored roles are resolved now; disabled profiles are silently left out, unknown
   * uids reported under `errors`, and a store without profiles answers an empty list.
   */
  hasPrivileges(
    uids: readonly string[],
    check: PrivilegesToCheck,
    resolveRoles: (names: readonly string[]) => RoleDescriptor[],
  ): HasPrivilegesResult {
    const granted: string[] = [];
    const details: Record<string, ErrorDetail> = {};
    if (this.store.hasAny()) {
      for (const uid of new Set(uids)) {
        const record = this.store.get(uid);
        if (!record) {
          details[uid] = { type: 'resource_not_found_exception', reason: 'profile document not found' };
          continue;
        }
        if (!record.enabled) continue;
        try {
          if (rolesHavePrivileges(resolveRoles(record.user.roles), check)) granted.push(uid);
        } catch (error) {
          if (!(error instanceof EsError)) throw error;
          details[uid] = { type: error.type, reason: error.reason };
        }
      }
    }
    const count = Object.keys(details).length;
    return count > 0 ? { has_privilege_uids: granted, errors: { count, details } } : { has_privilege_uids: granted };
  }

  /**
   * The profile uid of a user of the native realm, or of the reserved realm for reserved users
   * (GET /_security/user?with_profile_uid=true); undefined when the user has none.
   */
  profileUidForUser(username: string): string | undefined {
    const realm = RESERVED_USERNAMES.has(username) ? RESERVED_REALM : NATIVE_REALM;
    return this.profileUidForRealmUser(username, realm.type, realm.name);
  }

  /** The uid of the profile of `username` from a given realm (e.g. an API key's owner), if any. */
  profileUidForRealmUser(username: string, realmType: string, realmName: string): string | undefined {
    return this.store.findByUser(username, realmType, realmName)[0]?.uid;
  }
}
