import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { registerWhoamiTool } from './whoami-tool.js';

/** How the server introduces itself in `initialize` (MCP lifecycle). */
export const SERVER_INFO = { name: 'example-mcp-server', version: '0.1.0' } as const;

/** A new MCP server with this app's tools. */
export function createExampleMcpServer(): McpServer {
  const server = new McpServer(SERVER_INFO);
  registerWhoamiTool(server);
  return server;
}
