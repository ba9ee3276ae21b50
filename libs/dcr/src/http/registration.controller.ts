import {
  Body,
  Controller,
  Header,
  Headers,
  HttpCode,
  HttpStatus,
  Post,
  UseFilters,
  UseGuards,
  type Type,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { ClientRegistrationRequestDto } from '../dto/client-registration-request.dto.js';
import { ClientRegistrationResponseDto } from '../dto/client-registration-response.dto.js';
import { OAuthErrorResponseDto } from '../dto/oauth-error-response.dto.js';
import { RegistrationRateLimitGuard } from '../rate-limit/registration-rate-limit.guard.js';
import { RegistrationService } from '../registration/registration.service.js';
import type { RegisteredClientResponse } from '../registration/registration-response.js';
import { DcrExceptionFilter } from './dcr-exception.filter.js';
import { ModuleRoute } from './module-route.js';
import {
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
  @Controller(path)
  @UseFilters(DcrExceptionFilter)
  class RegistrationController {
    constructor(private readonly registration: RegistrationService) {}

    @Post()
    @ModuleRoute()
    // Rate limits (when configured) count the request before anything else reads it.
    @UseGuards(RegistrationRateLimitGuard)
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
        'Metadata the server does not understand is ignored.',
    })
    @ApiConsumes('application/json')
    @ApiProduces('application/json')
    @ApiBody({ type: ClientRegistrationRequestDto, examples: REGISTRATION_REQUEST_EXAMPLES })
    @ApiCreatedResponse({
      description: 'The client was registered.',
      type: ClientRegistrationResponseDto,
      examples: REGISTRATION_RESPONSE_EXAMPLES,
    })
    @ApiBadRequestResponse({
      description:
        'The metadata, the redirect URIs, the software statement or the body itself is invalid (RFC 7591 §3.2.2).',
      type: OAuthErrorResponseDto,
      examples: REGISTRATION_ERROR_EXAMPLES,
    })
    @ApiBodyTooLargeResponse()
    @ApiRateLimitedResponse()
    @ApiDatabaseUnavailableResponse()
    // The body is typed `unknown` on purpose: a host app's global ValidationPipe then leaves it
    // alone, and the service validates it by RFC 7591's rules instead.
    register(
      @Body() body: unknown,
      @Headers('content-type') contentType: string | undefined,
    ): Promise<RegisteredClientResponse> {
      assertJsonContentType(contentType);
      return this.registration.register(body);
    }
  }
  return RegistrationController;
}
