import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, RouterModule } from '@nestjs/core';
import { DcrExceptionFilter } from '@agent-runtimes/dcr';
import type { McpServerConfig } from './config/mcp-server-config.js';
import { McpServerConfigModule } from './config/mcp-server-config.module.js';
import { McpEndpointModule } from './mcp/mcp-endpoint.module.js';
import { ProtectedResourceMetadataController } from './metadata/protected-resource-metadata.controller.js';

/**
 * The example MCP server: the MCP endpoint at the path of its resource identifier, guarded by
 * access tokens from the configured authorization server, and its RFC 9728 metadata. Every error
 * (a refused token, an unknown route) gets an RFC-style JSON body from the DCR module's filter.
 */
@Module({})
export class McpServerModule {
  /** The app's root module for `config`. */
  static forRoot(config: McpServerConfig): DynamicModule {
    return {
      module: McpServerModule,
      imports: [
        McpServerConfigModule.forRoot(config),
        McpEndpointModule,
        // Static: the endpoint's route is the resource's path, known from the configuration.
        RouterModule.register([{ path: config.mcpRoute, module: McpEndpointModule }]),
      ],
      controllers: [ProtectedResourceMetadataController],
      providers: [{ provide: APP_FILTER, useClass: DcrExceptionFilter }],
    };
  }
}
