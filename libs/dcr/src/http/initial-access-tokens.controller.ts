import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  Headers,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  UseFilters,
  UseGuards,
  type Type,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { DcrAdminService } from '../admin/dcr-admin.service.js';
import {
  CreateInitialAccessTokenRequestDto,
  InitialAccessTokenDto,
  MintedInitialAccessTokenDto,
} from '../dto/initial-access-token.dto.js';
import { OAuthErrorResponseDto } from '../dto/oauth-error-response.dto.js';
import type {
  InitialAccessTokenView,
  MintedInitialAccessToken,
} from '../initial-access/initial-access-token-view.js';
import { AdminTokenGuard } from './admin-token.guard.js';
import { DCR_ADMIN_API_TAG } from './admin.controller.js';
import { DcrExceptionFilter } from './dcr-exception.filter.js';
import { assertJsonContentType } from './json-content-type.js';
import { ModuleRoute } from './module-route.js';
import { ApiBodyTooLargeResponse, ApiDatabaseUnavailableResponse } from './openapi-responses.js';
import { ADMIN_TOKEN_SECURITY } from './openapi-security.js';

/** Creates the operator API for initial access tokens at `{adminPath}/initial-access-tokens`. */
export function createInitialAccessTokensController(adminPath: string): Type<unknown> {
  @ApiTags(DCR_ADMIN_API_TAG)
  @ApiBearerAuth(ADMIN_TOKEN_SECURITY)
  @ApiUnauthorizedResponse({
    description: 'The admin token is missing or wrong.',
    type: OAuthErrorResponseDto,
  })
  @ApiDatabaseUnavailableResponse()
  @Controller(`${adminPath.replace(/^\/+|\/+$/g, '')}/initial-access-tokens`)
  @UseFilters(DcrExceptionFilter)
  @UseGuards(AdminTokenGuard)
  class DcrInitialAccessTokensController {
    constructor(private readonly admin: DcrAdminService) {}

    @Post()
    @ModuleRoute()
    @HttpCode(HttpStatus.CREATED)
    @Header('Cache-Control', 'no-store')
    @Header('Pragma', 'no-cache')
    @ApiOperation({
      operationId: 'createInitialAccessToken',
      summary: 'Mint an initial access token (RFC 7591 §3)',
      description:
        'The token lets its holder register up to `max_uses` clients until `expires_in` seconds from now, each under ' +
        "the rules of `policy` on top of the server's. Its value is shown in this response only; the server keeps a " +
        'digest. Clients it registers record its `id`.',
    })
    @ApiBody({ type: CreateInitialAccessTokenRequestDto })
    @ApiCreatedResponse({ type: MintedInitialAccessTokenDto })
    @ApiBadRequestResponse({
      description:
        'A member is missing, of the wrong type, out of bounds or unknown (`invalid_request`; `field` points at it).',
      type: OAuthErrorResponseDto,
    })
    @ApiBodyTooLargeResponse()
    create(
      @Body() body: unknown,
      @Headers('content-type') contentType: string | undefined,
    ): Promise<MintedInitialAccessToken> {
      assertJsonContentType(contentType);
      return this.admin.createInitialAccessToken(body);
    }

    @Get()
    @ModuleRoute()
    @Header('Cache-Control', 'no-store')
    @ApiOperation({
      operationId: 'listInitialAccessTokens',
      summary: 'List initial access tokens, newest first (never their values)',
    })
    @ApiOkResponse({ type: [InitialAccessTokenDto] })
    list(): Promise<InitialAccessTokenView[]> {
      return this.admin.listInitialAccessTokens();
    }

    @Delete(':id')
    @ModuleRoute()
    @HttpCode(HttpStatus.NO_CONTENT)
    @Header('Cache-Control', 'no-store')
    @ApiOperation({
      operationId: 'revokeInitialAccessToken',
      summary: 'Revoke an initial access token',
      description:
        'It registers no more clients; clients it registered stay. Revoking a revoked token again is not an error.',
    })
    @ApiParam({ name: 'id', description: 'The token id.' })
    @ApiNoContentResponse({ description: 'The token is revoked.' })
    @ApiNotFoundResponse({ description: 'No token has this id.', type: OAuthErrorResponseDto })
    async revoke(@Param('id') id: string): Promise<void> {
      await this.admin.revokeInitialAccessToken(id);
    }
  }
  return DcrInitialAccessTokensController;
}
