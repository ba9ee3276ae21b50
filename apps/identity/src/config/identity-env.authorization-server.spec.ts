import { describe, expect, it } from '@jest/globals';
import { configErrorFor, configOf, problemFor } from './identity-config.spec-helpers.js';

describe('RESOURCES', () => {
  it('is empty by default (the issuer is then the only resource)', () => {
    expect(configOf({}).authorizationServer.resources).toEqual([]);
  });

  it('reads a comma-separated list in order, without blanks or duplicates', () => {
    expect(
      configOf({
        RESOURCES:
          ' https://mcp.example.com/mcp ,, http://127.0.0.1:8080/mcp,https://mcp.example.com/mcp',
      }).authorizationServer.resources,
    ).toEqual(['https://mcp.example.com/mcp', 'http://127.0.0.1:8080/mcp']);
  });

  it.each([
    ['http://mcp.example.com/mcp', 'entry 1 must use https'],
    ['https://mcp.example.com/mcp#frag', 'entry 1 must not contain a fragment'],
    ['https://a.example,relative/path', 'entry 2 must be an absolute https URL'],
  ])('refuses %p, naming the entry', (value, start) => {
    expect(problemFor({ RESOURCES: value })).toMatch(new RegExp(`^RESOURCES ${start}`));
  });
});

describe('RESOURCE_SCOPES', () => {
  it('defaults to mcp:tools', () => {
    expect(configOf({}).authorizationServer.resourceScopes).toEqual(['mcp:tools']);
    expect(configOf({ RESOURCE_SCOPES: '   ' }).authorizationServer.resourceScopes).toEqual([
      'mcp:tools',
    ]);
  });

  it('reads space-separated scope values without duplicates', () => {
    expect(
      configOf({ RESOURCE_SCOPES: 'files:read  files:write files:read' }).authorizationServer
        .resourceScopes,
    ).toEqual(['files:read', 'files:write']);
  });

  it.each([
    ['a"quote', 'RESOURCE_SCOPES must be space-separated scope values (RFC 6749 section 3.3)'],
    ['back\\slash', 'RESOURCE_SCOPES must be space-separated scope values (RFC 6749 section 3.3)'],
    ['mcp openid', 'RESOURCE_SCOPES must not list openid, which is always supported'],
    ['offline_access', 'RESOURCE_SCOPES must not list offline_access, which is always supported'],
  ])('refuses %p', (value, message) => {
    expect(problemFor({ RESOURCE_SCOPES: value })).toBe(
      `${message} (got ${JSON.stringify(value)})`,
    );
  });
});

describe.each([
  ['ACCESS_TOKEN_TTL_SECONDS', 'accessTokenTtlSeconds', 600, 30, 86400],
  ['REFRESH_TOKEN_TTL_SECONDS', 'refreshTokenTtlSeconds', 1_209_600, 60, 31_536_000],
] as const)('%s', (variable, field, fallback, min, max) => {
  it(`defaults to ${fallback} and accepts its bounds`, () => {
    expect(configOf({}).authorizationServer[field]).toBe(fallback);
    expect(configOf({ [variable]: String(min) }).authorizationServer[field]).toBe(min);
    expect(configOf({ [variable]: String(max) }).authorizationServer[field]).toBe(max);
  });

  it.each([String(min - 1), String(max + 1), '1h'])('refuses %p', (value) => {
    expect(problemFor({ [variable]: value })).toBe(
      `${variable} must be a whole number from ${min} to ${max} (got "${value}")`,
    );
  });
});

describe('SIGNING_KEY_OVERLAP_SECONDS', () => {
  it('defaults to a day', () => {
    expect(configOf({}).authorizationServer.signingKeyOverlapSeconds).toBe(86_400);
  });

  it('must outlast the access tokens', () => {
    expect(
      problemFor({ SIGNING_KEY_OVERLAP_SECONDS: '100', ACCESS_TOKEN_TTL_SECONDS: '600' }),
    ).toBe(
      'SIGNING_KEY_OVERLAP_SECONDS must be at least ACCESS_TOKEN_TTL_SECONDS (600): tokens signed with a replaced key must still verify',
    );
    expect(
      configOf({ SIGNING_KEY_OVERLAP_SECONDS: '600', ACCESS_TOKEN_TTL_SECONDS: '600' })
        .authorizationServer.signingKeyOverlapSeconds,
    ).toBe(600);
  });
});

describe('SIGNING_KEY_ENCRYPTION_KEY', () => {
  const key = Buffer.from(Array.from({ length: 32 }, (_, index) => index * 7));

  it('is unset by default (a key file in DATA_DIR)', () => {
    expect(configOf({}).authorizationServer.signingKeyEncryptionKey).toBeUndefined();
  });

  it.each([
    ['base64url', key.toString('base64url')],
    ['base64', key.toString('base64')],
  ])('reads 32 bytes in %s', (_label, value) => {
    expect(
      configOf({ SIGNING_KEY_ENCRYPTION_KEY: value }).authorizationServer.signingKeyEncryptionKey,
    ).toEqual(key);
  });

  it.each([
    Buffer.alloc(16).toString('base64url'),
    Buffer.alloc(33).toString('base64url'),
    'not base64!',
  ])('refuses %p without echoing it', (value) => {
    const error = configErrorFor({ SIGNING_KEY_ENCRYPTION_KEY: value });
    expect(error.message).toBe(
      'SIGNING_KEY_ENCRYPTION_KEY must be 32 random bytes in base64url or base64 (e.g. openssl rand -base64 32)',
    );
  });
});

describe('test switches', () => {
  it('are off by default', () => {
    expect(configOf({}).authorizationServer).toMatchObject({
      testLoginSubject: undefined,
      consentAutoApprove: false,
    });
  });

  it('read a subject and a flag', () => {
    expect(
      configOf({ IDENTITY_TEST_LOGIN_SUBJECT: ' alice ', IDENTITY_CONSENT_AUTO_APPROVE: 'true' })
        .authorizationServer,
    ).toMatchObject({ testLoginSubject: 'alice', consentAutoApprove: true });
  });

  it.each(['with space', 'x'.repeat(256), 'caf\u00e9'])('refuse the subject %p', (value) => {
    expect(problemFor({ IDENTITY_TEST_LOGIN_SUBJECT: value })).toMatch(
      /^IDENTITY_TEST_LOGIN_SUBJECT must be 1 to 255 printable ASCII characters without spaces/,
    );
  });

  it('are refused when NODE_ENV=production, each named', () => {
    const error = configErrorFor({
      NODE_ENV: 'production',
      IDENTITY_TEST_LOGIN_SUBJECT: 'alice',
      IDENTITY_CONSENT_AUTO_APPROVE: 'true',
    });
    expect(error.problems.map((problem) => problem.message)).toEqual([
      'IDENTITY_TEST_LOGIN_SUBJECT is test-only: it must not be set when NODE_ENV=production',
      'IDENTITY_CONSENT_AUTO_APPROVE is test-only: it must not be set when NODE_ENV=production',
    ]);
  });
});
