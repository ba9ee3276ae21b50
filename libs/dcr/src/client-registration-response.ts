/**
 * Client registration response per RFC 7591 §3.2.1.
 *
 * This interface is the project's fixed contract (see `shared/seed/ClientRegistrationResponse.txt`):
 * every field here, with the same name, type and optionality, is in
 * {@link ClientRegistrationResponseDto} and in what the API returns. A compile-time test keeps the two
 * from drifting apart.
 */
export interface ClientRegistrationResponse {
  /** OAuth 2.0 client identifier */
  client_id: string;
  /** OAuth 2.0 client secret (if confidential client) */
  client_secret?: string;
  /** Time at which the client identifier was issued (Unix timestamp) */
  client_id_issued_at?: number;
  /** Time at which the client secret will expire (Unix timestamp, 0 = never) */
  client_secret_expires_at?: number;
  /** Registration access token (for client configuration endpoint) */
  registration_access_token?: string;
  /** Location of the client configuration endpoint */
  registration_client_uri?: string;
  /** All other fields from the registration request echoed back */
  redirect_uris: string[];
  token_endpoint_auth_method?: string;
  grant_types?: string[];
  response_types?: string[];
  client_name?: string;
  client_uri?: string;
  logo_uri?: string;
  scope?: string;
  contacts?: string[];
  tos_uri?: string;
  policy_uri?: string;
  jwks_uri?: string;
  jwks?: {
    keys: unknown[];
  };
  software_id?: string;
  software_version?: string;
}
