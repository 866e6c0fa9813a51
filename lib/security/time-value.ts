import { EsError } from './errors';

const UNITS: Record<string, number> = { nanos: 1e-6, micros: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * Elasticsearch's TimeValue.parseTimeValue ("1d", "30m", "500ms", "-1" for none), in ms.
 * Returns undefined for -1 (no expiry).
 */
export function parseTimeValue(value: string, settingName: string): number | undefined {
  const trimmed = value.trim().toLowerCase();
  if (trimmed === '-1') return undefined;
  const match = /^(\d+(?:\.\d+)?)\s*(nanos|micros|ms|s|m|h|d)$/.exec(trimmed);
  if (!match) {
    throw new EsError(
      400,
      'parse_exception',
      `failed to parse setting [${settingName}] with value [${value}] as a time value: unit is missing or unrecognized`,
    );
  }
  return Math.round(Number(match[1]) * UNITS[match[2]]);
}
