import {
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  HttpStatus,
  Param,
  Query,
  UseFilters,
  UseGuards,
  type Type,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiQuery,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import {
  ADMIN_TOKEN_SECURITY,
  AdminTokenGuard,
  DCR_ADMIN_API_TAG,
  DcrExceptionFilter,
  OAuthError,
  OAuthErrorResponseDto,
} from '@agent-runtimes/dcr';
import { ConsentService } from './consent.service.js';

/** A remembered consent. */
class ConsentDto {
  @ApiProperty({ description: 'The person (`sub` of the tokens).' })
  subject!: string;

  @ApiProperty()
  client_id!: string;

  @ApiProperty({ description: 'OpenID Connect scope values allowed, space-separated.' })
  scopes!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'Per resource indicator, the scope values allowed, space-separated.',
  })
  resources!: Record<string, string>;

  @ApiProperty({ format: 'date-time' })
  granted_at!: string;
}

/** The consents of one person. */
class ConsentListDto {
  @ApiProperty({ type: [ConsentDto] })
  consents!: ConsentDto[];
}

/**
 * Creates the operator routes of remembered consents, at `{adminPath}/consents`: list a person's
 * consents, revoke one (which revokes that client's grants of the person: its refresh tokens stop
 * working).
 */
export function createConsentsController(adminPath: string): Type<unknown> {
  @ApiTags(DCR_ADMIN_API_TAG)
  @ApiBearerAuth(ADMIN_TOKEN_SECURITY)
  @ApiUnauthorizedResponse({
    description: 'The admin token is missing or wrong.',
    type: OAuthErrorResponseDto,
  })
  @ApiServiceUnavailableResponse({
    description: 'The database is unavailable (`temporarily_unavailable`); retry later.',
    type: OAuthErrorResponseDto,
  })
  @Controller(`${adminPath}/consents`)
  @UseFilters(DcrExceptionFilter)
  @UseGuards(AdminTokenGuard)
  class ConsentsController {
    constructor(private readonly consents: ConsentService) {}

    @Get()
    @Header('Cache-Control', 'no-store')
    @ApiOperation({
      operationId: 'listConsents',
      summary: "List a person's remembered consents",
    })
    @ApiQuery({ name: 'subject', required: true, description: 'The person (`sub`).' })
    @ApiOkResponse({ type: ConsentListDto })
    @ApiBadRequestResponse({
      description: '`subject` is missing (`invalid_request`).',
      type: OAuthErrorResponseDto,
    })
    async list(@Query('subject') subject: unknown): Promise<ConsentListDto> {
      if (typeof subject !== 'string' || subject === '') {
        throw new OAuthError('invalid_request', 'the subject query parameter is required once');
      }
      const consents = await this.consents.list(subject);
      return {
        consents: consents.map((consent) => ({
          subject: consent.subject,
          client_id: consent.clientId,
          scopes: consent.scopes,
          resources: consent.resources,
          granted_at: consent.grantedAt.toISOString(),
        })),
      };
    }

    @Delete(':subject/:client_id')
    @HttpCode(HttpStatus.NO_CONTENT)
    @ApiOperation({
      operationId: 'revokeConsent',
      summary: 'Revoke a consent',
      description:
        "Forgets the person's consent to the client and revokes the client's grants of the person: its refresh tokens and codes stop working at once, its access tokens at their expiry. The next authorization asks for consent again.",
    })
    @ApiNoContentResponse({ description: 'Revoked.' })
    @ApiNotFoundResponse({
      description: 'The person gave the client no consent (`invalid_request`).',
      type: OAuthErrorResponseDto,
    })
    async revoke(
      @Param('subject') subject: string,
      @Param('client_id') clientId: string,
    ): Promise<void> {
      if (!(await this.consents.revoke(subject, clientId))) {
        throw new OAuthError(
          'invalid_request',
          'this person gave this client no consent',
          HttpStatus.NOT_FOUND,
        );
      }
    }
  }
  return ConsentsController;
}
