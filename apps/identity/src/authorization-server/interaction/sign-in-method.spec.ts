import { describe, expect, it } from '@jest/globals';
import { loadIdentityConfig } from '../../config/identity-config.js';
import { describeSignInMethod, signInMethodFor } from './sign-in-method.js';

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

  it('refuses the development form when NODE_ENV=production', () => {
    expect(signInMethodFor(config({ NODE_ENV: 'production' })).kind).toBe('unavailable');
  });
});

describe('describeSignInMethod', () => {
  it('marks the development form and the test switch loudly', () => {
    expect(describeSignInMethod({ kind: 'development' })).toEqual({
      level: 'warn',
      message: expect.stringMatching(/^DEVELOPMENT ONLY: .*refused when NODE_ENV=production/),
    });
    expect(describeSignInMethod({ kind: 'test', subject: 'alice' }).message).toMatch(
      /^TEST ONLY: .*"alice"/,
    );
  });
});
