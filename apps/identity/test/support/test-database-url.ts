import type { TestSchema } from '@agent-runtimes/testing';

/**
 * A DATABASE_URL for the app that lands in the test's schema (libpq `options` sets the
 * search_path) and names its connections, so that a test can find them in `pg_stat_activity`.
 */
export function databaseUrlFor(
  schema: TestSchema,
  applicationName: string,
  base: string = schema.connection.url,
): string {
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema.name}`);
  url.searchParams.set('application_name', applicationName);
  return url.toString();
}
