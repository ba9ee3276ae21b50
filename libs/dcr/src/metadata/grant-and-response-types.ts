import { invalidClientMetadata } from '../errors/oauth-error.js';
import type { MetadataPolicy } from './metadata-policy.js';

/**
 * RFC 7591 §2.1: the response type each redirect-based grant type goes with. A grant type that
 * does not use the authorization endpoint (`refresh_token`, `client_credentials`, ...) has none.
 */
const RESPONSE_TYPE_OF_GRANT: Readonly<Record<string, string>> = {
  authorization_code: 'code',
  implicit: 'token',
};

const GRANT_OF_RESPONSE_TYPE: Readonly<Record<string, string>> = {
  code: 'authorization_code',
  token: 'implicit',
};

export interface GrantAndResponseTypes {
  grant_types: string[];
  response_types: string[];
}

/**
 * Applies the RFC 7591 §2 defaults and checks that grant and response types agree (§2.1:
 * `authorization_code` ⇔ `code`, `implicit` ⇔ `token`) and are supported here.
 *
 * When only one of the two lists is sent, the other is derived from it through the §2.1 table, so
 * a `client_credentials`-only client needs no `response_types: []`; when neither is sent, the
 * defaults are `["authorization_code"]` and `["code"]`, as §2 says.
 */
export function resolveGrantAndResponseTypes(
  requestedGrantTypes: readonly string[] | undefined,
  requestedResponseTypes: readonly string[] | undefined,
  policy: MetadataPolicy,
): GrantAndResponseTypes {
  const grantTypes = unique(
    requestedGrantTypes ??
      (requestedResponseTypes
        ? requestedResponseTypes.map((type) => GRANT_OF_RESPONSE_TYPE[type] ?? type)
        : ['authorization_code']),
  );
  const responseTypes = requestedResponseTypes
    ? unique(requestedResponseTypes)
    : responseTypesFor(grantTypes);

  for (const grant of grantTypes) {
    if (!policy.grantTypes.includes(grant)) {
      throw invalidClientMetadata(
        `grant_types: "${grant}" is not supported (supported: ${policy.grantTypes.join(', ')})`,
      );
    }
  }
  for (const type of responseTypes) {
    if (!policy.responseTypes.includes(type)) {
      throw invalidClientMetadata(
        `response_types: "${type}" is not supported (supported: ${policy.responseTypes.join(', ') || 'none'})`,
      );
    }
  }
  for (const [grant, type] of Object.entries(RESPONSE_TYPE_OF_GRANT)) {
    if (grantTypes.includes(grant) && !responseTypes.includes(type)) {
      throw invalidClientMetadata(
        `grant_types includes "${grant}", so response_types must include "${type}" (RFC 7591 §2.1)`,
      );
    }
    if (responseTypes.includes(type) && !grantTypes.includes(grant)) {
      throw invalidClientMetadata(
        `response_types includes "${type}", so grant_types must include "${grant}" (RFC 7591 §2.1)`,
      );
    }
  }
  return { grant_types: grantTypes, response_types: responseTypes };
}

/** The response types that go with `grantTypes` (RFC 7591 §2.1), e.g. to advertise them. */
export function responseTypesFor(grantTypes: readonly string[]): string[] {
  return unique(grantTypes.flatMap((grant) => RESPONSE_TYPE_OF_GRANT[grant] ?? []));
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
