'use client';
/**
 * <RelativeTime ms />: "5 minutes ago" in a <time> element whose title (tooltip) is the exact
 * local date and time. The server and the hydrating browser render the same UTC timestamp;
 * the relative text replaces it right after hydration and follows the clock every 15 s.
 * `showExact` also prints the exact time after the relative one (for description lists, where
 * a tooltip alone would hide it from keyboard users).
 */
import { useSyncExternalStore } from 'react';

const TICK_MS = 15_000;

function subscribe(onTick: () => void) {
  const timer = setInterval(onTick, TICK_MS);
  return () => clearInterval(timer);
}
const clientNow = () => Math.floor(Date.now() / TICK_MS) * TICK_MS;
const serverNow = () => null;

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600_000],
  ['month', 30 * 24 * 3600_000],
  ['week', 7 * 24 * 3600_000],
  ['day', 24 * 3600_000],
  ['hour', 3600_000],
  ['minute', 60_000],
];

export function formatRelative(ms: number, now: number): string {
  const diff = ms - now;
  const abs = Math.abs(diff);
  if (abs < 60_000) return 'just now';
  const format = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (abs >= size) return format.format(Math.round(diff / size), unit);
  }
  return format.format(Math.round(diff / 60_000), 'minute');
}

export function formatExact(ms: number): string {
  return new Date(ms).toLocaleString('en', { dateStyle: 'medium', timeStyle: 'medium' });
}

/** A stable, zone-independent form for the first (server) render. */
function formatUtc(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function RelativeTime({ ms, showExact = false, className }: { ms: number; showExact?: boolean; className?: string }) {
  const now = useSyncExternalStore(subscribe, clientNow, serverNow);
  const iso = new Date(ms).toISOString();
  if (now === null) {
    return (
      <time dateTime={iso} className={className}>
        {formatUtc(ms)}
      </time>
    );
  }
  const exact = formatExact(ms);
  return (
    <time dateTime={iso} title={exact} className={className}>
      {formatRelative(ms, now)}
      {showExact ? <span className="pc-profile-time__exact"> ({exact})</span> : null}
    </time>
  );
}
