import { OIDC_ALGORITHM_FIELDS } from './oidc-metadata.js';

/**
 * Client metadata as this server stores and echoes it (RFC 7591 §2), after validation and with the
 * RFC 7591 §2 defaults applied. Only fields listed here are kept: the server ignores metadata it
 * does not understand (RFC 7591 §2).
 */
export interface ClientMetadata extends LanguageTaggedMetadata {
  redirect_uris: string[];
  token_endpoint_auth_method: TokenEndpointAuthMethod;
  grant_types: string[];
  response_types: string[];
  client_name?: string;
  client_uri?: string;
  logo_uri?: string;
  scope?: string;
  contacts?: string[];
  tos_uri?: string;
  policy_uri?: string;
  jwks_uri?: string;
  jwks?: { keys: unknown[] };
  software_id?: string;
  software_version?: string;
  // OpenID Connect Registration 1.0 §2, stored and echoed when registered.
  application_type?: 'web' | 'native';
  sector_identifier_uri?: string;
  subject_type?: 'public' | 'pairwise';
  id_token_signed_response_alg?: string;
  id_token_encrypted_response_alg?: string;
  id_token_encrypted_response_enc?: string;
  userinfo_signed_response_alg?: string;
  userinfo_encrypted_response_alg?: string;
  userinfo_encrypted_response_enc?: string;
  request_object_signing_alg?: string;
  request_object_encryption_alg?: string;
  request_object_encryption_enc?: string;
  token_endpoint_auth_signing_alg?: string;
  default_max_age?: number;
  require_auth_time?: boolean;
  default_acr_values?: string[];
  initiate_login_uri?: string;
  request_uris?: string[];
  post_logout_redirect_uris?: string[];
  /**
   * The software statement the client registered with, verified and kept as it was sent, to be
   * returned unmodified (RFC 7591 §3.2.1).
   */
  software_statement?: string;
}

// Bounds on sizes keep consent screens and storage sane; the body limit bounds the whole request.
/** Longest URI accepted in any metadata field. */
export const MAX_URI_LENGTH = 2048;
/** Longest human-readable text (names, versions, contacts). */
export const MAX_TEXT_LENGTH = 512;

/** RFC 7591 §2: client authentication methods at the token endpoint. */
export const TOKEN_ENDPOINT_AUTH_METHODS = [
  'none',
  'client_secret_basic',
  'client_secret_post',
  'client_secret_jwt',
  'private_key_jwt',
] as const;

export type TokenEndpointAuthMethod = (typeof TOKEN_ENDPOINT_AUTH_METHODS)[number];

/** RFC 7591 §2.2: the human-readable fields that may carry a language tag (`client_name#fr`). */
export const LOCALIZABLE_FIELDS = [
  'client_name',
  'client_uri',
  'logo_uri',
  'tos_uri',
  'policy_uri',
] as const;

export type LocalizableField = (typeof LOCALIZABLE_FIELDS)[number];

/** Language-tagged variants, stored and echoed under their original keys (`client_name#ja-Jpan-JP`). */
export type LanguageTaggedMetadata = {
  [K in `${LocalizableField}#${string}`]?: string;
};

/**
 * The order in which metadata fields appear in responses: RFC 7591 §2 first, then OpenID Connect
 * Registration 1.0 §2. PostgreSQL's `jsonb` does not keep key order, so responses are assembled
 * from this list rather than from the stored object; a field missing here is never echoed.
 */
export const METADATA_FIELD_ORDER = [
  'redirect_uris',
  'token_endpoint_auth_method',
  'grant_types',
  'response_types',
  'client_name',
  'client_uri',
  'logo_uri',
  'scope',
  'contacts',
  'tos_uri',
  'policy_uri',
  'jwks_uri',
  'jwks',
  'software_id',
  'software_version',
  'application_type',
  'sector_identifier_uri',
  'subject_type',
  ...OIDC_ALGORITHM_FIELDS,
  'default_max_age',
  'require_auth_time',
  'default_acr_values',
  'initiate_login_uri',
  'request_uris',
  'post_logout_redirect_uris',
  'software_statement',
] as const satisfies readonly (keyof ClientMetadata)[];
