import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import type { AuthorizationServerMetadata } from '../authorization-server/discovery/authorization-server-metadata.js';

const uri = (example: string): ApiPropertyOptions => ({ format: 'uri', example });
const list = (example: string[]): ApiPropertyOptions => ({ type: [String], example });
const ALGS = ['RS256', 'PS256', 'ES256', 'Ed25519', 'EdDSA'];
const AUTH_METHODS = ['none', 'client_secret_basic', 'client_secret_post', 'private_key_jwt'];

/**
 * The authorization server metadata this app serves: RFC 8414 §2 and OpenID Connect Discovery 1.0
 * §3, the same document at both well-known names.
 */
export class AuthorizationServerMetadataDto implements AuthorizationServerMetadata {
  @ApiProperty(uri('http://localhost:3000'))
  issuer!: string;

  @ApiProperty(uri('http://localhost:3000/authorize'))
  authorization_endpoint!: string;

  @ApiProperty(uri('http://localhost:3000/token'))
  token_endpoint!: string;

  @ApiProperty(uri('http://localhost:3000/jwks'))
  jwks_uri!: string;

  @ApiProperty(uri('http://localhost:3000/register'))
  registration_endpoint!: string;

  @ApiProperty(list(['openid', 'offline_access', 'mcp:tools']))
  scopes_supported!: string[];

  @ApiProperty(list(['code']))
  response_types_supported!: string[];

  @ApiProperty(list(['query', 'fragment', 'form_post']))
  response_modes_supported!: string[];

  @ApiProperty(list(['authorization_code', 'refresh_token', 'client_credentials']))
  grant_types_supported!: string[];

  @ApiProperty(list(AUTH_METHODS))
  token_endpoint_auth_methods_supported!: string[];

  @ApiProperty(list(ALGS))
  token_endpoint_auth_signing_alg_values_supported!: string[];

  @ApiProperty(uri('http://localhost:3000/docs'))
  service_documentation!: string;

  @ApiProperty(uri('http://localhost:3000/revoke'))
  revocation_endpoint!: string;

  @ApiProperty(list(AUTH_METHODS))
  revocation_endpoint_auth_methods_supported!: string[];

  @ApiProperty(list(ALGS))
  revocation_endpoint_auth_signing_alg_values_supported!: string[];

  @ApiProperty(uri('http://localhost:3000/introspect'))
  introspection_endpoint!: string;

  @ApiProperty(list(AUTH_METHODS))
  introspection_endpoint_auth_methods_supported!: string[];

  @ApiProperty(list(ALGS))
  introspection_endpoint_auth_signing_alg_values_supported!: string[];

  @ApiProperty(list(['S256']))
  code_challenge_methods_supported!: string[];

  @ApiProperty({ example: true })
  authorization_response_iss_parameter_supported!: boolean;

  @ApiProperty(list(['public']))
  subject_types_supported!: string[];

  @ApiProperty(list(['RS256']))
  id_token_signing_alg_values_supported!: string[];

  @ApiProperty(list(['sub', 'iss', 'aud', 'exp', 'iat']))
  claims_supported!: string[];

  @ApiProperty({ example: false })
  claims_parameter_supported!: boolean;

  @ApiProperty({ example: false })
  request_parameter_supported!: boolean;

  @ApiProperty({ example: false })
  request_uri_parameter_supported!: boolean;

  @ApiProperty(uri('http://localhost:3000/logout'))
  end_session_endpoint!: string;

  @ApiPropertyOptional({
    type: Boolean,
    description:
      'Present and true when clients may use a Client ID Metadata Document URL as client_id (`CIMD=on`).',
  })
  client_id_metadata_document_supported?: boolean;
}
