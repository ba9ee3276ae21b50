import { jsonPointer, type PolicyRefusal } from '../policy/policy-refusal.js';

/** RFC 7519 §4.1 registered claims: about the statement itself, not client metadata. */
const JWT_CLAIMS = new Set(['iss', 'sub', 'aud', 'exp', 'nbf', 'iat', 'jti']);

/** The `policy` member of a refusal of a statement that sets members its issuer may not set. */
export const SOFTWARE_STATEMENT_ISSUER_FIELDS = 'software_statement_issuer_fields';

/**
 * The client metadata a statement asserts: its claims without the JWT's own (`iss`, `exp`, ...)
 * and without a nested `software_statement`. Copied by name, so a `__proto__` claim is data.
 */
export function statementMetadata(
  claims: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const metadata: Record<string, unknown> = {};
  for (const name of Object.keys(claims)) {
    if (!JWT_CLAIMS.has(name) && name !== 'software_statement') {
      Object.defineProperty(metadata, name, {
        value: claims[name],
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
  }
  return metadata;
}

/**
 * RFC 7591 §3.1.1: "If the same client metadata name is present in both locations [...] the value
 * in the software statement takes precedence." The request as the server evaluates it: the body,
 * with the statement's metadata over it.
 */
export function effectiveRequest(
  body: Readonly<Record<string, unknown>>,
  metadata: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const merged: Record<string, unknown> = {};
  for (const source of [body, metadata]) {
    for (const name of Object.keys(source)) {
      Object.defineProperty(merged, name, {
        value: source[name],
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
  }
  return merged;
}

/**
 * Refuses a statement that sets a client metadata member its issuer may not set. Only members the
 * server understands (`understood`, plus their language-tagged variants) count: other claims are
 * ignored anyway (RFC 7591 §2).
 */
export function checkIssuerFields(
  metadata: Readonly<Record<string, unknown>>,
  allowedFields: readonly string[],
  understood: readonly string[],
  issuer: string,
): PolicyRefusal | undefined {
  const refused = Object.keys(metadata).filter((name) => {
    const base = name.split('#')[0];
    return understood.includes(base) && !allowedFields.includes(base);
  });
  if (refused.length === 0) return undefined;
  return {
    error: 'unapproved_software_statement',
    policy: SOFTWARE_STATEMENT_ISSUER_FIELDS,
    field: jsonPointer('software_statement'),
    reason: `issuer "${issuer}" may not set ${refused.join(', ')} (it may set: ${allowedFields.join(', ') || 'nothing'})`,
  };
}
