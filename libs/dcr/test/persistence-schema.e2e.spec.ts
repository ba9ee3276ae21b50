import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { TypeOrmModule } from '@nestjs/typeorm';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createTestSchema, type TestSchema } from '@agent-runtimes/testing';
import {
  DCR_ENTITIES,
  DCR_MIGRATIONS,
  DcrCimdDocumentEntity,
  DcrClientAssertionJtiEntity,
  DcrClientEntity,
  DcrInitialAccessTokenEntity,
  DcrRateLimitEntity,
  DcrModule,
  runMigrationsUnderLock,
} from '../src/index.js';

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
      entities: DCR_ENTITIES,
      migrations: DCR_MIGRATIONS,
    }).initialize();
    await runMigrationsUnderLock(dataSource);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await schema.drop();
  });

  it('cover every entity of DCR_ENTITIES', () => {
    expect(DCR_ENTITIES).toEqual([
      DcrClientEntity,
      DcrClientAssertionJtiEntity,
      DcrCimdDocumentEntity,
      DcrRateLimitEntity,
      DcrInitialAccessTokenEntity,
    ]);
  });

  it.each(DCR_ENTITIES.map((entity) => [entity.name, entity]))(
    '%s: agree on every column (name, type, nullability) and on the primary key',
    async (_name, entity) => {
      const metadata = dataSource.getMetadata(entity);
      const rows = await schema.query<{ name: string; type: string; nullable: string }>(
        `SELECT column_name AS name, data_type AS type, is_nullable AS nullable
           FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2`,
        [schema.name, metadata.tableName],
      );
      const pgType: Record<string, string> = {
        text: 'text',
        jsonb: 'jsonb',
        bytea: 'bytea',
        integer: 'integer',
        timestamptz: 'timestamp with time zone',
      };
      const fromEntity = metadata.columns.map((column) => ({
        name: column.databaseName,
        type: pgType[String(column.type)] ?? `unmapped ${String(column.type)}`,
        nullable: column.isNullable ? 'YES' : 'NO',
      }));
      const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
      expect(rows.sort(byName)).toEqual(fromEntity.sort(byName));

      const key = await schema.query<{ name: string }>(
        `SELECT a.attname AS name
           FROM pg_index i
           JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
          WHERE i.indrelid = $1::regclass AND i.indisprimary
          ORDER BY array_position(i.indkey::int2[], a.attnum)`,
        [`"${schema.name}"."${metadata.tableName}"`],
      );
      expect(key.map((column) => column.name)).toEqual(
        metadata.primaryColumns.map((column) => column.databaseName),
      );
    },
  );

  it('list every table the migrations create among DCR_ENTITIES', async () => {
    const tables = await schema.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables
         WHERE table_schema = $1 AND table_name <> 'migrations' ORDER BY 1`,
      [schema.name],
    );
    const fromEntities = DCR_ENTITIES.map((entity) => dataSource.getMetadata(entity).tableName);
    expect(tables.map((table) => table.name)).toEqual(fromEntities.sort());
  });

  it('keep the rate-limit counters out of the write-ahead log (an UNLOGGED table)', async () => {
    const [table] = await schema.query<{ persistence: string }>(
      `SELECT relpersistence AS persistence FROM pg_class
        WHERE oid = to_regclass(quote_ident($1) || '.dcr_rate_limit')`,
      [schema.name],
    );
    expect(table).toEqual({ persistence: 'u' });
  });

  it('record a client that authenticated before first_authenticated_at existed as used', async () => {
    // The migration before it, then a client that authenticated, then the new migration.
    const partial = await createTestSchema('dcr_first_use');
    const older = await new DataSource({
      type: 'postgres',
      ...partial.connection,
      entities: DCR_ENTITIES,
      migrations: DCR_MIGRATIONS.slice(
        0,
        DCR_MIGRATIONS.findIndex(({ name }) => name.startsWith('DcrClientFirstAuthenticatedAt')),
      ),
    }).initialize();
    try {
      await runMigrationsUnderLock(older);
      await partial.query(
        `INSERT INTO dcr_client (client_id, metadata, registration_token_digest, issued_at,
           updated_at, version, last_authenticated_at)
         VALUES ('used', '{}', decode(repeat('00', 32), 'hex'), now(), now(), 1, now() - interval '1 day'),
                ('unused', '{}', decode(repeat('11', 32), 'hex'), now(), now(), 1, NULL)`,
      );
      await older.destroy();
      const current = await new DataSource({
        type: 'postgres',
        ...partial.connection,
        entities: DCR_ENTITIES,
        migrations: DCR_MIGRATIONS,
      }).initialize();
      await runMigrationsUnderLock(current);
      await current.destroy();
      expect(
        await partial.query(
          `SELECT client_id, first_authenticated_at = last_authenticated_at AS same,
                  first_authenticated_at IS NULL AS never
             FROM dcr_client ORDER BY client_id`,
        ),
      ).toEqual([
        { client_id: 'unused', same: null, never: true },
        { client_id: 'used', same: true, never: false },
      ]);
    } finally {
      if (older.isInitialized) await older.destroy();
      await partial.drop();
    }
  });

  it("record a client's initial access token without a foreign key (no lock on the token's row), reversibly", async () => {
    const foreignKeys = () =>
      schema.query<{ name: string; definition: string }>(
        `SELECT conname AS name, pg_get_constraintdef(oid) AS definition FROM pg_constraint
          WHERE conrelid = to_regclass(quote_ident($1) || '.dcr_client') AND contype = 'f'`,
        [schema.name],
      );
    expect(await foreignKeys()).toEqual([]);
    // Its down migration puts the key back as the earlier migration made it.
    await dataSource.undoLastMigration();
    try {
      expect(await foreignKeys()).toEqual([
        {
          name: 'dcr_client_initial_access_token_id_fkey',
          definition:
            'FOREIGN KEY (initial_access_token_id) REFERENCES dcr_initial_access_token(id) ON DELETE SET NULL',
        },
      ]);
    } finally {
      await runMigrationsUnderLock(dataSource);
    }
    expect(await foreignKeys()).toEqual([]);
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
          entities: DCR_ENTITIES,
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
