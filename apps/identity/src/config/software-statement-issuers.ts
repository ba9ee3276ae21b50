import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import type { TrustedIssuerOptions } from '@agent-runtimes/dcr';
import {
  declareVariable,
  unsetWhenEmpty,
  type EnvVariable,
  type VariableOptions,
} from './env-variable.js';
import { ConfigError } from './parse-env.js';

/** Where the trusted issuers come from: inline JSON (already parsed) or a file to read. */
export type IssuersSource =
  { readonly inline: readonly TrustedIssuerOptions[] } | { readonly file: string };

/** One trusted issuer as the JSON of `SOFTWARE_STATEMENT_ISSUERS` writes it (snake_case). */
const ISSUER = z.strictObject({
  issuer: z.string().min(1),
  jwks: z.object({ keys: z.array(z.record(z.string(), z.unknown())) }).optional(),
  jwks_uri: z.string().min(1).optional(),
  algorithms: z.array(z.string()).min(1),
  audience: z.union([z.string(), z.array(z.string())]).optional(),
  clock_tolerance_seconds: z.int().min(0).optional(),
  allowed_fields: z.array(z.string()).optional(),
});

const ISSUERS = z.array(ISSUER);

/**
 * Parses the JSON text of the trusted issuers into the module's option, or returns what is wrong
 * with it, naming the entry (`[0].algorithms: ...`).
 */
export function parseIssuersJson(text: string): TrustedIssuerOptions[] | string {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return 'is not valid JSON';
  }
  const result = ISSUERS.safeParse(json);
  if (!result.success) {
    const [issue] = result.error.issues;
    const path = (issue?.path ?? [])
      .map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`))
      .join('');
    return `must be an array of {"issuer", "jwks" or "jwks_uri", "algorithms", "audience"?} (${path || 'the value'}: ${issue?.message ?? 'invalid'})`;
  }
  return result.data.map((entry) => ({
    issuer: entry.issuer,
    ...(entry.jwks ? { jwks: entry.jwks } : {}),
    ...(entry.jwks_uri ? { jwksUri: entry.jwks_uri } : {}),
    algorithms: entry.algorithms,
    ...(entry.audience === undefined ? {} : { audience: entry.audience }),
    ...(entry.clock_tolerance_seconds === undefined
      ? {}
      : { clockToleranceSeconds: entry.clock_tolerance_seconds }),
    ...(entry.allowed_fields ? { allowedFields: entry.allowed_fields } : {}),
  }));
}

/**
 * `SOFTWARE_STATEMENT_ISSUERS`: inline JSON (a value starting with `[`), checked here, or the path
 * of a JSON file, read by {@link loadIssuers} (relative to the working directory).
 */
export function softwareStatementIssuers(
  options: VariableOptions,
): EnvVariable<IssuersSource | undefined> {
  const schema = z.string().transform((raw, context): IssuersSource => {
    const value = raw.trim();
    if (!value.startsWith('[')) return { file: value };
    const issuers = parseIssuersJson(value);
    if (typeof issuers === 'string') {
      context.addIssue({ code: 'custom', message: issuers });
      return z.NEVER;
    }
    return { inline: issuers };
  });
  return declareVariable<IssuersSource | undefined>({
    defaultText: 'none',
    ...options,
    accepts: 'a JSON array, or the path of a JSON file holding one',
    schema: unsetWhenEmpty<IssuersSource>(schema),
  });
}

/** The trusted issuers of a source, reading its file; throws a `ConfigError` naming `variable`. */
export function loadIssuers(
  source: IssuersSource | undefined,
  variable: string,
  cwd: string,
): TrustedIssuerOptions[] {
  if (source === undefined) return [];
  if ('inline' in source) return [...source.inline];
  const path = isAbsolute(source.file) ? source.file : resolve(cwd, source.file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw ConfigError.of(
      variable,
      `names a file that cannot be read (${typeof code === 'string' ? code : 'error'}): ${path}`,
    );
  }
  const issuers = parseIssuersJson(text);
  if (typeof issuers === 'string') throw ConfigError.of(variable, `file ${path} ${issuers}`);
  return issuers;
}
