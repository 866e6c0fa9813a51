import { createHash } from 'node:crypto';
import { genericException } from './errors';

/**
 * Elasticsearch's profile uid: "u_" + base64url (no padding) of SHA-256 over the UTF-8
 * username, then "_" and a differentiator. The realm is not part of the hash; users with
 * the same name in unrelated realms get differentiators 0, 1, ... up to 9.
 */
export function baseUidForUsername(username: string): string {
  return 'u_' + createHash('sha256').update(username, 'utf8').digest('base64url');
}

export const MAX_DIFFERENTIATOR = 9;

export function profileUid(username: string, differentiator = 0): string {
  return `${baseUidForUsername(username)}_${differentiator}`;
}

/** The uid to try after `uid` was found taken by another user's profile. */
export function nextDifferentiatorUid(uid: string): string {
  const underscore = uid.lastIndexOf('_');
  if (underscore === -1) throw genericException(500, `profile uid [${uid}] does not contain any underscore character`);
  const base = uid.slice(0, underscore);
  const suffix = uid.slice(underscore + 1);
  if (suffix === '') throw genericException(500, `profile uid [${uid}] does not contain a differentiator`);
  if (!/^\d+$/.test(suffix)) throw genericException(500, `profile uid [${uid}] differentiator is not a number`);
  const differentiator = Number(suffix);
  if (differentiator >= MAX_DIFFERENTIATOR) {
    throw genericException(500, `profile differentiator value is too high for base Uid [${base}]`);
  }
  return `${base}_${differentiator + 1}`;
}

/** Document id in the `.security-profile` index, used in Elasticsearch's error texts. */
export function profileDocId(uid: string): string {
  return `profile_${uid}`;
}
