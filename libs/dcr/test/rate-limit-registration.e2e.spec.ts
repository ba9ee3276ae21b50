import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { TypeOrmModule } from '@nestjs/typeorm';
import request from 'supertest';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { createTestSchema } from '@agent-runtimes/testing';
import { DCR_MIGRATIONS, DcrClientEntity, DcrModule } from '../src/index.js';
import { createDcrTestApp, type DcrTestApp } from './support/dcr-test-app.js';
import {
  clientOn,
  expectRateLimited,
  register,
  statuses,
  type Answer,
} from './support/rate-limit-requests.js';

// Each describe starts an app on a schema of its own: its counters start at zero.
describe('the per-client-address limit', () => {
  let t: DcrTestApp;

  beforeAll(async () => {
    t = await createDcrTestApp({
      dcr: { registrationRateLimit: { perClientIp: { limit: 3, windowSeconds: 60 } } },
    });
  });

  afterAll(async () => {
    await t.close();
  });

  it('answers 429 with Retry-After and an RFC-style body after N registrations', async () => {
    const answers: Answer[] = [];
    for (let attempt = 0; attempt < 5; attempt++) answers.push(await register(t.server));
    expect(statuses(answers)).toEqual([201, 201, 201, 429, 429]);
    expectRateLimited(answers[3], 'slow_down', 'rate_limit_per_client_ip', 60);
    expect(answers[3]?.body.error_description).toContain(
      'too many registrations from this client address (more than 3 in 60 seconds)',
    );
    // A refused registration stored nothing.
    expect(await t.countClients()).toBe(3);
  });

  it('keeps the counters in PostgreSQL, by digest: no client address is stored', async () => {
    const rows = await t.schema.query<{ key: string; hits: number; blocked: boolean }>(
      'SELECT key, hits, blocked_until > now() AS blocked FROM dcr_rate_limit',
    );
    expect(rows).toEqual([
      { key: expect.stringMatching(/^[0-9a-f]{64}$/), hits: 4, blocked: true },
    ]);
  });

  it('limits only registration: the configuration endpoint of a client still answers', async () => {
    const [row] = await t.schema.query<{ client_id: string }>(
      'SELECT client_id FROM dcr_client LIMIT 1',
    );
    // Without its token, but past the rate limit: the answer is the RFC 7592 401, not a 429.
    await request(t.server).get(`/register/${row?.client_id}`).expect(401);
  });
});

describe('without the registrationRateLimit option', () => {
  let t: DcrTestApp;

  beforeAll(async () => {
    t = await createDcrTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('counts nothing: registration is not limited', async () => {
    const answers = await Promise.all(
      [...Array(25).keys()].map(() => register(t.server, clientOn('unlimited.example'))),
    );
    expect(new Set(statuses(answers))).toEqual(new Set([201]));
    expect(await t.schema.query('SELECT * FROM dcr_rate_limit')).toEqual([]);
  });
});

describe('the global cap', () => {
  let t: DcrTestApp;

  beforeAll(async () => {
    t = await createDcrTestApp({
      dcr: {
        registrationRateLimit: {
          perClientIp: { limit: 100, windowSeconds: 60 },
          global: { limit: 4, windowSeconds: 30 },
        },
        // The test's requests come through "a proxy" on the loopback interface.
        trustedProxies: ['127.0.0.1', '::1'],
      },
    });
  });

  afterAll(async () => {
    await t.close();
  });

  it('refuses registrations from every client once the server-wide cap is reached', async () => {
    const from = (address: string) => ({ 'X-Forwarded-For': address });
    const answers: Answer[] = [];
    for (const address of ['192.0.2.1', '192.0.2.2', '192.0.2.3', '192.0.2.4', '192.0.2.5']) {
      answers.push(await register(t.server, clientOn('global.example'), from(address)));
    }
    expect(statuses(answers)).toEqual([201, 201, 201, 201, 429]);
    expectRateLimited(answers[4], 'temporarily_unavailable', 'rate_limit_global', 30);
    const another = await register(t.server, clientOn('other.example'), from('198.51.100.9'));
    expectRateLimited(another, 'temporarily_unavailable', 'rate_limit_global', 30);
  });
});

describe('a host data source without DcrRateLimitEntity', () => {
  it('stops start-up when a limit is on, saying what to list', async () => {
    const schema = await createTestSchema('dcr_no_counter_entity');
    // The data source outlives the failed start-up: kept here to be closed.
    let dataSource: DataSource | undefined;
    @Module({
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => ({
            type: 'postgres',
            ...schema.connection,
            // As hosts listed the entities before the rate limits existed.
            entities: [DcrClientEntity],
            migrations: DCR_MIGRATIONS,
            migrationsRun: true,
          }),
          dataSourceFactory: async (options) => {
            dataSource = await new DataSource(options as DataSourceOptions).initialize();
            return dataSource;
          },
        }),
        DcrModule.forRoot({
          issuer: 'https://issuer.example',
          registrationRateLimit: { perClientIp: { limit: 5, windowSeconds: 60 } },
        }),
      ],
    })
    class OldHostModule {}
    try {
      const starting = NestFactory.create(OldHostModule, new FastifyAdapter(), {
        logger: false,
        abortOnError: false,
      });
      await expect(starting).rejects.toThrow('list DCR_ENTITIES in its entities');
    } finally {
      await dataSource?.destroy();
      await schema.drop();
    }
  });
});
