import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import {
  ConfigError,
  loadMcpServerConfig,
  type McpServerConfig,
} from './config/mcp-server-config.js';
import { createMcpServerApp } from './create-mcp-server-app.js';

const logger = new Logger('ExampleMcpServer');

function readConfig(): McpServerConfig {
  try {
    return loadMcpServerConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // One line naming the variable, and a non-zero exit: nothing else is started.
    process.stderr.write(`example-mcp-server: invalid configuration: ${error.message}\n`);
    process.exit(1);
  }
}

async function main(): Promise<void> {
  const config = readConfig();
  const app = await createMcpServerApp(config);
  // SIGTERM/SIGINT close the app before the process ends.
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  await app.listen(config.port, config.host);
  logger.log(
    `Listening on ${await app.getUrl()}; resource ${config.resource}; ` +
      `authorization server ${config.issuer}`,
  );
}

main().catch((error: unknown) => {
  logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
