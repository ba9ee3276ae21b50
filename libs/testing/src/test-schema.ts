import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * The real PostgreSQL server tests run against. `.ci/run` starts the machine's server; set
 * `TEST_DATABASE_URL` to use another one.
 */
export const TEST_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A schema of its own for one test file, so parallel Jest workers never see each other's rows. */
export interface TestSchema {
  readonly name: string;
  /** Connection options that put every unqualified name (tables, migrations) in this schema. */
  readonly connection: {
    url: string;
    schema: string;
    extra: { options: string };
  };
  /** Runs SQL in this schema. */
  query<Row extends pg.QueryResultRow = Record<string, unknown>>(
    sql: string,
    params?: unknown[],
  ): Promise<Row[]>;
  /** Drops the schema and everything in it. */
  drop(): Promise<void>;
}

export async function createTestSchema(prefix = 'test'): Promise<TestSchema> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({
    connectionString: TEST_DATABASE_URL,
    options: `-c search_path=${name}`,
  });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `Cannot reach the test PostgreSQL server at ${TEST_DATABASE_URL} (start it, or set TEST_DATABASE_URL): ${String(error)}`,
      { cause: error },
    );
  }
  await client.query(`CREATE SCHEMA "${name}"`);
  return {
    name,
    connection: {
      url: TEST_DATABASE_URL,
      schema: name,
      extra: { options: `-c search_path=${name}` },
    },
    async query<Row extends pg.QueryResultRow>(sql: string, params?: unknown[]) {
      return (await client.query<Row>(sql, params)).rows;
    },
    async drop() {
      try {
        await client.query(`DROP SCHEMA "${name}" CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}
