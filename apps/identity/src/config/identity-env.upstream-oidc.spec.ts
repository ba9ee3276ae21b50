import { describe, expect, it } from '@jest/globals';
import { configOf, problemFor } from './identity-config.spec-helpers.js';

const ALL = {
  UPSTREAM_OIDC_ISSUER: 'https://login.example.com/tenant/',
  UPSTREAM_OIDC_CLIENT_ID: 'identity',
  UPSTREAM_OIDC_CLIENT_SECRET: 's3cret',
};

describe('UPSTREAM_OIDC_*', () => {
  it('is no upstream provider when none is set', () => {
    expect(configOf({}).authorizationServer.upstream).toBeUndefined();
  });

  it('reads all three, the issuer exactly as given (its iss must match)', () => {
    expect(configOf(ALL).authorizationServer.upstream).toEqual({
      issuer: 'https://login.example.com/tenant/',
      clientId: 'identity',
      clientSecret: 's3cret',
      allowLoopbackHttp: false,
    });
  });

  it.each([
    [
      { UPSTREAM_OIDC_ISSUER: ALL.UPSTREAM_OIDC_ISSUER, UPSTREAM_OIDC_CLIENT_ID: 'identity' },
      'UPSTREAM_OIDC_ISSUER is set without UPSTREAM_OIDC_CLIENT_SECRET',
    ],
    [
      { UPSTREAM_OIDC_CLIENT_ID: 'identity' },
      'UPSTREAM_OIDC_CLIENT_ID is set without UPSTREAM_OIDC_ISSUER and UPSTREAM_OIDC_CLIENT_SECRET',
    ],
    [
      { UPSTREAM_OIDC_CLIENT_SECRET: 'x' },
      'UPSTREAM_OIDC_CLIENT_SECRET is set without UPSTREAM_OIDC_ISSUER and UPSTREAM_OIDC_CLIENT_ID',
    ],
  ])('refuses a partial configuration (%p)', (env, start) => {
    expect(problemFor(env)).toBe(
      `${start}: the upstream provider needs all three UPSTREAM_OIDC_ variables`,
    );
  });

  it('refuses a plain http issuer, even on a loopback host, without the test switch', () => {
    expect(problemFor({ ...ALL, UPSTREAM_OIDC_ISSUER: 'http://127.0.0.1:9000' })).toBe(
      'UPSTREAM_OIDC_ISSUER must use https (plain http to a loopback host only with CIMD_ALLOW_LOOPBACK_HTTP, for tests)',
    );
    expect(problemFor({ ...ALL, UPSTREAM_OIDC_ISSUER: 'http://login.example.com' })).toMatch(
      /^UPSTREAM_OIDC_ISSUER must use https/,
    );
  });

  it('accepts a loopback http issuer with CIMD_ALLOW_LOOPBACK_HTTP (test only)', () => {
    const upstream = configOf({
      ...ALL,
      UPSTREAM_OIDC_ISSUER: 'http://127.0.0.1:9000',
      CIMD_ALLOW_LOOPBACK_HTTP: 'true',
    }).authorizationServer.upstream;
    expect(upstream).toMatchObject({ issuer: 'http://127.0.0.1:9000', allowLoopbackHttp: true });
  });

  it('never echoes the client secret', () => {
    expect(problemFor({ ...ALL, UPSTREAM_OIDC_ISSUER: 'http://127.0.0.1:9000' })).not.toContain(
      's3cret',
    );
  });
});
