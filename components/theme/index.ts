/** Colour mode: inline pre-paint script, ThemeSwitch, hooks and helpers. */
export { themeScript } from './theme-script';
export { ThemeSwitch, type ThemeSwitchProps } from './theme-switch';
export { ThemeSync } from './theme-sync';
export { useThemePreference } from './use-theme-preference';
export {
  applyTheme,
  readThemePreference,
  setThemePreference,
  THEME_STORAGE_KEY,
  type ResolvedTheme,
  type ThemePreference,
} from './theme';
