import { isAbsolute, resolve } from 'node:path';
import type { LevelWithSilent } from 'pino';
import { describeIssuerProblem } from '@agent-runtimes/dcr';
import { LOG_LEVELS } from '../logging/json-logger.js';

/** The configuration of `apps/identity`, read from the environment once, at start-up. */
export interface IdentityConfig {
  readonly port: number;
  readonly host: string;
  readonly issuer: string;
  /** `undefined`: run on the embedded PostgreSQL in `dataDir`. */
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly databasePoolSize: number;
  /** Read replicas of `databaseUrl`; empty for none. */
  readonly databaseReplicaUrls: readonly string[];
  readonly databaseStatementTimeoutMs: number;
  readonly databaseIdleTimeoutMs: number;
  readonly clientSecretLifetimeSeconds: number;
  readonly authorizationEndpoint: string | undefined;
  readonly tokenEndpoint: string | undefined;
  /** Bearer credential of the admin API at `/admin`; `undefined` leaves the API unmounted. */
  readonly adminToken: string | undefined;
  readonly rotateRegistrationAccessToken: boolean;
  readonly registrationAccessTokenGracePeriodSeconds: number;
  readonly registrationTokenReuseRevokes: boolean;
  readonly logLevel: LevelWithSilent;
  /** How long start-up waits for an external database before giving up. */
  readonly databaseWaitSeconds: number;
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

/**
 * Reads and checks the environment. Each variable is read here and nowhere else; the README's
 * configuration table lists the same variables.
 */
export function loadIdentityConfig(env: Env, cwd = process.cwd()): IdentityConfig {
  const port = integer(env, 'PORT', 3000, 0, 65535);
  const dataDir = env.DATA_DIR || '.data/pglite';

  return {
    port,
    host: nonEmpty(env, 'HOST', '127.0.0.1'),
    issuer: issuer(env, port),
    databaseUrl: databaseUrl(env),
    dataDir: isAbsolute(dataDir) ? dataDir : resolve(cwd, dataDir),
    databasePoolSize: integer(env, 'DATABASE_POOL_SIZE', 10, 1, 1000),
    databaseReplicaUrls: (env.DATABASE_REPLICA_URLS ?? '')
      .split(',')
      .map((url) => url.trim())
      .filter((url) => url !== '')
      .map((url) => databaseUrl({ DATABASE_URL: url }) ?? url),
    databaseStatementTimeoutMs: integer(env, 'DATABASE_STATEMENT_TIMEOUT_MS', 10_000, 0, 3_600_000),
    databaseIdleTimeoutMs: integer(env, 'DATABASE_IDLE_TIMEOUT_MS', 10_000, 0, 3_600_000),
    clientSecretLifetimeSeconds: integer(env, 'CLIENT_SECRET_LIFETIME_SECONDS', 0, 0, 2 ** 31),
    authorizationEndpoint: optionalUrl(env, 'AUTHORIZATION_ENDPOINT'),
    tokenEndpoint: optionalUrl(env, 'TOKEN_ENDPOINT'),
    adminToken: adminToken(env),
    rotateRegistrationAccessToken: boolean(env, 'REGISTRATION_TOKEN_ROTATION', false),
    registrationAccessTokenGracePeriodSeconds: integer(
      env,
      'REGISTRATION_TOKEN_GRACE_SECONDS',
      300,
      0,
      86400,
    ),
    registrationTokenReuseRevokes: boolean(env, 'REGISTRATION_TOKEN_REUSE_REVOKES', false),
    logLevel: oneOf(env, 'LOG_LEVEL', LOG_LEVELS, 'info'),
    databaseWaitSeconds: integer(env, 'DATABASE_WAIT_SECONDS', 60, 0, 3600),
  };
}

function oneOf<T extends string>(env: Env, name: string, values: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!(values as readonly string[]).includes(raw)) {
    throw new ConfigError(name, `must be one of ${values.join(', ')} (got "${raw}")`);
  }
  return raw as T;
}

function adminToken(env: Env): string | undefined {
  const raw = env.ADMIN_TOKEN;
  if (raw === undefined || raw === '') return undefined;
  // The value is a credential: never echoed.
  if (raw.length < 32) throw new ConfigError('ADMIN_TOKEN', 'must be at least 32 characters long');
  return raw;
}

function boolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new ConfigError(name, `must be true or false (got "${raw}")`);
}

function issuer(env: Env, port: number): string {
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
  const problem = describeIssuerProblem(value);
  // User credentials in the URL are not echoed.
  if (problem)
    throw new ConfigError('ISSUER', `${problem} (got "${value.replace(/\/\/[^/@]*@/, '//***@')}")`);
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

function databaseUrl(env: Env): string | undefined {
  const raw = env.DATABASE_URL;
  if (raw === undefined || raw === '') return undefined;
  const url = URL.parse(raw);
  if (!url || (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:')) {
    // The value may hold a password, so it is not echoed.
    throw new ConfigError('DATABASE_URL', 'must be a postgres:// or postgresql:// URL');
  }
  return raw;
}

function optionalUrl(env: Env, name: string): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const url = URL.parse(raw);
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw new ConfigError(name, `must be an absolute http(s) URL (got "${raw}")`);
  }
  return raw;
}
