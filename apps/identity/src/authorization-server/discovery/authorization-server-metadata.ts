import {
  CLIENT_ASSERTION_ALGORITHMS,
  ID_TOKEN_SIGNING_ALG,
  PROFILE_SCOPES,
  RESPONSE_MODES,
  type AuthorizationServerSettings,
} from '../authorization-server-settings.js';

/**
 * The authorization server's metadata: RFC 8414 §2 and OpenID Connect Discovery 1.0 §3 in one
 * document, served at both `/.well-known/oauth-authorization-server` and
 * `/.well-known/openid-configuration`.
 */
export interface AuthorizationServerMetadata {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
  registration_endpoint: string;
  scopes_supported: string[];
  response_types_supported: string[];
  response_modes_supported: string[];
  grant_types_supported: string[];
  token_endpoint_auth_methods_supported: string[];
  token_endpoint_auth_signing_alg_values_supported: string[];
  service_documentation: string;
  revocation_endpoint: string;
  revocation_endpoint_auth_methods_supported: string[];
  revocation_endpoint_auth_signing_alg_values_supported: string[];
  introspection_endpoint: string;
  introspection_endpoint_auth_methods_supported: string[];
  introspection_endpoint_auth_signing_alg_values_supported: string[];
  code_challenge_methods_supported: string[];
  authorization_response_iss_parameter_supported: boolean;
  subject_types_supported: string[];
  id_token_signing_alg_values_supported: string[];
  claims_supported: string[];
  claims_parameter_supported: boolean;
  request_parameter_supported: boolean;
  request_uri_parameter_supported: boolean;
  end_session_endpoint: string;
  /**
   * Present (`true`) when clients may use a Client ID Metadata Document URL as `client_id`
   * (draft-ietf-oauth-client-id-metadata-document §6, `CIMD=on`): the registration metadata says
   * so, and the authorization endpoint resolves such clients through `DcrClientResolver`.
   */
  client_id_metadata_document_supported?: boolean;
}

/** Claims of ID tokens: who signed in, for whom, by whom, and for how long. */
export const CLAIMS_SUPPORTED = ['sub', 'iss', 'aud', 'exp', 'iat'];

/**
 * Builds the metadata from the settings the authorization server is configured with, and from the
 * registration module's metadata (registration endpoint, what clients may register): one source,
 * so the document says exactly what the server does.
 */
export function buildAuthorizationServerMetadata(
  settings: AuthorizationServerSettings,
): AuthorizationServerMetadata {
  const { endpoints, registration } = settings;
  const authMethods = [...registration.token_endpoint_auth_methods_supported];
  const signingAlgs = authMethods.includes('private_key_jwt')
    ? [...CLIENT_ASSERTION_ALGORITHMS]
    : [];
  return {
    issuer: settings.issuer,
    authorization_endpoint: endpoints.authorization,
    token_endpoint: endpoints.token,
    jwks_uri: endpoints.jwks,
    registration_endpoint: registration.registration_endpoint,
    scopes_supported: [...settings.scopes],
    response_types_supported: [...registration.response_types_supported],
    response_modes_supported: [...RESPONSE_MODES],
    grant_types_supported: [...registration.grant_types_supported],
    token_endpoint_auth_methods_supported: authMethods,
    token_endpoint_auth_signing_alg_values_supported: signingAlgs,
    service_documentation: settings.serviceDocumentation,
    revocation_endpoint: endpoints.revocation,
    revocation_endpoint_auth_methods_supported: [...authMethods],
    revocation_endpoint_auth_signing_alg_values_supported: [...signingAlgs],
    introspection_endpoint: endpoints.introspection,
    introspection_endpoint_auth_methods_supported: [...authMethods],
    introspection_endpoint_auth_signing_alg_values_supported: [...signingAlgs],
    // RFC 7636 §4.2 and OAuth 2.1: S256 only, and required of every client.
    code_challenge_methods_supported: ['S256'],
    // RFC 9207: every authorization response carries `iss`.
    authorization_response_iss_parameter_supported: true,
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: [ID_TOKEN_SIGNING_ALG],
    claims_supported: [
      ...CLAIMS_SUPPORTED,
      ...settings.profileScopes.flatMap((scope) => PROFILE_SCOPES[scope] ?? []),
    ],
    claims_parameter_supported: false,
    request_parameter_supported: false,
    request_uri_parameter_supported: false,
    end_session_endpoint: endpoints.endSession,
    ...(registration.client_id_metadata_document_supported
      ? { client_id_metadata_document_supported: true }
      : {}),
  };
}
