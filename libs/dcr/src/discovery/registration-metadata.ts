import type { ResolvedDcrOptions } from '../resolved-dcr-options.js';

/**
 * The RFC 8414 §2 authorization server metadata this module is the source of: the registration
 * endpoint and what clients may register there. A host app merges it into its own metadata
 * document (adding `authorization_endpoint`, `token_endpoint`, ...).
 */
export interface RegistrationServerMetadata {
  issuer: string;
  registration_endpoint: string;
  response_types_supported: string[];
  grant_types_supported: string[];
  token_endpoint_auth_methods_supported: string[];
  scopes_supported?: string[];
  /**
   * Present (`true`) when clients may use a Client ID Metadata Document URL as `client_id`
   * (draft-ietf-oauth-client-id-metadata-document §6); absent when the `cimd` option is off.
   */
  client_id_metadata_document_supported?: boolean;
}

/** Derives the metadata from the same policy that validates registrations, so they cannot disagree. */
export function buildRegistrationMetadata(options: ResolvedDcrOptions): RegistrationServerMetadata {
  const { policy } = options;
  return {
    issuer: options.issuer,
    registration_endpoint: options.registrationEndpoint,
    response_types_supported: [...policy.responseTypes],
    grant_types_supported: [...policy.grantTypes],
    token_endpoint_auth_methods_supported: [...policy.tokenEndpointAuthMethods],
    ...(policy.scopes ? { scopes_supported: [...policy.scopes] } : {}),
    ...(options.cimd.enabled ? { client_id_metadata_document_supported: true } : {}),
  };
}
