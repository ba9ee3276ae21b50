import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { DCR_MIGRATIONS, DcrClientEntity, runMigrationsUnderLock } from '@agent-runtimes/dcr';
import { createTestSchema, type TestSchema } from '@agent-runtimes/testing';
import { ExpiredRowsCleanup } from '../src/authorization-server/maintenance/expired-rows-cleanup.js';
import { EXPIRED_MODELS_LOCK_KEY } from '../src/authorization-server/persistence/oidc-model.repository.js';
import { IDENTITY_ENTITIES, IDENTITY_MIGRATIONS } from '../src/database/migrations/index.js';
import { useAuthorizationServerOnTestSchema } from './support/authorization-server-on-test-schema.js';

const PG_TYPES: Record<string, string> = {
  text: 'text',
  jsonb: 'jsonb',
  bytea: 'bytea',
  timestamptz: 'timestamp with time zone',
};

// The entities are the one list of their tables' columns (repositories build their statements
// from their metadata), so the migrations must create exactly those columns.
describe('the app\u2019s migrations and entities', () => {
  let schema: TestSchema;
  let dataSource: DataSource;

  beforeAll(async () => {
    schema = await createTestSchema('identity_schema');
    dataSource = await new DataSource({
      type: 'postgres',
      ...schema.connection,
      entities: [DcrClientEntity, ...IDENTITY_ENTITIES],
      migrations: [...DCR_MIGRATIONS, ...IDENTITY_MIGRATIONS],
    }).initialize();
    await runMigrationsUnderLock(dataSource);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await schema.drop();
  });

  it.each(IDENTITY_ENTITIES.map((entity) => [entity.name, entity]))(
    '%s: agree on every column, its type and nullability',
    async (_name, entity) => {
      const metadata = dataSource.getMetadata(entity);
      const rows = await schema.query<{ name: string; type: string; nullable: string }>(
        `SELECT column_name AS name, data_type AS type, is_nullable AS nullable
           FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2`,
        [schema.name, metadata.tableName],
      );
      const fromEntity = metadata.columns.map((column) => ({
        name: column.databaseName,
        type: PG_TYPES[String(column.type)] ?? `unmapped ${String(column.type)}`,
        nullable: column.isNullable ? 'YES' : 'NO',
      }));
      const byName = (x: { name: string }, y: { name: string }) => x.name.localeCompare(y.name);
      expect(rows.sort(byName)).toEqual(fromEntity.sort(byName));
    },
  );

  it('index the columns models are looked up and revoked by', async () => {
    const indexes = await schema.query<{ indexname: string }>(
      `SELECT indexname FROM pg_indexes WHERE schemaname = $1 AND tablename = 'identity_oidc_model'`,
      [schema.name],
    );
    expect(indexes.map((row) => row.indexname).sort()).toEqual(
      [
        'identity_oidc_model_pkey',
        ...['client_id', 'expires_at', 'grant_id', 'uid', 'user_code'].map(
          (column) => `identity_oidc_model_${column}_idx`,
        ),
      ].sort(),
    );
  });
});

const server = useAuthorizationServerOnTestSchema();

describe('deleting expired models', () => {
  const insert = (id: string, expiresAt: string | null) =>
    server.schema().query(
      `INSERT INTO identity_oidc_model (id, kind, payload, expires_at)
       VALUES ($1, 'AuthorizationCode', '{}'::jsonb, $2)`,
      [id, expiresAt],
    );
  const ids = async () =>
    (
      await server.schema().query<{ id: string }>('SELECT id FROM identity_oidc_model ORDER BY id')
    ).map((row) => row.id);

  it('deletes what expired, and keeps the rest', async () => {
    const app = await server.start();
    await insert('expired-1', new Date(Date.now() - 60_000).toISOString());
    await insert('expired-2', new Date(Date.now() - 1_000).toISOString());
    await insert('live', new Date(Date.now() + 60_000).toISOString());
    await insert('forever', null);
    const deleted = await app.identity.app.get(ExpiredRowsCleanup).runOnce();
    expect(deleted).toBe(2);
    expect(await ids()).toEqual(['forever', 'live']);
  });

  it('skips a run while another instance holds the lock', async () => {
    const app = await server.start();
    await insert('expired-3', new Date(Date.now() - 60_000).toISOString());
    const holder = await import('pg');
    const client = new holder.default.Client({ connectionString: server.schema().connection.url });
    await client.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [EXPIRED_MODELS_LOCK_KEY]);
      expect(await app.identity.app.get(ExpiredRowsCleanup).runOnce()).toBe(0);
      expect(await ids()).toContain('expired-3');
      await client.query('COMMIT');
    } finally {
      await client.end();
    }
    expect(await app.identity.app.get(ExpiredRowsCleanup).runOnce()).toBe(1);
  });
});
