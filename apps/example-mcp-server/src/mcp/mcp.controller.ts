import type { ServerResponse } from 'node:http';
import { Controller, Delete, Get, Post, Req, Res, UseGuards } from '@nestjs/common';
import { AccessTokenGuard } from '../auth/access-token.guard.js';
import { methodNotAllowed } from '../http/http-errors.js';
import { OriginGuard } from '../http/origin.guard.js';
import type { AuthenticatedRequest } from './mcp-auth-info.js';
import { McpRequestHandler } from './mcp-request-handler.js';

/**
 * The MCP endpoint (Streamable HTTP transport), served at the path of the resource identifier
 * (`RouterModule` puts it there). Every method is guarded, so that any request without a valid
 * token gets the 401 challenge that starts MCP authorization.
 */
@Controller()
@UseGuards(OriginGuard, AccessTokenGuard)
export class McpController {
  constructor(private readonly handler: McpRequestHandler) {}

  /** JSON-RPC requests and notifications. */
  @Post()
  async post(@Req() request: AuthenticatedRequest, @Res() response: ServerResponse): Promise<void> {
    await this.handler.handle(request, response);
  }

  /** No server-initiated SSE stream is offered: 405, as the transport allows. */
  @Get()
  get(): never {
    throw methodNotAllowed();
  }

  /** Stateless: no session to end. */
  @Delete()
  delete(): never {
    throw methodNotAllowed();
  }
}
