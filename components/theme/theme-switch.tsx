'use client';
/**
 * <ThemeSwitch legend?="Color mode" />: System / Light / Dark key-pad (Kibana's profile "Theme"
 * setting), built from native radio inputs in a role="radiogroup" fieldset, so arrow keys move the
 * selection. Stores the choice in localStorage `pc-theme` and applies it immediately.
 */
import { useId } from 'react';
import { Icon, type IconType } from '../ui/icon';
import { THEME_PREFERENCES, type ThemePreference } from './theme';
import { useThemePreference } from './use-theme-preference';

const LABELS: Record<ThemePreference, { label: string; icon: IconType }> = {
  system: { label: 'System', icon: 'desktop' },
  light: { label: 'Light', icon: 'sun' },
  dark: { label: 'Dark', icon: 'moon' },
};

export interface ThemeSwitchProps {
  /** Visible group label. Default "Color mode". */
  legend?: string;
  className?: string;
}

export function ThemeSwitch({ legend = 'Color mode', className }: ThemeSwitchProps) {
  const [preference, setPreference] = useThemePreference();
  const name = useId();
  const legendId = `${name}-legend`;
  return (
    <fieldset className={['pc-theme-switch', className].filter(Boolean).join(' ')}>
      <legend className="pc-theme-switch__legend" id={legendId}>
        {legend}
      </legend>
      <div className="pc-theme-switch__options" role="radiogroup" aria-labelledby={legendId}>
        {THEME_PREFERENCES.map((value) => (
          <label key={value} className="pc-theme-switch__option">
            <input
              type="radio"
              name={name}
              value={value}
              checked={preference === value}
              onChange={() => setPreference(value)}
            />
            <Icon type={LABELS[value].icon} size="m" />
            <span>{LABELS[value].label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
