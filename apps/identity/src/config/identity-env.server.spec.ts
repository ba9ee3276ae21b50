import { describe, expect, it } from '@jest/globals';
import { configOf, problemFor } from './identity-config.spec-helpers.js';

describe('PORT', () => {
  it('defaults to 3000 and reads decimal digits, blanks around them ignored', () => {
    expect(configOf({}).port).toBe(3000);
    expect(configOf({ PORT: '8080' }).port).toBe(8080);
    expect(configOf({ PORT: ' 8080 ' }).port).toBe(8080);
  });

  it('accepts its bounds', () => {
    expect(configOf({ PORT: '0', ISSUER: 'https://a.example' }).port).toBe(0);
    expect(configOf({ PORT: '65535' }).port).toBe(65535);
  });

  it.each(['abc', '70000', '65536', '-1', '3000.5', '1e3', '0x10', '+80'])(
    'refuses %p, saying which range and echoing the value',
    (value) => {
      expect(problemFor({ PORT: value })).toBe(
        `PORT must be a whole number from 0 to 65535 (got "${value}")`,
      );
    },
  );
});

describe('HOST', () => {
  it('defaults to the loopback address and drops blanks around the value', () => {
    expect(configOf({}).host).toBe('127.0.0.1');
    expect(configOf({ HOST: ' 0.0.0.0 ' }).host).toBe('0.0.0.0');
  });

  it.each(['', ' '])('refuses an empty or blank value (%p): it would bind nothing', (value) => {
    expect(problemFor({ HOST: value })).toBe('HOST must not be empty');
  });
});

describe('ISSUER', () => {
  it.each([
    ['http://localhost:3000'],
    ['http://127.0.0.1:3000'],
    ['http://[::1]:3000'],
    ['https://auth.example.com'],
    ['https://auth.example.com/tenant-a'],
  ])('accepts %s', (issuer) => {
    expect(configOf({ ISSUER: issuer }).issuer).toBe(issuer);
  });

  it.each([
    ['https://auth.example.com/', 'https://auth.example.com'],
    ['https://auth.example.com///', 'https://auth.example.com'],
    ['https://auth.example.com/tenant-a/', 'https://auth.example.com/tenant-a'],
    ['http://localhost:3000/', 'http://localhost:3000'],
  ])('trims the trailing slash of %s', (raw, issuer) => {
    expect(configOf({ ISSUER: raw }).issuer).toBe(issuer);
  });

  it.each([
    [
      'http://example.com',
      'must use https (http is accepted only for 127.0.0.1, [::1] and localhost)',
    ],
    [
      'http://192.168.1.10:3000',
      'must use https (http is accepted only for 127.0.0.1, [::1] and localhost)',
    ],
    ['https://auth.example.com?tenant=a', 'must not contain a query or fragment (RFC 8414 §2)'],
    ['https://auth.example.com/?', 'must not contain a query or fragment (RFC 8414 §2)'],
    ['https://auth.example.com#top', 'must not contain a query or fragment (RFC 8414 §2)'],
    ['auth.example.com', 'must be an absolute https URL'],
    ['ftp://auth.example.com', 'must be an absolute https URL'],
  ])('refuses %s: %s', (value, problem) => {
    expect(problemFor({ ISSUER: value })).toBe(`ISSUER ${problem} (got "${value}")`);
  });

  it('refuses user credentials and masks them in the message', () => {
    expect(problemFor({ ISSUER: 'https://admin:hunter2-Secret@auth.example.com' })).toBe(
      'ISSUER must not contain user credentials (got "https://***@auth.example.com")',
    );
  });
});

// RFC 6749 §3.1 and §3.2: the same rules for both endpoints.
describe.each(['AUTHORIZATION_ENDPOINT', 'TOKEN_ENDPOINT'])('%s', (variable) => {
  const read = (value: string) => {
    const config = configOf({ [variable]: value });
    return variable === 'TOKEN_ENDPOINT' ? config.tokenEndpoint : config.authorizationEndpoint;
  };

  it('is unset by default', () => {
    expect(read('')).toBeUndefined();
  });

  it.each([
    'https://auth.example.com/oauth2/endpoint',
    'https://auth.example.com/oauth2/endpoint/',
    'http://127.0.0.1:8080/endpoint',
    'http://localhost/endpoint',
    'http://[::1]:8080/endpoint',
    // RFC 6749 §3.1: an endpoint URI may carry a query, kept when parameters are added.
    'https://login.example.com/oauth2/endpoint?p=b2c_1_sign_in',
  ])('accepts %s exactly as given', (value) => {
    expect(read(value)).toBe(value);
  });

  it.each([
    ['notaurl', 'must be an absolute https URL'],
    ['ftp://auth.example.com/endpoint', 'must be an absolute https URL'],
    [
      'http://auth.example.com/endpoint',
      'must use https (http is accepted only for 127.0.0.1, [::1] and localhost)',
    ],
    [
      'http://10.0.0.1/endpoint',
      'must use https (http is accepted only for 127.0.0.1, [::1] and localhost)',
    ],
    ['https://auth.example.com/endpoint#section', 'must not contain a fragment (RFC 6749 §3.1)'],
    ['https://auth.example.com/endpoint?x=1#', 'must not contain a fragment (RFC 6749 §3.1)'],
  ])('refuses %s: %s', (value, problem) => {
    expect(problemFor({ [variable]: value })).toBe(`${variable} ${problem} (got "${value}")`);
  });

  it('refuses user credentials and masks them in the message', () => {
    expect(problemFor({ [variable]: 'https://user:pass@auth.example.com/x?q=1' })).toBe(
      `${variable} must not contain user credentials (got "https://***@auth.example.com/x?q=1")`,
    );
  });
});

describe('LOG_LEVEL', () => {
  it('defaults to info and reads every pino level', () => {
    expect(configOf({}).logLevel).toBe('info');
    for (const level of ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) {
      expect(configOf({ LOG_LEVEL: level }).logLevel).toBe(level);
    }
  });

  it.each(['verbose', 'INFO', ' info'])('refuses %p, listing the levels', (value) => {
    expect(problemFor({ LOG_LEVEL: value })).toBe(
      `LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "${value}")`,
    );
  });
});

describe('NODE_ENV', () => {
  it.each(['production', 'development', 'test'])(
    'accepts %p (no test-only variable is set)',
    (value) => {
      expect(configOf({ NODE_ENV: value })).toEqual({
        ...configOf({}),
        production: value === 'production',
      });
    },
  );
});
