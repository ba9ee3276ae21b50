const UNIT_SECONDS: Readonly<Record<string, number>> = {
  s: 1,
  m: 60,
  h: 3600,
  d: 86_400,
  w: 604_800,
};

/**
 * Parses a duration as an operator types it: `3600` (seconds), `90s`, `30m`, `12h`, `7d`, `2w`.
 * Returns whole seconds, or `undefined` for anything else (`1.5h`, `-1d`, `7 days`).
 */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d{1,10})([smhdw]?)$/.exec(text.trim());
  if (!match) return undefined;
  const seconds = Number(match[1]) * (UNIT_SECONDS[match[2] || 's'] ?? 1);
  return Number.isSafeInteger(seconds) ? seconds : undefined;
}
