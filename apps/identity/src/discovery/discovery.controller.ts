import { Controller, Get, Header, Inject, type Type } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DcrMetadataService } from '@agent-runtimes/dcr';
import { IDENTITY_CONFIG } from '../identity-config.token.js';
import type { IdentityConfig } from '../config/identity-config.js';
import { AuthorizationServerMetadataDto } from './authorization-server-metadata.dto.js';

/**
 * RFC 8414 §3: the metadata lives at `/.well-known/oauth-authorization-server`, followed by the
 * issuer's path when it has one (`https://host/tenant` → `/.well-known/oauth-authorization-server/tenant`).
 */
export function wellKnownMetadataPath(issuer: string): string {
  const path = new URL(issuer).pathname.replace(/\/+$/, '');
  return `.well-known/oauth-authorization-server${path}`;
}

/** Creates the controller serving the authorization server metadata for `issuer`. */
export function createDiscoveryController(issuer: string): Type<unknown> {
  @ApiTags('Discovery')
  @Controller(wellKnownMetadataPath(issuer))
  class DiscoveryController {
    constructor(
      private readonly dcr: DcrMetadataService,
      @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
    ) {}

    @Get()
    @Header('Cache-Control', 'public, max-age=300')
    @ApiOperation({
      operationId: 'getAuthorizationServerMetadata',
      summary: 'OAuth 2.0 authorization server metadata (RFC 8414)',
    })
    @ApiOkResponse({ type: AuthorizationServerMetadataDto })
    metadata(): AuthorizationServerMetadataDto {
      const { authorizationEndpoint, tokenEndpoint, issuer } = this.config;
      return {
        ...this.dcr.registrationMetadata(),
        // Only endpoints that exist are advertised: this app registers clients; the endpoints of
        // the authorization server it serves are configured, not assumed.
        ...(authorizationEndpoint ? { authorization_endpoint: authorizationEndpoint } : {}),
        ...(tokenEndpoint ? { token_endpoint: tokenEndpoint } : {}),
        service_documentation: `${issuer}/docs`,
      };
    }
  }
  return DiscoveryController;
}
