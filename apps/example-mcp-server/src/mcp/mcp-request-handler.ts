import type { ServerResponse } from 'node:http';
import { Injectable } from '@nestjs/common';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { createExampleMcpServer } from './example-mcp-server.js';
import type { AuthenticatedRequest } from './mcp-auth-info.js';

/** Largest JSON-RPC request body read; larger ones get 413 from the transport. */
const MAX_REQUEST_BYTES = 1024 * 1024;

/**
 * Answers MCP requests with the SDK's Streamable HTTP transport, statelessly: each POST gets a
 * fresh server and transport, and no session id is issued. Nothing about a caller outlives its
 * request, so one caller can never act in a session another caller opened; the caller is the
 * verified token of each request (MCP security best practices: sessions are not authentication).
 */
@Injectable()
export class McpRequestHandler {
  /** Hands a POST to the transport, which reads its body and writes the response. */
  async handle(request: AuthenticatedRequest, response: ServerResponse): Promise<void> {
    const server = createExampleMcpServer();
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      // Nothing is streamed (one tool, no notifications): plain JSON responses.
      enableJsonResponse: true,
      maxRequestBodySize: MAX_REQUEST_BYTES,
    });
    response.once('close', () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(request, response);
  }
}
