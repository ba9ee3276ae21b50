import { invalidClientMetadata } from '../errors/oauth-error.js';
import { jsonPointer } from './json-pointer.js';
import { DEFAULT_NARROWING, type MetadataPolicy } from './metadata-policy.js';

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
 * Applies the RFC 7591 §2 defaults, narrows the requested values to those supported here, and
 * checks that grant and response types agree (§2.1: `authorization_code` ⇔ `code`, `implicit` ⇔
 * `token`) on the narrowed result.
 *
 * - Narrowing (RFC 7591 §3.2.1, `policy.narrow`, on by default): unsupported grant and response
 *   types are dropped and the response shows what remains; with narrowing off, the first one is
 *   refused naming its index (`/grant_types/2`). A request with nothing usable left is refused
 *   naming the field.
 * - An explicit `grant_types: []` is refused: a client with no grant can never get a token.
 *   `response_types: []` is fine where the grant types use no authorization endpoint (a
 *   `client_credentials`-only client).
 * - When only one of the two lists is sent, the other is derived from it through the §2.1 table,
 *   so a `client_credentials`-only client needs no `response_types: []`; when neither is sent, the
 *   defaults are `["authorization_code"]` and `["code"]`, as §2 says.
 */
export function resolveGrantAndResponseTypes(
  requestedGrantTypes: readonly string[] | undefined,
  requestedResponseTypes: readonly string[] | undefined,
  policy: MetadataPolicy,
): GrantAndResponseTypes {
  const narrow = policy.narrow ?? DEFAULT_NARROWING;
  if (requestedGrantTypes?.length === 0) {
    throw invalidClientMetadata(
      'grant_types: must list at least one grant type (omit it for the default, authorization_code)',
      jsonPointer('grant_types'),
    );
  }
  // Sent values are narrowed before anything is derived from them, so an error always names a
  // field and a value the client sent.
  const grants =
    requestedGrantTypes &&
    supportedValues('grant_types', requestedGrantTypes, policy.grantTypes, narrow.grantTypes);
  const responses =
    requestedResponseTypes &&
    supportedValues(
      'response_types',
      requestedResponseTypes,
      policy.responseTypes,
      narrow.responseTypes,
    );

  const grantTypes = unique(
    grants ??
      (responses
        ? responses.flatMap((type) => GRANT_OF_RESPONSE_TYPE.get(type) ?? [])
        : ['authorization_code']),
  );
  if (grantTypes.length === 0) {
    // Only response types were sent, and none of them goes with a grant type offered here.
    throw invalidClientMetadata(
      'response_types: leaves the client no grant type; send grant_types',
      jsonPointer('response_types'),
    );
  }
  // The default and derived grant types were not narrowed: they must be supported as they are.
  const unsupported = grantTypes.find((grant) => !policy.grantTypes.includes(grant));
  if (unsupported !== undefined) {
    throw invalidClientMetadata(
      `grant_types: "${unsupported}" is not supported (supported: ${policy.grantTypes.join(', ')})`,
      jsonPointer('grant_types'),
    );
  }
  const responseTypes = responses ? unique(responses) : responseTypesFor(grantTypes);
  checkConsistency(grantTypes, responseTypes);
  return { grant_types: grantTypes, response_types: responseTypes };
}

/** The response types that go with `grantTypes` (RFC 7591 §2.1), e.g. to advertise them. */
export function responseTypesFor(grantTypes: readonly string[]): string[] {
  return unique(grantTypes.flatMap((grant) => RESPONSE_TYPE_OF_GRANT.get(grant) ?? []));
}

/**
 * The requested values the server supports, in request order. Without narrowing, the first
 * unsupported value is refused; with it, unsupported values are dropped, and a non-empty request
 * left with none is refused, since the client asked for nothing this server can do.
 */
function supportedValues(
  field: 'grant_types' | 'response_types',
  requested: readonly string[],
  supported: readonly string[],
  narrow: boolean,
): string[] {
  const list = supported.join(', ') || 'none';
  const kept = requested.filter((value) => supported.includes(value));
  if (!narrow) {
    const index = requested.findIndex((value) => !supported.includes(value));
    if (index >= 0) {
      throw invalidClientMetadata(
        `${field}: "${requested[index]}" is not supported (supported: ${list})`,
        jsonPointer(field, index),
      );
    }
  } else if (kept.length === 0 && requested.length > 0) {
    throw invalidClientMetadata(
      `${field}: none of ${requested.map((value) => `"${value}"`).join(', ')} is supported (supported: ${list})`,
      jsonPointer(field),
    );
  }
  return kept;
}

function checkConsistency(grantTypes: readonly string[], responseTypes: readonly string[]): void {
  for (const [grant, type] of RESPONSE_TYPE_OF_GRANT) {
    if (grantTypes.includes(grant) && !responseTypes.includes(type)) {
      throw invalidClientMetadata(
        `grant_types includes "${grant}", so response_types must include "${type}" (RFC 7591 §2.1)`,
        jsonPointer('response_types'),
      );
    }
    if (responseTypes.includes(type) && !grantTypes.includes(grant)) {
      throw invalidClientMetadata(
        `response_types includes "${type}", so grant_types must include "${grant}" (RFC 7591 §2.1)`,
        jsonPointer('grant_types'),
      );
    }
  }
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
