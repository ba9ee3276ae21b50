import type { IncomingHttpHeaders } from 'node:http';

/** The response headers a cache needs (RFC 9111), as received; absent ones are left out. */
export interface OutboundCachingHeaders {
  readonly cacheControl?: string;
  readonly expires?: string;
  readonly date?: string;
  readonly age?: string;
  readonly etag?: string;
  readonly lastModified?: string;
}

/** Bounds on how long a fetched document may be kept, in seconds, whatever its headers say. */
export interface FreshnessBounds {
  readonly minSeconds: number;
  readonly maxSeconds: number;
}

/** Picks the caching-relevant headers of a response. */
export function cachingHeaders(headers: IncomingHttpHeaders): OutboundCachingHeaders {
  const picked: Record<string, string> = {};
  const copy = (name: keyof OutboundCachingHeaders, header: string): void => {
    const value = headers[header];
    if (typeof value === 'string') picked[name] = value;
  };
  copy('cacheControl', 'cache-control');
  copy('expires', 'expires');
  copy('date', 'date');
  copy('age', 'age');
  copy('etag', 'etag');
  copy('lastModified', 'last-modified');
  return picked;
}

// RFC 9111 §1.2.2: a delta-seconds value too large to represent counts as 2^31.
const DELTA_SECONDS_CAP = 2 ** 31;

/**
 * How many seconds from `now` a response received at `now` may be reused, from its headers, as
 * a private cache computes it (this server keeps documents for itself, so `s-maxage` and
 * `private` do not apply):
 *
 * - `no-store` or `no-cache` (RFC 9111 §5.2.2.5, §5.2.2.4): 0, not raised to the minimum;
 * - otherwise the freshness lifetime (§4.2.1): `max-age`, or else `Expires` − `Date` (an invalid
 *   `Expires` is in the past, §5.3; a missing `Date` is `now`), less the response's current age
 *   (§4.2.3: the larger of `Age` and `now` − `Date`), so a response that aged in an upstream cache
 *   is not kept longer than its origin allows;
 * - with neither, `minSeconds` (the bound stands in for heuristic freshness, §4.2.2);
 * - then clamped to [`minSeconds`, `maxSeconds`].
 *
 * Pure: `now` is a time in ms (default `Date.now()`).
 */
export function freshnessLifetimeSeconds(
  headers: OutboundCachingHeaders,
  bounds: FreshnessBounds,
  now: number = Date.now(),
): number {
  const directives = cacheControlDirectives(headers.cacheControl);
  if (directives.has('no-store') || directives.has('no-cache')) return 0;

  const date = headers.date === undefined ? now : parseHttpDate(headers.date);
  const dateValue = Number.isNaN(date) ? now : date;
  let lifetime: number | undefined;
  if (directives.has('max-age')) {
    // §4.2.1: an invalid value makes the response stale.
    lifetime = deltaSeconds(directives.get('max-age')) ?? 0;
  } else if (headers.expires !== undefined) {
    const expires = parseHttpDate(headers.expires);
    lifetime = Number.isNaN(expires) ? 0 : Math.floor((expires - dateValue) / 1000);
  }
  if (lifetime === undefined) return clamp(bounds.minSeconds, bounds);

  const ageValue = deltaSeconds(headers.age) ?? 0;
  const apparentAge = Math.max(0, Math.floor((now - dateValue) / 1000));
  const currentAge = Math.max(ageValue, apparentAge);
  return clamp(lifetime - currentAge, bounds);
}

function clamp(seconds: number, { minSeconds, maxSeconds }: FreshnessBounds): number {
  return Math.min(maxSeconds, Math.max(minSeconds, seconds));
}

// RFC 9111 §5.2: comma-separated directives, names case-insensitive, each value a token or a
// quoted string (which may hold commas). A member that does not parse is skipped.
const DIRECTIVE =
  /(?:^|,)\s*([!#$%&'*+.^_`|~0-9A-Za-z-]+)\s*(?:=\s*("(?:[^"\\]|\\.)*"|[^,\s]*))?\s*(?=,|$)/g;

function cacheControlDirectives(value: string | undefined): Map<string, string | undefined> {
  const directives = new Map<string, string | undefined>();
  for (const [, name = '', raw] of (value ?? '').matchAll(DIRECTIVE)) {
    const unquoted = raw?.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw;
    // §4.2.1 allows using the first occurrence of a repeated directive.
    if (!directives.has(name.toLowerCase())) directives.set(name.toLowerCase(), unquoted);
  }
  return directives;
}

/** RFC 9111 §1.2.2 delta-seconds, or `undefined` when it is not one. */
function deltaSeconds(value: string | undefined): number | undefined {
  const text = value?.trim();
  if (text === undefined || !/^\d+$/.test(text)) return undefined;
  return Math.min(Number(text), DELTA_SECONDS_CAP);
}

// RFC 9110 §5.6.7: IMF-fixdate, and the obsolete RFC 850 and asctime forms a recipient must read.
// Anything else (`0`, `-1`, a bare year) is invalid, which for Expires means "already expired":
// `Date.parse` alone would read `0` as the year 2000.
const IMF_FIXDATE = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;
const RFC_850_DATE = /^[A-Z][a-z]+, \d{2}-[A-Z][a-z]{2}-\d{2} \d{2}:\d{2}:\d{2} GMT$/;
const ASCTIME_DATE = /^[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2} \d{4}$/;

/** An HTTP date in ms, or NaN when it is not one. */
function parseHttpDate(value: string): number {
  const text = value.trim();
  if (IMF_FIXDATE.test(text) || RFC_850_DATE.test(text)) return Date.parse(text);
  // asctime carries no zone: it is GMT, never the local time Date.parse would assume.
  if (ASCTIME_DATE.test(text)) return Date.parse(`${text} GMT`);
  return Number.NaN;
}
