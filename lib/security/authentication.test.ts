import { describe, expect, it } from 'vitest';
import { authenticateResponse, effectiveRealm, isRunAs, runAs, supportsRunAs, type Authentication, type User } from './authentication';

const NODE = 'node-1';

function userNamed(username: string, roles: string[] = []): User {
  return { username, roles, fullName: null, email: null, metadata: {}, enabled: true };
}

const elastic: Authentication = {
  user: { ...userNamed('elastic', ['superuser']), metadata: { _reserved: true } },
  authenticatingRealm: { name: 'reserved', type: 'reserved', nodeName: NODE },
  authenticationType: 'realm',
  subjectType: 'user',
};

const bob: User = { username: 'bob', roles: ['editor'], fullName: 'Bob B', email: 'bob@example.com', metadata: { team: 'b' }, enabled: true };
const NATIVE = { name: 'default_native', type: 'native', nodeName: NODE };

const apiKeyAuth: Authentication = {
  user: userNamed('elastic'),
  authenticatingRealm: { name: '_es_api_key', type: '_es_api_key', nodeName: NODE },
  authenticationType: 'api_key',
  subjectType: 'api_key',
  apiKey: { id: 'k1', name: 'key one', roleDescriptors: {}, limitedBy: {}, ownerRealm: { name: 'reserved', type: 'reserved' } },
};

describe('Authentication.supportsRunAs', () => {
  it('realm, token and API key authentications support run-as', () => {
    expect(supportsRunAs(elastic)).toBe(true);
    expect(supportsRunAs({ ...elastic, authenticationType: 'token' })).toBe(true);
    expect(supportsRunAs(apiKeyAuth)).toBe(true);
  });

  it('no chained run-as, service accounts, internal or anonymous authentications', () => {
    expect(supportsRunAs(runAs(elastic, bob, NATIVE))).toBe(false);
    expect(supportsRunAs({ ...elastic, subjectType: 'service_account', authenticationType: 'token' })).toBe(false);
    expect(supportsRunAs({ ...elastic, authenticationType: 'internal' })).toBe(false);
    expect(supportsRunAs({ ...elastic, authenticationType: 'anonymous' })).toBe(false);
  });
});

describe('Authentication.runAs', () => {
  it('keeps the authenticating realm and type; the effective subject is the looked-up user', () => {
    const auth = runAs(elastic, bob, NATIVE);
    expect(isRunAs(auth)).toBe(true);
    expect(isRunAs(elastic)).toBe(false);
    expect(auth).toEqual({
      user: bob,
      authenticatingRealm: elastic.authenticatingRealm,
      lookupRealm: NATIVE,
      authenticationType: 'realm',
      subjectType: 'user',
      authenticatingSubject: { user: elastic.user, subjectType: 'user' },
    });
    expect(effectiveRealm(auth)).toEqual(NATIVE);
    expect(effectiveRealm(elastic)).toEqual(elastic.authenticatingRealm);
  });

  it('an API key\'s run-as moves the key to the authenticating subject', () => {
    const auth = runAs(apiKeyAuth, bob, NATIVE);
    expect(auth.apiKey).toBeUndefined();
    expect(auth.subjectType).toBe('user');
    expect(auth.authenticatingSubject).toEqual({ user: apiKeyAuth.user, subjectType: 'api_key', apiKey: apiKeyAuth.apiKey });
  });

  it('an unknown user has no lookup realm', () => {
    const auth = runAs(elastic, userNamed('nobody'), undefined);
    expect('lookupRealm' in auth).toBe(false);
    expect(effectiveRealm(auth)).toBeUndefined();
  });
});

describe('authenticateResponse (Authentication.toXContentFragment)', () => {
  it('without run-as: lookup_realm repeats the authentication realm', () => {
    expect(authenticateResponse(elastic)).toEqual({
      username: 'elastic',
      roles: ['superuser'],
      full_name: null,
      email: null,
      metadata: { _reserved: true },
      enabled: true,
      authentication_realm: { name: 'reserved', type: 'reserved' },
      lookup_realm: { name: 'reserved', type: 'reserved' },
      authentication_type: 'realm',
    });
  });

  it('run-as: the effective user\'s fields, the caller\'s realm and the lookup realm, in Elasticsearch\'s key order', () => {
    const body = authenticateResponse(runAs(elastic, bob, NATIVE));
    expect(JSON.stringify(body)).toBe(
      JSON.stringify({
        username: 'bob',
        roles: ['editor'],
        full_name: 'Bob B',
        email: 'bob@example.com',
        metadata: { team: 'b' },
        enabled: true,
        authentication_realm: { name: 'reserved', type: 'reserved' },
        lookup_realm: { name: 'default_native', type: 'native' },
        authentication_type: 'realm',
      }),
    );
  });

  it('run-as from an API key: type api_key, no api_key field (the effective subject is a user)', () => {
    const body = authenticateResponse(runAs(apiKeyAuth, bob, NATIVE));
    expect(body.authentication_type).toBe('api_key');
    expect(body.authentication_realm).toEqual({ name: '_es_api_key', type: '_es_api_key' });
    expect(body.lookup_realm).toEqual({ name: 'default_native', type: 'native' });
    expect(body).not.toHaveProperty('api_key');
  });
});
