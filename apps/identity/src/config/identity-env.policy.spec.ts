import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { exportJWK, generateKeyPair } from 'jose';
import { dcrPolicyOptions } from './registration-policy-config.js';
import { configOf, problemFor } from './identity-config.spec-helpers.js';

describe('REGISTRATION_MODE', () => {
  it('defaults to open and accepts protected and mixed', () => {
    expect(configOf({}).registrationPolicy.mode).toBe('open');
    expect(configOf({ REGISTRATION_MODE: 'protected' }).registrationPolicy.mode).toBe('protected');
    expect(configOf({ REGISTRATION_MODE: 'mixed' }).registrationPolicy.mode).toBe('mixed');
  });

  it('refuses another word', () => {
    expect(problemFor({ REGISTRATION_MODE: 'closed' })).toBe(
      'REGISTRATION_MODE must be one of open, protected, mixed (got "closed")',
    );
  });
});

describe('SOFTWARE_STATEMENT_ISSUERS', () => {
  let folder: string;
  let jwk: Record<string, unknown>;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'identity-issuers-'));
    jwk = { ...(await exportJWK((await generateKeyPair('ES256')).publicKey)), kid: 'k1' };
  });

  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  const issuer = () => ({
    issuer: 'https://statements.example',
    jwks: { keys: [jwk] },
    algorithms: ['ES256'],
  });

  it('reads inline JSON into the module option (snake_case to camelCase)', () => {
    const config = configOf({
      SOFTWARE_STATEMENT_ISSUERS: JSON.stringify([
        { ...issuer(), clock_tolerance_seconds: 5, allowed_fields: ['software_id'] },
        {
          issuer: 'https://remote.example',
          jwks_uri: 'https://remote.example/jwks',
          algorithms: ['RS256'],
        },
      ]),
    });
    expect(config.registrationPolicy.softwareStatementIssuers).toEqual([
      { ...issuer(), clockToleranceSeconds: 5, allowedFields: ['software_id'] },
      {
        issuer: 'https://remote.example',
        jwksUri: 'https://remote.example/jwks',
        algorithms: ['RS256'],
      },
    ]);
  });

  it('reads a JSON file, relative to the working directory', async () => {
    await writeFile(join(folder, 'issuers.json'), JSON.stringify([issuer()]));
    const config = configOf({ SOFTWARE_STATEMENT_ISSUERS: join(folder, 'issuers.json') });
    expect(config.registrationPolicy.softwareStatementIssuers).toEqual([issuer()]);
  });

  it('names a file that cannot be read', () => {
    expect(problemFor({ SOFTWARE_STATEMENT_ISSUERS: join(folder, 'missing.json') })).toBe(
      `SOFTWARE_STATEMENT_ISSUERS names a file that cannot be read (ENOENT): ${join(folder, 'missing.json')}`,
    );
  });

  it('names what is wrong in a file', async () => {
    await writeFile(join(folder, 'bad.json'), '{"issuer": "x"}');
    expect(problemFor({ SOFTWARE_STATEMENT_ISSUERS: join(folder, 'bad.json') })).toMatch(
      /^SOFTWARE_STATEMENT_ISSUERS file .*bad\.json must be an array/,
    );
  });

  it.each([
    ['[not json', 'is not valid JSON'],
    ['[{"issuer": "x", "algorithms": []}]', '[0].algorithms'],
    ['[{"issuer": "x", "jwks_uri": "https://x/j", "algorithms": ["ES256"], "extra": 1}]', 'extra'],
  ])('refuses the inline value %p', (value, problem) => {
    expect(problemFor({ SOFTWARE_STATEMENT_ISSUERS: value })).toContain(problem);
  });

  it.each([
    [
      [{ issuer: 'x', jwks_uri: 'https://x/j', algorithms: ['HS256'] }],
      '[0].algorithms: must list algorithms',
    ],
    [
      [{ issuer: 'x', jwks_uri: 'http://x.example/j', algorithms: ['ES256'] }],
      '[0].jwks_uri: must be an absolute https URL',
    ],
    [[{ issuer: 'x', algorithms: ['ES256'] }], 'must have exactly one of jwks and jwksUri'],
  ])('refuses an issuer the module would refuse, naming the variable (%j)', (issuers, problem) => {
    const message = problemFor({ SOFTWARE_STATEMENT_ISSUERS: JSON.stringify(issuers) });
    expect(message.startsWith('SOFTWARE_STATEMENT_ISSUERS ')).toBe(true);
    expect(message).toContain(problem);
  });
});

describe('the rule variables', () => {
  it('are off by default', () => {
    const { registrationPolicy } = configOf({});
    expect(dcrPolicyOptions(registrationPolicy).registration).toEqual({
      mode: 'open',
      rules: { requireSoftwareStatement: false, approval: 'none' },
      anonymousRules: { requireSoftwareStatement: false, approval: 'none' },
      maxClients: undefined,
      maxClientsPerSoftwareId: undefined,
      maxClientsPerInitialAccessToken: undefined,
    });
  });

  it('become the module rules; "anonymous" values become the anonymous rules', () => {
    const { registrationPolicy } = configOf({
      TRUSTED_REDIRECT_HOSTS: ' *.example.com ,127.0.0.1,',
      ALLOWED_SCOPES: 'openid,  mcp:tools profile',
      ALLOWED_GRANT_TYPES: 'authorization_code',
      ALLOWED_TOKEN_ENDPOINT_AUTH_METHODS: 'none',
      REQUIRE_SOFTWARE_STATEMENT: 'anonymous',
      REGISTRATION_APPROVAL: 'anonymous',
      MAX_CLIENTS: '100',
    });
    expect(dcrPolicyOptions(registrationPolicy).registration).toEqual({
      mode: 'open',
      rules: {
        trustedRedirectHosts: ['*.example.com', '127.0.0.1'],
        allowedScopes: ['openid', 'mcp:tools', 'profile'],
        allowedGrantTypes: ['authorization_code'],
        allowedTokenEndpointAuthMethods: ['none'],
        requireSoftwareStatement: false,
        approval: 'none',
      },
      anonymousRules: { requireSoftwareStatement: true, approval: 'pending' },
      maxClients: 100,
      maxClientsPerSoftwareId: undefined,
      maxClientsPerInitialAccessToken: undefined,
    });
  });

  it('apply REQUIRE_SOFTWARE_STATEMENT=true and REGISTRATION_APPROVAL=pending to every registration', () => {
    const { registrationPolicy } = configOf({
      REQUIRE_SOFTWARE_STATEMENT: 'true',
      REGISTRATION_APPROVAL: 'pending',
    });
    expect(dcrPolicyOptions(registrationPolicy).registration?.rules).toMatchObject({
      requireSoftwareStatement: true,
      approval: 'pending',
    });
  });

  it.each([
    [
      { TRUSTED_REDIRECT_HOSTS: 'https://app.example.com' },
      'TRUSTED_REDIRECT_HOSTS entry 0: is not valid',
    ],
    [
      { TRUSTED_REDIRECT_HOSTS: 'ok.example, *.com' },
      'TRUSTED_REDIRECT_HOSTS entry 1: is not valid',
    ],
    [{ ALLOWED_SCOPES: 'a "b"' }, 'ALLOWED_SCOPES entry 1: is not an accepted value'],
    [
      { ALLOWED_TOKEN_ENDPOINT_AUTH_METHODS: 'basic' },
      'ALLOWED_TOKEN_ENDPOINT_AUTH_METHODS entry 0',
    ],
    [{ ALLOWED_GRANT_TYPES: ',' }, 'ALLOWED_GRANT_TYPES must list at least one entry'],
    [{ MAX_CLIENTS: '0' }, 'MAX_CLIENTS must be a whole number from 1 to 2147483647 (got "0")'],
    [{ MAX_CLIENTS_PER_SOFTWARE_ID: '-1' }, 'MAX_CLIENTS_PER_SOFTWARE_ID must be a whole number'],
    [
      { REQUIRE_SOFTWARE_STATEMENT: 'yes' },
      'REQUIRE_SOFTWARE_STATEMENT must be one of false, true, anonymous',
    ],
    [
      { REGISTRATION_APPROVAL: 'manual' },
      'REGISTRATION_APPROVAL must be one of none, pending, anonymous',
    ],
  ])('refuses %j, naming the variable', (env, problem) => {
    expect(problemFor(env)).toContain(problem);
  });
});
