import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { TypeOrmModule } from '@nestjs/typeorm';
import request from 'supertest';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { startReplicationPair, type ReplicationPair } from '@agent-runtimes/testing';
import {
  ClientAuthenticationService,
  DCR_ENTITIES,
  DCR_MIGRATIONS,
  DcrModule,
  runMigrationsUnderLock,
} from '../src/index.js';

// A scratch primary and a hot standby of it (pg_createcluster + pg_basebackup -R), the module on
// TypeORM's `replication`: reads that may be stale (client look-ups at the token endpoint) go to
// the replica, everything else to the primary, and a look-up the replica cannot answer (a client
// registered a moment ago) is read again from the primary.
const TIMEOUT_MS = 120_000;

interface Registered {
  client_id: string;
  registration_access_token: string;
}

describe('DcrModule on a primary with a read replica', () => {
  let pair: ReplicationPair;
  let app: NestFastifyApplication;
  let auth: ClientAuthenticationService;

  beforeAll(async () => {
    pair = await startReplicationPair();
    const options: DataSourceOptions = {
      type: 'postgres',
      replication: { master: { url: pair.primaryUrl }, slaves: [{ url: pair.replicaUrl }] },
      entities: [...DCR_ENTITIES],
      migrations: DCR_MIGRATIONS,
      // A stopped replica is found out at once rather than after the pool's timeout.
      extra: { connectionTimeoutMillis: 2000 },
    };

    @Module({
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => options,
          dataSourceFactory: async () => {
            const dataSource = await new DataSource(options).initialize();
            await runMigrationsUnderLock(dataSource);
            return dataSource;
          },
        }),
        DcrModule.forRoot({ issuer: 'https://issuer.example' }),
      ],
    })
    class ReplicatedModule {}

    app = await NestFactory.create<NestFastifyApplication>(ReplicatedModule, new FastifyAdapter(), {
      logger: false,
      abortOnError: false,
    });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    auth = app.get(ClientAuthenticationService);
    // The standby has the schema the migrations just wrote on the primary before a test pauses it.
    await pair.caughtUp();
  }, TIMEOUT_MS);

  afterAll(async () => {
    await app?.close();
    await pair?.drop();
  }, TIMEOUT_MS);

  const register = async (name: string) =>
    (
      await request(app.getHttpServer())
        .post('/register')
        .send({
          client_name: name,
          redirect_uris: ['http://127.0.0.1/cb'],
          token_endpoint_auth_method: 'none',
        })
        .expect(201)
    ).body as Registered;

  it('authenticates a client registered on the primary at once, before the replica has it', async () => {
    await pair.caughtUp();
    await pair.pauseReplay();
    try {
      const client = await register('Fresh');
      expect(
        await pair.replica('SELECT 1 FROM dcr_client WHERE client_id = $1', [client.client_id]),
      ).toEqual([]);
      const authenticated = await auth.authenticate({ body: { client_id: client.client_id } });
      expect(authenticated.metadata.client_name).toBe('Fresh');
      expect((await auth.findClient(client.client_id))?.metadata.client_name).toBe('Fresh');
    } finally {
      await pair.resumeReplay();
    }
  });

  it('serves look-ups from the replica while it is up, and RFC 7592 reads from the primary', async () => {
    const client = await register('Before');
    await pair.caughtUp();
    await pair.pauseReplay();
    try {
      await request(app.getHttpServer())
        .put(`/register/${client.client_id}`)
        .set('Authorization', `Bearer ${client.registration_access_token}`)
        .send({
          client_id: client.client_id,
          client_name: 'After',
          redirect_uris: ['http://127.0.0.1/cb'],
          token_endpoint_auth_method: 'none',
        })
        .expect(200);
      // The replica has not replayed the update: a look-up served by it shows the old name.
      expect((await auth.findClient(client.client_id))?.metadata.client_name).toBe('Before');
      const read = await request(app.getHttpServer())
        .get(`/register/${client.client_id}`)
        .set('Authorization', `Bearer ${client.registration_access_token}`)
        .expect(200);
      expect(read.body.client_name).toBe('After');
    } finally {
      await pair.resumeReplay();
    }
    await pair.caughtUp();
    expect((await auth.findClient(client.client_id))?.metadata.client_name).toBe('After');
  });

  it(
    'keeps serving reads and writes while the replica is stopped',
    async () => {
      const before = await register('Before the outage');
      await pair.caughtUp();
      await pair.stopReplica();
      try {
        const during = await register('During the outage');
        for (const client of [before, during]) {
          await expect(
            auth.authenticate({ body: { client_id: client.client_id } }),
          ).resolves.toMatchObject({ clientId: client.client_id });
          expect(await auth.findClient(client.client_id)).toBeDefined();
          await request(app.getHttpServer())
            .get(`/register/${client.client_id}`)
            .set('Authorization', `Bearer ${client.registration_access_token}`)
            .expect(200);
        }
      } finally {
        await pair.startReplica();
      }
    },
    TIMEOUT_MS,
  );
});
