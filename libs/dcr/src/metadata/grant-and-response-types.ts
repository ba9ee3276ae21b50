import { invalidClientMetadata } from '../errors/oauth-error.js';
import type { MetadataPolicy } from './metadata-policy.js';

/**
 * RFC 7591 §2.1: the response type each redirect-based grant type goes with. A grant type that
 * does not use the authorization endpoint (`refresh_token`, `client_credentials`, ...) has none.
 */
const RESPONSE_TYPE_OF_GRANT: ReadonlyMap<string, string> = new Map([
  ['authorization_code', 'code'],
  ['implicit', 'token'],
]);

const GRANT_OF_RESPONSE_TYPE: ReadonlyMap<string, string> = new Map(
  [...RESPONSE_TYPE_OF_GRANT].map(([grant, type]) => [type, grant]),
);

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
  // Sent values are checked against what is supported before anything is derived from them, so an
  // error always names a field and a value the client sent.
  if (requestedResponseTypes) checkResponseTypes(requestedResponseTypes, policy);
  const grantTypes = unique(
    requestedGrantTypes ??
      (requestedResponseTypes
        ? requestedResponseTypes.flatMap((type) => GRANT_OF_RESPONSE_TYPE.get(type) ?? [])
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
  // Derived response types are supported: they come from supported grant types.
  for (const [grant, type] of RESPONSE_TYPE_OF_GRANT) {
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
  return unique(grantTypes.flatMap((grant) => RESPONSE_TYPE_OF_GRANT.get(grant) ?? []));
}

function checkResponseTypes(responseTypes: readonly string[], policy: MetadataPolicy): void {
  for (const type of responseTypes) {
    if (!policy.responseTypes.includes(type)) {
      throw invalidClientMetadata(
        `response_types: "${type}" is not supported (supported: ${policy.responseTypes.join(', ') || 'none'})`,
      );
    }
  }
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
