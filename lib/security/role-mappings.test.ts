import { describe, expect, it } from 'vitest';
import type { RoleMappingsStore } from '@/lib/store/role-mappings-store';
import { EsError } from './errors';
import {
  matchesUser,
  normalizeDn,
  parseRules,
  RoleMappingService,
  RuleParseError,
  rulesToJson,
  type PutRoleMappingInput,
  type UserData,
} from './role-mappings';

const user: UserData = {
  username: 'alice',
  dn: 'CN=Alice, OU=Engineering ,DC=example,DC=com',
  groups: ['admins', 'eng'],
  metadata: { jwt_claim_level: 3, jwt_claim_active: true, jwt_claim_tags: ['a', 'b'], jwt_token_type: 'id_token' },
  realmName: 'jwt1',
};

const matches = (rules: unknown) => matchesUser(parseRules(rules, 'm'), user);

describe('role mapping rules', () => {
  it('field values: exact strings, wildcards, regexes, numbers, booleans, null, and lists (any of)', () => {
    expect(matches({ field: { username: 'alice' } })).toBe(true);
    expect(matches({ field: { username: 'Alice' } })).toBe(false);
    expect(matches({ field: { username: 'al*' } })).toBe(true);
    expect(matches({ field: { username: '/a.i[a-z]+/' } })).toBe(true);
    expect(matches({ field: { username: '/lic/' } })).toBe(false); // regexes match the whole value
    expect(matches({ field: { 'realm.name': 'jwt1' } })).toBe(true);
    expect(matches({ field: { groups: 'eng' } })).toBe(true);
    expect(matches({ field: { groups: ['x', 'adm*'] } })).toBe(true);
    expect(matches({ field: { groups: 'nope' } })).toBe(false);
    expect(matches({ field: { 'metadata.jwt_claim_level': 3 } })).toBe(true);
    expect(matches({ field: { 'metadata.jwt_claim_level': '3' } })).toBe(false);
    expect(matches({ field: { 'metadata.jwt_claim_active': true } })).toBe(true);
    expect(matches({ field: { 'metadata.jwt_claim_tags': 'b' } })).toBe(true);
    expect(matches({ field: { 'metadata.missing': null } })).toBe(true);
    expect(matches({ field: { 'metadata.missing': 'x' } })).toBe(false);
    expect(matches({ field: { username: '/alice|bob/' } })).toBe(true);
    expect(matches({ field: { username: 'a?ice' } })).toBe(false); // no '*': compared literally
  });

  it('dn: case-insensitive, normalized, and "*," for a subtree', () => {
    expect(normalizeDn('CN=Alice, OU=Engineering ,DC=example')).toBe('cn=alice,ou=engineering,dc=example');
    expect(matches({ field: { dn: 'cn=alice,ou=engineering,dc=example,dc=com' } })).toBe(true);
    expect(matches({ field: { dn: '*,ou=engineering,dc=example,dc=com' } })).toBe(true);
    expect(matches({ field: { dn: '*,ou=sales,dc=example,dc=com' } })).toBe(false);
  });

  it('all, any and except', () => {
    expect(matches({ all: [{ field: { username: 'alice' } }, { field: { groups: 'eng' } }] })).toBe(true);
    expect(matches({ all: [{ field: { username: 'alice' } }, { except: { field: { groups: 'admins' } } }] })).toBe(false);
    expect(matches({ any: [{ field: { username: 'bob' } }, { field: { groups: 'eng' } }] })).toBe(true);
    expect(matches({ any: [] })).toBe(false);
    expect(matches({ all: [] })).toBe(true);
  });

  it('rejects malformed rules with Elasticsearch messages', () => {
    const message = (rules: unknown) => {
      try {
        parseRules(rules, 'mapping1');
      } catch (error) {
        expect(error).toBeInstanceOf(RuleParseError);
        return (error as Error).message;
      }
      return 'parsed';
    };
    expect(message([])).toBe('failed to parse rules expression. expected [mapping1] to be an object but found [START_ARRAY] instead');
    expect(message({})).toBe('failed to parse rules expression. object [mapping1] does not contain any fields');
    expect(message({ foo: 1 })).toBe('failed to parse rules expression. field [foo] is not recognised in object [mapping1]');
    expect(message({ except: { field: { a: 1 } } })).toBe('failed to parse rules expression. field [except] is not allowed within [mapping1]');
    expect(message({ any: { field: { a: 1 } } })).toBe('failed to parse rules expression. field [any] requires an array');
    expect(message({ field: { a: {} } })).toBe('failed to parse rules expression. expected a field value but found [START_OBJECT] instead');
    expect(message({ field: { a: 1, b: 2 } })).toBe('failed to parse rules expression. object [field] contains multiple fields');
    expect(message({ field: { a: '/unterminated' } })).toBe('parsed'); // neither a regex nor a wildcard: a literal
    expect(message({ field: { a: '/unterminated*' } })).toMatch(/^invalid pattern \[\/unterminated\*\]/);
    expect(message({ field: { a: '/a(b/' } })).toMatch(/^invalid regular expression \[a\(b\]/);
    expect(message({ any: [{ except: { field: { a: 1 } } }] })).toBe('failed to parse rules expression. field [except] is not allowed within [any]');
  });

  it('writes rules back as Elasticsearch does (single values unwrapped, numbers as longs)', () => {
    expect(rulesToJson(parseRules({ all: [{ field: { groups: ['a'] } }, { field: { n: 1.7 } }, { except: { field: { x: ['p', 'q'] } } }] }, 'm'))).toEqual({
      all: [{ field: { groups: 'a' } }, { field: { n: 1 } }, { except: { field: { x: ['p', 'q'] } } }],
    });
  });
});

describe('role mapping regexes are matched in linear time', () => {
  it('/(a+)+b/ against a long username answers at once (no catastrophic backtracking)', () => {
    const rule = parseRules({ field: { username: '/(a+)+b/' } }, 'm');
    // A backtracking RegExp takes about a second on 26 characters (its first, interpreted run) and twice as long for each one more.
    for (const length of [26, 45, 5000]) {
      const start = performance.now();
      expect(matchesUser(rule, { ...user, username: 'a'.repeat(length), dn: 'cn=' + 'a'.repeat(length) })).toBe(false);
      expect(performance.now() - start, `${length} characters`).toBeLessThan(150);
    }
    expect(matchesUser(rule, { ...user, username: 'aab' })).toBe(true);
  });

  it('refuses a regex over the size bound as a rule parse error', () => {
    expect(() => parseRules({ field: { username: '/a{20000}/' } }, 'm')).toThrow(RuleParseError);
    expect(() => parseRules({ field: { username: '/a{20000}/' } }, 'm')).toThrow(/^Determinizing a\{20000\} would result in more than 10000 states\.$/);
  });
});

describe('role mapping names', () => {
  const input: PutRoleMappingInput = { enabled: true, roles: ['viewer'], rules: parseRules({ field: { username: '*' } }, 'm'), metadata: {} };
  const stored: string[] = [];
  const store = { upsert: (name: string) => (stored.push(name), true) } as unknown as RoleMappingsStore;

  it('refuses the read-only operator mapping suffix as Elasticsearch does', () => {
    const service = new RoleMappingService(store);
    let error: unknown;
    try {
      service.put('x-read-only-operator-mapping', input);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EsError);
    expect((error as EsError).status).toBe(400);
    expect((error as EsError).type).toBe('illegal_argument_exception');
    expect((error as EsError).reason).toBe(
      'Invalid mapping name [x-read-only-operator-mapping]. [-read-only-operator-mapping] is not an allowed suffix',
    );
    expect(stored).toEqual([]);
    expect(service.put('read-only-operator-mapping', input)).toBe(true); // only the suffix, with its dash
    expect(service.put('x-read-only-operator-mapping-2', input)).toBe(true);
    expect(stored).toEqual(['read-only-operator-mapping', 'x-read-only-operator-mapping-2']);
  });
});
