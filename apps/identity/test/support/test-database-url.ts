import type { TestSchema } from '@agent-runtimes/testing';

/**
 * A DATABASE_URL for the app that lands in the test's schema. The app's configuration only takes
 * a URL, so the schema travels as the libpq `options` parameter (node-postgres reads it from the
 * connection string); an application name lets a test find the app's connections in
 * `pg_stat_activity`.
 */
export function databaseUrlFor(
  schema: TestSchema,
  applicationName?: string,
  base: string = schema.connection.url,
): string {
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema.name}`);
  if (applicationName) url.searchParams.set('application_name', applicationName);
  return url.toString();
}
