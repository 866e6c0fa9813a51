'use client';
/**
 * useThemePreference(): [preference, setPreference] for client components.
 * Server render and hydration see "system"; the real stored value follows right after hydration.
 * It also re-applies data-theme on mount (React's dev Strict Mode remount can reset <html>
 * attributes set by the inline theme script).
 */
import { useCallback, useLayoutEffect, useSyncExternalStore } from 'react';
import {
  applyTheme,
  readThemePreference,
  setThemePreference,
  subscribeThemePreference,
  type ThemePreference,
} from './theme';

const serverSnapshot = (): ThemePreference => 'system';

export function useThemePreference(): [ThemePreference, (preference: ThemePreference) => void] {
  const preference = useSyncExternalStore(subscribeThemePreference, readThemePreference, serverSnapshot);
  useLayoutEffect(() => {
    applyTheme();
  }, []);
  const set = useCallback((next: ThemePreference) => setThemePreference(next), []);
  return [preference, set];
}
