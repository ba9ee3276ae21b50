import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ClientRegistrationRequestDto } from './client-registration-request.dto.js';

/**
 * The body of a client update (RFC 7592 §2.2): the whole metadata, as at registration, plus the
 * `client_id` of the client being updated and, optionally, its current `client_secret`. Only the
 * OpenAPI document uses this class: the service validates the body by the RFCs' rules.
 */
export class ClientUpdateRequestDto extends ClientRegistrationRequestDto {
  @ApiProperty({
    description:
      'The client identifier of the client being updated (RFC 7592 §2.2): required, and equal to the one in the path.',
    example: 'x2AqYkD5lQmS8nT3vW9bZc',
  })
  client_id!: string;

  @ApiPropertyOptional({
    description:
      "The client's current secret, if it sends one (RFC 7592 §2.2): it must equal the current secret. " +
      'A client never chooses its secret.',
  })
  client_secret?: string;
}
