import { ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import type { RegistrationExtensionMembers } from '../registration/registration-response.js';
import { ClientRegistrationResponseDto } from './client-registration-response.dto.js';

/**
 * The registration response as the API answers it: the seed fields
 * ({@link ClientRegistrationResponseDto}) and the members beyond them.
 */
export class RegisteredClientResponseDto
  extends ClientRegistrationResponseDto
  implements RegistrationExtensionMembers
{
  @ApiPropertyOptional({
    description:
      'The software statement the client registered with, returned unmodified (RFC 7591 §3.2.1). Its claims took ' +
      'precedence over the same members of the request, so the metadata shown is the effective one.',
  })
  software_statement?: string;

  @ApiPropertyOptional({
    description:
      'Extension member, present while the client waits for an operator to approve it (a rule of the registration ' +
      'policy): until then it cannot authenticate at the token endpoint.',
    enum: ['pending'],
  })
  approval_status?: 'pending';
}

/**
 * The answer to a dry run (`?dry_run=true`): the effective metadata a registration would store,
 * without a client id or credentials, since nothing was issued.
 */
export class DryRunResponseDto extends OmitType(RegisteredClientResponseDto, [
  'client_id',
  'client_secret',
  'client_id_issued_at',
  'client_secret_expires_at',
  'registration_access_token',
  'registration_client_uri',
] as const) {}
