import { ApiPropertyOptional, OmitType, getSchemaPath } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger';
import { ClientRegistrationResponseDto } from './client-registration-response.dto.js';

const SOFTWARE_STATEMENT =
  'The software statement the client registered with, returned unmodified (RFC 7591 §3.2.1). Its claims took ' +
  'precedence over the same members of the request, so the metadata shown is the effective one.';

const APPROVAL_STATUS =
  'Extension member, present while the client waits for an operator to approve it (a rule of the registration ' +
  'policy): until then it cannot authenticate at the token endpoint.';

/**
 * The OpenAPI schema of a registration (and RFC 7592 read or update) response: the seed fields,
 * by reference to {@link ClientRegistrationResponseDto} (which stays the documented contract), and
 * the members beyond them. Controllers using it declare `@ApiExtraModels(ClientRegistrationResponseDto)`.
 */
export function registeredClientResponseSchema(): SchemaObject {
  return {
    allOf: [
      { $ref: getSchemaPath(ClientRegistrationResponseDto) },
      {
        type: 'object',
        properties: {
          software_statement: { type: 'string', description: SOFTWARE_STATEMENT },
          approval_status: { type: 'string', enum: ['pending'], description: APPROVAL_STATUS },
        },
      },
    ],
  };
}

/**
 * The answer to a dry run (`?dry_run=true`): the effective metadata a registration would store,
 * without a client id or credentials, since nothing was issued.
 */
export class DryRunResponseDto extends OmitType(ClientRegistrationResponseDto, [
  'client_id',
  'client_secret',
  'client_id_issued_at',
  'client_secret_expires_at',
  'registration_access_token',
  'registration_client_uri',
] as const) {
  @ApiPropertyOptional({ description: SOFTWARE_STATEMENT })
  software_statement?: string;

  @ApiPropertyOptional({ enum: ['pending'], description: APPROVAL_STATUS })
  approval_status?: 'pending';
}
