import {
  Controller,
  Delete,
  Header,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  UseFilters,
  UseGuards,
  type Type,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { DcrAdminService, type ReissuedRegistrationToken } from '../admin/dcr-admin.service.js';
import { OAuthErrorResponseDto } from '../dto/oauth-error-response.dto.js';
import { ReissuedRegistrationTokenDto } from '../dto/reissued-registration-token.dto.js';
import { AdminTokenGuard } from './admin-token.guard.js';
import { DcrExceptionFilter } from './dcr-exception.filter.js';
import { ModuleRoute } from './module-route.js';
import { ApiDatabaseUnavailableResponse } from './openapi-responses.js';
import { ADMIN_TOKEN_SECURITY } from './openapi-security.js';

/** OpenAPI tag of the admin API. */
export const DCR_ADMIN_API_TAG = 'Client registration administration';

/** Creates the operator API controller at `{adminPath}/clients`. */
export function createAdminController(adminPath: string): Type<unknown> {
  @ApiTags(DCR_ADMIN_API_TAG)
  @ApiBearerAuth(ADMIN_TOKEN_SECURITY)
  @ApiParam({ name: 'client_id', description: 'The client identifier.' })
  @ApiUnauthorizedResponse({
    description: 'The admin token is missing or wrong.',
    type: OAuthErrorResponseDto,
  })
  @ApiNotFoundResponse({
    description: 'No client has this client_id.',
    type: OAuthErrorResponseDto,
  })
  @ApiDatabaseUnavailableResponse()
  @Controller(`${adminPath.replace(/^\/+|\/+$/g, '')}/clients`)
  @UseFilters(DcrExceptionFilter)
  @UseGuards(AdminTokenGuard)
  class DcrAdminController {
    constructor(private readonly admin: DcrAdminService) {}

    @Post(':client_id/registration-token')
    @ModuleRoute()
    @Header('Cache-Control', 'no-store')
    @Header('Pragma', 'no-cache')
    @ApiOperation({
      operationId: 'reissueRegistrationToken',
      summary: 'Issue a new registration access token for a client that lost its own',
      description: 'Every earlier token of the client stops working. The new token is shown once.',
    })
    @ApiCreatedResponse({ type: ReissuedRegistrationTokenDto })
    reissue(@Param('client_id') clientId: string): Promise<ReissuedRegistrationToken> {
      return this.admin.reissueRegistrationToken(clientId);
    }

    @Post(':client_id/approval')
    @ModuleRoute()
    @HttpCode(HttpStatus.NO_CONTENT)
    @Header('Cache-Control', 'no-store')
    @ApiOperation({
      operationId: 'approveClient',
      summary: 'Approve a client waiting for approval',
      description:
        'A client registered under a rule with `approval: pending` cannot authenticate until an operator approves it. ' +
        'Publishes a `client.approved` event; approving an approved client changes nothing.',
    })
    @ApiNoContentResponse({ description: 'The client is approved.' })
    async approve(@Param('client_id') clientId: string): Promise<void> {
      await this.admin.approveClient(clientId);
    }

    @Delete(':client_id')
    @ModuleRoute()
    @HttpCode(HttpStatus.NO_CONTENT)
    @Header('Cache-Control', 'no-store')
    @ApiOperation({
      operationId: 'revokeClient',
      summary: 'Delete a client now',
      description: 'Its client id, secret and registration access token stop working at once.',
    })
    @ApiNoContentResponse({ description: 'The client was deleted.' })
    async revoke(@Param('client_id') clientId: string): Promise<void> {
      await this.admin.deleteClient(clientId);
    }
  }
  return DcrAdminController;
}
