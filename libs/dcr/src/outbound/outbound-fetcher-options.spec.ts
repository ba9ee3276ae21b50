import { afterEach, describe, expect, it } from '@jest/globals';
import { OutboundFetcher } from './outbound-fetcher.js';
import {
  OutboundFetcherOptionsError,
  resolveOutboundFetcherOptions,
  resolveOutboundFetchLimits,
  systemLookup,
} from './outbound-fetcher-options.js';

const PRODUCTION = { NODE_ENV: 'production' };

function optionsError(fn: () => unknown): OutboundFetcherOptionsError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(OutboundFetcherOptionsError);
    return error as OutboundFetcherOptionsError;
  }
  throw new Error('no error was thrown');
}

describe('resolveOutboundFetcherOptions', () => {
  it('defaults to 3 s to connect, 5 s in all, the switch off and the system resolver', () => {
    expect(resolveOutboundFetcherOptions({}, {})).toEqual({
      allowLoopbackHttp: false,
      connectTimeoutMs: 3000,
      timeoutMs: 5000,
      lookup: systemLookup,
      ca: undefined,
    });
  });

  it('refuses the loopback switch when NODE_ENV=production', () => {
    const error = optionsError(() =>
      resolveOutboundFetcherOptions({ allowLoopbackHttp: true }, PRODUCTION),
    );
    expect(error.option).toBe('allowLoopbackHttp');
    expect(error.message).toBe(
      'outbound fetcher option "allowLoopbackHttp" is a test-only switch and is refused when NODE_ENV=production',
    );
    expect(resolveOutboundFetcherOptions({ allowLoopbackHttp: false }, PRODUCTION)).toMatchObject({
      allowLoopbackHttp: false,
    });
    expect(
      resolveOutboundFetcherOptions({ allowLoopbackHttp: true }, { NODE_ENV: 'test' }),
    ).toMatchObject({ allowLoopbackHttp: true });
  });

  it('refuses a test certificate authority when NODE_ENV=production', () => {
    expect(
      optionsError(() => resolveOutboundFetcherOptions({ ca: 'PEM' }, PRODUCTION)).option,
    ).toBe('ca');
    expect(resolveOutboundFetcherOptions({ ca: 'PEM' }, {}).ca).toEqual(['PEM']);
  });

  it.each([0, -1, 1.5, Number.NaN, 60_001])('refuses a timeout of %p ms', (ms) => {
    expect(optionsError(() => resolveOutboundFetcherOptions({ timeoutMs: ms }, {})).option).toBe(
      'timeoutMs',
    );
    expect(
      optionsError(() => resolveOutboundFetcherOptions({ connectTimeoutMs: ms }, {})).option,
    ).toBe('connectTimeoutMs');
  });

  it('refuses a switch or a resolver of the wrong type', () => {
    const notBoolean = { allowLoopbackHttp: 'true' } as unknown as { allowLoopbackHttp: boolean };
    expect(optionsError(() => resolveOutboundFetcherOptions(notBoolean, {})).option).toBe(
      'allowLoopbackHttp',
    );
    const notFunction = { lookup: '8.8.8.8' } as unknown as Parameters<
      typeof resolveOutboundFetcherOptions
    >[0];
    expect(optionsError(() => resolveOutboundFetcherOptions(notFunction, {})).option).toBe(
      'lookup',
    );
  });
});

describe('resolveOutboundFetchLimits', () => {
  const fetcher = resolveOutboundFetcherOptions({ connectTimeoutMs: 1000, timeoutMs: 2000 }, {});

  it('takes the fetcher’s timeouts and a 64 KiB cap unless the call overrides them', () => {
    expect(resolveOutboundFetchLimits(fetcher)).toEqual({
      maxBytes: 65_536,
      connectTimeoutMs: 1000,
      timeoutMs: 2000,
      requireJsonContentType: false,
    });
    expect(
      resolveOutboundFetchLimits(fetcher, {
        maxBytes: 5120,
        connectTimeoutMs: 100,
        timeoutMs: 200,
        requireJsonContentType: true,
      }),
    ).toEqual({
      maxBytes: 5120,
      connectTimeoutMs: 100,
      timeoutMs: 200,
      requireJsonContentType: true,
    });
  });

  it.each([0, -5, 2.5, 10 * 1024 * 1024 + 1])('refuses a cap of %p bytes', (maxBytes) => {
    expect(optionsError(() => resolveOutboundFetchLimits(fetcher, { maxBytes })).option).toBe(
      'maxBytes',
    );
  });
});

describe('new OutboundFetcher under NODE_ENV=production', () => {
  const original = process.env.NODE_ENV;

  afterEach(() => {
    process.env.NODE_ENV = original;
  });

  it('refuses to be constructed with the loopback switch', () => {
    process.env.NODE_ENV = 'production';
    expect(() => new OutboundFetcher({ allowLoopbackHttp: true })).toThrow(
      OutboundFetcherOptionsError,
    );
    expect(new OutboundFetcher()).toBeInstanceOf(OutboundFetcher);
  });

  it('rejects bad per-call options with the options error, not a fetch error', async () => {
    await expect(
      new OutboundFetcher().fetchJson('https://example.com/', { maxBytes: 0 }),
    ).rejects.toBeInstanceOf(OutboundFetcherOptionsError);
  });
});
