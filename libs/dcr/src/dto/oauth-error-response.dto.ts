import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { OAuthErrorBody, OAuthErrorCode } from '../errors/oauth-error.js';

/** The error body of every failed request (RFC 7591 §3.2.2, RFC 6749 §5.2). */
export class OAuthErrorResponseDto implements OAuthErrorBody {
  @ApiProperty({
    description: 'Error code.',
    enum: [
      'invalid_redirect_uri',
      'invalid_client_metadata',
      'invalid_software_statement',
      'unapproved_software_statement',
      'invalid_request',
      'invalid_token',
      'invalid_client',
      'server_error',
      'temporarily_unavailable',
    ],
    example: 'invalid_redirect_uri',
  })
  error!: OAuthErrorCode;

  @ApiProperty({
    description: 'Human-readable text naming the field and what is wrong with it.',
    example:
      'redirect_uris[0]: http is allowed only for loopback hosts (127.0.0.1, [::1], localhost)',
  })
  error_description!: string;

  @ApiPropertyOptional({
    description:
      'RFC 6901 JSON pointer of the refused value in the request body, for metadata errors (an extension member, RFC 6749 §8.2).',
    example: '/redirect_uris/0',
  })
  // Declared without `?` only to fit the index signature: optional in the schema and the body.
  field!: string;

  /** Other extension members (RFC 6749 §8.2), e.g. `policy`. */
  [extension: string]: string;
}
