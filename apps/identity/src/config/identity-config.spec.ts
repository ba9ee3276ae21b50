import { resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadIdentityConfig } from './identity-config.js';

const CWD = '/srv/identity';

/** The error `loadIdentityConfig` throws for `env`, or fails the test when it throws none. */
function configErrorFor(env: Record<string, string>): ConfigError {
  try {
    loadIdentityConfig(env, CWD);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`expected a ConfigError for ${JSON.stringify(env)}`);
}

describe('loadIdentityConfig', () => {
  describe('defaults', () => {
    it('applies the documented default of every variable', () => {
      expect(loadIdentityConfig({}, CWD)).toEqual({
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
        registrationAccessTokenGracePeriodSeconds: 300,
        registrationTokenReuseRevokes: false,
        logLevel: 'info',
        databaseWaitSeconds: 60,
      });
    });

    it('derives the default issuer from PORT', () => {
      expect(loadIdentityConfig({ PORT: '8080' }, CWD).issuer).toBe('http://localhost:8080');
    });

    it('treats empty values of optional variables as unset', () => {
      const config = loadIdentityConfig(
        {
          PORT: '',
          DATABASE_URL: '',
          DATABASE_POOL_SIZE: '',
          CLIENT_SECRET_LIFETIME_SECONDS: '',
          AUTHORIZATION_ENDPOINT: '',
          TOKEN_ENDPOINT: '',
          ISSUER: '',
          DATA_DIR: '',
        },
        CWD,
      );
      expect(config.port).toBe(3000);
      expect(config.issuer).toBe('http://localhost:3000');
      expect(config.databaseUrl).toBeUndefined();
      expect(config.databasePoolSize).toBe(10);
      expect(config.clientSecretLifetimeSeconds).toBe(0);
      expect(config.authorizationEndpoint).toBeUndefined();
      expect(config.tokenEndpoint).toBeUndefined();
    });

    it('uses the process working directory when no cwd is given', () => {
      expect(loadIdentityConfig({}).dataDir).toBe(resolve(process.cwd(), '.data/pglite'));
    });
  });

  describe('valid values', () => {
    it('reads every variable', () => {
      const config = loadIdentityConfig(
        {
          PORT: '0',
          HOST: ' 0.0.0.0 ',
          ISSUER: 'https://auth.example.com',
          DATABASE_URL: 'postgresql://app:secret@db.internal:5432/identity',
          DATA_DIR: '/var/lib/identity',
          DATABASE_POOL_SIZE: '25',
          CLIENT_SECRET_LIFETIME_SECONDS: '86400',
          AUTHORIZATION_ENDPOINT: 'https://auth.example.com/authorize',
          TOKEN_ENDPOINT: 'https://auth.example.com/token',
          ADMIN_TOKEN: 'operator-credential-0123456789abcdef',
          REGISTRATION_TOKEN_ROTATION: '1',
          REGISTRATION_TOKEN_GRACE_SECONDS: '30',
        },
        CWD,
      );
      expect(config).toEqual({
        port: 0,
        host: '0.0.0.0',
        issuer: 'https://auth.example.com',
        databaseUrl: 'postgresql://app:secret@db.internal:5432/identity',
        dataDir: '/var/lib/identity',
        databasePoolSize: 25,
        databaseReplicaUrls: [],
        databaseStatementTimeoutMs: 10_000,
        databaseIdleTimeoutMs: 10_000,
        clientSecretLifetimeSeconds: 86400,
        authorizationEndpoint: 'https://auth.example.com/authorize',
        tokenEndpoint: 'https://auth.example.com/token',
        adminToken: 'operator-credential-0123456789abcdef',
        rotateRegistrationAccessToken: true,
        registrationAccessTokenGracePeriodSeconds: 30,
        registrationTokenReuseRevokes: false,
        logLevel: 'info',
        databaseWaitSeconds: 60,
      });
    });

    it('accepts the bounds of PORT', () => {
      expect(loadIdentityConfig({ PORT: '0', ISSUER: 'https://a.example' }, CWD).port).toBe(0);
      expect(loadIdentityConfig({ PORT: '65535' }, CWD).port).toBe(65535);
    });

    it('resolves a relative DATA_DIR against cwd', () => {
      expect(loadIdentityConfig({ DATA_DIR: 'state/db' }, CWD).dataDir).toBe(
        '/srv/identity/state/db',
      );
      expect(loadIdentityConfig({ DATA_DIR: '../shared' }, CWD).dataDir).toBe('/srv/shared');
    });

    it('does not put the embedded database in cwd itself when DATA_DIR is empty', () => {
      // An empty variable means "unset" for every other variable; resolving "" against cwd
      // would make the working directory (e.g. the workspace root) the PostgreSQL data folder.
      let dataDir: string | undefined;
      try {
        dataDir = loadIdentityConfig({ DATA_DIR: '' }, CWD).dataDir;
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        expect((error as ConfigError).message).toMatch(/^DATA_DIR /);
        return;
      }
      expect(dataDir).not.toBe(CWD);
      expect(dataDir).toBe(resolve(CWD, '.data/pglite'));
    });

    it('accepts postgres:// as well as postgresql:// URLs', () => {
      expect(loadIdentityConfig({ DATABASE_URL: 'postgres://u@h/db' }, CWD).databaseUrl).toBe(
        'postgres://u@h/db',
      );
    });

    it.each([
      ['http://localhost:3000'],
      ['http://127.0.0.1:3000'],
      ['http://[::1]:3000'],
      ['https://auth.example.com'],
      ['https://auth.example.com/tenant-a'],
    ])('accepts the issuer %s', (issuer) => {
      expect(loadIdentityConfig({ ISSUER: issuer }, CWD).issuer).toBe(issuer);
    });

    it.each([
      ['https://auth.example.com/', 'https://auth.example.com'],
      ['https://auth.example.com///', 'https://auth.example.com'],
      ['https://auth.example.com/tenant-a/', 'https://auth.example.com/tenant-a'],
      ['http://localhost:3000/', 'http://localhost:3000'],
    ])('trims the trailing slash of ISSUER %s', (raw, issuer) => {
      expect(loadIdentityConfig({ ISSUER: raw }, CWD).issuer).toBe(issuer);
    });

    it('accepts the bounds of CLIENT_SECRET_LIFETIME_SECONDS and DATABASE_POOL_SIZE', () => {
      const low = loadIdentityConfig(
        { CLIENT_SECRET_LIFETIME_SECONDS: '0', DATABASE_POOL_SIZE: '1' },
        CWD,
      );
      expect(low.clientSecretLifetimeSeconds).toBe(0);
      expect(low.databasePoolSize).toBe(1);
      const high = loadIdentityConfig(
        { CLIENT_SECRET_LIFETIME_SECONDS: String(2 ** 31), DATABASE_POOL_SIZE: '1000' },
        CWD,
      );
      expect(high.clientSecretLifetimeSeconds).toBe(2 ** 31);
      expect(high.databasePoolSize).toBe(1000);
    });
  });

  describe('invalid values', () => {
    it.each([
      ['PORT', { PORT: 'abc' }],
      ['PORT', { PORT: '70000' }],
      ['PORT', { PORT: '65536' }],
      ['PORT', { PORT: '-1' }],
      ['PORT', { PORT: '3000.5' }],
      ['PORT', { PORT: '1e3' }],
      ['PORT', { PORT: '0x10' }],
      ['HOST', { HOST: ' ' }],
      ['HOST', { HOST: '' }],
      ['ISSUER', { ISSUER: 'http://example.com' }],
      ['ISSUER', { ISSUER: 'http://192.168.1.10:3000' }],
      ['ISSUER', { ISSUER: 'https://auth.example.com?tenant=a' }],
      ['ISSUER', { ISSUER: 'https://auth.example.com/?' }],
      ['ISSUER', { ISSUER: 'https://auth.example.com#top' }],
      ['ISSUER', { ISSUER: 'auth.example.com' }],
      ['ISSUER', { ISSUER: 'ftp://auth.example.com' }],
      ['DATABASE_URL', { DATABASE_URL: 'mysql://x' }],
      ['DATABASE_URL', { DATABASE_URL: 'not a url' }],
      ['DATABASE_POOL_SIZE', { DATABASE_POOL_SIZE: '0' }],
      ['DATABASE_POOL_SIZE', { DATABASE_POOL_SIZE: '1001' }],
      ['AUTHORIZATION_ENDPOINT', { AUTHORIZATION_ENDPOINT: 'notaurl' }],
      ['AUTHORIZATION_ENDPOINT', { AUTHORIZATION_ENDPOINT: 'ftp://auth.example.com/authorize' }],
      ['TOKEN_ENDPOINT', { TOKEN_ENDPOINT: 'notaurl' }],
      ['CLIENT_SECRET_LIFETIME_SECONDS', { CLIENT_SECRET_LIFETIME_SECONDS: '1.5' }],
      ['CLIENT_SECRET_LIFETIME_SECONDS', { CLIENT_SECRET_LIFETIME_SECONDS: '-60' }],
      ['CLIENT_SECRET_LIFETIME_SECONDS', { CLIENT_SECRET_LIFETIME_SECONDS: String(2 ** 31 + 1) }],
    ])('rejects %s in %j with a ConfigError naming it', (variable, env) => {
      const error = configErrorFor(env);
      expect(error.name).toBe('ConfigError');
      expect(error.variable).toBe(variable);
      expect(error.message.startsWith(`${variable} `)).toBe(true);
      // The message says what is wrong, not just which variable.
      expect(error.message.length).toBeGreaterThan(variable.length + 5);
    });

    it('says which range a number must be in, and echoes the value', () => {
      expect(configErrorFor({ PORT: '70000' }).message).toBe(
        'PORT must be a whole number from 0 to 65535 (got "70000")',
      );
    });

    it('explains why an http issuer on a public host is refused', () => {
      const { message } = configErrorFor({ ISSUER: 'http://example.com' });
      expect(message).toMatch(/^ISSUER must use https/);
      expect(message).toContain('http://example.com');
    });

    it('explains why an issuer with a query or fragment is refused', () => {
      expect(configErrorFor({ ISSUER: 'https://auth.example.com?x=1' }).message).toMatch(
        /^ISSUER must not contain a query or fragment/,
      );
      expect(configErrorFor({ ISSUER: 'https://auth.example.com#x' }).message).toMatch(
        /^ISSUER must not contain a query or fragment/,
      );
    });

    it('reports an invalid PORT as PORT, not as the issuer derived from it', () => {
      // Only the variable that is wrong is named: an invalid PORT is reported as PORT.
      expect(configErrorFor({ PORT: 'abc' }).variable).toBe('PORT');
    });

    it.each([
      ['mysql://admin:hunter2-Secret@db.example.com/identity'],
      ['postgres//admin:hunter2-Secret@db.example.com/identity'],
      ['admin:hunter2-Secret'],
    ])('never echoes a DATABASE_URL that may hold a password (%s)', (url) => {
      const error = configErrorFor({ DATABASE_URL: url });
      expect(error.variable).toBe('DATABASE_URL');
      expect(error.message).toMatch(/^DATABASE_URL /);
      expect(error.message).not.toContain('hunter2');
      expect(error.message).not.toContain('admin');
      expect(error.message).not.toContain('db.example.com');
      expect(String(error.stack)).not.toContain('hunter2');
    });

    it('never echoes the credentials of an ISSUER that holds some', () => {
      const error = configErrorFor({ ISSUER: 'https://admin:hunter2-Secret@auth.example.com' });
      expect(error.variable).toBe('ISSUER');
      expect(error.message).not.toContain('hunter2');
    });
  });
});

describe('loadIdentityConfig with PORT=0', () => {
  it('needs an explicit ISSUER, since the port is not known before listening', () => {
    expect(() => loadIdentityConfig({ PORT: '0' }, '/srv')).toThrow(
      /^ISSUER must be set when PORT is 0/,
    );
    expect(loadIdentityConfig({ PORT: '0', ISSUER: 'http://127.0.0.1' }, '/srv').issuer).toBe(
      'http://127.0.0.1',
    );
  });
});

describe('loadIdentityConfig: RFC 7592 options', () => {
  it('leaves the admin API off and rotation off by default, with a 300 s grace period', () => {
    const config = loadIdentityConfig({}, '/srv');
    expect(config.adminToken).toBeUndefined();
    expect(config.rotateRegistrationAccessToken).toBe(false);
    expect(config.registrationAccessTokenGracePeriodSeconds).toBe(300);
  });

  it('reads ADMIN_TOKEN, REGISTRATION_TOKEN_ROTATION and REGISTRATION_TOKEN_GRACE_SECONDS', () => {
    const config = loadIdentityConfig(
      {
        ADMIN_TOKEN: 'a'.repeat(32),
        REGISTRATION_TOKEN_ROTATION: 'true',
        REGISTRATION_TOKEN_GRACE_SECONDS: '60',
      },
      '/srv',
    );
    expect(config.adminToken).toBe('a'.repeat(32));
    expect(config.rotateRegistrationAccessToken).toBe(true);
    expect(config.registrationAccessTokenGracePeriodSeconds).toBe(60);
  });

  it('refuses a short ADMIN_TOKEN without echoing it', () => {
    let error: unknown;
    try {
      loadIdentityConfig({ ADMIN_TOKEN: 'short-secret-value' }, '/srv');
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toMatch(/^ADMIN_TOKEN must be at least 32 characters/);
    expect((error as ConfigError).message).not.toContain('short-secret-value');
  });

  it.each(['yes', 'TRUE ', '2'])('refuses REGISTRATION_TOKEN_ROTATION=%p', (value) => {
    expect(() => loadIdentityConfig({ REGISTRATION_TOKEN_ROTATION: value }, '/srv')).toThrow(
      /^REGISTRATION_TOKEN_ROTATION must be true or false/,
    );
  });
});
