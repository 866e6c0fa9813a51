/**
 * <Icon type="user" size?="m" title? color? />: small line icons (our own 16×16 drawings, in the
 * spirit of EUI's icon set). Decorative (aria-hidden) unless `title` is given, then role="img".
 * Sizes: s 12, m 16 (default), l 24, xl 32, xxl 48 px. Colour follows `currentColor` unless
 * `color` is set (any CSS colour, e.g. "var(--color-text-danger)").
 */
import type { ReactNode, SVGProps } from 'react';

const dot = (cx: number, cy: number, r = 1) => (
  <circle cx={cx} cy={cy} r={r} fill="currentColor" stroke="none" />
);

const ICONS = {
  alert: (
    <>
      <path d="M8 1.75 14.75 13.5H1.25Z" />
      <path d="M8 6.25v3.25" />
      {dot(8, 11.4, 0.9)}
    </>
  ),
  arrowDown: <path d="m4 6 4 4 4-4" />,
  arrowLeft: <path d="M10 4 6 8l4 4" />,
  arrowRight: <path d="m6 4 4 4-4 4" />,
  arrowUp: <path d="m4 10 4-4 4 4" />,
  boxesHorizontal: (
    <>
      {dot(3.5, 8, 1.25)}
      {dot(8, 8, 1.25)}
      {dot(12.5, 8, 1.25)}
    </>
  ),
  check: <path d="m3 8.5 3 3 7-7" />,
  checkInCircle: (
    <>
      <circle cx="8" cy="8" r="6.25" />
      <path d="m5.25 8.25 2 2 3.5-4" />
    </>
  ),
  copy: (
    <>
      <rect x="5.5" y="5.5" width="8" height="8" rx="1.5" />
      <path d="M10.5 5.5v-2a1 1 0 0 0-1-1h-6a1 1 0 0 0-1 1v6a1 1 0 0 0 1 1h2" />
    </>
  ),
  cross: <path d="m4 4 8 8m0-8-8 8" />,
  desktop: (
    <>
      <rect x="1.5" y="2.5" width="13" height="8.5" rx="1" />
      <path d="M5.5 14h5M8 11v3" />
    </>
  ),
  document: (
    <>
      <path d="M4 1.5h5.5l3 3v10H4Z" />
      <path d="M9.5 1.5v3h3M6 8.5h4.5M6 11h4.5" />
    </>
  ),
  dot: dot(8, 8, 4),
  error: (
    <>
      <circle cx="8" cy="8" r="6.25" />
      <path d="M8 4.75V8.5" />
      {dot(8, 11, 0.9)}
    </>
  ),
  exit: <path d="M6 2.5H3.5a1 1 0 0 0-1 1v9a1 1 0 0 0 1 1H6M10 5l3 3-3 3m3-3H6" />,
  eye: (
    <>
      <path d="M1.5 8S4 3.5 8 3.5 14.5 8 14.5 8 12 12.5 8 12.5 1.5 8 1.5 8Z" />
      <circle cx="8" cy="8" r="2" />
    </>
  ),
  eyeClosed: (
    <>
      <path d="M1.5 8S4 3.5 8 3.5 14.5 8 14.5 8 12 12.5 8 12.5 1.5 8 1.5 8Z" />
      <path d="m2.5 2.5 11 11" />
    </>
  ),
  home: <path d="M2.5 7.5 8 2.5l5.5 5M4 6.5v7h8v-7" />,
  info: (
    <>
      <circle cx="8" cy="8" r="6.25" />
      <path d="M8 7.25v4" />
      {dot(8, 5, 0.9)}
    </>
  ),
  key: (
    <>
      <circle cx="5" cy="11" r="2.75" />
      <path d="m7 9 6.25-6.25M11 4.75l1.5 1.5m-.25-2.5 1.5 1.5" />
    </>
  ),
  lock: (
    <>
      <rect x="3.5" y="7" width="9" height="6.5" rx="1" />
      <path d="M5.5 7V5a2.5 2.5 0 0 1 5 0v2" />
    </>
  ),
  menu: <path d="M2.5 4h11M2.5 8h11M2.5 12h11" />,
  minusInCircle: (
    <>
      <circle cx="8" cy="8" r="6.25" />
      <path d="M5 8h6" />
    </>
  ),
  moon: <path d="M13.5 9.5a5.75 5.75 0 1 1-7-7 4.5 4.5 0 0 0 7 7Z" />,
  pencil: <path d="m10.5 2.5 3 3-8 8h-3v-3Zm-1.5 1.5 3 3" />,
  plus: <path d="M8 3v10M3 8h10" />,
  plusInCircle: (
    <>
      <circle cx="8" cy="8" r="6.25" />
      <path d="M8 5v6M5 8h6" />
    </>
  ),
  popout: (
    <path d="M9 2.5h4.5V7m0-4.5-6 6M12 9.5v3a1 1 0 0 1-1 1H3.5a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1h3" />
  ),
  refresh: <path d="M13.25 8a5.25 5.25 0 1 1-1.54-3.71M13.25 2.25V5.5H10" />,
  search: (
    <>
      <circle cx="7" cy="7" r="4.5" />
      <path d="m10.5 10.5 3.5 3.5" />
    </>
  ),
  securityApp: (
    <>
      <path d="M8 1.75 13.25 3.75v4c0 3.25-2.25 5.5-5.25 6.5-3-1-5.25-3.25-5.25-6.5v-4Z" />
      <circle cx="8" cy="6.75" r="1.25" />
      <path d="M8 8v2.5" />
    </>
  ),
  sun: (
    <>
      <circle cx="8" cy="8" r="2.75" />
      <path d="M8 1.5V3m0 10v1.5M1.5 8H3m10 0h1.5M3.4 3.4l1.06 1.06m7.08 7.08 1.06 1.06M3.4 12.6l1.06-1.06m7.08-7.08 1.06-1.06" />
    </>
  ),
  trash: (
    <path d="M2.5 4h11M6 4V2.5h4V4M4 4l.75 9.5h6.5L12 4M6.75 6.5V11m2.5-4.5V11" />
  ),
  user: (
    <>
      <circle cx="8" cy="5.25" r="2.75" />
      <path d="M2.75 14c0-2.9 2.35-4.75 5.25-4.75S13.25 11.1 13.25 14" />
    </>
  ),
  users: (
    <>
      <circle cx="6" cy="5.5" r="2.5" />
      <path d="M1.5 13.5C1.5 11 3.5 9.25 6 9.25s4.5 1.75 4.5 4.25M10.25 3.2a2.5 2.5 0 0 1 0 4.6M12 9.6c1.5.5 2.5 1.9 2.5 3.9" />
    </>
  ),
} satisfies Record<string, ReactNode>;

export type IconType = keyof typeof ICONS;
export type IconSize = 's' | 'm' | 'l' | 'xl' | 'xxl';

// Thinner strokes on bigger icons keep the line weight optically similar.
const STROKE: Record<IconSize, number> = { s: 1.75, m: 1.5, l: 1.25, xl: 1.1, xxl: 0.9 };

export const ICON_TYPES = Object.keys(ICONS) as IconType[];

export interface IconProps extends Omit<SVGProps<SVGSVGElement>, 'type' | 'color'> {
  type: IconType;
  size?: IconSize;
  /** Accessible name; without it the icon is decorative (aria-hidden). */
  title?: string;
  color?: string;
}

export function Icon({ type, size = 'm', title, color, className, style, ...rest }: IconProps) {
  const a11y = title ? { role: 'img', 'aria-label': title } : { 'aria-hidden': true as const };
  return (
    <svg
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth={STROKE[size]}
      strokeLinecap="round"
      strokeLinejoin="round"
      focusable="false"
      className={['pc-icon', `pc-icon--${size}`, className].filter(Boolean).join(' ')}
      style={color ? { color, ...style } : style}
      {...a11y}
      {...rest}
    >
      {title ? <title>{title}</title> : null}
      {ICONS[type]}
    </svg>
  );
}
