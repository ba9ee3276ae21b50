import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { RequestMethod, type LoggerService, type LogLevel } from '@nestjs/common';
import { DcrExceptionFilter } from '@agent-runtimes/dcr';
import type { IdentityConfig } from './config/identity-config.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './database/embedded-postgres.js';
import type { DatabaseTarget } from './database/typeorm-options.js';
import { wellKnownMetadataPath } from './discovery/discovery.controller.js';
import { IdentityModule } from './identity.module.js';
import { setupSwagger } from './openapi/swagger.js';

/** Largest request body accepted, in bytes; larger ones get 413 with a JSON error. */
export const BODY_LIMIT_BYTES = 64 * 1024;

export interface IdentityApp {
  readonly app: NestFastifyApplication;
  /** `embedded` when running on the in-process PostgreSQL in `config.dataDir`. */
  readonly database: 'embedded' | 'external';
  /** Closes the app, its connections and the embedded database, in that order. */
  close(): Promise<void>;
}

/**
 * Creates the identity app (not yet listening): Fastify, for its throughput; the DcrModule on the
 * configured PostgreSQL or on the embedded one; the RFC error filter for every route, so that
 * body-parser errors get the same JSON shape; Swagger UI at `/docs`.
 */
export async function createIdentityApp(
  config: IdentityConfig,
  logger: LoggerService | LogLevel[] | false = ['log', 'warn', 'error', 'fatal'],
): Promise<IdentityApp> {
  const embedded = config.databaseUrl ? undefined : await startEmbeddedPostgres(config.dataDir);
  try {
    const app = await NestFactory.create<NestFastifyApplication>(
      IdentityModule.forRoot(config, databaseTarget(config, embedded)),
      new FastifyAdapter({ bodyLimit: BODY_LIMIT_BYTES }),
      { logger, abortOnError: false },
    );
    app.useGlobalFilters(app.get(DcrExceptionFilter));
    servePathOfIssuer(app, config.issuer);
    setupSwagger(app);
    return {
      app,
      database: embedded ? 'embedded' : 'external',
      async close() {
        await app.close();
        await embedded?.stop();
      },
    };
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}

/**
 * An issuer with a path (`https://host/tenant-a`) is served under that path, so that every URL the
 * app advertises (registration endpoint, registration_client_uri, docs) is one it answers. Only
 * the metadata stays at the root, where RFC 8414 §3.1 puts it.
 */
function servePathOfIssuer(app: NestFastifyApplication, issuer: string): void {
  const prefix = new URL(issuer).pathname.replace(/^\/+|\/+$/g, '');
  if (prefix) {
    app.setGlobalPrefix(prefix, {
      exclude: [{ path: wellKnownMetadataPath(issuer), method: RequestMethod.GET }],
    });
  }
}

function databaseTarget(
  config: IdentityConfig,
  embedded: EmbeddedPostgres | undefined,
): DatabaseTarget {
  // PGlite serves one session at a time: one pooled connection.
  return embedded
    ? { url: embedded.url, poolSize: 1 }
    : { url: config.databaseUrl as string, poolSize: config.databasePoolSize };
}
