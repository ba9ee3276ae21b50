import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigError, loadIdentityConfig, type IdentityConfig } from './config/identity-config.js';
import { createIdentityApp } from './create-identity-app.js';

const logger = new Logger('Identity');

function readConfig(): IdentityConfig {
  try {
    return loadIdentityConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // One line naming the variable, and a non-zero exit: nothing else is started.
    process.stderr.write(`identity: invalid configuration: ${error.message}\n`);
    process.exit(1);
  }
}

async function main(): Promise<void> {
  const config = readConfig();
  const identity = await createIdentityApp(config);
  await identity.app.listen(config.port, config.host);

  const where =
    identity.database === 'embedded'
      ? `embedded PostgreSQL in ${config.dataDir}`
      : 'PostgreSQL at DATABASE_URL';
  logger.log(`Listening on ${await identity.app.getUrl()}; issuer ${config.issuer}; ${where}`);
  logger.log(`Swagger UI at ${config.issuer}/docs`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: closing`);
    identity.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error(`Shutdown failed: ${String(error)}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
