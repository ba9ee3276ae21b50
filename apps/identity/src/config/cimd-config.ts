import { CimdOptionsError, resolveCimdOptions, type CimdModuleOptions } from '@agent-runtimes/dcr';
import type { IDENTITY_ENV } from './identity-env.js';
import { ConfigError, type EnvValues } from './parse-env.js';

/**
 * What the operator of `apps/identity` decides about Client ID Metadata Documents
 * (draft-ietf-oauth-client-id-metadata-document) besides turning them on or off (`CIMD`): the
 * rest of the `cimd` option of `DcrModule`, from the `CIMD_*` variables.
 */
export interface CimdConfig {
  /** `CIMD_ALLOWED_HOSTS`: hosts whose documents may be used; none listed: any host. */
  readonly allowedHosts: readonly string[];
  /** `CIMD_DENIED_HOSTS`: hosts whose documents are never used (a denial wins). */
  readonly deniedHosts: readonly string[];
  /** `CIMD_CACHE_MIN_SECONDS` */
  readonly minCacheSeconds: number;
  /** `CIMD_CACHE_MAX_SECONDS` */
  readonly maxCacheSeconds: number;
}

type Values = EnvValues<typeof IDENTITY_ENV>;

/** Which variable feeds each `cimd` option, to name it when the module refuses the value. */
const VARIABLE_OF_OPTION: Readonly<Record<string, string>> = {
  allowedHosts: 'CIMD_ALLOWED_HOSTS',
  deniedHosts: 'CIMD_DENIED_HOSTS',
  minCacheSeconds: 'CIMD_CACHE_MIN_SECONDS',
  maxCacheSeconds: 'CIMD_CACHE_MAX_SECONDS',
};

/**
 * Reads the `CIMD*` variables and checks them the way `DcrModule` will at start-up, so that a bad
 * host pattern stops the app with one line naming the variable and the entry.
 */
export function cimdConfigOf(values: Values): CimdConfig {
  const config: CimdConfig = {
    allowedHosts: values.CIMD_ALLOWED_HOSTS ?? [],
    deniedHosts: values.CIMD_DENIED_HOSTS ?? [],
    minCacheSeconds: values.CIMD_CACHE_MIN_SECONDS,
    maxCacheSeconds: values.CIMD_CACHE_MAX_SECONDS,
  };
  try {
    resolveCimdOptions(cimdModuleOptions(true, config));
  } catch (error) {
    if (!(error instanceof CimdOptionsError)) throw error;
    const [, option = '', index] = /^(\w+)(?:\[(\d+)\])?$/.exec(error.option) ?? [];
    const variable = VARIABLE_OF_OPTION[option];
    if (!variable) throw error;
    throw ConfigError.of(
      variable,
      `${index === undefined ? '' : `entry ${index}: `}${error.problem}`.replace(
        'must not be less than minCacheSeconds',
        'must not be less than CIMD_CACHE_MIN_SECONDS',
      ),
    );
  }
  return config;
}

/** The `cimd` option of `DcrModule`. */
export function cimdModuleOptions(enabled: boolean, config: CimdConfig): CimdModuleOptions {
  return {
    enabled,
    allowedHosts: [...config.allowedHosts],
    deniedHosts: [...config.deniedHosts],
    minCacheSeconds: config.minCacheSeconds,
    maxCacheSeconds: config.maxCacheSeconds,
  };
}
