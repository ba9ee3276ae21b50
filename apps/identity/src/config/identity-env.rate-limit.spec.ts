import { describe, expect, it } from '@jest/globals';
import { configOf, problemFor } from './identity-config.spec-helpers.js';
import { parseRateLimit } from './rate-limit-variables.js';

describe('parseRateLimit', () => {
  it.each([
    ['20/60', { limit: 20, windowSeconds: 60 }],
    [' 1/1 ', { limit: 1, windowSeconds: 1 }],
    ['1000000000/86400', { limit: 1_000_000_000, windowSeconds: 86_400 }],
    ['off', 'off'],
  ])('reads %p', (raw, expected) => {
    expect(parseRateLimit(raw)).toEqual(expected);
  });

  it.each([
    '0/60',
    '20/0',
    '20/86401',
    '1000000001/60',
    '20',
    '20/60s',
    '20 / 60',
    '-1/60',
    '1e3/60',
    '0x10/60',
    'OFF',
    'none',
  ])('refuses %p', (raw) => {
    expect(parseRateLimit(raw)).toBeUndefined();
  });
});

describe('REGISTRATION_RATE_LIMIT and the other registration rate limits', () => {
  it('are on by default: 120 per minute per client address, 120 per host, 1000 in all', () => {
    expect(configOf({}).registrationRateLimit).toEqual({
      perClientIp: { limit: 120, windowSeconds: 60 },
      perHost: { limit: 120, windowSeconds: 60 },
      global: { limit: 1000, windowSeconds: 60 },
      exemptInitialAccessTokens: true,
    });
    expect(configOf({ REGISTRATION_RATE_LIMIT: '' }).registrationRateLimit.perClientIp).toEqual({
      limit: 120,
      windowSeconds: 60,
    });
  });

  it('REGISTRATION_RATE_LIMIT=off turns every one of them off', () => {
    expect(
      configOf({ REGISTRATION_RATE_LIMIT: 'off', REGISTRATION_RATE_LIMIT_GLOBAL: '5/60' })
        .registrationRateLimit,
    ).toEqual({});
  });

  it('each can be raised or turned off on its own', () => {
    expect(
      configOf({
        REGISTRATION_RATE_LIMIT: '100000/1',
        REGISTRATION_RATE_LIMIT_PER_HOST: 'off',
        REGISTRATION_RATE_LIMIT_GLOBAL: 'off',
        REGISTRATION_RATE_LIMIT_EXEMPT_INITIAL_ACCESS_TOKENS: 'false',
      }).registrationRateLimit,
    ).toEqual({
      perClientIp: { limit: 100_000, windowSeconds: 1 },
      perHost: false,
      global: false,
      exemptInitialAccessTokens: false,
    });
  });

  it.each([
    ['REGISTRATION_RATE_LIMIT', '20 per minute'],
    ['REGISTRATION_RATE_LIMIT_PER_HOST', '0/60'],
    ['REGISTRATION_RATE_LIMIT_GLOBAL', 'false'],
  ])('%s refuses %p, naming the variable and the form', (variable, value) => {
    expect(problemFor({ [variable]: value })).toBe(
      `${variable} must be N/SECONDS (N from 1 to 1000000000 requests per SECONDS from 1 to 86400, e.g. 20/60) or off (got "${value}")`,
    );
  });
});

describe('TRUSTED_PROXIES', () => {
  it('is empty by default', () => {
    expect(configOf({}).trustedProxies).toEqual([]);
    expect(configOf({ TRUSTED_PROXIES: '' }).trustedProxies).toEqual([]);
  });

  it('reads a comma-separated list of addresses and CIDR blocks', () => {
    expect(configOf({ TRUSTED_PROXIES: '10.0.0.0/8, 192.0.2.7 ,::1,' }).trustedProxies).toEqual([
      '10.0.0.0/8',
      '192.0.2.7',
      '::1',
    ]);
  });

  it('refuses an entry that is neither, naming it', () => {
    expect(problemFor({ TRUSTED_PROXIES: '10.0.0.0/8,proxy.internal' })).toBe(
      'TRUSTED_PROXIES must be a comma-separated list of IP addresses and CIDR blocks ' +
        '("proxy.internal" is not an IP address or a CIDR block (e.g. 10.0.0.0/8, ::1)) ' +
        '(got "10.0.0.0/8,proxy.internal")',
    );
  });
});

describe('REAP_UNUSED_CLIENTS_AFTER_HOURS, REAP_IDLE_CLIENTS_AFTER_DAYS, REAP_INTERVAL_SECONDS', () => {
  it('leave the reaper off by default, with an hourly pass once on', () => {
    expect(configOf({}).clientReaper).toEqual({
      unusedAfterHours: 0,
      idleAfterDays: 0,
      intervalSeconds: 3600,
    });
  });

  it('turn its rules on', () => {
    expect(
      configOf({
        REAP_UNUSED_CLIENTS_AFTER_HOURS: '24',
        REAP_IDLE_CLIENTS_AFTER_DAYS: '90',
        REAP_INTERVAL_SECONDS: '600',
      }).clientReaper,
    ).toEqual({ unusedAfterHours: 24, idleAfterDays: 90, intervalSeconds: 600 });
  });

  it.each([
    ['REAP_UNUSED_CLIENTS_AFTER_HOURS', '1.5', 'must be a whole number from 0 to 87600'],
    ['REAP_IDLE_CLIENTS_AFTER_DAYS', '3651', 'must be a whole number from 0 to 3650'],
    ['REAP_INTERVAL_SECONDS', '0', 'must be a whole number from 1 to 86400'],
  ])('%s refuses %p', (variable, value, problem) => {
    expect(problemFor({ [variable]: value })).toBe(`${variable} ${problem} (got "${value}")`);
  });
});
