import {
  CLIENT_ASSERTION_SIGNING_ALGORITHMS,
  CLIENT_AUTHENTICATION_METHODS,
} from '../client-authentication/supported-methods.js';
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
 * discovery and behaviour cannot disagree.
 */
export function buildRegistrationMetadata(options: ResolvedDcrOptions): RegistrationServerMetadata {
  const { policy } = options;
  const verified: readonly string[] = CLIENT_AUTHENTICATION_METHODS;
  const methods = policy.tokenEndpointAuthMethods.filter((method) => verified.includes(method));
  return {
    issuer: options.issuer,
    registration_endpoint: options.registrationEndpoint,
    response_types_supported: [...policy.responseTypes],
    grant_types_supported: [...policy.grantTypes],
    token_endpoint_auth_methods_supported: methods,
    ...(methods.includes('private_key_jwt')
      ? {
          token_endpoint_auth_signing_alg_values_supported: [
            ...CLIENT_ASSERTION_SIGNING_ALGORITHMS,
          ],
        }
      : {}),
    ...(policy.scopes ? { scopes_supported: [...policy.scopes] } : {}),
    ...(options.cimd.enabled ? { client_id_metadata_document_supported: true } : {}),
  };
}
