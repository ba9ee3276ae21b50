import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { OAuthErrorBody, OAuthErrorCode } from '../errors/oauth-error.js';

/** The error body of every failed request (RFC 7591 §3.2.2, RFC 6749 §5.2). */
export class OAuthErrorResponseDto implements Pick<OAuthErrorBody, 'error' | 'error_description'> {
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
      'access_denied',
      'server_error',
      'temporarily_unavailable',
      'slow_down',
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
      'The request member the error is about, as a JSON pointer (RFC 6901) into the request body.',
    example: '/redirect_uris/0',
  })
  field?: string;

  @ApiPropertyOptional({
    description: 'The server policy rule that refused the request, when a policy did.',
    example: 'trusted_redirect_hosts',
  })
  policy?: string;

  [extension: string]: string | undefined;
}
