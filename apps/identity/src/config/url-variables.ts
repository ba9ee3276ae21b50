import { z } from 'zod';
import { describeEndpointProblem, describeIssuerProblem } from '@agent-runtimes/dcr';
import {
  declareVariable,
  unsetWhenEmpty,
  type EnvVariable,
  type VariableOptions,
} from './env-variable.js';

const POSTGRES_URL_PROBLEM = 'must be a postgres:// or postgresql:// URL';

/** A zod check that reports what `describe` finds wrong with a value, if anything. */
function problemCheck(describe: (value: string) => string | undefined) {
  return (value: string, context: z.RefinementCtx) => {
    const problem = describe(value);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  };
}

/**
 * An issuer identifier (RFC 8414 §2): https, or http on a loopback host; no query, fragment or
 * user credentials. Trailing slashes are dropped, since the issuer is the base of every URL the
 * app advertises. The rule is the module's own (`describeIssuerProblem`), so the app cannot
 * accept an issuer the module would refuse.
 */
export function issuerUrl(options: VariableOptions): EnvVariable<string | undefined> {
  const schema = z
    .string()
    .transform((raw) => raw.replace(/\/+$/, ''))
    .superRefine(problemCheck(describeIssuerProblem));
  return declareVariable({
    ...options,
    accepts: '`https` URL (`http` on a loopback host); no query, fragment or credentials',
    schema: unsetWhenEmpty(schema),
  });
}

/**
 * The URL of an OAuth endpoint (authorization, token), kept exactly as given. The rule is the
 * module's own (`describeEndpointProblem`: a query is allowed, a fragment is not), so the app
 * cannot accept a token endpoint the module would refuse.
 */
export function endpointUrl(options: VariableOptions): EnvVariable<string | undefined> {
  return declareVariable({
    ...options,
    accepts: '`https` URL (`http` on a loopback host); no fragment or credentials',
    schema: unsetWhenEmpty(z.string().superRefine(problemCheck(describeEndpointProblem))),
  });
}

function isPostgresUrl(raw: string): boolean {
  const url = URL.parse(raw);
  return url !== null && (url.protocol === 'postgres:' || url.protocol === 'postgresql:');
}

/** A PostgreSQL connection URL, kept exactly as given (the driver parses it). */
export function postgresUrl(options: VariableOptions): EnvVariable<string | undefined> {
  return declareVariable({
    ...options,
    accepts: '`postgres://` or `postgresql://` URL',
    schema: unsetWhenEmpty(z.string().refine(isPostgresUrl, POSTGRES_URL_PROBLEM)),
  });
}

/**
 * A comma-separated list of PostgreSQL connection URLs; blanks around entries and empty entries
 * are ignored. A bad entry is named by its position, since the value itself may not be shown.
 */
export function postgresUrlList(options: VariableOptions): EnvVariable<readonly string[]> {
  const schema = z
    .string()
    .transform((raw) => raw.split(',').map((entry) => entry.trim()))
    .superRefine((entries, context) => {
      const bad = entries.findIndex((entry) => entry !== '' && !isPostgresUrl(entry));
      if (bad >= 0) {
        context.addIssue({
          code: 'custom',
          message: `must be a comma-separated list of postgres:// or postgresql:// URLs (entry ${bad + 1} is not one)`,
        });
      }
    })
    .transform((entries) => entries.filter((entry) => entry !== ''));
  return declareVariable({
    defaultText: 'none',
    ...options,
    accepts: 'comma-separated `postgres://` or `postgresql://` URLs',
    schema: unsetWhenEmpty<readonly string[]>(schema, []),
  });
}
