import { Module, type DynamicModule } from '@nestjs/common';
import type { McpServerConfig } from './mcp-server-config.js';

/** Injection token of the app's {@link McpServerConfig}. */
export const MCP_SERVER_CONFIG = Symbol('MCP_SERVER_CONFIG');

/**
 * Serves the configuration to every module of the app. It comes only from the value main.ts read
 * from the environment, so that two instances in one process (the tests) each keep their own.
 */
@Module({})
export class McpServerConfigModule {
  /** The global module providing `config` under {@link MCP_SERVER_CONFIG}. */
  static forRoot(config: McpServerConfig): DynamicModule {
    return {
      module: McpServerConfigModule,
      global: true,
      providers: [{ provide: MCP_SERVER_CONFIG, useValue: config }],
      exports: [MCP_SERVER_CONFIG],
    };
  }
}
