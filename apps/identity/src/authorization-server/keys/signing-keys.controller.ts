import {
  Controller,
  Header,
  HttpCode,
  HttpStatus,
  Post,
  UseFilters,
  UseGuards,
  type Type,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import {
  ADMIN_TOKEN_SECURITY,
  AdminTokenGuard,
  DCR_ADMIN_API_TAG,
  DcrExceptionFilter,
  OAuthErrorResponseDto,
} from '@agent-runtimes/dcr';
import { AuthorizationServer } from '../provider/authorization-server.js';
import { ServerKeys } from './server-keys.service.js';

/** A signing key a rotation activated. */
class ActivatedKeyDto {
  @ApiProperty({ description: 'The key id (RFC 7638 thumbprint), `kid` of tokens it signs.' })
  kid!: string;

  @ApiProperty({ example: 'ES256' })
  alg!: string;
}

/** What a rotation did. */
class SigningKeyRotationDto {
  @ApiProperty({ type: [ActivatedKeyDto] })
  activated!: ActivatedKeyDto[];

  @ApiProperty({
    type: [String],
    description: 'The replaced keys, still in the JWKS until the date below.',
  })
  retired!: string[];

  @ApiProperty({ format: 'date-time' })
  retired_keys_expire_at!: string;
}

/** Creates the operator route that rotates the signing keys, at `{adminPath}/signing-keys`. */
export function createSigningKeysController(adminPath: string): Type<unknown> {
  @ApiTags(DCR_ADMIN_API_TAG)
  @ApiBearerAuth(ADMIN_TOKEN_SECURITY)
  @ApiUnauthorizedResponse({
    description: 'The admin token is missing or wrong.',
    type: OAuthErrorResponseDto,
  })
  @Controller(`${adminPath}/signing-keys`)
  @UseFilters(DcrExceptionFilter)
  @UseGuards(AdminTokenGuard)
  class SigningKeysController {
    constructor(
      private readonly keys: ServerKeys,
      private readonly server: AuthorizationServer,
    ) {}

    @Post('rotate')
    @HttpCode(HttpStatus.OK)
    @Header('Cache-Control', 'no-store')
    @ApiOperation({
      operationId: 'rotateSigningKeys',
      summary: 'Replace the signing keys',
      description:
        'New keys sign from now on (other instances switch within 30 seconds); the replaced ones stay in the JWKS for SIGNING_KEY_OVERLAP_SECONDS, so that tokens they signed still verify.',
    })
    @ApiOkResponse({ type: SigningKeyRotationDto })
    @ApiServiceUnavailableResponse({
      description: 'The database is unavailable (`temporarily_unavailable`); retry later.',
      type: OAuthErrorResponseDto,
    })
    async rotate(): Promise<SigningKeyRotationDto> {
      const rotation = await this.keys.rotate();
      await this.server.reloadKeys();
      return {
        activated: rotation.activated.map((key) => ({ ...key })),
        retired: [...rotation.retired],
        retired_keys_expire_at: rotation.retiredKeysExpireAt.toISOString(),
      };
    }
  }
  return SigningKeysController;
}
