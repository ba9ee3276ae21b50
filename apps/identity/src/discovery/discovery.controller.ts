import { Controller, Get, Header, Inject, type Type } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  AUTHORIZATION_SERVER_SETTINGS,
  type AuthorizationServerSettings,
} from '../authorization-server/authorization-server-settings.js';
import {
  buildAuthorizationServerMetadata,
  type AuthorizationServerMetadata,
} from '../authorization-server/discovery/authorization-server-metadata.js';
import { AuthorizationServerMetadataDto } from './authorization-server-metadata.dto.js';

function issuerPath(issuer: string): string {
  return new URL(issuer).pathname.replace(/\/+$/, '');
}

/**
 * RFC 8414 §3: the metadata lives at `/.well-known/oauth-authorization-server`, followed by the
 * issuer's path when it has one (`https://host/tenant` → `/.well-known/oauth-authorization-server/tenant`).
 */
export function wellKnownMetadataPath(issuer: string): string {
  return `.well-known/oauth-authorization-server${issuerPath(issuer)}`;
}

/**
 * RFC 8414 §5's placement of the OpenID Connect discovery document, at the root: the well-known
 * name followed by the issuer's path. (OpenID Connect Discovery 1.0 §4 puts it under the issuer
 * instead; both are served.)
 */
export function wellKnownOpenIdConfigurationPath(issuer: string): string {
  return `.well-known/openid-configuration${issuerPath(issuer)}`;
}

/** The one document both well-known names serve, cached by clients for five minutes. */
abstract class MetadataController {
  private readonly document: AuthorizationServerMetadata;

  constructor(settings: AuthorizationServerSettings) {
    this.document = buildAuthorizationServerMetadata(settings);
  }

  protected metadata(): AuthorizationServerMetadata {
    return structuredClone(this.document);
  }
}

/**
 * Creates the controllers serving the authorization server metadata of `issuer`: RFC 8414's
 * `/.well-known/oauth-authorization-server{path}` and OpenID Connect Discovery's
 * `/.well-known/openid-configuration`, both from one source (`buildAuthorizationServerMetadata`),
 * so they cannot disagree. For an issuer with a path, the OpenID document is also served under
 * the issuer (`{path}/.well-known/openid-configuration`, OIDC Discovery §4.1).
 */
export function createDiscoveryControllers(issuer: string): Type<unknown>[] {
  @ApiTags('Discovery')
  @Controller()
  class DiscoveryController extends MetadataController {
    constructor(@Inject(AUTHORIZATION_SERVER_SETTINGS) settings: AuthorizationServerSettings) {
      super(settings);
    }

    @Get(wellKnownMetadataPath(issuer))
    @Header('Cache-Control', 'public, max-age=300')
    @ApiOperation({
      operationId: 'getAuthorizationServerMetadata',
      summary: 'OAuth 2.0 authorization server metadata (RFC 8414)',
    })
    @ApiOkResponse({ type: AuthorizationServerMetadataDto })
    authorizationServerMetadata(): AuthorizationServerMetadataDto {
      return this.metadata();
    }

    @Get(wellKnownOpenIdConfigurationPath(issuer))
    @Header('Cache-Control', 'public, max-age=300')
    @ApiOperation({
      operationId: 'getOpenIdConfiguration',
      summary: 'OpenID Connect discovery document (the same metadata)',
    })
    @ApiOkResponse({ type: AuthorizationServerMetadataDto })
    openIdConfiguration(): AuthorizationServerMetadataDto {
      return this.metadata();
    }
  }

  if (issuerPath(issuer) === '') return [DiscoveryController];

  // Under the issuer's path (the app's global prefix).
  @ApiTags('Discovery')
  @Controller('.well-known/openid-configuration')
  class OpenIdConfigurationUnderIssuerController extends MetadataController {
    constructor(@Inject(AUTHORIZATION_SERVER_SETTINGS) settings: AuthorizationServerSettings) {
      super(settings);
    }

    @Get()
    @Header('Cache-Control', 'public, max-age=300')
    @ApiOperation({
      operationId: 'getOpenIdConfigurationUnderIssuer',
      summary: 'OpenID Connect discovery document under the issuer path (OIDC Discovery §4.1)',
    })
    @ApiOkResponse({ type: AuthorizationServerMetadataDto })
    openIdConfiguration(): AuthorizationServerMetadataDto {
      return this.metadata();
    }
  }
  return [DiscoveryController, OpenIdConfigurationUnderIssuerController];
}
