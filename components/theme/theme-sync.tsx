'use client';
/**
 * <ThemeSync />: renders nothing; keeps <html data-theme> in sync with the stored preference and
 * the OS colour scheme. ConsoleShell and ThemeSwitch already do this; add it only to pages that use
 * neither (e.g. the sign-in page) so "System" follows prefers-color-scheme live there too.
 */
import { useThemePreference } from './use-theme-preference';

export function ThemeSync() {
  useThemePreference();
  return null;
}
