/**
 * The floor's work behind bare Nest: the same SQL on the same table as the floor
 * (`floor-client.ts`), the same random credentials and digests, the same responses, in one Nest
 * controller with no validation, guard, filter, middleware or logging, on Fastify or (with
 * `NEST_FLOOR_ADAPTER=express`) on Express, with the body limit the apps have. Information rows
 * of the bench: between the floor and an app, they show what the framework costs and what the
 * app's own code costs. Run as a child process by the bench (`FLOOR_*` variables) after the floor
 * has created the table; not part of any shipped code.
 */
import 'reflect-metadata';
import {
  Body,
  Controller,
  Get,
  Header,
  Headers,
  HttpCode,
  Module,
  NotFoundException,
  Param,
  Post,
  UnauthorizedException,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter, type NestExpressApplication } from '@nestjs/platform-express';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  findFloorClient,
  floorClientResponse,
  floorSettings,
  registerFloorClient,
  untilFloorTable,
} from './floor-client.js';
import { bearerToken } from './floor-http.js';
import {
  mintFloorToken,
  registerWithFloorToken,
  type FloorMintRequest,
} from './floor-initial-access.js';
import { POLICY_ADMIN_TOKEN } from './servers/identity-policy.js';

const { port, issuer, pool } = floorSettings();
/** As the apps': bodies up to 64 KiB. */
const BODY_LIMIT_BYTES = 64 * 1024;

/**
 * `POST /register` (with an initial access token too), `POST /admin/initial-access-tokens`,
 * `GET /no-auth/register/{id}` and `GET /health`, as the floor answers them.
 */
@Controller()
class NestFloorController {
  @Post('register')
  @HttpCode(201)
  @Header('cache-control', 'no-store')
  @Header('pragma', 'no-cache')
  async register(
    @Body() metadata: Record<string, unknown>,
    @Headers('authorization') authorization?: string,
  ): Promise<Record<string, unknown>> {
    if (authorization === undefined) return registerFloorClient(pool, issuer, metadata);
    const token = bearerToken(authorization);
    const registered =
      token === undefined ? undefined : await registerWithFloorToken(pool, issuer, metadata, token);
    if (registered === undefined) throw new UnauthorizedException({ error: 'invalid_token' });
    return registered;
  }

  @Post('admin/initial-access-tokens')
  @HttpCode(201)
  @Header('cache-control', 'no-store')
  mint(
    @Body() request: FloorMintRequest,
    @Headers('authorization') authorization?: string,
  ): Promise<{ id: string; token: string }> {
    if (authorization !== `Bearer ${POLICY_ADMIN_TOKEN}`) {
      throw new UnauthorizedException({ error: 'invalid_token' });
    }
    return mintFloorToken(pool, request);
  }

  @Get('no-auth/register/:id')
  @Header('cache-control', 'no-store')
  @Header('pragma', 'no-cache')
  async read(@Param('id') clientId: string): Promise<Record<string, unknown>> {
    const row = await findFloorClient(pool, clientId);
    if (!row) throw new NotFoundException();
    return floorClientResponse(row, issuer);
  }

  @Get('health')
  health(): { status: string } {
    return { status: 'ok' };
  }
}

@Module({ controllers: [NestFloorController] })
class NestFloorModule {}

async function main(): Promise<void> {
  await untilFloorTable(pool);
  const app = process.env.NEST_FLOOR_ADAPTER === 'express' ? await onExpress() : await onFastify();
  app.enableShutdownHooks();
  await app.listen(port, '127.0.0.1');
  // As the other servers: no server closes idle keep-alive connections sooner than another.
  (app.getHttpServer() as { keepAliveTimeout: number }).keepAliveTimeout = 72_000;
}

async function onFastify(): Promise<NestFastifyApplication> {
  return NestFactory.create<NestFastifyApplication>(
    NestFloorModule,
    new FastifyAdapter({ bodyLimit: BODY_LIMIT_BYTES }),
    { logger: ['error'] },
  );
}

/** As the Express host app (express-app.ts) sets Express up, without its logging and module. */
async function onExpress(): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(
    NestFloorModule,
    new ExpressAdapter(),
    { logger: ['error'], bodyParser: false },
  );
  app.disable('x-powered-by');
  app.useBodyParser('json', { limit: BODY_LIMIT_BYTES });
  return app;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
