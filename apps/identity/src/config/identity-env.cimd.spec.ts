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
