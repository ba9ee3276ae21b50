import pg from 'pg';

/** Databases the bench refuses to drop, whatever BENCH_DATABASE says. */
const PROTECTED = new Set(['postgres', 'template0', 'template1', 'test']);

/** The URL of `database` on the server of `adminUrl`. */
export function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Runs `work` with one connection to `url`, closing it afterwards. */
export async function withClient<T>(
  url: string,
  work: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Drops (disconnecting any session) and creates the bench database, so each run starts empty. */
export async function recreateDatabase(adminUrl: string, database: string): Promise<string> {
  assertBenchDatabase(database);
  await withClient(adminUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${database}"`);
  });
  return databaseUrl(adminUrl, database);
}

export async function dropDatabase(adminUrl: string, database: string): Promise<void> {
  assertBenchDatabase(database);
  await withClient(adminUrl, (client) =>
    client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`),
  );
}

/** `PostgreSQL 15.x` of the server, for the results. */
export async function serverVersion(adminUrl: string): Promise<string> {
  return withClient(adminUrl, async (client) => {
    const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
    return `PostgreSQL ${rows[0]?.server_version ?? '?'}`;
  });
}

function assertBenchDatabase(database: string): void {
  if (!/^[a-z_][a-z0-9_]*$/.test(database) || PROTECTED.has(database)) {
    throw new Error(
      `refusing to drop and recreate database "${database}": choose a bench database`,
    );
  }
}
