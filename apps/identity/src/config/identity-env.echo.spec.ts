import { describe, expect, it } from '@jest/globals';
import { configErrorFor } from './identity-config.spec-helpers.js';
import { IDENTITY_ENV } from './identity-env.js';

/** Every variable that holds URLs, and so may hold credentials. */
const URL_VARIABLES = [
  'ISSUER',
  'AUTHORIZATION_ENDPOINT',
  'TOKEN_ENDPOINT',
  'DATABASE_URL',
  'DATABASE_REPLICA_URLS',
  'UPSTREAM_OIDC_ISSUER',
];

/**
 * An invalid value of each secret variable, holding a marker that must not reach any message.
 * Every variable declared `secret` must be here (checked below), so that a new one is tested too.
 */
const INVALID_SECRETS: Record<string, string> = {
  DATABASE_URL: 'mysql://admin:hunter2-Secret@db.example.com/identity',
  DATABASE_REPLICA_URLS: 'hunter2-Secret',
  ADMIN_TOKEN: 'hunter2-Secret',
  SIGNING_KEY_ENCRYPTION_KEY: 'hunter2-Secret',
  // Alone, it is refused (the other two upstream variables are missing).
  UPSTREAM_OIDC_CLIENT_SECRET: 'hunter2-Secret',
};

/** Spellings of a URL with credentials that WHATWG URL parsers accept. */
const URLS_WITH_CREDENTIALS = [
  'https://user:pass@host/x',
  'HTTPS://user:pass@host/x',
  'https:user:pass@host/x',
  'https:\\\\user:pass@host/x',
  'http://user:pass@example.com/x',
  'https://user:p@ss@host/x',
  'https://user@host/x',
];

describe('secret variables', () => {
  it('are the ones this spec has an invalid value for', () => {
    const secret = Object.entries(IDENTITY_ENV)
      .filter(([, variable]) => variable.secret)
      .map(([name]) => name);
    expect(secret.sort()).toEqual(Object.keys(INVALID_SECRETS).sort());
  });

  it.each(Object.entries(INVALID_SECRETS))(
    'never have their value echoed (%s)',
    (variable, value) => {
      const error = configErrorFor({ [variable]: value });
      expect(error.variable).toBe(variable);
      expect(error.message).toMatch(new RegExp(`^${variable} `));
      expect(error.message).not.toContain('hunter2');
      expect(error.message).not.toContain('admin');
      expect(String(error.stack)).not.toContain('hunter2');
    },
  );
});

describe('URL variables', () => {
  it('are every variable whose README line says it takes a URL', () => {
    const urls = Object.entries(IDENTITY_ENV)
      .filter(([, variable]) => /URL/.test(variable.accepts))
      .map(([name]) => name);
    expect(urls.sort()).toEqual([...URL_VARIABLES].sort());
  });

  describe.each(URL_VARIABLES)('%s', (variable) => {
    it.each(URLS_WITH_CREDENTIALS)('refuses %s without echoing its credentials', (url) => {
      const error = configErrorFor({ [variable]: url });
      expect(error.problems).toHaveLength(1);
      expect(error.variable).toBe(variable);
      expect(error.message).toMatch(new RegExp(`^${variable} `));
      // "user" alone appears in "must not contain user credentials".
      expect(error.message).not.toMatch(/user[:@]|pass|p@ss/);
    });
  });
});

describe('any echoed value', () => {
  it('stays on one line', () => {
    const error = configErrorFor({ PORT: '80\nidentity: invalid configuration: forged' });
    expect(error.message.split('\n')).toEqual([
      'PORT must be a whole number from 0 to 65535 (got "80\\nidentity: invalid configuration: forged")',
    ]);
  });

  it('is cut when long', () => {
    const error = configErrorFor({ LOG_LEVEL: 'x'.repeat(10_000) });
    expect(error.message.length).toBeLessThan(250);
    expect(error.message).toMatch(/x…"\)$/);
  });
});
