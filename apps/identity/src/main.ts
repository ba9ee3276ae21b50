import 'reflect-metadata';
import { ConfigError, loadIdentityConfig, type IdentityConfig } from './config/identity-config.js';
import {
  describeSignInMethod,
  signInMethodFor,
} from './authorization-server/interaction/sign-in-method.js';
import { upstreamCallbackUrl } from './authorization-server/authorization-server-settings.js';
import type { KeyEncryptionKey } from './authorization-server/keys/key-encryption-key.js';
import { KEY_ENCRYPTION_KEY } from './authorization-server/keys/server-keys.service.js';
import { waitForDatabase } from './database/wait-for-database.js';
import { createJsonLogger } from './logging/json-logger.js';
import { routeConsoleToLog } from './logging/console-to-log.js';
import { NestJsonLogger } from './logging/nest-json-logger.js';

function readConfig(): IdentityConfig {
  try {
    return loadIdentityConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // One line per invalid variable, naming it, and a non-zero exit: nothing else is started.
    for (const problem of error.problems) {
      process.stderr.write(`identity: invalid configuration: ${problem.message}\n`);
    }
    process.exit(1);
  }
}

async function main(): Promise<void> {
  const config = readConfig();
  const log = createJsonLogger(config.logLevel);
  routeConsoleToLog(log);
  const logger = new NestJsonLogger(log);
  // Log lines are written asynchronously: flush them before any exit.
  const exit = (code: number) => log.flush(() => process.exit(code));
  process.on('uncaughtException', (error) => {
    log.fatal({ err: error }, 'uncaught exception');
    exit(1);
  });

  if (config.databaseUrl) {
    try {
      await waitForDatabase(config.databaseUrl, config.databaseWaitSeconds, logger);
    } catch (error) {
      logger.fatal((error as Error).message, 'Database');
      exit(1);
      return;
    }
  }

  // Loaded once the configuration is valid, the log is JSON and the database answers:
  // node-oidc-provider prints notices when it is imported.
  const { createIdentityApp } = await import('./create-identity-app.js');
  const identity = await createIdentityApp(config, log);
  await identity.app.listen(config.port, config.host);
  const where =
    identity.database === 'embedded'
      ? `embedded PostgreSQL in ${config.dataDir}`
      : 'PostgreSQL at DATABASE_URL';
  logger.log(
    `Listening on ${await identity.app.getUrl()}; issuer ${config.issuer}; ${where}`,
    'Identity',
  );
  logger.log(`Swagger UI at ${config.issuer}/docs`, 'Identity');
  const signIn = describeSignInMethod(signInMethodFor(config), upstreamCallbackUrl(config.issuer));
  logger[signIn.level](signIn.message, 'Identity');
  const kek = identity.app.get<KeyEncryptionKey>(KEY_ENCRYPTION_KEY);
  if (kek.source === 'file') {
    logger.log(
      `Private keys are encrypted with the key file ${kek.file} (set SIGNING_KEY_ENCRYPTION_KEY when instances share the database)`,
      'Identity',
    );
  }

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: finishing requests in flight, then closing`, 'Identity');
    identity.close().then(
      () => {
        logger.log('Closed', 'Identity');
        exit(0);
      },
      (error: unknown) => {
        logger.error(`Shutdown failed: ${String(error)}`, 'Identity');
        exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `identity: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
