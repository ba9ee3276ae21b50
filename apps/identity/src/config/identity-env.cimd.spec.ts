import { describe, expect, it } from '@jest/globals';
import { configErrorFor, configOf, problemFor } from './identity-config.spec-helpers.js';

describe('CIMD', () => {
  it('is on by default', () => {
    expect(configOf({}).cimd).toBe(true);
    expect(configOf({ CIMD: '' }).cimd).toBe(true);
  });

  it.each([
    ['on', true],
    ['off', false],
  ])('reads %p as %p', (value, expected) => {
    expect(configOf({ CIMD: value }).cimd).toBe(expected);
  });

  it.each(['true', 'false', 'ON', 'disabled'])('refuses %p', (value) => {
    expect(problemFor({ CIMD: value })).toBe(`CIMD must be one of on, off (got "${value}")`);
  });
});

describe('CIMD_ALLOW_LOOPBACK_HTTP', () => {
  it('is off by default and reads true', () => {
    expect(configOf({}).cimdAllowLoopbackHttp).toBe(false);
    expect(configOf({ CIMD_ALLOW_LOOPBACK_HTTP: 'true' }).cimdAllowLoopbackHttp).toBe(true);
  });

  it('is a test-only switch: refused when NODE_ENV=production', () => {
    const error = configErrorFor({ NODE_ENV: 'production', CIMD_ALLOW_LOOPBACK_HTTP: 'true' });
    expect(error.problems.map((problem) => problem.message)).toEqual([
      'CIMD_ALLOW_LOOPBACK_HTTP is test-only: it must not be set when NODE_ENV=production',
    ]);
  });

  it('may be left unset in production', () => {
    expect(configOf({ NODE_ENV: 'production' }).cimdAllowLoopbackHttp).toBe(false);
  });
});

describe('CIMD_ALLOWED_HOSTS, CIMD_DENIED_HOSTS', () => {
  it('are unset by default: any host', () => {
    expect(configOf({}).cimdControls).toEqual({ minCacheSeconds: 60, maxCacheSeconds: 86_400 });
  });

  it('read comma-separated host patterns', () => {
    expect(
      configOf({
        CIMD_ALLOWED_HOSTS: ' *.example.com ,client.example,',
        CIMD_DENIED_HOSTS: 'bad.example.com, 192.0.2.7',
      }).cimdControls,
    ).toMatchObject({
      allowedHosts: ['*.example.com', 'client.example'],
      deniedHosts: ['bad.example.com', '192.0.2.7'],
    });
  });

  it.each([
    [{ CIMD_ALLOWED_HOSTS: 'https://client.example' }, 'CIMD_ALLOWED_HOSTS entry 0: must be'],
    [{ CIMD_DENIED_HOSTS: 'ok.example, *' }, 'CIMD_DENIED_HOSTS entry 1: must be'],
  ])('names the variable and entry of a bad pattern: %p', (env, start) => {
    expect(problemFor(env)).toMatch(new RegExp(`^${start.replace(/[.*]/g, '\\$&')}`));
  });
});

describe('CIMD_MIN_CACHE_SECONDS, CIMD_MAX_CACHE_SECONDS', () => {
  it('read the bounds of a document cache lifetime', () => {
    expect(
      configOf({ CIMD_MIN_CACHE_SECONDS: '0', CIMD_MAX_CACHE_SECONDS: '3600' }).cimdControls,
    ).toEqual({ minCacheSeconds: 0, maxCacheSeconds: 3600 });
  });

  it('refuses a maximum below the minimum, naming the maximum', () => {
    expect(problemFor({ CIMD_MIN_CACHE_SECONDS: '600', CIMD_MAX_CACHE_SECONDS: '60' })).toBe(
      'CIMD_MAX_CACHE_SECONDS must not be less than CIMD_MIN_CACHE_SECONDS',
    );
  });

  it('refuses more than a week', () => {
    expect(problemFor({ CIMD_MAX_CACHE_SECONDS: '604801' })).toMatch(/^CIMD_MAX_CACHE_SECONDS /);
  });
});
