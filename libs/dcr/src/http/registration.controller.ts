import {
  Body,
  Controller,
  Header,
  Headers,
  HttpCode,
  HttpStatus,
  Post,
  Query,
  Res,
  UseFilters,
  UseGuards,
  type Type,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiSecurity,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ClientRegistrationRequestDto } from '../dto/client-registration-request.dto.js';
import { OAuthErrorResponseDto } from '../dto/oauth-error-response.dto.js';
import { ClientRegistrationResponseDto } from '../dto/client-registration-response.dto.js';
import {
  DryRunResponseDto,
  registeredClientResponseSchema,
} from '../dto/registered-client-response.dto.js';
import type { Registrant } from '../initial-access/registrant.js';
import type { DryRunResponse } from '../registration/dry-run-response.js';
import { RegistrationService } from '../registration/registration.service.js';
import type { RegisteredClientResponse } from '../registration/registration-response.js';
import { DcrExceptionFilter } from './dcr-exception.filter.js';
import { readDryRunParameter } from './dry-run-parameter.js';
import { INITIAL_ACCESS_TOKEN_SECURITY } from './openapi-security.js';
import { CurrentRegistrant } from './registrant.guard.js';
import { REGISTRATION_GUARDS } from './registration-guards.js';
import { ModuleRoute } from './module-route.js';
import {
  QUOTA_ERROR_EXAMPLES,
  REGISTRATION_ERROR_EXAMPLES,
  REGISTRATION_REQUEST_EXAMPLES,
  REGISTRATION_RESPONSE_EXAMPLES,
} from './openapi-examples.js';
import {
  ApiBodyTooLargeResponse,
  ApiDatabaseUnavailableResponse,
  ApiRateLimitedResponse,
} from './openapi-responses.js';
import { assertJsonContentType } from './json-content-type.js';

/** OpenAPI tag of the registration endpoints. */
export const DCR_API_TAG = 'OAuth 2.0 Dynamic Client Registration';

/**
 * Creates the registration controller for a route path. A class per module instance keeps the path
 * out of shared state: two apps in one process may mount the module at different paths.
 */
export function createRegistrationController(path: string): Type<unknown> {
  @ApiTags(DCR_API_TAG)
  @ApiExtraModels(ClientRegistrationResponseDto)
  @Controller(path)
  @UseFilters(DcrExceptionFilter)
  class RegistrationController {
    constructor(
      private readonly registration: RegistrationService,
      private readonly adapterHost: HttpAdapterHost,
    ) {}

    @Post()
    @ModuleRoute()
    // Who is calling, then the rate limits (which exempt token holders), before anything reads the body.
    @UseGuards(...REGISTRATION_GUARDS)
    @HttpCode(HttpStatus.CREATED)
    // RFC 7591 §3.2.1: the response carries credentials and must not be cached.
    @Header('Cache-Control', 'no-store')
    @Header('Pragma', 'no-cache')
    @ApiOperation({
      operationId: 'registerClient',
      summary: 'Register a client (RFC 7591 §3)',
      description:
        'Registers an OAuth 2.0 client from its metadata and returns its client_id, its secret (confidential clients only), ' +
        'the registered metadata with defaults applied, and the registration access token and URI for managing it (RFC 7592). ' +
        'Metadata the server does not understand is ignored. A software statement from a trusted issuer takes precedence ' +
        'over the same members of the body. When registration is `protected`, an initial access token is required ' +
        '(`Authorization: Bearer`); when `mixed`, it is optional and selects the rules bound to it. Every refusal by a ' +
        'rule of the registration policy names the rule (`policy`) and the member (`field`, a JSON pointer). ' +
        'With `dry_run=true`, nothing is stored: the answer is 200 with the metadata a registration would store.',
    })
    @ApiSecurity({})
    @ApiBearerAuth(INITIAL_ACCESS_TOKEN_SECURITY)
    @ApiQuery({
      name: 'dry_run',
      required: false,
      enum: ['true', 'false'],
      description:
        'Run every check and policy (quotas included) without registering: 200 with the effective metadata and no ' +
        'credentials, or the same error a registration would get. No initial access token use is counted.',
    })
    @ApiConsumes('application/json')
    @ApiProduces('application/json')
    @ApiBody({ type: ClientRegistrationRequestDto, examples: REGISTRATION_REQUEST_EXAMPLES })
    @ApiCreatedResponse({
      description: 'The client was registered.',
      schema: registeredClientResponseSchema(),
      examples: REGISTRATION_RESPONSE_EXAMPLES,
    })
    @ApiOkResponse({
      description: 'Dry run (`dry_run=true`): the registration would succeed with this metadata.',
      type: DryRunResponseDto,
    })
    @ApiBadRequestResponse({
      description:
        'The metadata, the redirect URIs, the software statement or the body itself is invalid, or a rule of the ' +
        'registration policy refuses it (RFC 7591 §3.2.2; `policy` names the rule, `field` the member).',
      type: OAuthErrorResponseDto,
      examples: REGISTRATION_ERROR_EXAMPLES,
    })
    @ApiUnauthorizedResponse({
      description:
        'An initial access token is required (`protected` mode; the challenge carries no error code) or the one ' +
        'presented is malformed, unknown, expired, revoked or used up (`invalid_token`).',
      type: OAuthErrorResponseDto,
    })
    @ApiForbiddenResponse({
      description: 'A client quota of the registration policy is full (`access_denied`).',
      type: OAuthErrorResponseDto,
      examples: QUOTA_ERROR_EXAMPLES,
    })
    @ApiBodyTooLargeResponse()
    @ApiRateLimitedResponse()
    @ApiDatabaseUnavailableResponse()
    // The body is typed `unknown` on purpose: a host app's global ValidationPipe then leaves it
    // alone, and the service validates it by RFC 7591's rules instead.
    register(
      @Body() body: unknown,
      @Headers('content-type') contentType: string | undefined,
      @Query('dry_run') dryRunParameter: unknown,
      @CurrentRegistrant() registrant: Registrant,
      @Res({ passthrough: true }) response: unknown,
    ): Promise<RegisteredClientResponse | DryRunResponse> {
      const dryRun = readDryRunParameter(dryRunParameter);
      assertJsonContentType(contentType);
      if (!dryRun) return this.registration.register(body, registrant);
      // Nothing is created: 200, not 201.
      this.adapterHost.httpAdapter.status(response, HttpStatus.OK);
      return this.registration.dryRun(body, registrant);
    }
  }
  return RegistrationController;
}
