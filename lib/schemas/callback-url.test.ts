import { describe, expect, it } from 'vitest';
import { safeCallbackUrl } from './callback-url';

describe('safeCallbackUrl', () => {
  it('keeps paths on this site', () => {
    expect(safeCallbackUrl('/users/edit/mary%20jane?x=1#y')).toBe('/users/edit/mary%20jane?x=1#y');
  });

  it.each([
    '//evil.com',
    '/\\evil.com',
    '/\t/evil.com',
    '/\n/evil.com',
    '/ /evil.com',
    'https://evil.com',
    'evil.com',
    '/login?callbackUrl=//evil.com',
    '/api/auth/refresh',
    '',
  ])('refuses %j, which a browser could resolve off the site or into a loop', (value) => {
    expect(safeCallbackUrl(value)).toBe('/profiles/activate');
    // What the browser would make of it, had it been kept: never another origin.
    const resolved = new URL(safeCallbackUrl(value), 'https://console.example');
    expect(resolved.origin).toBe('https://console.example');
  });
});
