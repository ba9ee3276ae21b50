import { describe, expect, it } from '@jest/globals';
import { loadIdentityConfig } from '../../config/identity-config.js';
import { describeSignInMethod, signInMethodFor } from './sign-in-method.js';

const CALLBACK = 'https://id.example/interaction/callback/upstream';
const UPSTREAM = {
  UPSTREAM_OIDC_ISSUER: 'https://login.example.com',
  UPSTREAM_OIDC_CLIENT_ID: 'identity',
  UPSTREAM_OIDC_CLIENT_SECRET: 'secret',
};
const config = (env: Record<string, string>) => loadIdentityConfig(env, '/srv');

describe('signInMethodFor', () => {
  it('is the development form by default', () => {
    expect(signInMethodFor(config({}))).toEqual({ kind: 'development' });
  });

  it('is the test subject when IDENTITY_TEST_LOGIN_SUBJECT is set', () => {
    expect(signInMethodFor(config({ IDENTITY_TEST_LOGIN_SUBJECT: 'alice' }))).toEqual({
      kind: 'test',
      subject: 'alice',
    });
  });

  it('is the upstream provider when configured, before the development form', () => {
    expect(signInMethodFor(config(UPSTREAM))).toEqual({
      kind: 'upstream',
      upstream: {
        issuer: 'https://login.example.com',
        clientId: 'identity',
        clientSecret: 'secret',
        allowLoopbackHttp: false,
      },
    });
    expect(signInMethodFor(config({ ...UPSTREAM, NODE_ENV: 'production' })).kind).toBe('upstream');
  });

  it('lets the test switch win over the upstream provider', () => {
    expect(
      signInMethodFor(config({ ...UPSTREAM, IDENTITY_TEST_LOGIN_SUBJECT: 'alice' })).kind,
    ).toBe('test');
  });

  it('refuses the development form when NODE_ENV=production', () => {
    expect(signInMethodFor(config({ NODE_ENV: 'production' })).kind).toBe('unavailable');
  });
});

describe('describeSignInMethod', () => {
  it('marks the development form and the test switch loudly', () => {
    expect(describeSignInMethod({ kind: 'development' }, CALLBACK)).toEqual({
      level: 'warn',
      message: expect.stringMatching(/^DEVELOPMENT ONLY: .*refused when NODE_ENV=production/),
    });
    expect(describeSignInMethod({ kind: 'test', subject: 'alice' }, CALLBACK).message).toMatch(
      /^TEST ONLY: .*"alice"/,
    );
  });

  it('names the upstream provider and the redirect URI to register there', () => {
    const method = signInMethodFor(config(UPSTREAM));
    expect(describeSignInMethod(method, CALLBACK)).toEqual({
      level: 'log',
      message: `People sign in at https://login.example.com (redirect URI to register there: ${CALLBACK})`,
    });
  });
});
