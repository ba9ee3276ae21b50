import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { RegistrationServerMetadata } from '@agent-runtimes/dcr';

/** The authorization server metadata document this app serves (RFC 8414 §2). */
export class AuthorizationServerMetadataDto implements RegistrationServerMetadata {
  @ApiProperty({ format: 'uri', example: 'http://localhost:3000' })
  issuer!: string;

  @ApiProperty({ format: 'uri', example: 'http://localhost:3000/register' })
  registration_endpoint!: string;

  @ApiPropertyOptional({ format: 'uri' })
  authorization_endpoint?: string;

  @ApiPropertyOptional({ format: 'uri' })
  token_endpoint?: string;

  @ApiProperty({ type: [String], example: ['code'] })
  response_types_supported!: string[];

  @ApiProperty({
    type: [String],
    example: ['authorization_code', 'refresh_token', 'client_credentials'],
  })
  grant_types_supported!: string[];

  @ApiProperty({
    type: [String],
    example: ['none', 'client_secret_basic', 'client_secret_post', 'private_key_jwt'],
  })
  token_endpoint_auth_methods_supported!: string[];

  @ApiPropertyOptional({
    description:
      'JWS algorithms of `private_key_jwt` client assertions (RFC 7523); present exactly when `private_key_jwt` is listed.',
    type: [String],
    example: ['RS256', 'PS256', 'ES256', 'EdDSA'],
  })
  token_endpoint_auth_signing_alg_values_supported?: string[];

  @ApiPropertyOptional({ type: [String] })
  scopes_supported?: string[];

  @ApiPropertyOptional({
    type: Boolean,
    description:
      'Present and true when clients may use a Client ID Metadata Document URL as client_id (`CIMD=on`).',
  })
  client_id_metadata_document_supported?: boolean;

  @ApiProperty({ format: 'uri', example: 'http://localhost:3000/docs' })
  service_documentation!: string;
}
