import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RequestListener } from 'node:http';
import { loadMcpServerConfig } from '../../src/config/mcp-server-config.js';
import { createMcpServerApp } from '../../src/create-mcp-server-app.js';

/** An app listening on a loopback port, with the URLs a client uses. */
export interface McpServerTestApp {
  /** `http://127.0.0.1:PORT`. */
  readonly origin: string;
  /** The resource identifier, also the MCP endpoint's URL. */
  readonly resource: string;
  close(): Promise<void>;
}

/** What a test app is configured with; the port and the resource's origin are the app's own. */
export interface McpServerTestOptions {
  readonly issuer: string;
  /** Path of the resource identifier (and of the endpoint); `/mcp` unless given. */
  readonly path?: string;
  /** `MCP_SCOPES`; the default (`mcp:tools`) unless given. */
  readonly scopes?: string;
}

/**
 * Starts the app in this process on 127.0.0.1. The socket listens first, so that its port is
 * known when the configuration (whose resource identifier holds the port) is read.
 */
export async function startMcpServerApp(options: McpServerTestOptions): Promise<McpServerTestApp> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const resource = `${origin}${options.path ?? '/mcp'}`;
  const config = loadMcpServerConfig({
    MCP_RESOURCE: resource,
    IDENTITY_ISSUER: options.issuer,
    ...(options.scopes === undefined ? {} : { MCP_SCOPES: options.scopes }),
  });
  const app = await createMcpServerApp(config, false);
  await app.init();
  server.on('request', app.getHttpAdapter().getInstance() as RequestListener);
  return {
    origin,
    resource,
    close: async () => {
      await app.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
