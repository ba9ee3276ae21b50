import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  Headers,
  HttpCode,
  HttpStatus,
  Put,
  UseFilters,
  UseGuards,
  type Type,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiExtraModels,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ClientConfigurationService } from '../configuration/client-configuration.service.js';
import type { RegistrationCaller } from '../configuration/registration-token-authenticator.js';
import { ClientUpdateRequestDto } from '../dto/client-update-request.dto.js';
import { ClientRegistrationResponseDto } from '../dto/client-registration-response.dto.js';
import { registeredClientResponseSchema } from '../dto/registered-client-response.dto.js';
import { OAuthErrorResponseDto } from '../dto/oauth-error-response.dto.js';
import type { RegisteredClientResponse } from '../registration/registration-response.js';
import { DcrExceptionFilter } from './dcr-exception.filter.js';
import { ModuleRoute } from './module-route.js';
import { assertJsonContentType } from './json-content-type.js';
import { ApiBodyTooLargeResponse, ApiDatabaseUnavailableResponse } from './openapi-responses.js';
import { REGISTRATION_TOKEN_SECURITY } from './openapi-security.js';
import { REGISTRATION_RESPONSE_EXAMPLES } from './openapi-examples.js';
import {
  AuthenticatedRegistrationCaller,
  RegistrationAccessTokenGuard,
} from './registration-access-token.guard.js';
import { DCR_API_TAG } from './registration.controller.js';

const UNAUTHORIZED = {
  description:
    'The registration access token is missing, malformed or not valid for this client, or the client does not exist ' +
    '(RFC 7592 §2.1: never 404). Carries `WWW-Authenticate: Bearer error="invalid_token"`.',
  type: OAuthErrorResponseDto,
};

/**
 * Creates the client configuration endpoint controller (RFC 7592 §2) at `{path}/:client_id`.
 * HTTP only: the guard authenticates the caller first; the handlers check the content type and hand
 * the body to the service, which holds every rule.
 */
export function createClientConfigurationController(path: string): Type<unknown> {
  @ApiTags(DCR_API_TAG)
  @ApiExtraModels(ClientRegistrationResponseDto)
  @ApiBearerAuth(REGISTRATION_TOKEN_SECURITY)
  @ApiParam({ name: 'client_id', description: 'The client identifier issued at registration.' })
  @ApiUnauthorizedResponse(UNAUTHORIZED)
  @ApiDatabaseUnavailableResponse()
  @Controller(path)
  @UseFilters(DcrExceptionFilter)
  @UseGuards(RegistrationAccessTokenGuard)
  class ClientConfigurationController {
    constructor(private readonly configuration: ClientConfigurationService) {}

    @Get(':client_id')
    @ModuleRoute()
    @Header('Cache-Control', 'no-store')
    @Header('Pragma', 'no-cache')
    @ApiOperation({
      operationId: 'readClient',
      summary: 'Read a client registration (RFC 7592 §2.1)',
      description:
        'Returns the current registration: the metadata with defaults, `client_secret_expires_at` when the client has a ' +
        'secret, and the registration access token that is valid now. `client_secret` is not returned: the server ' +
        'stores only a digest of it.',
    })
    @ApiOkResponse({
      schema: registeredClientResponseSchema(),
      examples: REGISTRATION_RESPONSE_EXAMPLES,
    })
    read(
      @AuthenticatedRegistrationCaller() caller: RegistrationCaller,
    ): Promise<RegisteredClientResponse> {
      return this.configuration.read(caller);
    }

    @Put(':client_id')
    @ModuleRoute()
    @Header('Cache-Control', 'no-store')
    @Header('Pragma', 'no-cache')
    @ApiOperation({
      operationId: 'updateClient',
      summary: 'Replace a client registration (RFC 7592 §2.2)',
      description:
        'Replaces the whole registration: omitted fields are removed or reset to their defaults. The body must carry ' +
        'the `client_id`, must not carry `registration_access_token`, `registration_client_uri`, ' +
        '`client_secret_expires_at` or `client_id_issued_at`, and may carry `client_secret` only if it equals the ' +
        'current secret. Moving to a secret-based authentication method issues a secret (returned once); moving to ' +
        '`none` removes it; an expired secret is replaced.',
    })
    @ApiBody({ type: ClientUpdateRequestDto })
    @ApiOkResponse({
      schema: registeredClientResponseSchema(),
      examples: REGISTRATION_RESPONSE_EXAMPLES,
    })
    @ApiBadRequestResponse({
      description: 'Invalid metadata (RFC 7591 §3.2.2).',
      type: OAuthErrorResponseDto,
    })
    @ApiBodyTooLargeResponse()
    update(
      @AuthenticatedRegistrationCaller() caller: RegistrationCaller,
      @Headers('content-type') contentType: string | undefined,
      @Body() body: unknown,
    ): Promise<RegisteredClientResponse> {
      assertJsonContentType(contentType);
      return this.configuration.update(caller, body);
    }

    @Delete(':client_id')
    @ModuleRoute()
    @HttpCode(HttpStatus.NO_CONTENT)
    @Header('Cache-Control', 'no-store')
    @ApiOperation({
      operationId: 'deleteClient',
      summary: 'Delete a client registration (RFC 7592 §2.3)',
      description:
        'Afterwards the client id, its secret and its registration access token are all invalid.',
    })
    @ApiNoContentResponse({ description: 'The client was deleted.' })
    async delete(@AuthenticatedRegistrationCaller() caller: RegistrationCaller): Promise<void> {
      await this.configuration.delete(caller);
    }
  }
  return ClientConfigurationController;
}
