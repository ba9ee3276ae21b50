import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { TypeOrmModule } from '@nestjs/typeorm';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createTestSchema, type TestSchema } from '@agent-runtimes/testing';
import { DCR_ENTITIES, DCR_MIGRATIONS, DcrModule, runMigrationsUnderLock } from '../src/index.js';

// The entity is the one list of the table's columns: the repository builds its statements from
// its metadata, so the migrations must create exactly those columns.
describe('the migrations and the entity', () => {
  let schema: TestSchema;
  let dataSource: DataSource;

  beforeAll(async () => {
    schema = await createTestSchema('dcr_schema');
    dataSource = await new DataSource({
      type: 'postgres',
      ...schema.connection,
      entities: [...DCR_ENTITIES],
      migrations: DCR_MIGRATIONS,
    }).initialize();
    await runMigrationsUnderLock(dataSource);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await schema.drop();
  });

  it.each(DCR_ENTITIES.map((entity) => [entity.name, entity] as const))(
    'agree on every column of %s: name, type and nullability',
    async (_name, entity) => {
      const table = dataSource.getMetadata(entity).tableName;
      const rows = await schema.query<{ name: string; type: string; nullable: string }>(
        `SELECT column_name AS name, data_type AS type, is_nullable AS nullable
           FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2`,
        [schema.name, table],
      );
      const pgType: Record<string, string> = {
        text: 'text',
        jsonb: 'jsonb',
        bytea: 'bytea',
        integer: 'integer',
        timestamptz: 'timestamp with time zone',
      };
      const fromEntity = dataSource.getMetadata(entity).columns.map((column) => ({
        name: column.databaseName,
        type: pgType[String(column.type)] ?? `unmapped ${String(column.type)}`,
        nullable: column.isNullable ? 'YES' : 'NO',
      }));
      const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.sort(byName)).toEqual(fromEntity.sort(byName));
    },
  );

  it('create no table that has no entity', async () => {
    const tables = await schema.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables
         WHERE table_schema = $1 AND table_name LIKE 'dcr%' ORDER BY table_name`,
      [schema.name],
    );
    expect(tables.map((table) => table.name)).toEqual(
      DCR_ENTITIES.map((entity) => dataSource.getMetadata(entity).tableName).sort(),
    );
  });

  it('run once: a second run under the lock finds nothing pending', async () => {
    expect(await runMigrationsUnderLock(dataSource)).toEqual([]);
  });
});

describe('the dataSource extra (like TypeOrmModule.forFeature(entities, dataSource))', () => {
  let other: TestSchema;
  let dcr: TestSchema;
  let app: NestFastifyApplication;

  beforeAll(async () => {
    [other, dcr] = await Promise.all([
      createTestSchema('dcr_other'),
      createTestSchema('dcr_named'),
    ]);

    @Module({
      imports: [
        // The host's default data source, on a schema without the module's table.
        TypeOrmModule.forRoot({ type: 'postgres', ...other.connection, entities: [] }),
        TypeOrmModule.forRoot({
          name: 'registry',
          type: 'postgres',
          ...dcr.connection,
          entities: [...DCR_ENTITIES],
          migrations: DCR_MIGRATIONS,
          migrationsRun: true,
        }),
        DcrModule.forRoot({ issuer: 'https://issuer.example', dataSource: 'registry' }),
      ],
    })
    class TwoDataSourcesModule {}

    app = await NestFactory.create<NestFastifyApplication>(
      TwoDataSourcesModule,
      new FastifyAdapter(),
      { logger: false, abortOnError: false },
    );
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(async () => {
    await app?.close();
    await Promise.all([other.drop(), dcr.drop()]);
  });

  it('stores and reads clients through the named data source only', async () => {
    const registered = await request(app.getHttpServer())
      .post('/register')
      .send({ redirect_uris: ['https://app.example/cb'], token_endpoint_auth_method: 'none' })
      .expect(201);
    const { client_id, registration_access_token } = registered.body as Record<string, string>;
    await request(app.getHttpServer())
      .get(`/register/${client_id}`)
      .set('Authorization', `Bearer ${registration_access_token}`)
      .expect(200);

    expect(await dcr.query('SELECT client_id FROM dcr_client')).toEqual([{ client_id }]);
    expect(
      await other.query(
        `SELECT count(*)::int AS tables FROM information_schema.tables WHERE table_schema = $1`,
        [other.name],
      ),
    ).toEqual([{ tables: 0 }]);
  });
});
