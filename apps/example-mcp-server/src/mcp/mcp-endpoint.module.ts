import { Module } from '@nestjs/common';
import { AccessTokenGuard } from '../auth/access-token.guard.js';
import { AccessTokenVerifier } from '../auth/access-token-verifier.js';
import { AuthorizationServerKeys } from '../auth/authorization-server-keys.js';
import { OriginGuard } from '../http/origin.guard.js';
import { McpController } from './mcp.controller.js';
import { McpRequestHandler } from './mcp-request-handler.js';

/** The guarded MCP endpoint; its route comes from `RouterModule` (the resource's path). */
@Module({
  controllers: [McpController],
  providers: [
    OriginGuard,
    AccessTokenGuard,
    AccessTokenVerifier,
    AuthorizationServerKeys,
    McpRequestHandler,
  ],
})
export class McpEndpointModule {}
