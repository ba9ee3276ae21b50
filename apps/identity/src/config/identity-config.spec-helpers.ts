import { expect } from '@jest/globals';
import { ConfigError, loadIdentityConfig, type IdentityConfig } from './identity-config.js';

/** The working directory the unit specs load the configuration in. */
export const CWD = '/srv/identity';

/** The configuration of `env` (in {@link CWD}). */
export function configOf(env: Record<string, string>): IdentityConfig {
  return loadIdentityConfig(env, CWD);
}

/** The error `loadIdentityConfig` throws for `env`, or fails the test when it throws none. */
export function configErrorFor(env: Record<string, string>): ConfigError {
  try {
    loadIdentityConfig(env, CWD);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`expected a ConfigError for ${JSON.stringify(env)}`);
}

/** The one line reported for `env`, which must have exactly one invalid variable. */
export function problemFor(env: Record<string, string>): string {
  const { problems } = configErrorFor(env);
  expect(problems).toHaveLength(1);
  return problems[0].message;
}
