/**
 * <Avatar name size?="s" />: EuiAvatar (user): a circle with the initials of `name`, colour picked
 * from the name (stable), dark text on light tints (contrast ≥ 7:1 in both themes). Decorative
 * (aria-hidden) by default; pass `label` to expose it as an image.
 * Sizes: s 24 | m 32 | l 40 | xl 64 px.
 */
import { cx } from './class-names';

const PALETTE = ['#D9E8FF', '#C2F0DF', '#FCD883', '#FDDDD8', '#E8DAFC', '#C8EDF5', '#FFE0CC'];

function initials(name: string): string {
  const parts = name
    .trim()
    .split(/[\s._@-]+/)
    .filter(Boolean);
  if (parts.length === 0) return '?';
  if (parts.length === 1) return parts[0].slice(0, 2);
  return parts[0][0] + parts[1][0];
}

function colourFor(name: string): string {
  let h = 0;
  for (let i = 0; i < name.length; i++) h = (h * 31 + name.charCodeAt(i)) >>> 0;
  return PALETTE[h % PALETTE.length];
}

export interface AvatarProps {
  name: string;
  size?: 's' | 'm' | 'l' | 'xl';
  label?: string;
  className?: string;
}

export function Avatar({ name, size = 's', label, className }: AvatarProps) {
  return (
    <span
      className={cx('pc-avatar', size !== 's' && `pc-avatar--${size}`, className)}
      style={{ ['--pc-avatar-bg' as string]: colourFor(name), ['--pc-avatar-fg' as string]: '#07101F' }}
      {...(label ? { role: 'img', 'aria-label': label } : { 'aria-hidden': true })}
    >
      {initials(name)}
    </span>
  );
}
