import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import type { McpServerConfig } from '../config/mcp-server-config.js';
import { MCP_SERVER_CONFIG } from '../config/mcp-server-config.module.js';
import { isAllowedOrigin } from './allowed-origin.js';
import { originNotAllowed } from './http-errors.js';

/** Refuses browser requests from other origins with 403, before any token is looked at. */
@Injectable()
export class OriginGuard implements CanActivate {
  constructor(@Inject(MCP_SERVER_CONFIG) private readonly config: McpServerConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const { origin } = context.switchToHttp().getRequest<IncomingMessage>().headers;
    if (!isAllowedOrigin(origin, this.config.resource)) throw originNotAllowed();
    return true;
  }
}
