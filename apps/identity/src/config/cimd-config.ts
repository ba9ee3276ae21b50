import { DcrOptionsError, resolveDcrOptions, type CimdModuleOptions } from '@agent-runtimes/dcr';
import type { IDENTITY_ENV } from './identity-env.js';
import { ConfigError, type EnvValues } from './parse-env.js';

/** The operator's Client ID Metadata Document controls: DcrModule's `cimd` option but `enabled`. */
export type CimdControls = Omit<CimdModuleOptions, 'enabled'>;

/** Which variable feeds each `cimd` option, to name it when the module refuses the value. */
const VARIABLE_OF_OPTION: readonly [RegExp, string][] = [
  [/^cimd\.allowedHosts/, 'CIMD_ALLOWED_HOSTS'],
  [/^cimd\.deniedHosts/, 'CIMD_DENIED_HOSTS'],
  [/^cimd\.minCacheSeconds/, 'CIMD_MIN_CACHE_SECONDS'],
  [/^cimd\.maxCacheSeconds/, 'CIMD_MAX_CACHE_SECONDS'],
];

/**
 * Reads `CIMD_ALLOWED_HOSTS`, `CIMD_DENIED_HOSTS`, `CIMD_MIN_CACHE_SECONDS` and
 * `CIMD_MAX_CACHE_SECONDS`, and checks them the way `DcrModule` will at start-up, so that a bad
 * host pattern or a maximum below the minimum stops the app with one line naming the variable.
 */
export function cimdControlsOf(values: EnvValues<typeof IDENTITY_ENV>): CimdControls {
  const controls: CimdControls = {
    ...(values.CIMD_ALLOWED_HOSTS ? { allowedHosts: [...values.CIMD_ALLOWED_HOSTS] } : {}),
    ...(values.CIMD_DENIED_HOSTS ? { deniedHosts: [...values.CIMD_DENIED_HOSTS] } : {}),
    minCacheSeconds: values.CIMD_MIN_CACHE_SECONDS,
    maxCacheSeconds: values.CIMD_MAX_CACHE_SECONDS,
  };
  try {
    resolveDcrOptions({ issuer: 'https://issuer.invalid', cimd: controls });
  } catch (error) {
    if (!(error instanceof DcrOptionsError)) throw error;
    const [, option = '', problem = error.message] =
      /^DcrModule option "([^"]*)" (.*)$/s.exec(error.message) ?? [];
    const variable = VARIABLE_OF_OPTION.find(([pattern]) => pattern.test(option))?.[1];
    if (!variable) throw error;
    const entry = /\[(\d+)\]$/.exec(option)?.[1];
    const named = problem.replace('minCacheSeconds', 'CIMD_MIN_CACHE_SECONDS');
    throw ConfigError.of(variable, `${entry === undefined ? '' : `entry ${entry}: `}${named}`);
  }
  return controls;
}
