import { jsonPointer, type PolicyRefusal } from './policy-refusal.js';

/** Rule names, answered as the `policy` member of their refusals. */
export const ALLOWED_GRANT_TYPES = 'allowed_grant_types';
export const ALLOWED_TOKEN_ENDPOINT_AUTH_METHODS = 'allowed_token_endpoint_auth_methods';
export const ALLOWED_SCOPES = 'allowed_scopes';

/**
 * Refuses the first registered grant type (defaults included, RFC 7591 §2) that the policy does
 * not allow. Response types need no rule of their own: they follow the grant types (§2.1).
 */
export function checkAllowedGrantTypes(
  grantTypes: readonly string[],
  allowed: readonly string[],
): PolicyRefusal | undefined {
  const index = grantTypes.findIndex((grant) => !allowed.includes(grant));
  if (index < 0) return undefined;
  return {
    error: 'invalid_client_metadata',
    policy: ALLOWED_GRANT_TYPES,
    field: jsonPointer('grant_types', index),
    reason: `"${grantTypes[index]}" is not allowed (allowed: ${list(allowed)})`,
  };
}

/** Refuses a token endpoint authentication method (default included) the policy does not allow. */
export function checkAllowedAuthMethod(
  method: string,
  allowed: readonly string[],
): PolicyRefusal | undefined {
  if (allowed.includes(method)) return undefined;
  return {
    error: 'invalid_client_metadata',
    policy: ALLOWED_TOKEN_ENDPOINT_AUTH_METHODS,
    field: jsonPointer('token_endpoint_auth_method'),
    reason: `"${method}" is not allowed (allowed: ${list(allowed)})`,
  };
}

/**
 * Refuses a `scope` with a value the policy does not allow, naming every such value. A client that
 * registers no scope is not refused: which scopes it then gets is the authorization server's call.
 */
export function checkAllowedScopes(
  scope: string | undefined,
  allowed: readonly string[],
): PolicyRefusal | undefined {
  if (scope === undefined) return undefined;
  const refused = scope.split(' ').filter((token) => !allowed.includes(token));
  if (refused.length === 0) return undefined;
  return {
    error: 'invalid_client_metadata',
    policy: ALLOWED_SCOPES,
    field: jsonPointer('scope'),
    reason: `${refused.map((token) => `"${token}"`).join(', ')} not allowed (allowed: ${list(allowed)})`,
  };
}

function list(values: readonly string[]): string {
  return values.length === 0 ? 'none' : values.join(' ');
}
