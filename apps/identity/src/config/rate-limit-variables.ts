import { z } from 'zod';
import { TrustedProxyError, parseTrustedProxies, type RateLimit } from '@agent-runtimes/dcr';
import { codeSpan, declareVariable, unsetWhenEmpty, type EnvVariable } from './env-variable.js';

/** A rate limit as a variable gives it: `N/SECONDS`, or `off`. */
export type RateLimitSetting = RateLimit | 'off';

// The bounds of DcrModule's registrationRateLimit option.
const MAX_LIMIT = 1_000_000_000;
const MAX_WINDOW_SECONDS = 86_400;

/**
 * Reads `N/SECONDS` (at most N requests per window of SECONDS, whole numbers: `20/60`) or `off`.
 * `undefined` when it is neither.
 */
export function parseRateLimit(raw: string): RateLimitSetting | undefined {
  const value = raw.trim();
  if (value === 'off') return 'off';
  const match = /^(\d{1,10})\/(\d{1,6})$/.exec(value);
  if (!match) return undefined;
  const [limit, windowSeconds] = [Number(match[1]), Number(match[2])];
  if (limit < 1 || limit > MAX_LIMIT || windowSeconds < 1 || windowSeconds > MAX_WINDOW_SECONDS) {
    return undefined;
  }
  return { limit, windowSeconds };
}

/** A rate limit variable: `N/SECONDS` or `off`, with a default. */
export function rateLimit(options: {
  readonly doc: string;
  readonly default: string;
}): EnvVariable<RateLimitSetting> {
  const problem =
    `must be N/SECONDS (N from 1 to ${MAX_LIMIT} requests per SECONDS from 1 to ` +
    `${MAX_WINDOW_SECONDS}, e.g. 20/60) or off`;
  const fallback = parseRateLimit(options.default);
  if (!fallback) throw new Error(`the default ${options.default} is not a rate limit`);
  const schema = z.string().transform((raw, context) => {
    const setting = parseRateLimit(raw);
    if (setting === undefined) {
      context.addIssue({ code: 'custom', message: problem });
      return z.NEVER;
    }
    return setting;
  });
  return declareVariable({
    defaultText: codeSpan(options.default),
    doc: options.doc,
    accepts: '`N/SECONDS` (N requests per SECONDS) or `off`',
    schema: unsetWhenEmpty<RateLimitSetting>(schema, fallback),
  });
}

/** A comma-separated list of IP addresses and CIDR blocks (`10.0.0.0/8,::1`), none by default. */
export function addressList(options: { readonly doc: string }): EnvVariable<readonly string[]> {
  const schema = z
    .string()
    .transform((raw) => raw.split(',').map((entry) => entry.trim()))
    .transform((entries) => entries.filter((entry) => entry !== ''))
    .superRefine((entries, context) => {
      try {
        parseTrustedProxies(entries);
      } catch (error) {
        if (!(error instanceof TrustedProxyError)) throw error;
        context.addIssue({
          code: 'custom',
          message: `must be a comma-separated list of IP addresses and CIDR blocks (${error.message})`,
        });
      }
    });
  return declareVariable({
    defaultText: 'none',
    doc: options.doc,
    accepts: 'comma-separated IP addresses and CIDR blocks',
    schema: unsetWhenEmpty<readonly string[]>(schema, []),
  });
}
