/**
 * Every member of the discovery document, and the test of discovery-capabilities*.e2e.spec.ts that
 * uses what it advertises. A member added to the document without a test here fails the first
 * test of discovery-capabilities.e2e.spec.ts.
 */
export const USED_BY: Record<string, string> = {
  issuer: 'every flow (iss of tokens and responses)',
  authorization_endpoint: 'response modes',
  token_endpoint: 'authentication methods',
  jwks_uri: 'signed tokens',
  registration_endpoint: 'authentication methods',
  scopes_supported: 'scopes',
  response_types_supported: 'response modes',
  response_modes_supported: 'response modes',
  grant_types_supported: 'grant types',
  token_endpoint_auth_methods_supported: 'authentication methods',
  token_endpoint_auth_signing_alg_values_supported: 'assertion algorithms',
  service_documentation: 'service documentation',
  revocation_endpoint: 'revocation and introspection',
  revocation_endpoint_auth_methods_supported: 'revocation and introspection',
  revocation_endpoint_auth_signing_alg_values_supported: 'revocation and introspection',
  introspection_endpoint: 'revocation and introspection',
  introspection_endpoint_auth_methods_supported: 'revocation and introspection',
  introspection_endpoint_auth_signing_alg_values_supported: 'revocation and introspection',
  code_challenge_methods_supported: 'response modes',
  authorization_response_iss_parameter_supported: 'response modes',
  subject_types_supported: 'signed tokens',
  id_token_signing_alg_values_supported: 'signed tokens',
  claims_supported: 'signed tokens',
  claims_parameter_supported: 'unsupported request parameters',
  request_parameter_supported: 'unsupported request parameters',
  request_uri_parameter_supported: 'unsupported request parameters',
  end_session_endpoint: 'end session',
  client_id_metadata_document_supported:
    'Client ID Metadata Documents (cimd-mcp-sdk.e2e.spec.ts: the MCP SDK presents its URL)',
};
