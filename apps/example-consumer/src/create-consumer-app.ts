import { NestFactory } from '@nestjs/core';
import { ExpressAdapter, type NestExpressApplication } from '@nestjs/platform-express';
import type { LoggerService, LogLevel } from '@nestjs/common';
import { DcrBodyErrorFilter } from '@agent-runtimes/dcr';
import { API_PREFIX, type ConsumerConfig } from './config/consumer-config.js';
import { ConsumerModule } from './consumer.module.js';

/** Largest request body accepted, in bytes; larger ones get 413 with a JSON error. */
export const BODY_LIMIT_BYTES = 64 * 1024;

/**
 * Creates the app (not yet listening) on Express: JSON bodies for registration, form bodies for
 * the token endpoint, every route under `/api`, and the module's error filter for every route, so
 * that body-parser errors get the RFC JSON shape too.
 */
export async function createConsumerApp(
  config: ConsumerConfig,
  logger: LoggerService | LogLevel[] | false = ['log', 'warn', 'error', 'fatal'],
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(
    ConsumerModule.forRoot(config),
    new ExpressAdapter(),
    { logger, abortOnError: false, bodyParser: false },
  );
  app.disable('x-powered-by');
  app.useBodyParser('json', { limit: BODY_LIMIT_BYTES });
  // RFC 6749 §3.2: token requests are form-encoded. Node's querystring parser (`extended: false`)
  // gives a repeated parameter as an array, which the module refuses (RFC 6749 §3.2), and never
  // builds nested objects.
  app.useBodyParser('urlencoded', { limit: BODY_LIMIT_BYTES, extended: false });
  app.setGlobalPrefix(API_PREFIX);
  // RFC error bodies for body-parser errors on the module's routes; the app's own errors keep
  // Nest's shape.
  app.useGlobalFilters(app.get(DcrBodyErrorFilter));
  return app;
}
