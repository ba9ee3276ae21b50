import { describe, expect, it } from '@jest/globals';
import {
  cachingHeaders,
  freshnessLifetimeSeconds,
  type OutboundCachingHeaders,
} from './caching-headers.js';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const httpDate = (offsetSeconds: number): string =>
  new Date(NOW + offsetSeconds * 1000).toUTCString();
const WIDE = { minSeconds: 0, maxSeconds: 86_400 };

function lifetime(headers: OutboundCachingHeaders, bounds = WIDE): number {
  return freshnessLifetimeSeconds(headers, bounds, NOW);
}

describe('freshnessLifetimeSeconds', () => {
  it('is max-age', () => {
    expect(lifetime({ cacheControl: 'max-age=300' })).toBe(300);
    expect(lifetime({ cacheControl: 'public, MAX-AGE = 120 , must-revalidate' })).toBe(120);
    expect(lifetime({ cacheControl: 'max-age="90"' })).toBe(90);
  });

  it('is 0 under no-store or no-cache, even with a max-age or a minimum', () => {
    const bounds = { minSeconds: 60, maxSeconds: 3600 };
    expect(lifetime({ cacheControl: 'no-store' }, bounds)).toBe(0);
    expect(lifetime({ cacheControl: 'max-age=600, no-cache' }, bounds)).toBe(0);
    expect(lifetime({ cacheControl: 'no-cache="set-cookie, x-a", max-age=60' }, bounds)).toBe(0);
    expect(lifetime({ cacheControl: 'No-Store' }, bounds)).toBe(0);
  });

  it('ignores s-maxage and private: this server is a private cache of the document', () => {
    expect(lifetime({ cacheControl: 's-maxage=10, max-age=500' })).toBe(500);
    expect(lifetime({ cacheControl: 'private, max-age=500' })).toBe(500);
    expect(lifetime({ cacheControl: 's-maxage=10' })).toBe(0); // no lifetime: the minimum
  });

  it('prefers max-age to Expires', () => {
    expect(
      lifetime({ cacheControl: 'max-age=30', expires: httpDate(3000), date: httpDate(0) }),
    ).toBe(30);
  });

  it('is Expires − Date, or Expires − now without a Date', () => {
    expect(lifetime({ expires: httpDate(600), date: httpDate(0) })).toBe(600);
    expect(lifetime({ expires: httpDate(600) })).toBe(600);
    // The origin's clock may differ from ours: the difference of its two headers is what counts.
    expect(lifetime({ expires: httpDate(900), date: httpDate(300) })).toBe(600);
  });

  it('treats an invalid or past Expires as already expired', () => {
    expect(lifetime({ expires: '0' })).toBe(0);
    expect(lifetime({ expires: '-1', date: httpDate(0) })).toBe(0);
    expect(lifetime({ expires: httpDate(-60), date: httpDate(0) })).toBe(0);
  });

  it('reads the obsolete date formats (RFC 9110 §5.6.7)', () => {
    const date = 'Sun, 06 Nov 1994 08:49:37 GMT';
    const at = Date.parse(date);
    const bounds = WIDE;
    expect(
      freshnessLifetimeSeconds({ expires: 'Sunday, 06-Nov-94 08:59:37 GMT', date }, bounds, at),
    ).toBe(600);
    expect(
      freshnessLifetimeSeconds({ expires: 'Sun Nov  6 08:59:37 1994', date }, bounds, at),
    ).toBe(600);
  });

  it('subtracts the current age: Age, or the time since Date', () => {
    expect(lifetime({ cacheControl: 'max-age=300', age: '100' })).toBe(200);
    expect(lifetime({ cacheControl: 'max-age=300', date: httpDate(-50) })).toBe(250);
    expect(lifetime({ cacheControl: 'max-age=300', date: httpDate(-50), age: '120' })).toBe(180);
    expect(lifetime({ cacheControl: 'max-age=300', age: 'soon' })).toBe(300);
    expect(lifetime({ cacheControl: 'max-age=300', age: '999' })).toBe(0);
  });

  it('makes an invalid max-age stale, and keeps the first of repeated ones', () => {
    expect(lifetime({ cacheControl: 'max-age=abc' })).toBe(0);
    expect(lifetime({ cacheControl: 'max-age=-5' })).toBe(0);
    expect(lifetime({ cacheControl: 'max-age=40, max-age=4000' })).toBe(40);
  });

  it('caps a huge max-age at 2^31 before clamping', () => {
    expect(
      lifetime(
        { cacheControl: 'max-age=99999999999999999999' },
        { minSeconds: 0, maxSeconds: 2 ** 40 },
      ),
    ).toBe(2 ** 31);
  });

  it('clamps to the bounds, and uses the minimum when the headers say nothing', () => {
    const bounds = { minSeconds: 60, maxSeconds: 3600 };
    expect(lifetime({}, bounds)).toBe(60);
    expect(lifetime({ etag: '"v1"' }, bounds)).toBe(60);
    expect(lifetime({ cacheControl: 'max-age=5' }, bounds)).toBe(60);
    expect(lifetime({ cacheControl: 'max-age=0' }, bounds)).toBe(60);
    expect(lifetime({ cacheControl: 'max-age=86400' }, bounds)).toBe(3600);
    expect(lifetime({ expires: httpDate(7200), date: httpDate(0) }, bounds)).toBe(3600);
  });

  it('uses the current time by default', () => {
    expect(freshnessLifetimeSeconds({ cacheControl: 'max-age=300' }, WIDE)).toBe(300);
  });
});

describe('cachingHeaders', () => {
  it('picks the six caching headers and leaves out the rest', () => {
    expect(
      cachingHeaders({
        'cache-control': 'max-age=60',
        expires: 'Sun, 06 Nov 1994 08:49:37 GMT',
        date: 'Sun, 06 Nov 1994 08:48:37 GMT',
        age: '3',
        etag: '"abc"',
        'last-modified': 'Sat, 05 Nov 1994 08:49:37 GMT',
        'set-cookie': ['a=b'],
        'content-type': 'application/json',
      }),
    ).toEqual({
      cacheControl: 'max-age=60',
      expires: 'Sun, 06 Nov 1994 08:49:37 GMT',
      date: 'Sun, 06 Nov 1994 08:48:37 GMT',
      age: '3',
      etag: '"abc"',
      lastModified: 'Sat, 05 Nov 1994 08:49:37 GMT',
    });
    expect(cachingHeaders({})).toEqual({});
  });
});
