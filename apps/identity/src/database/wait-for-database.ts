import type { LoggerService } from '@nestjs/common';
import pg from 'pg';

const RETRY_DELAY_MS = 2000;

/** Where a database URL points, without its credentials: safe to log. */
export function describeDatabase(url: string): string {
  const parsed = URL.parse(url);
  return parsed ? `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}` : 'the database';
}

/**
 * Waits until PostgreSQL accepts a connection, logging one line per failed attempt (no stack
 * trace), for at most `timeoutSeconds`; then throws. Used at start-up so that an app started
 * before its database waits for it instead of crashing or printing a stack trace in a loop.
 */
export async function waitForDatabase(
  url: string,
  timeoutSeconds: number,
  logger: LoggerService,
): Promise<void> {
  const deadline = Date.now() + timeoutSeconds * 1000;
  for (let attempt = 1; ; attempt++) {
    const client = new pg.Client({
      connectionString: url,
      connectionTimeoutMillis: RETRY_DELAY_MS,
    });
    try {
      await client.connect();
      await client.end();
      if (attempt > 1) logger.log(`Database reachable at ${describeDatabase(url)}`, 'Database');
      return;
    } catch (error) {
      await client.end().catch(() => undefined);
      const reason = (error as { code?: string }).code ?? (error as Error).message;
      if (Date.now() + RETRY_DELAY_MS > deadline) {
        throw new Error(
          `Database unreachable at ${describeDatabase(url)} (${reason}) after ${timeoutSeconds} s; giving up`,
          { cause: error },
        );
      }
      logger.warn(
        `Database unreachable at ${describeDatabase(url)} (${reason}); retrying in ${RETRY_DELAY_MS / 1000} s (attempt ${attempt})`,
        'Database',
      );
      await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS));
    }
  }
}
