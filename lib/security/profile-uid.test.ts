import { describe, expect, it } from 'vitest';
import { baseUidForUsername, MAX_DIFFERENTIATOR, nextDifferentiatorUid, profileDocId, profileUid } from './profile-uid';
import { thrownEsError } from './test-assertions';

// Literal test vectors from compatibility notes §4.3 (SHA-256, base64url without padding, "_0").
const VECTORS: ReadonlyArray<[string, string]> = [
  ['jacknich', 'u_79HkWkwmnBH5gqFKwoxggWPjEBOur1zLPXQPEl1VBW0_0'],
  ['joe', 'u_eGdcwXYIE3LEOrqz6p-3DHQ4HrAtxuk_ttRNFh2m7rM_0'],
  ['elastic', 'u_mGBROF_q5bmFCATbLXAcCwKa0k8JvONAwSruelyKA5E_0'],
  ['_anonymous', 'u_lH-yD5CbNEBLkpI2dyC5MCF2BvpcwYosoKr_n62l9Wc_0'],
  ['rac-user', 'u_5esuUWbOJBMRbdyKHyr4c0X3ZjBM462iUAZbrHRec_s_0'],
];

const JACKNICH_BASE = 'u_79HkWkwmnBH5gqFKwoxggWPjEBOur1zLPXQPEl1VBW0';
const RAC_USER_BASE = 'u_5esuUWbOJBMRbdyKHyr4c0X3ZjBM462iUAZbrHRec_s';


describe('profile uid derivation (compatibility notes §4.3)', () => {
  it.each(VECTORS)('%s -> %s', (username, expected) => {
    expect(profileUid(username)).toBe(expected);
  });

  it('the base uid is the uid without its "_0" differentiator', () => {
    for (const [username, expected] of VECTORS) {
      expect(baseUidForUsername(username)).toBe(expected.slice(0, -2));
    }
  });

  it('is 47 characters long for the _0 case (u_ + 43 hash characters + _0)', () => {
    for (const [username] of VECTORS) {
      expect(profileUid(username)).toHaveLength(47);
      expect(baseUidForUsername(username)).toMatch(/^u_[A-Za-z0-9_-]{43}$/);
    }
  });

  it('hashes the UTF-8 bytes, is case-sensitive and does not involve the realm', () => {
    expect(profileUid('Joe')).not.toBe(profileUid('joe'));
    // "é" as one code point: base64url never contains "+", "/" or "=" padding.
    expect(baseUidForUsername('jürgen')).toMatch(/^u_[A-Za-z0-9_-]{43}$/);
    expect(baseUidForUsername('jürgen')).not.toBe(baseUidForUsername('jurgen'));
  });

  it('appends the requested differentiator', () => {
    expect(profileUid('jacknich', 3)).toBe(`${JACKNICH_BASE}_3`);
  });

  it('names the document profile_<uid>', () => {
    expect(profileDocId('u_79HkWkwmnBH5gqFKwoxggWPjEBOur1zLPXQPEl1VBW0_0')).toBe(
      'profile_u_79HkWkwmnBH5gqFKwoxggWPjEBOur1zLPXQPEl1VBW0_0',
    );
  });
});

describe('nextDifferentiatorUid (compatibility notes §4.4)', () => {
  it('increments 0 -> 1 -> ... -> 9', () => {
    let uid = `${JACKNICH_BASE}_0`;
    for (let n = 1; n <= 9; n++) {
      uid = nextDifferentiatorUid(uid);
      expect(uid).toBe(`${JACKNICH_BASE}_${n}`);
    }
  });

  it('splits at the last underscore, so a base containing "_" keeps it (rac-user)', () => {
    expect(nextDifferentiatorUid('u_5esuUWbOJBMRbdyKHyr4c0X3ZjBM462iUAZbrHRec_s_0')).toBe(
      'u_5esuUWbOJBMRbdyKHyr4c0X3ZjBM462iUAZbrHRec_s_1',
    );
  });

  it('refuses to go past 9 with a 500 exception naming the base uid', () => {
    expect(MAX_DIFFERENTIATOR).toBe(9);
    const error = thrownEsError(() => nextDifferentiatorUid(`${RAC_USER_BASE}_9`));
    expect(error.status).toBe(500);
    expect(error.type).toBe('exception');
    expect(error.reason).toBe(`profile differentiator value is too high for base Uid [${RAC_USER_BASE}]`);
  });

  it('also refuses differentiators above 9', () => {
    const error = thrownEsError(() => nextDifferentiatorUid(`${JACKNICH_BASE}_12`));
    expect(error.reason).toBe(`profile differentiator value is too high for base Uid [${JACKNICH_BASE}]`);
  });

  it('rejects a uid without underscore', () => {
    const error = thrownEsError(() => nextDifferentiatorUid('nounderscore'));
    expect(error.status).toBe(500);
    expect(error.type).toBe('exception');
    expect(error.reason).toBe('profile uid [nounderscore] does not contain any underscore character');
  });

  it('rejects a uid ending with an underscore', () => {
    const error = thrownEsError(() => nextDifferentiatorUid('u_abc_'));
    expect(error.status).toBe(500);
    expect(error.reason).toBe('profile uid [u_abc_] does not contain a differentiator');
  });

  it('rejects a non-numeric differentiator', () => {
    const error = thrownEsError(() => nextDifferentiatorUid('u_abc_x1'));
    expect(error.status).toBe(500);
    expect(error.type).toBe('exception');
    expect(error.reason).toBe('profile uid [u_abc_x1] differentiator is not a number');
  });
});
