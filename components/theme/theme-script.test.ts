import { describe, expect, it } from 'vitest';
import { themeScript } from './theme-script';

/** Runs the inline script against a fake document/localStorage/matchMedia. */
function run(stored: string | null, osDark: boolean) {
  const attrs: Record<string, string> = {};
  const mediaListeners: Array<() => void> = [];
  const media = { matches: osDark, addEventListener: (_: string, fn: () => void) => mediaListeners.push(fn) };
  const store = new Map<string, string>(stored === null ? [] : [['pc-theme', stored]]);
  const window = {
    matchMedia: () => media,
    addEventListener: () => {},
  };
  const document = { documentElement: { setAttribute: (k: string, v: string) => (attrs[k] = v) } };
  const localStorage = { getItem: (k: string) => store.get(k) ?? null };
  new Function('window', 'document', 'localStorage', themeScript)(window, document, localStorage);
  return { attrs, media, mediaListeners };
}

describe('themeScript', () => {
  it('applies a stored light/dark preference', () => {
    expect(run('dark', false).attrs).toEqual({ 'data-theme': 'dark', 'data-theme-preference': 'dark' });
    expect(run('light', true).attrs).toEqual({ 'data-theme': 'light', 'data-theme-preference': 'light' });
  });
  it('follows the OS when the preference is system, missing or junk', () => {
    expect(run(null, true).attrs['data-theme']).toBe('dark');
    expect(run('system', false).attrs['data-theme']).toBe('light');
    expect(run('purple', true).attrs).toEqual({ 'data-theme': 'dark', 'data-theme-preference': 'system' });
  });
  it('re-applies when the OS colour scheme changes', () => {
    const r = run(null, false);
    expect(r.attrs['data-theme']).toBe('light');
    r.media.matches = true;
    r.mediaListeners.forEach((fn) => fn());
    expect(r.attrs['data-theme']).toBe('dark');
  });
});
