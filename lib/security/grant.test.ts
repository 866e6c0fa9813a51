import { describe, expect, it } from 'vitest';
import { formatValidationMessages, validationError } from './errors';
import { validateGrant, type Grant } from './grant';

/** What the activate API would answer: Elasticsearch's ValidationException text. */
function reason(grant: Grant): string {
  return formatValidationMessages(validateGrant(grant));
}

describe('formatValidationMessages (ValidationException rendering)', () => {
  it('numbers from 1, terminates every entry with ";" and puts no space between entries', () => {
    expect(formatValidationMessages(['a'])).toBe('Validation Failed: 1: a;');
    expect(formatValidationMessages(['a', 'b', 'c'])).toBe('Validation Failed: 1: a;2: b;3: c;');
  });

  it('validationError is a 400 action_request_validation_exception carrying that text', () => {
    const error = validationError(['[grant_type] is required']);
    expect(error.status).toBe(400);
    expect(error.type).toBe('action_request_validation_exception');
    expect(error.reason).toBe('Validation Failed: 1: [grant_type] is required;');
  });
});

describe('compatibility notes §1.4 examples (exact strings)', () => {
  it('{} -> grant_type required', () => {
    expect(reason({})).toBe('Validation Failed: 1: [grant_type] is required;');
  });

  it('{"grant_type":"password"} -> username and password required', () => {
    expect(reason({ grant_type: 'password' })).toBe(
      'Validation Failed: 1: [username] is required for grant_type [password];2: [password] is required for grant_type [password];',
    );
  });

  it('{"grant_type":"access_token","access_token":"x","username":"u","password":"p"} -> username and password not supported', () => {
    expect(reason({ grant_type: 'access_token', access_token: 'x', username: 'u', password: 'p' })).toBe(
      'Validation Failed: 1: [username] is not supported for grant_type [access_token];2: [password] is not supported for grant_type [access_token];',
    );
  });

  it('{"grant_type":"foo"} -> not supported', () => {
    expect(reason({ grant_type: 'foo' })).toBe('Validation Failed: 1: grant_type [foo] is not supported;');
  });
});

describe('missing grant_type', () => {
  it('reports only "[grant_type] is required", whatever else is sent', () => {
    expect(validateGrant({ username: 'u', access_token: 't', client_authentication: { scheme: 'x', value: 'y' } })).toEqual([
      '[grant_type] is required',
    ]);
  });
});

describe('password grant', () => {
  it('accepts username + password', () => {
    expect(validateGrant({ grant_type: 'password', username: 'joe', password: 's3krit-password' })).toEqual([]);
  });

  it('treats the empty string as blank', () => {
    expect(validateGrant({ grant_type: 'password', username: '', password: '' })).toEqual([
      '[username] is required for grant_type [password]',
      '[password] is required for grant_type [password]',
    ]);
  });

  it('counts whitespace-only strings as present', () => {
    expect(validateGrant({ grant_type: 'password', username: ' ', password: '\t' })).toEqual([]);
  });

  it('reports only the missing one', () => {
    expect(validateGrant({ grant_type: 'password', username: 'joe' })).toEqual(['[password] is required for grant_type [password]']);
    expect(validateGrant({ grant_type: 'password', password: 'p' })).toEqual(['[username] is required for grant_type [password]']);
  });

  it('rejects a non-blank access_token, but not an empty one', () => {
    expect(validateGrant({ grant_type: 'password', username: 'u', password: 'p', access_token: 't' })).toEqual([
      '[access_token] is not supported for grant_type [password]',
    ]);
    expect(validateGrant({ grant_type: 'password', username: 'u', password: 'p', access_token: '' })).toEqual([]);
    expect(validateGrant({ grant_type: 'password', username: 'u', password: 'p', access_token: ' ' })).toEqual([
      '[access_token] is not supported for grant_type [password]',
    ]);
  });

  it('rejects client_authentication whenever present, even with scheme SharedSecret', () => {
    expect(
      validateGrant({ grant_type: 'password', username: 'u', password: 'p', client_authentication: { scheme: 'SharedSecret', value: 'v' } }),
    ).toEqual(['[client_authentication] is not supported for grant_type [password]']);
  });

  it('accumulates in order: username, password, access_token, client_authentication', () => {
    expect(
      reason({ grant_type: 'password', access_token: 'tok', client_authentication: { scheme: 'SharedSecret', value: 'v' } }),
    ).toBe(
      'Validation Failed: ' +
        '1: [username] is required for grant_type [password];' +
        '2: [password] is required for grant_type [password];' +
        '3: [access_token] is not supported for grant_type [password];' +
        '4: [client_authentication] is not supported for grant_type [password];',
    );
  });
});

describe('access_token grant', () => {
  it('accepts a token alone, and with a SharedSecret client authentication', () => {
    expect(validateGrant({ grant_type: 'access_token', access_token: 'tok' })).toEqual([]);
    expect(
      validateGrant({ grant_type: 'access_token', access_token: 'tok', client_authentication: { scheme: 'SharedSecret', value: 's' } }),
    ).toEqual([]);
  });

  it('requires a non-blank access_token (whitespace counts as present)', () => {
    expect(validateGrant({ grant_type: 'access_token' })).toEqual(['[access_token] is required for grant_type [access_token]']);
    expect(validateGrant({ grant_type: 'access_token', access_token: '' })).toEqual([
      '[access_token] is required for grant_type [access_token]',
    ]);
    expect(validateGrant({ grant_type: 'access_token', access_token: '  ' })).toEqual([]);
  });

  it('ignores empty username/password but rejects whitespace ones', () => {
    expect(validateGrant({ grant_type: 'access_token', access_token: 't', username: '', password: '' })).toEqual([]);
    expect(validateGrant({ grant_type: 'access_token', access_token: 't', username: ' ', password: ' ' })).toEqual([
      '[username] is not supported for grant_type [access_token]',
      '[password] is not supported for grant_type [access_token]',
    ]);
  });

  it('requires scheme SharedSecret (trimmed, case-sensitive)', () => {
    const withScheme = (scheme: string) =>
      validateGrant({ grant_type: 'access_token', access_token: 't', client_authentication: { scheme, value: 'v' } });
    expect(withScheme('  SharedSecret  ')).toEqual([]);
    for (const bad of ['sharedsecret', 'SHAREDSECRET', 'Bearer', '']) {
      expect(withScheme(bad)).toEqual(['[client_authentication.scheme] must be set to [SharedSecret]']);
    }
  });

  it('accumulates in order: access_token, username, password, client_authentication.scheme', () => {
    expect(
      reason({ grant_type: 'access_token', username: 'u', password: 'p', client_authentication: { scheme: 'Basic', value: 'v' } }),
    ).toBe(
      'Validation Failed: ' +
        '1: [access_token] is required for grant_type [access_token];' +
        '2: [username] is not supported for grant_type [access_token];' +
        '3: [password] is not supported for grant_type [access_token];' +
        '4: [client_authentication.scheme] must be set to [SharedSecret];',
    );
  });
});

describe('other grant types', () => {
  it('is case-sensitive: "Password" and "ACCESS_TOKEN" are not supported', () => {
    expect(validateGrant({ grant_type: 'Password', username: 'u', password: 'p' })).toEqual(['grant_type [Password] is not supported']);
    expect(validateGrant({ grant_type: 'ACCESS_TOKEN', access_token: 't' })).toEqual(['grant_type [ACCESS_TOKEN] is not supported']);
  });

  it('does not trim the grant type', () => {
    expect(validateGrant({ grant_type: ' password', username: 'u', password: 'p' })).toEqual(['grant_type [ password] is not supported']);
  });

  it('an empty grant_type is present, hence "not supported" rather than "required"', () => {
    expect(reason({ grant_type: '' })).toBe('Validation Failed: 1: grant_type [] is not supported;');
  });

  it('reports nothing else for an unsupported type', () => {
    expect(validateGrant({ grant_type: 'client_credentials', username: 'u', access_token: 't' })).toEqual([
      'grant_type [client_credentials] is not supported',
    ]);
  });
});
