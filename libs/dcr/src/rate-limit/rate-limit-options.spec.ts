import { describe, expect, it } from '@jest/globals';
import { OAuthError } from '../errors/oauth-error.js';
import { DcrOptionsError, resolveDcrOptions } from '../resolved-dcr-options.js';
import { rateLimitExceeded } from './rate-limit-exceeded.js';

const resolve = (options: Omit<Parameters<typeof resolveDcrOptions>[0], 'issuer'>) =>
  resolveDcrOptions({ issuer: 'https://issuer.example', ...options });

describe('registrationRateLimit and trustedProxies options', () => {
  it('are off by default', () => {
    expect(resolve({}).rateLimit).toEqual({
      enabled: false,
      perClientIp: undefined,
      perHost: undefined,
      global: undefined,
      exemptInitialAccessTokens: true,
      trustedProxies: [],
    });
  });

  it('turn on each limit separately; false is off', () => {
    const { rateLimit } = resolve({
      registrationRateLimit: {
        perClientIp: { limit: 20, windowSeconds: 60 },
        perHost: false,
        global: { limit: 1000, windowSeconds: 60 },
        exemptInitialAccessTokens: false,
      },
      trustedProxies: ['10.0.0.0/8'],
    });
    expect(rateLimit).toMatchObject({
      enabled: true,
      perClientIp: { limit: 20, windowSeconds: 60 },
      perHost: undefined,
      global: { limit: 1000, windowSeconds: 60 },
      exemptInitialAccessTokens: false,
    });
    expect(rateLimit.trustedProxies).toHaveLength(1);
  });

  it.each([
    [{ perClientIp: { limit: 0, windowSeconds: 60 } }, 'registrationRateLimit.perClientIp.limit'],
    [{ perHost: { limit: 1.5, windowSeconds: 60 } }, 'registrationRateLimit.perHost.limit'],
    [{ global: { limit: 5, windowSeconds: 0 } }, 'registrationRateLimit.global.windowSeconds'],
    [{ global: { limit: 5, windowSeconds: 86_401 } }, 'registrationRateLimit.global.windowSeconds'],
    [{ perClientIp: 20 }, 'registrationRateLimit.perClientIp'],
  ])('refuse %j, naming the option', (registrationRateLimit, option) => {
    expect(() => resolve({ registrationRateLimit } as never)).toThrow(DcrOptionsError);
    expect(() => resolve({ registrationRateLimit } as never)).toThrow(`"${option}"`);
  });

  it('refuse a trusted proxy that is not an address or a block, naming it', () => {
    expect(() => resolve({ trustedProxies: ['10.0.0.0/8', 'proxy.internal'] })).toThrow(
      'DcrModule option "trustedProxies" has an entry "proxy.internal" is not an IP address',
    );
  });
});

describe('rateLimitExceeded', () => {
  it('is 429 slow_down with Retry-After for a limit on the caller, naming it', () => {
    const error = rateLimitExceeded('client_ip', { limit: 20, windowSeconds: 60 }, 41.2);
    expect(error).toBeInstanceOf(OAuthError);
    expect([error.status, error.headers]).toEqual([429, { 'Retry-After': '42' }]);
    expect(error.toBody()).toEqual({
      error: 'slow_down',
      error_description:
        'too many registrations from this client address (more than 20 in 60 seconds); retry after 42 seconds',
      policy: 'rate_limit_per_client_ip',
    });
    expect(rateLimitExceeded('redirect_host', { limit: 1, windowSeconds: 1 }, 1).toBody()).toEqual(
      expect.objectContaining({ error: 'slow_down', policy: 'rate_limit_per_redirect_host' }),
    );
    expect(rateLimitExceeded('software_id', { limit: 1, windowSeconds: 1 }, 1).toBody()).toEqual(
      expect.objectContaining({ error: 'slow_down', policy: 'rate_limit_per_software_id' }),
    );
  });

  it('is 429 temporarily_unavailable for the global cap, and waits at least a second', () => {
    const error = rateLimitExceeded('global', { limit: 1000, windowSeconds: 60 }, 0);
    expect([error.status, error.error, error.headers['Retry-After']]).toEqual([
      429,
      'temporarily_unavailable',
      '1',
    ]);
    expect(error.toBody().policy).toBe('rate_limit_global');
  });
});
