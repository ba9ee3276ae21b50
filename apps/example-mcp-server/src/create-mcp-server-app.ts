import type { LoggerService, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter, type NestExpressApplication } from '@nestjs/platform-express';
import type { McpServerConfig } from './config/mcp-server-config.js';
import { McpServerModule } from './mcp-server.module.js';

/**
 * Creates the app (not yet listening) on Express, whose requests and responses are the Node
 * objects the MCP SDK's transport works on. No body parser: the transport reads the JSON-RPC body
 * itself, after the guards, so an unauthenticated request's body is never read.
 */
export async function createMcpServerApp(
  config: McpServerConfig,
  logger: LoggerService | LogLevel[] | false = ['log', 'warn', 'error', 'fatal'],
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(
    McpServerModule.forRoot(config),
    new ExpressAdapter(),
    { logger, abortOnError: false, bodyParser: false },
  );
  app.disable('x-powered-by');
  return app;
}
