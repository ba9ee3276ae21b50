import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ClientRegistrationResponse } from '../client-registration-response.js';

/**
 * The registration response (RFC 7591 §3.2.1), as documented in OpenAPI. It has exactly the fields
 * of {@link ClientRegistrationResponse}; `client-registration-response.type-test.ts` fails the
 * type-check if the two drift apart. Language-tagged variants (`client_name#fr`, RFC 7591 §2.2)
 * are echoed next to these fields when the client registered them.
 */
export class ClientRegistrationResponseDto implements ClientRegistrationResponse {
  @ApiProperty({
    description: 'OAuth 2.0 client identifier: 128 random bits, base64url.',
    example: 'pQ7v3n1cZ0b8Xk2mR5tW9A',
  })
  client_id!: string;

  @ApiPropertyOptional({
    description:
      'Client secret, for confidential clients only: 256 random bits, base64url. Returned once; the server keeps only a digest.',
    example: 'Yk3mV0sYfQm5mZJQw8r9f1l2xj0c7q4TqN8b6v5h2Ws',
  })
  client_secret?: string;

  @ApiPropertyOptional({
    description: 'When the client identifier was issued (Unix seconds).',
    example: 1764201600,
  })
  client_id_issued_at?: number;

  @ApiPropertyOptional({
    description:
      'When the client secret expires (Unix seconds); 0 means never. Present whenever a secret exists.',
    example: 0,
  })
  client_secret_expires_at?: number;

  @ApiPropertyOptional({
    description:
      'Bearer token for the client configuration endpoint (RFC 7592): 256 random bits, base64url. The server keeps only a digest.',
    example: 'q1Jm8e2Xl5Pz0bVw7Ck4Hs9Ua3Ty6Nr1Gd8Fo2Ei5Mc',
  })
  registration_access_token?: string;

  @ApiPropertyOptional({
    description: 'Client configuration endpoint of this client (RFC 7592 §3).',
    format: 'uri',
    example: 'http://localhost:3000/register/pQ7v3n1cZ0b8Xk2mR5tW9A',
  })
  registration_client_uri?: string;

  @ApiProperty({
    description: 'Registered redirection URIs; empty for clients that use no redirect-based grant.',
    type: [String],
    example: ['http://127.0.0.1:33418/callback'],
  })
  redirect_uris!: string[];

  @ApiPropertyOptional({
    description: 'Registered token endpoint authentication method.',
    example: 'none',
  })
  token_endpoint_auth_method?: string;

  @ApiPropertyOptional({ type: [String], example: ['authorization_code', 'refresh_token'] })
  grant_types?: string[];

  @ApiPropertyOptional({ type: [String], example: ['code'] })
  response_types?: string[];

  @ApiPropertyOptional({ example: 'Example Agent' })
  client_name?: string;

  @ApiPropertyOptional({ format: 'uri' })
  client_uri?: string;

  @ApiPropertyOptional({ format: 'uri' })
  logo_uri?: string;

  @ApiPropertyOptional({ example: 'openid profile' })
  scope?: string;

  @ApiPropertyOptional({ type: [String] })
  contacts?: string[];

  @ApiPropertyOptional({ format: 'uri' })
  tos_uri?: string;

  @ApiPropertyOptional({ format: 'uri' })
  policy_uri?: string;

  @ApiPropertyOptional({ format: 'uri' })
  jwks_uri?: string;

  @ApiPropertyOptional({
    type: 'object',
    properties: { keys: { type: 'array', items: { type: 'object' } } },
    required: ['keys'],
  })
  jwks?: { keys: unknown[] };

  @ApiPropertyOptional()
  software_id?: string;

  @ApiPropertyOptional()
  software_version?: string;
}
