import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConsumerConfig } from './consumer-config.js';

const DATABASE_URL = 'postgres://app:s3cret@db.internal:5432/app';

/** The error `loadConsumerConfig` throws for `env`, or fails the test when it throws none. */
function configErrorFor(env: Record<string, string>): ConfigError {
  try {
    loadConsumerConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`expected a ConfigError for ${JSON.stringify(env)}`);
}

describe('loadConsumerConfig', () => {
  it('applies the defaults and puts the registration endpoint under the /api prefix', () => {
    expect(loadConsumerConfig({ DATABASE_URL })).toEqual({
      port: 3001,
      host: '127.0.0.1',
      issuer: 'http://localhost:3001',
      databaseUrl: DATABASE_URL,
      registrationPath: 'oauth/register',
      registrationEndpoint: 'http://localhost:3001/api/oauth/register',
    });
  });

  it('builds the registration endpoint from ISSUER and REGISTRATION_PATH', () => {
    const config = loadConsumerConfig({
      DATABASE_URL,
      PORT: '8080',
      ISSUER: 'https://auth.example.com/',
      REGISTRATION_PATH: '/dcr/clients/',
    });
    expect(config.port).toBe(8080);
    expect(config.issuer).toBe('https://auth.example.com');
    expect(config.registrationPath).toBe('dcr/clients');
    expect(config.registrationEndpoint).toBe('https://auth.example.com/api/dcr/clients');
  });

  it('requires DATABASE_URL, and never echoes it', () => {
    expect(configErrorFor({}).variable).toBe('DATABASE_URL');
    const error = configErrorFor({ DATABASE_URL: 'mysql://app:s3cret@db/app' });
    expect(error.variable).toBe('DATABASE_URL');
    expect(error.message).not.toContain('s3cret');
  });

  it('refuses an issuer the module would refuse, naming ISSUER', () => {
    expect(configErrorFor({ DATABASE_URL, ISSUER: 'http://auth.example.com' }).variable).toBe(
      'ISSUER',
    );
    expect(configErrorFor({ DATABASE_URL, ISSUER: 'https://a.example/?x=1' }).variable).toBe(
      'ISSUER',
    );
  });

  it('requires ISSUER when PORT is 0', () => {
    expect(configErrorFor({ DATABASE_URL, PORT: '0' }).variable).toBe('ISSUER');
    expect(loadConsumerConfig({ DATABASE_URL, PORT: '0', ISSUER: 'http://127.0.0.1' }).port).toBe(
      0,
    );
  });

  it.each(['oauth register', 'oauth/:id', 'a//b', 'oauth/*', '/'])(
    'refuses REGISTRATION_PATH %j',
    (path) => {
      expect(configErrorFor({ DATABASE_URL, REGISTRATION_PATH: path }).variable).toBe(
        'REGISTRATION_PATH',
      );
    },
  );

  it.each(['x', '70000', '-1', '3.5'])('refuses PORT %j', (port) => {
    expect(configErrorFor({ DATABASE_URL, PORT: port }).variable).toBe('PORT');
  });

  it('refuses an empty HOST', () => {
    expect(configErrorFor({ DATABASE_URL, HOST: ' ' }).variable).toBe('HOST');
  });
});
