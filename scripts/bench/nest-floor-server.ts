/**
 * The floor's work behind bare Nest on Fastify: the same SQL on the same table as the floor
 * (`floor-client.ts`), the same random credentials and digests, the same responses, in one Nest
 * controller with no validation, guard, filter, middleware or logging. An information row of the
 * bench: between the floor and an app, it shows what the framework costs and what the app's own
 * code costs. Run as a child process by the bench (`FLOOR_*` variables) after the floor has
 * created the table; not part of any shipped code.
 */
import 'reflect-metadata';
import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Module,
  NotFoundException,
  Param,
  Post,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  findFloorClient,
  floorClientResponse,
  floorSettings,
  registerFloorClient,
} from './floor-client.js';

const { port, issuer, pool } = floorSettings();

/** `POST /register`, `GET /no-auth/register/{id}` and `GET /health`, as the floor answers them. */
@Controller()
class NestFloorController {
  @Post('register')
  @HttpCode(201)
  @Header('cache-control', 'no-store')
  @Header('pragma', 'no-cache')
  register(@Body() metadata: Record<string, unknown>): Promise<Record<string, unknown>> {
    return registerFloorClient(pool, issuer, metadata);
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
  // The floor creates the table; wait for it rather than race its CREATE.
  for (let attempt = 0; ; attempt += 1) {
    const { rows } = await pool.query<{ table: string | null }>(
      `SELECT to_regclass('floor_client')::text AS "table"`,
    );
    if (rows[0]?.table) break;
    if (attempt > 300) throw new Error('the floor never created floor_client');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const app = await NestFactory.create<NestFastifyApplication>(
    NestFloorModule,
    // As the identity app's Fastify: bodies up to 64 KiB.
    new FastifyAdapter({ bodyLimit: 64 * 1024 }),
    { logger: ['error'] },
  );
  app.enableShutdownHooks();
  await app.listen(port, '127.0.0.1');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
