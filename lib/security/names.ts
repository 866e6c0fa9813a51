/**
 * Elasticsearch's rule for user and role names (Validation.Users / Validation.Roles):
 * 1 to 507 printable Basic Latin characters, no leading or trailing whitespace.
 */
export const SECURITY_NAME_RULES =
  'must be at least 1 and no more than 507 characters. They can contain alphanumeric characters (a-z, A-Z, 0-9), ' +
  'spaces, punctuation, and printable symbols in the Basic Latin (ASCII) block. Leading or trailing whitespace is not allowed.';

const PRINTABLE_ASCII = /^[\x20-\x7E]+$/;

export function isValidSecurityName(name: string): boolean {
  return (
    name.length >= 1 &&
    name.length <= 507 &&
    PRINTABLE_ASCII.test(name) &&
    name.trim() === name
  );
}

/**
 * Elasticsearch's internal users (InternalUsers): they exist in every cluster, cannot be
 * created, read, changed or deleted through the user APIs, and never get a profile.
 */
const INTERNAL_USERNAMES: ReadonlySet<string> = new Set([
  '_system',
  '_xpack',
  '_xpack_security',
  '_security_profile',
  '_async_search',
  '_storage',
  '_synonyms',
  '_cross_cluster_access',
  '_data_stream_lifecycle',
]);

export function isInternalUsername(username: string): boolean {
  return INTERNAL_USERNAMES.has(username);
}
