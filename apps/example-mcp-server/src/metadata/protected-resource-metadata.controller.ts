import { Controller, Get, Header, Inject, Param } from '@nestjs/common';
import { OAuthError } from '@agent-runtimes/dcr';
import type { McpServerConfig } from '../config/mcp-server-config.js';
import { MCP_SERVER_CONFIG } from '../config/mcp-server-config.module.js';
import {
  PROTECTED_RESOURCE_WELL_KNOWN,
  protectedResourceMetadata,
  resourcePath,
  type ProtectedResourceMetadata,
} from './protected-resource-metadata.js';

// The document is public and the same for everyone: browsers' MCP clients on other origins may
// read it, and caches may keep it for a while.
const CACHE_CONTROL = 'public, max-age=300';

/**
 * RFC 9728 §3: the protected resource metadata, at the well-known URL built from the resource
 * identifier (`/.well-known/oauth-protected-resource/mcp` for `https://host/mcp`, RFC 9728 §3.1),
 * which every challenge names, and at the bare well-known URL, where MCP clients that found no
 * `resource_metadata` look next (MCP authorization, protected resource metadata discovery).
 */
@Controller(PROTECTED_RESOURCE_WELL_KNOWN.slice(1))
export class ProtectedResourceMetadataController {
  private readonly document: ProtectedResourceMetadata;
  private readonly path: string;

  constructor(@Inject(MCP_SERVER_CONFIG) config: McpServerConfig) {
    this.document = protectedResourceMetadata({
      resource: config.resource,
      issuer: config.issuer,
      scopes: config.requiredScopes,
    });
    this.path = resourcePath(config.resource);
  }

  /** The document at `/.well-known/oauth-protected-resource`. */
  @Get()
  @Header('Cache-Control', CACHE_CONTROL)
  @Header('Access-Control-Allow-Origin', '*')
  atOrigin(): ProtectedResourceMetadata {
    return this.document;
  }

  /** The document at `/.well-known/oauth-protected-resource` followed by the resource's path. */
  @Get('*path')
  @Header('Cache-Control', CACHE_CONTROL)
  @Header('Access-Control-Allow-Origin', '*')
  atResourcePath(@Param('path') segments: string[] | string): ProtectedResourceMetadata {
    const path = `/${[segments].flat().join('/')}`.replace(/\/+$/, '');
    if (path !== this.path) {
      throw new OAuthError(
        'invalid_request',
        'no protected resource is served at this path; see the resource_metadata of its challenge',
        404,
      );
    }
    return this.document;
  }
}
