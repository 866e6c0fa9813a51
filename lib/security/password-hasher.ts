import bcrypt from 'bcrypt';

/** Elasticsearch's default password hashing: bcrypt with cost 10. */
export const BCRYPT_COST = 10;

// $2a$/$2b$/$2y$, two-digit cost, 53 characters of salt and hash in bcrypt's base64 alphabet.
const BCRYPT_HASH = /^\$2[aby]\$(0[4-9]|[12][0-9]|3[01])\$[./A-Za-z0-9]{53}$/;

export function isBcryptHash(value: string): boolean {
  return BCRYPT_HASH.test(value);
}

/** Hashes on libuv's thread pool so the event loop keeps serving requests. */
export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, BCRYPT_COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

/** Elasticsearch's minimum length for a native user's password. */
export const MIN_PASSWORD_LENGTH = 6;
