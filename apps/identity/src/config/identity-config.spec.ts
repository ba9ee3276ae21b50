import { resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadIdentityConfig } from './identity-config.js';
import { CWD, configErrorFor, configOf, problemFor } from './identity-config.spec-helpers.js';

const KEY = Buffer.alloc(32, 7);

// What each variable accepts and refuses, message by message: identity-env.*.spec.ts. Here: how
// the variables become the IdentityConfig the app uses.

describe('loadIdentityConfig', () => {
  describe('defaults', () => {
    it('applies the documented default of every variable', () => {
      expect(configOf({})).toEqual({
        port: 3000,
        host: '127.0.0.1',
        issuer: 'http://localhost:3000',
        databaseUrl: undefined,
        dataDir: resolve(CWD, '.data/pglite'),
        databasePoolSize: 10,
        databaseReplicaUrls: [],
        databaseStatementTimeoutMs: 10_000,
        databaseIdleTimeoutMs: 10_000,
        clientSecretLifetimeSeconds: 0,
        authorizationEndpoint: undefined,
        tokenEndpoint: undefined,
        adminToken: undefined,
        rotateRegistrationAccessToken: false,
        redirectUriPolicy: 'compatible',
        narrowUnsupportedMetadata: true,
        uriHostMismatch: 'flag',
        registrationAccessTokenGracePeriodSeconds: 300,
        revokeRegistrationTokensOnReuse: false,
        cimd: true,
        cimdAllowLoopbackHttp: false,
        cimdControls: { minCacheSeconds: 60, maxCacheSeconds: 86_400 },
        registrationRateLimit: {
          perClientIp: { limit: 120, windowSeconds: 60 },
          perHost: { limit: 120, windowSeconds: 60 },
          global: { limit: 1000, windowSeconds: 60 },
          exemptInitialAccessTokens: true,
        },
        trustedProxies: [],
        clientReaper: { unusedAfterHours: 0, idleAfterDays: 0, intervalSeconds: 3600 },
        logLevel: 'info',
        databaseWaitSeconds: 60,
        registrationPolicy: {
          mode: 'open',
          softwareStatementIssuers: [],
          requireSoftwareStatement: 'false',
          trustedRedirectHosts: undefined,
          allowedScopes: undefined,
          allowedGrantTypes: undefined,
          allowedTokenEndpointAuthMethods: undefined,
          maxClients: undefined,
          maxClientsPerSoftwareId: undefined,
          maxClientsPerInitialAccessToken: undefined,
          approval: 'none',
        },
        production: false,
        authorizationServer: {
          resources: [],
          resourceScopes: ['mcp:tools'],
          accessTokenTtlSeconds: 600,
          refreshTokenTtlSeconds: 1_209_600,
          signingKeyEncryptionKey: undefined,
          signingKeyOverlapSeconds: 86_400,
          testLoginSubject: undefined,
          consentAutoApprove: false,
        },
      });
    });

    it('derives the default issuer from PORT', () => {
      expect(configOf({ PORT: '8080' }).issuer).toBe('http://localhost:8080');
    });

    it('treats empty values of optional variables as unset', () => {
      const empty = {
        PORT: '',
        ISSUER: '',
        AUTHORIZATION_ENDPOINT: '',
        TOKEN_ENDPOINT: '',
        DATABASE_URL: '',
        DATA_DIR: '',
        DATABASE_POOL_SIZE: '',
        DATABASE_WAIT_SECONDS: '',
        DATABASE_REPLICA_URLS: '',
        DATABASE_STATEMENT_TIMEOUT_MS: '',
        DATABASE_IDLE_TIMEOUT_MS: '',
        CLIENT_SECRET_LIFETIME_SECONDS: '',
        ADMIN_TOKEN: '',
        REGISTRATION_TOKEN_ROTATION: '',
        REGISTRATION_TOKEN_GRACE_SECONDS: '',
        REGISTRATION_TOKEN_REUSE_REVOKES: '',
        REGISTRATION_RATE_LIMIT: '',
        REGISTRATION_RATE_LIMIT_PER_HOST: '',
        REGISTRATION_RATE_LIMIT_GLOBAL: '',
        REGISTRATION_RATE_LIMIT_EXEMPT_INITIAL_ACCESS_TOKENS: '',
        TRUSTED_PROXIES: '',
        REAP_UNUSED_CLIENTS_AFTER_HOURS: '',
        REAP_IDLE_CLIENTS_AFTER_DAYS: '',
        REAP_INTERVAL_SECONDS: '',
        LOG_LEVEL: '',
        NODE_ENV: '',
        REGISTRATION_MODE: '',
        SOFTWARE_STATEMENT_ISSUERS: '',
        REQUIRE_SOFTWARE_STATEMENT: '',
        TRUSTED_REDIRECT_HOSTS: '',
        ALLOWED_SCOPES: '',
        ALLOWED_GRANT_TYPES: '',
        ALLOWED_TOKEN_ENDPOINT_AUTH_METHODS: '',
        MAX_CLIENTS: '',
        MAX_CLIENTS_PER_SOFTWARE_ID: '',
        MAX_CLIENTS_PER_INITIAL_ACCESS_TOKEN: '',
        REGISTRATION_APPROVAL: '',
        RESOURCES: '',
        RESOURCE_SCOPES: '',
        ACCESS_TOKEN_TTL_SECONDS: '',
        REFRESH_TOKEN_TTL_SECONDS: '',
        SIGNING_KEY_ENCRYPTION_KEY: '',
        SIGNING_KEY_OVERLAP_SECONDS: '',
        IDENTITY_TEST_LOGIN_SUBJECT: '',
        IDENTITY_CONSENT_AUTO_APPROVE: '',
      };
      expect(configOf(empty)).toEqual(configOf({}));
    });

    it('uses the process working directory when no cwd is given', () => {
      expect(loadIdentityConfig({}).dataDir).toBe(resolve(process.cwd(), '.data/pglite'));
    });

    it('ignores variables it does not declare', () => {
      expect(configOf({ UNRELATED: 'x', PATH: '/usr/bin' })).toEqual(configOf({}));
    });
  });

  describe('valid values', () => {
    it('reads every variable', () => {
      const config = configOf({
        PORT: '0',
        HOST: ' 0.0.0.0 ',
        ISSUER: 'https://auth.example.com',
        AUTHORIZATION_ENDPOINT: 'https://auth.example.com/authorize',
        TOKEN_ENDPOINT: 'https://auth.example.com/token',
        DATABASE_URL: 'postgresql://app:secret@db.internal:5432/identity',
        DATA_DIR: '/var/lib/identity',
        DATABASE_POOL_SIZE: '25',
        DATABASE_WAIT_SECONDS: '5',
        DATABASE_REPLICA_URLS:
          'postgres://app:secret@replica-1/identity,postgres://replica-2/identity',
        DATABASE_STATEMENT_TIMEOUT_MS: '0',
        DATABASE_IDLE_TIMEOUT_MS: '30000',
        CLIENT_SECRET_LIFETIME_SECONDS: '86400',
        ADMIN_TOKEN: 'operator-credential-0123456789abcdef',
        REGISTRATION_TOKEN_ROTATION: '1',
        REGISTRATION_TOKEN_GRACE_SECONDS: '30',
        REGISTRATION_TOKEN_REUSE_REVOKES: 'true',
        CIMD: 'off',
        CIMD_ALLOWED_HOSTS: '*.example.com',
        CIMD_DENIED_HOSTS: 'bad.example.com',
        CIMD_MIN_CACHE_SECONDS: '30',
        CIMD_MAX_CACHE_SECONDS: '3600',
        REGISTRATION_RATE_LIMIT: '100/10',
        REGISTRATION_RATE_LIMIT_PER_HOST: 'off',
        REGISTRATION_RATE_LIMIT_GLOBAL: '5000/60',
        REGISTRATION_RATE_LIMIT_EXEMPT_INITIAL_ACCESS_TOKENS: 'false',
        TRUSTED_PROXIES: '10.0.0.0/8,::1',
        REAP_UNUSED_CLIENTS_AFTER_HOURS: '48',
        REAP_IDLE_CLIENTS_AFTER_DAYS: '180',
        REAP_INTERVAL_SECONDS: '900',
        LOG_LEVEL: 'debug',
        NODE_ENV: 'production',
        REGISTRATION_MODE: 'mixed',
        SOFTWARE_STATEMENT_ISSUERS:
          '[{"issuer": "https://statements.example", "jwks_uri": "https://statements.example/jwks", "algorithms": ["ES256"], "audience": "https://auth.example.com"}]',
        REQUIRE_SOFTWARE_STATEMENT: 'anonymous',
        TRUSTED_REDIRECT_HOSTS: '*.example.com, 127.0.0.1',
        ALLOWED_SCOPES: 'openid mcp:tools',
        ALLOWED_GRANT_TYPES: 'authorization_code,refresh_token',
        ALLOWED_TOKEN_ENDPOINT_AUTH_METHODS: 'none,client_secret_basic',
        MAX_CLIENTS: '10000',
        MAX_CLIENTS_PER_SOFTWARE_ID: '50',
        MAX_CLIENTS_PER_INITIAL_ACCESS_TOKEN: '5',
        REGISTRATION_APPROVAL: 'pending',
        RESOURCES: 'https://mcp.example.com/mcp, https://api.example.com',
        RESOURCE_SCOPES: 'mcp:tools mcp:read',
        ACCESS_TOKEN_TTL_SECONDS: '300',
        REFRESH_TOKEN_TTL_SECONDS: '86400',
        SIGNING_KEY_ENCRYPTION_KEY: KEY.toString('base64url'),
        SIGNING_KEY_OVERLAP_SECONDS: '3600',
      });
      expect(config).toEqual({
        port: 0,
        host: '0.0.0.0',
        issuer: 'https://auth.example.com',
        databaseUrl: 'postgresql://app:secret@db.internal:5432/identity',
        dataDir: '/var/lib/identity',
        databasePoolSize: 25,
        databaseReplicaUrls: [
          'postgres://app:secret@replica-1/identity',
          'postgres://replica-2/identity',
        ],
        databaseStatementTimeoutMs: 0,
        databaseIdleTimeoutMs: 30_000,
        clientSecretLifetimeSeconds: 86400,
        authorizationEndpoint: 'https://auth.example.com/authorize',
        tokenEndpoint: 'https://auth.example.com/token',
        adminToken: 'operator-credential-0123456789abcdef',
        rotateRegistrationAccessToken: true,
        redirectUriPolicy: 'compatible',
        narrowUnsupportedMetadata: true,
        uriHostMismatch: 'flag',
        registrationAccessTokenGracePeriodSeconds: 30,
        revokeRegistrationTokensOnReuse: true,
        // CIMD_ALLOW_LOOPBACK_HTTP is test-only: NODE_ENV=production refuses it (identity-env.cimd.spec.ts).
        cimd: false,
        cimdAllowLoopbackHttp: false,
        cimdControls: {
          allowedHosts: ['*.example.com'],
          deniedHosts: ['bad.example.com'],
          minCacheSeconds: 30,
          maxCacheSeconds: 3600,
        },
        registrationRateLimit: {
          perClientIp: { limit: 100, windowSeconds: 10 },
          perHost: false,
          global: { limit: 5000, windowSeconds: 60 },
          exemptInitialAccessTokens: false,
        },
        trustedProxies: ['10.0.0.0/8', '::1'],
        clientReaper: { unusedAfterHours: 48, idleAfterDays: 180, intervalSeconds: 900 },
        logLevel: 'debug',
        databaseWaitSeconds: 5,
        registrationPolicy: {
          mode: 'mixed',
          softwareStatementIssuers: [
            {
              issuer: 'https://statements.example',
              jwksUri: 'https://statements.example/jwks',
              algorithms: ['ES256'],
              audience: 'https://auth.example.com',
            },
          ],
          requireSoftwareStatement: 'anonymous',
          trustedRedirectHosts: ['*.example.com', '127.0.0.1'],
          allowedScopes: ['openid', 'mcp:tools'],
          allowedGrantTypes: ['authorization_code', 'refresh_token'],
          allowedTokenEndpointAuthMethods: ['none', 'client_secret_basic'],
          maxClients: 10000,
          maxClientsPerSoftwareId: 50,
          maxClientsPerInitialAccessToken: 5,
          approval: 'pending',
        },
        production: true,
        authorizationServer: {
          resources: ['https://mcp.example.com/mcp', 'https://api.example.com'],
          resourceScopes: ['mcp:tools', 'mcp:read'],
          accessTokenTtlSeconds: 300,
          refreshTokenTtlSeconds: 86_400,
          signingKeyEncryptionKey: KEY,
          signingKeyOverlapSeconds: 3600,
          testLoginSubject: undefined,
          consentAutoApprove: false,
        },
      });
    });

    it('resolves a relative DATA_DIR against cwd', () => {
      expect(configOf({ DATA_DIR: 'state/db' }).dataDir).toBe('/srv/identity/state/db');
      expect(configOf({ DATA_DIR: '../shared' }).dataDir).toBe('/srv/shared');
    });

    it('does not put the embedded database in cwd itself when DATA_DIR is empty', () => {
      // An empty variable means "unset": resolving "" against cwd would make the working
      // directory (e.g. the workspace root) the PostgreSQL data folder.
      const { dataDir } = configOf({ DATA_DIR: '' });
      expect(dataDir).not.toBe(CWD);
      expect(dataDir).toBe(resolve(CWD, '.data/pglite'));
    });
  });

  describe('errors', () => {
    it('throws a ConfigError naming the variable', () => {
      const error = configErrorFor({ PORT: 'abc' });
      expect(error.name).toBe('ConfigError');
      expect(error.variable).toBe('PORT');
      expect(error.message).toBe('PORT must be a whole number from 0 to 65535 (got "abc")');
    });

    it('reports an invalid PORT as PORT, not as the issuer derived from it', () => {
      expect(configErrorFor({ PORT: 'abc' }).problems.map((problem) => problem.variable)).toEqual([
        'PORT',
      ]);
    });

    it('reports every invalid variable, one line each, in the order of the declaration', () => {
      const error = configErrorFor({
        LOG_LEVEL: 'loud',
        ADMIN_TOKEN: 'too-short-to-be-a-credential',
        PORT: '70000',
        HOST: ' ',
      });
      expect(error.problems.map((problem) => problem.variable)).toEqual([
        'PORT',
        'HOST',
        'ADMIN_TOKEN',
        'LOG_LEVEL',
      ]);
      expect(error.variable).toBe('PORT');
      expect(error.message.split('\n')).toEqual([
        'PORT must be a whole number from 0 to 65535 (got "70000")',
        'HOST must not be empty',
        'ADMIN_TOKEN must be at least 32 characters long',
        'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud")',
      ]);
    });
  });
});

describe('loadIdentityConfig with PORT=0', () => {
  it('needs an explicit ISSUER, since the port is not known before listening', () => {
    expect(problemFor({ PORT: '0' })).toBe(
      'ISSUER must be set when PORT is 0: the port is not known before listening',
    );
    expect(configOf({ PORT: '0', ISSUER: 'http://127.0.0.1' }).issuer).toBe('http://127.0.0.1');
  });

  it('throws that as a ConfigError too', () => {
    expect(() => configOf({ PORT: '0', ISSUER: '' })).toThrow(ConfigError);
  });
});

describe('loadIdentityConfig: RFC 7592 options', () => {
  it('leaves the admin API off and rotation off by default, with a 300 s grace period', () => {
    const config = configOf({});
    expect(config.adminToken).toBeUndefined();
    expect(config.rotateRegistrationAccessToken).toBe(false);
    expect(config.registrationAccessTokenGracePeriodSeconds).toBe(300);
    expect(config.revokeRegistrationTokensOnReuse).toBe(false);
  });

  it('reads ADMIN_TOKEN, REGISTRATION_TOKEN_ROTATION and REGISTRATION_TOKEN_GRACE_SECONDS', () => {
    const config = configOf({
      ADMIN_TOKEN: 'a'.repeat(32),
      REGISTRATION_TOKEN_ROTATION: 'true',
      REGISTRATION_TOKEN_GRACE_SECONDS: '60',
    });
    expect(config.adminToken).toBe('a'.repeat(32));
    expect(config.rotateRegistrationAccessToken).toBe(true);
    expect(config.registrationAccessTokenGracePeriodSeconds).toBe(60);
  });
});
