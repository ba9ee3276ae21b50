/**
 * A bench-only host app: `DcrModule` from the built library (`@agent-runtimes/dcr`, i.e.
 * `libs/dcr/dist`) on `@nestjs/platform-express`, composed the way the README tells a host app to
 * and `apps/example-consumer` does. Run as a child process by the bench (`EXPRESS_*` variables);
 * not part of any shipped code.
 *
 * What it does per request, next to the identity app (Fastify), so the comparison is fair:
 * - the same module with its defaults (the identity app's defaults are the same values), on a
 *   TypeORM data source of the same pool size and pool settings, on the same database and table;
 *   the module's migrations run at start under `runMigrationsUnderLock`, as in the identity app;
 * - JSON bodies up to 64 KiB (Express's `json` parser), `DcrBodyErrorFilter` bound globally as the
 *   README tells hosts (the identity app binds the broader `DcrExceptionFilter`; both filters do
 *   nothing on a request that succeeds);
 * - one JSON log line per request with pino, as the identity app writes them: asynchronous
 *   writes, the same fields (request id, method, path, status, ms), the same redaction list, at
 *   `LOG_LEVEL` (default `info`; `warn` turns them off in both apps), and an `X-Request-Id`
 *   (kept from the request when it looks like an id, or a new UUID), as the identity app sends;
 * - no global prefix (the module's routes at `/register`, as on the identity app), no Swagger,
 *   no token endpoint; `GET /health` for the bench to know it is up.
 *
 * If the module gains a registration rate limit that is on by default (issue 9), switch it off
 * here too, as the bench does for the identity app (`REGISTRATION_RATE_LIMIT=off`).
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { Controller, Get, Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter, type NestExpressApplication } from '@nestjs/platform-express';
import { TypeOrmModule } from '@nestjs/typeorm';
import { pino, type LevelWithSilent, type Logger } from 'pino';
import { DataSource, type DataSourceOptions } from 'typeorm';
import {
  DCR_MIGRATIONS,
  DcrBodyErrorFilter,
  DCR_ENTITIES,
  DcrModule,
  runMigrationsUnderLock,
} from '@agent-runtimes/dcr';

const port = Number(process.env.EXPRESS_PORT);
const issuer = process.env.EXPRESS_ISSUER ?? `http://127.0.0.1:${port}`;
const poolSize = Number(process.env.EXPRESS_POOL_SIZE ?? 16);
const logLevel = (process.env.LOG_LEVEL ?? 'info') as LevelWithSilent;

/** As the identity app's `BODY_LIMIT_BYTES`. */
const BODY_LIMIT_BYTES = 64 * 1024;

/** The identity app's redaction list (apps/identity/src/logging/json-logger.ts), same cost. */
const REDACTED_PATHS = [
  'authorization',
  'headers.authorization',
  'headers.cookie',
  'req.headers.authorization',
  'req.headers.cookie',
  'client_secret',
  'registration_access_token',
  'initial_access_token',
  'software_statement',
  'password',
  'body.client_secret',
  'body.registration_access_token',
  'body.initial_access_token',
  'body.software_statement',
];

/** As the identity app's request ids: an incoming id is kept only if it looks like one. */
const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** The same pool settings as the identity app's defaults (apps/identity typeorm-options.ts). */
const dataSourceOptions: DataSourceOptions = {
  type: 'postgres',
  url: process.env.EXPRESS_DATABASE_URL,
  entities: DCR_ENTITIES,
  migrations: DCR_MIGRATIONS,
  migrationsRun: false,
  synchronize: false,
  extra: {
    max: poolSize,
    connectionTimeoutMillis: 3000,
    idleTimeoutMillis: 10_000,
    query_timeout: 11_000,
    keepAlive: true,
  },
};

/** Lets the bench wait for the app to be up. */
@Controller('health')
class HealthController {
  @Get()
  health(): { status: string } {
    return { status: 'ok' };
  }
}

/** The host app: its data source, then the module on it. */
@Module({})
class BenchExpressModule {
  static forRoot(): DynamicModule {
    return {
      module: BenchExpressModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => dataSourceOptions,
          // Migrations under an advisory lock: the identity app migrates the same database.
          dataSourceFactory: async () => {
            const dataSource = await new DataSource(dataSourceOptions).initialize();
            await runMigrationsUnderLock(dataSource);
            return dataSource;
          },
        }),
        DcrModule.forRoot({ issuer }),
      ],
      controllers: [HealthController],
    };
  }
}

/** One log line per request after the response, as the identity app's `logRequests`. */
function logRequests(log: Logger) {
  return (
    req: IncomingMessage & { originalUrl?: string },
    res: ServerResponse,
    next: () => void,
  ) => {
    const started = performance.now();
    const incoming = req.headers['x-request-id'];
    const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.setHeader('X-Request-Id', id);
    res.once('finish', () => {
      log.info(
        {
          reqId: id,
          method: req.method,
          path: (req.originalUrl ?? req.url ?? '').split('?', 1)[0],
          status: res.statusCode,
          ms: Math.round((performance.now() - started) * 100) / 100,
        },
        'request',
      );
    });
    next();
  };
}

async function main(): Promise<void> {
  const log = pino(
    {
      level: logLevel,
      base: { service: 'bench-express' },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      formatters: { level: (label) => ({ level: label }) },
    },
    pino.destination({ dest: 1, sync: false }),
  );
  const app = await NestFactory.create<NestExpressApplication>(
    BenchExpressModule.forRoot(),
    new ExpressAdapter(),
    { logger: ['warn', 'error', 'fatal'], abortOnError: false, bodyParser: false },
  );
  app.disable('x-powered-by');
  // First, so its clock starts with the request, as Fastify's `elapsedTime` does; registered at
  // every level, as the identity app's hooks are (below `info` a line costs a level check).
  app.use(logRequests(log));
  app.useBodyParser('json', { limit: BODY_LIMIT_BYTES });
  app.useGlobalFilters(app.get(DcrBodyErrorFilter));
  await app.listen(port, '127.0.0.1');
  // As Fastify's default and the floor's: no server closes idle keep-alive connections sooner.
  (app.getHttpServer() as { keepAliveTimeout: number }).keepAliveTimeout = 72_000;

  const stop = () => {
    app.close().then(
      () => log.flush(() => process.exit(0)),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
