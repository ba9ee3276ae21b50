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

describe('CIMD_ALLOWED_HOSTS and CIMD_DENIED_HOSTS', () => {
  it('allow any host and deny none by default', () => {
    expect(configOf({}).cimdOptions).toMatchObject({ allowedHosts: [], deniedHosts: [] });
  });

  it('read comma-separated host patterns', () => {
    const { cimdOptions } = configOf({
      CIMD_ALLOWED_HOSTS: 'claude.ai, *.example.com',
      CIMD_DENIED_HOSTS: 'evil.example.com,192.0.2.7',
    });
    expect(cimdOptions.allowedHosts).toEqual(['claude.ai', '*.example.com']);
    expect(cimdOptions.deniedHosts).toEqual(['evil.example.com', '192.0.2.7']);
  });

  it.each([
    ['CIMD_ALLOWED_HOSTS', 'claude.ai,https://vscode.dev'],
    ['CIMD_DENIED_HOSTS', 'evil.example.com:8443'],
    ['CIMD_DENIED_HOSTS', '*'],
  ])('names the variable and the entry of a pattern that is not one (%s=%p)', (name, value) => {
    expect(problemFor({ [name]: value })).toBe(
      `${name} entry ${value.startsWith('claude') ? 1 : 0}: must be a host name, "*." followed by a domain name, or an IP address`,
    );
  });
});

describe('CIMD_CACHE_MIN_SECONDS and CIMD_CACHE_MAX_SECONDS', () => {
  it('default to a minute and a day', () => {
    expect(configOf({}).cimdOptions).toMatchObject({
      minCacheSeconds: 60,
      maxCacheSeconds: 86_400,
    });
  });

  it('read whole numbers of seconds up to a week', () => {
    expect(
      configOf({ CIMD_CACHE_MIN_SECONDS: '0', CIMD_CACHE_MAX_SECONDS: '604800' }).cimdOptions,
    ).toMatchObject({ minCacheSeconds: 0, maxCacheSeconds: 604_800 });
    expect(problemFor({ CIMD_CACHE_MAX_SECONDS: '604801' })).toBe(
      'CIMD_CACHE_MAX_SECONDS must be a whole number from 0 to 604800 (got "604801")',
    );
  });

  it('refuses a maximum under the minimum', () => {
    expect(problemFor({ CIMD_CACHE_MIN_SECONDS: '600', CIMD_CACHE_MAX_SECONDS: '60' })).toBe(
      'CIMD_CACHE_MAX_SECONDS must not be less than CIMD_CACHE_MIN_SECONDS',
    );
  });
});
