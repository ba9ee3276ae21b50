import { RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Logger } from 'pino';
import { DcrExceptionFilter, dcrFrameworkErrors } from '@agent-runtimes/dcr';
import type { IdentityConfig } from './config/identity-config.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './database/embedded-postgres.js';
import type { DatabaseTarget } from './database/typeorm-options.js';
import { AuthorizationServer } from './authorization-server/provider/authorization-server.js';
import { mountAuthorizationServer } from './authorization-server/provider/provider-mount.js';
import {
  wellKnownMetadataPath,
  wellKnownOpenIdConfigurationPath,
} from './discovery/discovery.controller.js';
import { drainOnClose } from './http/drain-on-close.js';
import { IdentityModule } from './identity.module.js';
import { createJsonLogger } from './logging/json-logger.js';
import { NestJsonLogger } from './logging/nest-json-logger.js';
import { logRequests, requestIdOptions } from './logging/request-log.js';
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
 * configured PostgreSQL or on the embedded one; node-oidc-provider's endpoints mounted into
 * Fastify under the issuer; the RFC error filter for every Nest route (the whole app is an OAuth
 * API), so that body-parser errors get the same JSON shape; JSON logs with one line per request;
 * Swagger UI at `/docs`.
 *
 * @param logger the app's logger; `false` for none (tests)
 */
export async function createIdentityApp(
  config: IdentityConfig,
  logger: Logger | false = createJsonLogger(config.logLevel),
): Promise<IdentityApp> {
  const log = logger === false ? createJsonLogger('silent') : logger;
  const embedded = config.databaseUrl ? undefined : await startEmbeddedPostgres(config.dataDir);
  try {
    const adapter = new FastifyAdapter({
      bodyLimit: BODY_LIMIT_BYTES,
      // Paths Fastify cannot route (a broken percent-encoding) get an RFC-style error too.
      frameworkErrors: dcrFrameworkErrors,
      ...requestIdOptions,
      // SIGTERM: answer what is in flight, refuse what arrives, close idle keep-alive sockets.
      return503OnClosing: true,
      forceCloseConnections: 'idle',
    });
    logRequests(adapter.getInstance(), log);
    const drain = drainOnClose(adapter.getInstance());
    const app = await NestFactory.create<NestFastifyApplication>(
      IdentityModule.forRoot(config, databaseTarget(config, embedded)),
      adapter,
      { logger: new NestJsonLogger(log), abortOnError: false },
    );
    app.useGlobalFilters(app.get(DcrExceptionFilter));
    mountAuthorizationServer(
      adapter.getInstance(),
      app.get(AuthorizationServer),
      issuerPath(config.issuer),
      drain,
    );
    servePathOfIssuer(app, config.issuer);
    setupSwagger(app);
    return {
      app,
      database: embedded ? 'embedded' : 'external',
      async close() {
        drain.start();
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
 * app advertises (registration endpoint, registration_client_uri, docs) is one it answers. The
 * metadata stays at the root, where RFC 8414 §3.1 puts it, and so do the health probes.
 */
function servePathOfIssuer(app: NestFastifyApplication, issuer: string): void {
  const prefix = issuerPath(issuer).replace(/^\/+/, '');
  if (prefix) {
    app.setGlobalPrefix(prefix, {
      exclude: [
        { path: wellKnownMetadataPath(issuer), method: RequestMethod.GET },
        { path: wellKnownOpenIdConfigurationPath(issuer), method: RequestMethod.GET },
        { path: 'health', method: RequestMethod.GET },
        { path: 'health/ready', method: RequestMethod.GET },
      ],
    });
  }
}

/** The issuer's path without a trailing slash: `''` or `/tenant-a`. */
function issuerPath(issuer: string): string {
  return new URL(issuer).pathname.replace(/\/+$/, '');
}

function databaseTarget(
  config: IdentityConfig,
  embedded: EmbeddedPostgres | undefined,
): DatabaseTarget {
  const timeouts = {
    statementTimeoutMs: config.databaseStatementTimeoutMs,
    idleTimeoutMs: config.databaseIdleTimeoutMs,
  };
  // PGlite serves one session at a time: one pooled connection.
  return embedded
    ? { url: embedded.url, poolSize: 1, ...timeouts }
    : {
        url: config.databaseUrl as string,
        poolSize: config.databasePoolSize,
        replicaUrls: config.databaseReplicaUrls,
        ...timeouts,
      };
}
