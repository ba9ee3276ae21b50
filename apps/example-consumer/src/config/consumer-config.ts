import { describeIssuerProblem } from '@agent-runtimes/dcr';

/** Every route of the app is served under this global prefix (`/api/oauth/register`, ...). */
export const API_PREFIX = 'api';

/** Route of the registration endpoint under the prefix, unless `REGISTRATION_PATH` says otherwise. */
export const DEFAULT_REGISTRATION_PATH = 'oauth/register';

/** The configuration of `apps/example-consumer`, read from the environment once, at start-up. */
export interface ConsumerConfig {
  readonly port: number;
  readonly host: string;
  /** Public URL of the app's root; also the issuer identifier the module advertises. */
  readonly issuer: string;
  readonly databaseUrl: string;
  /** Route of `DcrModule` under {@link API_PREFIX}, without leading or trailing slashes. */
  readonly registrationPath: string;
  /**
   * Absolute URL of the registration endpoint. The module cannot see the app's global prefix, so
   * it is told the URL (its `registrationEndpoint` option) to build each `registration_client_uri`.
   */
  readonly registrationEndpoint: string;
}

/** A configuration value the app cannot start with. The message names the variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`${variable} ${problem}`);
  }
}

type Env = Readonly<Record<string, string | undefined>>;

// Route segments made of RFC 3986 unreserved characters: nothing Express would read as a pattern.
const ROUTE_PATH = /^[A-Za-z0-9._~-]+(\/[A-Za-z0-9._~-]+)*$/;

/** Reads and checks the environment. Each variable is read here and nowhere else. */
export function loadConsumerConfig(env: Env): ConsumerConfig {
  const port = integer(env, 'PORT', 3001, 0, 65535);
  const issuer = issuerOf(env, port);
  const registrationPath = routePath(env, 'REGISTRATION_PATH', DEFAULT_REGISTRATION_PATH);
  return {
    port,
    host: nonEmpty(env, 'HOST', '127.0.0.1'),
    issuer,
    databaseUrl: databaseUrl(env),
    registrationPath,
    registrationEndpoint: `${issuer}/${API_PREFIX}/${registrationPath}`,
  };
}

function issuerOf(env: Env, port: number): string {
  if (env.ISSUER === undefined || env.ISSUER === '') {
    if (port === 0) {
      throw new ConfigError(
        'ISSUER',
        'must be set when PORT is 0: the port is not known before listening',
      );
    }
    return `http://localhost:${port}`;
  }
  const value = env.ISSUER.replace(/\/+$/, '');
  // The module's own rule (RFC 8414 §2), checked here so that a bad value names the variable.
  const problem = describeIssuerProblem(value);
  if (problem) {
    throw new ConfigError('ISSUER', `${problem} (got "${value.replace(/\/\/[^/@]*@/, '//***@')}")`);
  }
  return value;
}

function databaseUrl(env: Env): string {
  const raw = env.DATABASE_URL;
  if (raw === undefined || raw === '') throw new ConfigError('DATABASE_URL', 'must be set');
  const url = URL.parse(raw);
  if (!url || (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:')) {
    // The value may hold a password, so it is not echoed.
    throw new ConfigError('DATABASE_URL', 'must be a postgres:// or postgresql:// URL');
  }
  return raw;
}

function routePath(env: Env, name: string, fallback: string): string {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = raw.replace(/^\/+|\/+$/g, '');
  if (!ROUTE_PATH.test(value)) {
    throw new ConfigError(
      name,
      `must be a route path of letters, digits and "._~-" segments separated by "/" (got "${raw}")`,
    );
  }
  return value;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || value < min || value > max) {
    throw new ConfigError(name, `must be a whole number from ${min} to ${max} (got "${raw}")`);
  }
  return value;
}

function nonEmpty(env: Env, name: string, fallback: string): string {
  const raw = env[name];
  if (raw === undefined) return fallback;
  if (raw.trim() === '') throw new ConfigError(name, 'must not be empty');
  return raw.trim();
}
