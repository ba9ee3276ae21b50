import { OAuthError, type OAuthErrorCode } from '../errors/oauth-error.js';

/**
 * The error codes a policy rule refuses with: the RFC 7591 §3.2.2 codes for what the client sent,
 * and `access_denied` (RFC 6749 §4.1.2.1, 403) for a refusal that no change of the metadata fixes
 * (a quota).
 */
export type PolicyErrorCode = Extract<
  OAuthErrorCode,
  | 'invalid_redirect_uri'
  | 'invalid_client_metadata'
  | 'invalid_software_statement'
  | 'unapproved_software_statement'
  | 'access_denied'
>;

/**
 * Why a policy rule refused a registration: the error code, the rule's name (answered as the
 * `policy` extension member), the request member it is about as an RFC 6901 JSON pointer (the
 * `field` member; `""` is the whole request) and what is wrong, in words.
 */
export interface PolicyRefusal {
  readonly error: PolicyErrorCode;
  readonly policy: string;
  readonly field: string;
  readonly reason: string;
}

/** An RFC 6901 JSON pointer to a member of the request (`jsonPointer('redirect_uris', 1)`). */
export function jsonPointer(...segments: (string | number)[]): string {
  // RFC 6901 §3: "~" is written "~0" and "/" is written "~1".
  return segments
    .map((segment) => `/${String(segment).replace(/~/g, '~0').replace(/\//g, '~1')}`)
    .join('');
}

/** A JSON pointer as the descriptions name fields: `/redirect_uris/1` → `redirect_uris[1]`. */
export function fieldName(pointer: string): string {
  if (pointer === '') return 'the registration';
  const [first = '', ...rest] = pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
  return (
    first + rest.map((segment) => (/^\d+$/.test(segment) ? `[${segment}]` : `.${segment}`)).join('')
  );
}

/**
 * The error answered for a refusal. The description names the rule and the field, and the body
 * carries them as the `policy` and `field` extension members (RFC 6749 §5.2 allows members beyond
 * `error`), so a client, or the developer reading its logs, knows exactly what to change.
 */
export function policyError(refusal: PolicyRefusal): OAuthError {
  const status = refusal.error === 'access_denied' ? 403 : 400;
  return new OAuthError(
    refusal.error,
    `${fieldName(refusal.field)}: ${refusal.reason} (policy ${refusal.policy})`,
    status,
    {},
    { policy: refusal.policy, field: refusal.field },
  );
}
