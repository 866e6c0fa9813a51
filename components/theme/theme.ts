/**
 * Colour-mode preference (System | Light | Dark), shared by the inline theme script, ThemeSwitch
 * and ConsoleShell.
 *
 * - The preference lives in localStorage under `pc-theme` ("system" | "light" | "dark"; missing or
 *   anything else means "system").
 * - The resolved mode is written to `<html data-theme="light|dark">`; app/globals.css switches its
 *   tokens on `html[data-theme="dark"]`. `data-theme-preference` records the raw preference.
 * - Browser-only helpers; every function is a no-op / "system" on the server.
 */

export type ThemePreference = 'system' | 'light' | 'dark';
export type ResolvedTheme = 'light' | 'dark';

export const THEME_STORAGE_KEY = 'pc-theme';
/** Fired on window whenever this tab changes the preference (the `storage` event covers other tabs). */
export const THEME_CHANGE_EVENT = 'pc-theme-change';
export const THEME_PREFERENCES: readonly ThemePreference[] = ['system', 'light', 'dark'];

const DARK_QUERY = '(prefers-color-scheme: dark)';

export function isThemePreference(value: unknown): value is ThemePreference {
  return value === 'system' || value === 'light' || value === 'dark';
}

export function readThemePreference(): ThemePreference {
  if (typeof window === 'undefined') return 'system';
  try {
    const value = window.localStorage.getItem(THEME_STORAGE_KEY);
    return isThemePreference(value) ? value : 'system';
  } catch {
    return 'system';
  }
}

export function resolveTheme(preference: ThemePreference): ResolvedTheme {
  if (preference !== 'system') return preference;
  if (typeof window === 'undefined' || typeof window.matchMedia !== 'function') return 'light';
  return window.matchMedia(DARK_QUERY).matches ? 'dark' : 'light';
}

/** Sets data-theme / data-theme-preference on <html> for the given (or stored) preference. */
export function applyTheme(preference: ThemePreference = readThemePreference()): ResolvedTheme {
  const resolved = resolveTheme(preference);
  if (typeof document !== 'undefined') {
    const root = document.documentElement;
    if (root.getAttribute('data-theme') !== resolved) root.setAttribute('data-theme', resolved);
    if (root.getAttribute('data-theme-preference') !== preference) {
      root.setAttribute('data-theme-preference', preference);
    }
  }
  return resolved;
}

/** Stores the preference, applies it and notifies subscribers in this tab. */
export function setThemePreference(preference: ThemePreference): void {
  if (typeof window === 'undefined') return;
  try {
    if (preference === 'system') window.localStorage.removeItem(THEME_STORAGE_KEY);
    else window.localStorage.setItem(THEME_STORAGE_KEY, preference);
  } catch {
    // Storage unavailable (private mode, disabled): still apply for this page view.
  }
  applyTheme(preference);
  window.dispatchEvent(new Event(THEME_CHANGE_EVENT));
}

/**
 * Subscribes to preference changes (this tab, other tabs) and to OS colour-scheme changes while
 * the preference is "system" (re-applying the theme). Returns the unsubscribe function. Shaped for
 * React's useSyncExternalStore.
 */
export function subscribeThemePreference(callback: () => void): () => void {
  if (typeof window === 'undefined') return () => {};
  const onStorage = (event: StorageEvent) => {
    if (event.key === null || event.key === THEME_STORAGE_KEY) {
      applyTheme();
      callback();
    }
  };
  const media = typeof window.matchMedia === 'function' ? window.matchMedia(DARK_QUERY) : null;
  const onMedia = () => {
    if (readThemePreference() === 'system') applyTheme('system');
    callback();
  };
  window.addEventListener('storage', onStorage);
  window.addEventListener(THEME_CHANGE_EVENT, callback);
  media?.addEventListener('change', onMedia);
  return () => {
    window.removeEventListener('storage', onStorage);
    window.removeEventListener(THEME_CHANGE_EVENT, callback);
    media?.removeEventListener('change', onMedia);
  };
}
