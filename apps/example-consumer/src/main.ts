import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigError, loadConsumerConfig, type ConsumerConfig } from './config/consumer-config.js';
import { createConsumerApp } from './create-consumer-app.js';

const logger = new Logger('ExampleConsumer');

function readConfig(): ConsumerConfig {
  try {
    return loadConsumerConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // One line naming the variable, and a non-zero exit: nothing else is started.
    process.stderr.write(`example-consumer: invalid configuration: ${error.message}\n`);
    process.exit(1);
  }
}

async function main(): Promise<void> {
  const config = readConfig();
  const app = await createConsumerApp(config);
  // SIGTERM/SIGINT close the app (and its database connections) before the process ends.
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  await app.listen(config.port, config.host);
  logger.log(
    `Listening on ${await app.getUrl()}; registration endpoint ${config.registrationEndpoint}`,
  );
}

main().catch((error: unknown) => {
  logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
