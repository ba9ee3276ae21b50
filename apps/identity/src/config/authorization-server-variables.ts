import { z } from 'zod';
import { SUBJECT_PATTERN, SUBJECT_RULE } from '../authorization-server/interaction/subject.js';
import { describeEndpointProblem } from '@agent-runtimes/dcr';
import {
  codeSpan,
  declareVariable,
  unsetWhenEmpty,
  type EnvVariable,
  type VariableOptions,
} from './env-variable.js';

/**
 * A comma-separated list of resource indicators (RFC 8707 §2: absolute URIs without a fragment),
 * each `https` (or `http` on a loopback host) without user credentials, as an endpoint URL is
 * (`describeEndpointProblem`). Blanks around entries and empty entries are ignored; duplicates
 * are dropped, the first occurrence keeping its place (the first resource is the default one).
 */
export function resourceList(options: VariableOptions): EnvVariable<readonly string[]> {
  const schema = z
    .string()
    .transform((raw) => raw.split(',').map((entry) => entry.trim()))
    .superRefine((entries, context) => {
      entries.forEach((entry, index) => {
        const problem = entry === '' ? undefined : describeEndpointProblem(entry);
        if (problem) {
          context.addIssue({ code: 'custom', message: `entry ${index + 1} ${problem}` });
        }
      });
    })
    .transform((entries) => [...new Set(entries.filter((entry) => entry !== ''))]);
  return declareVariable({
    defaultText: 'none',
    ...options,
    accepts: 'comma-separated `https` URIs (`http` on a loopback host), no fragment',
    schema: unsetWhenEmpty<readonly string[]>(schema, []),
  });
}

// RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E )
const SCOPE_TOKEN = /^[\x21\x23-\x5b\x5d-\x7e]+$/;

/** Scope values with a meaning of their own in OpenID Connect, granted whatever is configured. */
export const OPENID_SCOPES: readonly string[] = ['openid', 'offline_access'];

/**
 * A space-separated list of scope values (RFC 6749 §3.3 syntax), without the OpenID Connect ones
 * (`openid`, `offline_access`), which are always supported. Duplicates are dropped. Never empty: an
 * unset or blank variable gives `fallback`.
 */
export function scopeList(
  options: VariableOptions & { default: readonly string[] },
): EnvVariable<readonly string[]> {
  const schema = z
    .string()
    .transform((raw) => raw.split(/\s+/).filter((token) => token !== ''))
    .superRefine((tokens, context) => {
      const bad = tokens.find((token) => !SCOPE_TOKEN.test(token) || OPENID_SCOPES.includes(token));
      if (bad !== undefined) {
        context.addIssue({
          code: 'custom',
          message: OPENID_SCOPES.includes(bad)
            ? `must not list ${bad}, which is always supported`
            : 'must be space-separated scope values (RFC 6749 section 3.3)',
        });
      }
    })
    .transform((tokens) => (tokens.length === 0 ? [...options.default] : [...new Set(tokens)]));
  return declareVariable({
    defaultText: codeSpan(options.default.join(' ')),
    ...options,
    accepts: 'space-separated scope values (RFC 6749 §3.3)',
    schema: unsetWhenEmpty<readonly string[]>(schema, options.default),
  });
}

/** Bytes of an AES-256 key. */
export const AES_256_KEY_BYTES = 32;

/**
 * A 256-bit key, written as base64url (or base64) of its 32 bytes, e.g. the output of
 * `openssl rand -base64 32`. A secret: never echoed.
 */
export function aes256Key(options: VariableOptions): EnvVariable<Buffer | undefined> {
  const problem = `must be ${AES_256_KEY_BYTES} random bytes in base64url or base64 (e.g. openssl rand -base64 32)`;
  const schema = z
    .string()
    .trim()
    .refine((raw) => /^[A-Za-z0-9+/_-]+={0,2}$/.test(raw), problem)
    .transform((raw) => Buffer.from(raw.replace(/\+/g, '-').replace(/\//g, '_'), 'base64url'))
    .refine((key) => key.length === AES_256_KEY_BYTES, problem);
  return declareVariable({
    ...options,
    secret: true,
    accepts: `${AES_256_KEY_BYTES} bytes, base64url or base64`,
    schema: unsetWhenEmpty(schema),
  });
}

/** A subject identifier, as the development sign-in accepts one (`SUBJECT_PATTERN`). */
export function subject(options: VariableOptions): EnvVariable<string | undefined> {
  const schema = z.string().trim().regex(SUBJECT_PATTERN, `must be ${SUBJECT_RULE}`);
  return declareVariable({
    ...options,
    accepts: '1–255 printable ASCII characters, no spaces',
    schema: unsetWhenEmpty(schema),
  });
}
