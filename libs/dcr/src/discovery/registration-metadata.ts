import {
  CLIENT_ASSERTION_SIGNING_ALGORITHMS,
  CLIENT_AUTHENTICATION_METHODS,
} from '../client-authentication/supported-methods.js';
import { responseTypesFor } from '../metadata/grant-and-response-types.js';
import type { ResolvedDcrOptions } from '../resolved-dcr-options.js';

/**
 * The RFC 8414 §2 authorization server metadata this module is the source of: the registration
 * endpoint, what clients may register there, and how `ClientAuthenticationService` lets them
 * authenticate. A host app merges it into its own metadata document (adding
 * `authorization_endpoint`, `token_endpoint`, ...).
 */
export interface RegistrationServerMetadata {
  issuer: string;
  registration_endpoint: string;
  response_types_supported: string[];
  grant_types_supported: string[];
  token_endpoint_auth_methods_supported: string[];
  /**
   * The JWS algorithms `private_key_jwt` assertions may be signed with; present exactly when
   * `private_key_jwt` is advertised (RFC 8414 §2 requires it then).
   */
  token_endpoint_auth_signing_alg_values_supported?: string[];
  scopes_supported?: string[];
  /**
   * Present (`true`) when clients may use a Client ID Metadata Document URL as `client_id`
   * (draft-ietf-oauth-client-id-metadata-document §6); absent when the `cimd` option is off.
   */
  client_id_metadata_document_supported?: boolean;
}

/**
 * Derives the metadata from the same policy that validates registrations, and from what
 * `ClientAuthenticationService` verifies (a method it does not verify is never advertised), so
 * discovery and behaviour cannot disagree: what the server supports, narrowed by the allow-lists
 * of the rule sets every registration passes (the module's rules and, in `open` mode, where every
 * registration is anonymous, the anonymous rules). Response types follow the allowed grant types
 * (RFC 7591 §2.1).
 */
export function buildRegistrationMetadata(options: ResolvedDcrOptions): RegistrationServerMetadata {
  const { policy, registration } = options;
  const sets =
    registration.mode === 'open'
      ? [registration.rules, registration.anonymousRules]
      : [registration.rules];
  const grantTypes = narrowed(
    policy.grantTypes,
    sets.map((set) => set.allowedGrantTypes),
  );
  const scopes = narrowedScopes(
    policy.scopes,
    sets.map((set) => set.allowedScopes),
  );
  const verified: readonly string[] = CLIENT_AUTHENTICATION_METHODS;
  const methods = narrowed(
    policy.tokenEndpointAuthMethods.filter((method) => verified.includes(method)),
    sets.map((set) => set.allowedTokenEndpointAuthMethods),
  );
  return {
    issuer: options.issuer,
    registration_endpoint: options.registrationEndpoint,
    response_types_supported: responseTypesFor(grantTypes).filter((type) =>
      policy.responseTypes.includes(type),
    ),
    grant_types_supported: grantTypes,
    token_endpoint_auth_methods_supported: methods,
    ...(methods.includes('private_key_jwt')
      ? {
          token_endpoint_auth_signing_alg_values_supported: [
            ...CLIENT_ASSERTION_SIGNING_ALGORITHMS,
          ],
        }
      : {}),
    ...(scopes ? { scopes_supported: scopes } : {}),
    ...(options.cimd.enabled ? { client_id_metadata_document_supported: true } : {}),
  };
}

/** The supported values that every configured allow-list allows, in the supported order. */
function narrowed(
  supported: readonly string[],
  allowLists: readonly (readonly string[] | undefined)[],
): string[] {
  return supported.filter((value) =>
    allowLists.every((allowed) => !allowed || allowed.includes(value)),
  );
}

/** Scopes: any scope is supported when neither the server nor a rule set lists them. */
function narrowedScopes(
  supported: readonly string[] | undefined,
  allowLists: readonly (readonly string[] | undefined)[],
): string[] | undefined {
  const lists = allowLists.filter((list) => list !== undefined);
  const base = supported ?? lists[0];
  return base === undefined ? undefined : narrowed(base, lists);
}
